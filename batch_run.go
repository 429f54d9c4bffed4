package gonamo

import (
	"context"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/gonamo/gonamo/internal/value"
)

// The engine of the batch operations: requests cut into chunks, chunks run
// by a bounded pool of workers, each chunk retried with backoff until every
// request in it is processed or its attempts are spent. Results travel to
// the caller's goroutine, which runs hooks and yields items, so that hooks
// and iteration never run concurrently with each other.

// Limits of DynamoDB's batch calls.
const (
	maxBatchGetKeys  = 100
	maxBatchWriteReq = 25
)

// delivery carries the events of one call to the caller's goroutine, which
// acknowledges them once handled.
type delivery[E any] struct {
	evs []E
	ack chan<- struct{}
}

// outcome is how one chunk ended.
type outcome[R any] struct {
	ran      bool
	left     []*R  // requests not processed
	err      error // why left is not empty
	fatal    bool  // err is not retryable
	attempts int
}

// runBatch runs the chunks, o.Concurrency at a time. do sends the pending
// requests of a chunk once and returns those left unprocessed (all of
// them with an error) and the events of those processed; emit receives
// every event on the calling goroutine and returns false to stop the
// batch. runBatch returns the requests not processed, the most attempts a
// chunk took, and the cause (nil when every request was processed or emit
// stopped the batch).
func runBatch[R, E any](ctx context.Context, o *BatchOptions, chunks [][]*R,
	do func(context.Context, []*R) ([]*R, []E, error), emit func(E) bool) ([]*R, int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	outcomes := make([]outcome[R], len(chunks))
	stopped := false
	handle := func(evs []E) {
		for _, e := range evs {
			if stopped {
				return
			}
			if !emit(e) {
				stopped = true
				cancel()
			}
		}
	}
	if o.Concurrency == 1 || len(chunks) < 2 {
		// One chunk at a time: everything runs on the caller's goroutine.
		for i, c := range chunks {
			outcomes[i] = runChunk(ctx, cancel, o, c, do, handle)
		}
	} else {
		runConcurrently(ctx, cancel, o, chunks, outcomes, do, handle)
	}
	if stopped {
		return nil, 0, nil
	}
	var left []*R
	var fatal, last error
	attempts := 0
	for i, oc := range outcomes {
		if !oc.ran {
			left = append(left, chunks[i]...)
			continue
		}
		left = append(left, oc.left...)
		attempts = max(attempts, oc.attempts)
		switch {
		case oc.fatal && fatal == nil:
			fatal = oc.err
		case oc.err != nil:
			last = oc.err
		}
	}
	switch {
	case len(left) == 0:
		return nil, attempts, nil
	case fatal != nil:
		return left, attempts, fatal
	case ctx.Err() != nil: // the caller's context ended
		return left, attempts, context.Cause(ctx)
	case last != nil:
		return left, attempts, last
	}
	return left, attempts, ErrUnprocessed
}

// runConcurrently runs the chunks on o.Concurrency worker goroutines and
// hands their events to handle on the calling goroutine, one call's events
// at a time; a worker waits until its events are handled before going on,
// so a stopped batch sends nothing more.
func runConcurrently[R, E any](ctx context.Context, cancel context.CancelFunc, o *BatchOptions, chunks [][]*R, outcomes []outcome[R],
	do func(context.Context, []*R) ([]*R, []E, error), handle func([]E)) {
	work := make(chan int)
	events := make(chan delivery[E])
	var wg sync.WaitGroup
	for range min(o.Concurrency, len(chunks)) {
		wg.Go(func() {
			ack := make(chan struct{}, 1)
			send := func(evs []E) {
				events <- delivery[E]{evs, ack}
				<-ack
			}
			for i := range work {
				outcomes[i] = runChunk(ctx, cancel, o, chunks[i], do, send)
			}
		})
	}
	go func() {
		defer close(work)
		for i := range chunks {
			select {
			case work <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(events)
	}()
	for d := range events { // drained to the end, so that workers never block
		handle(d.evs)
		d.ack <- struct{}{}
	}
}

// runChunk retries one chunk until it is done, its attempts are spent, an
// error that is not a throttle arrives, or ctx ends.
func runChunk[R, E any](ctx context.Context, cancel context.CancelFunc, o *BatchOptions, chunk []*R,
	do func(context.Context, []*R) ([]*R, []E, error), send func([]E)) outcome[R] {
	pending := chunk
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return outcome[R]{ran: true, left: pending, err: context.Cause(ctx), attempts: attempt - 1}
		}
		left, evs, err := do(ctx, pending)
		if len(evs) > 0 {
			send(evs)
		}
		if err != nil {
			if ctx.Err() != nil {
				return outcome[R]{ran: true, left: pending, err: context.Cause(ctx), attempts: attempt}
			}
			if !retryable(err) {
				cancel()
				return outcome[R]{ran: true, left: pending, err: err, fatal: true, attempts: attempt}
			}
		} else {
			pending = left
			if len(pending) == 0 {
				return outcome[R]{ran: true, attempts: attempt}
			}
			err = ErrUnprocessed
		}
		if attempt >= o.MaxAttempts {
			return outcome[R]{ran: true, left: pending, err: err, attempts: attempt}
		}
		if serr := o.sleep(ctx, o.backoff(attempt, rand.Float64)); serr != nil {
			return outcome[R]{ran: true, left: pending, err: context.Cause(ctx), attempts: attempt}
		}
	}
}

// backoff returns the wait after the given failed attempt (1 for the
// first): BaseDelay doubled per attempt, capped at MaxDelay, of which the
// Jitter fraction is random (rnd returns a number in [0, 1)).
func (o *BatchOptions) backoff(attempt int, rnd func() float64) time.Duration {
	d := o.MaxDelay
	if attempt-1 < 32 {
		d = min(o.BaseDelay<<(attempt-1), o.MaxDelay)
	}
	return d - time.Duration(o.Jitter*rnd()*float64(d))
}

// retryable reports whether err is DynamoDB asking to slow down or a
// transient server error, which a batch retries like unprocessed requests.
func retryable(err error) bool {
	var pte *types.ProvisionedThroughputExceededException
	var rle *types.RequestLimitExceeded
	var ise *types.InternalServerError
	if errors.As(err, &pte) || errors.As(err, &rle) || errors.As(err, &ise) {
		return true
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
			"InternalServerError", "InternalFailure", "ServiceUnavailable":
			return true
		}
	}
	return false
}

// split cuts reqs into chunks of at most n.
func split[R any](reqs []*R, n int) [][]*R {
	var out [][]*R
	for len(reqs) > n {
		out = append(out, reqs[:n:n])
		reqs = reqs[n:]
	}
	if len(reqs) > 0 {
		out = append(out, reqs)
	}
	return out
}

// keyNames are the key attribute names of a table; rng is "" without a
// range key.
type keyNames struct{ hash, rng string }

// keyID identifies the item with key attributes m in table: equal keys
// (numbers compared by value) give equal strings.
func keyID(table string, k keyNames, m map[string]types.AttributeValue) string {
	buf := make([]byte, 0, len(table)+48)
	buf = appendPart(buf, 0, table)
	buf = appendKeyValue(buf, m[k.hash])
	if k.rng != "" {
		buf = appendKeyValue(buf, m[k.rng])
	}
	return string(buf)
}

// appendKeyValue appends a key value, tagged with its type.
func appendKeyValue(buf []byte, av types.AttributeValue) []byte {
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		return appendPart(buf, 'S', x.Value)
	case *types.AttributeValueMemberB:
		return appendPart(buf, 'B', string(x.Value))
	case *types.AttributeValueMemberN:
		n, err := value.NormalizeNumber(x.Value)
		if err != nil {
			n = x.Value
		}
		return appendPart(buf, 'N', n)
	}
	return append(buf, '-')
}

// appendPart appends a tag, the length of s and s, so that parts never
// run into each other.
func appendPart(buf []byte, tag byte, s string) []byte {
	buf = append(buf, tag)
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// onlyTable returns the table of a call for hooks: its name when every
// request is on one table, "" for calls across tables.
func onlyTable[M any](m map[string]M) string {
	if len(m) == 1 {
		for name := range m {
			return name
		}
	}
	return ""
}
