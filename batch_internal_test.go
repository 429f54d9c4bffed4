package gonamo

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/matryer/is"
)

func TestBatchBackoff(t *testing.T) {
	is := is.New(t)
	o, err := batchOptions([]func(*BatchOptions){func(o *BatchOptions) {
		o.BaseDelay, o.MaxDelay, o.Jitter = 10*time.Millisecond, time.Second, 0
	}})
	is.NoErr(err)
	half := func() float64 { return 0.5 }
	want := []time.Duration{10, 20, 40, 80, 160, 320, 640, 1000, 1000}
	for i, w := range want {
		is.Equal(o.backoff(i+1, half), w*time.Millisecond) // no jitter: exponential, capped
	}
	is.Equal(o.backoff(200, half), time.Second) // no overflow
	o.Jitter = 1
	is.Equal(o.backoff(3, half), 20*time.Millisecond)                        // full jitter: uniform in [0, 40ms)
	is.Equal(o.backoff(3, func() float64 { return 0 }), 40*time.Millisecond) // the bound itself
	o.Jitter = 0.25
	is.Equal(o.backoff(1, func() float64 { return 1 }), 7500*time.Microsecond)
}

// fakeReq is a request of the engine tests.
type fakeReq struct{ n int }

func TestRunBatchRetriesAndWaits(t *testing.T) {
	is := is.New(t)
	var waits []time.Duration
	o, err := batchOptions([]func(*BatchOptions){func(o *BatchOptions) {
		o.MaxAttempts, o.BaseDelay, o.Jitter = 4, time.Millisecond, 0
		o.sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	}})
	is.NoErr(err)
	reqs := []*fakeReq{{0}, {1}, {2}}
	// Each call processes the first pending request only.
	do := func(_ context.Context, pending []*fakeReq) ([]*fakeReq, []int, error) {
		return pending[1:], []int{pending[0].n}, nil
	}
	var got []int
	left, attempts, err := runBatch(context.Background(), o, [][]*fakeReq{reqs}, do, func(n int) bool { got = append(got, n); return true })
	is.NoErr(err)
	is.Equal(len(left), 0)
	is.Equal(attempts, 3)
	is.Equal(got, []int{0, 1, 2})
	is.Equal(waits, []time.Duration{time.Millisecond, 2 * time.Millisecond})

	// Spent attempts leave the rest, with ErrUnprocessed as the cause.
	waits = nil
	many := []*fakeReq{{0}, {1}, {2}, {3}, {4}, {5}}
	left, attempts, err = runBatch(context.Background(), o, [][]*fakeReq{many}, do, func(int) bool { return true })
	is.True(errors.Is(err, ErrUnprocessed))
	is.Equal(attempts, 4)
	is.Equal(left, many[4:])
	is.Equal(len(waits), 3) // none after the last attempt
}

func TestRunBatchConcurrencyIsBounded(t *testing.T) {
	is := is.New(t)
	const limit = 3
	o, err := batchOptions([]func(*BatchOptions){func(o *BatchOptions) { o.Concurrency = limit }})
	is.NoErr(err)
	var mu sync.Mutex
	inFlight, most := 0, 0
	full := make(chan struct{})
	do := func(ctx context.Context, pending []*fakeReq) ([]*fakeReq, []int, error) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		if inFlight == limit {
			select {
			case <-full:
			default:
				close(full) // the first time the bound is reached
			}
		}
		mu.Unlock()
		select { // the first calls wait until limit calls are in flight together
		case <-full:
		case <-time.After(10 * time.Second):
		}
		mu.Lock()
		inFlight--
		mu.Unlock()
		return nil, []int{pending[0].n}, nil
	}
	var chunks [][]*fakeReq
	for i := range 20 {
		chunks = append(chunks, []*fakeReq{{i}})
	}
	n := 0
	left, _, err := runBatch(context.Background(), o, chunks, do, func(int) bool { n++; return true })
	is.NoErr(err)
	is.Equal(len(left), 0)
	is.Equal(n, 20)
	is.Equal(most, limit) // reached, never passed
}
