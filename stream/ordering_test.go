package stream_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/stream"
)

// workload writes random mutations over a set of keys and remembers, per
// key, the records they must produce.
type workload struct {
	rng     *rand.Rand
	keys    int
	n       map[string]int  // last counter written per key
	live    map[string]bool // whether the key exists
	history map[string][]event
	total   int
}

func newWorkload(keys int) *workload {
	return &workload{rng: rand.New(rand.NewPCG(6, 6)), keys: keys, n: map[string]int{}, live: map[string]bool{}, history: map[string][]event{}}
}

// write makes count mutations on f, the clock advancing step between two.
func (w *workload) write(t testing.TB, f *fixture, count int, step time.Duration) {
	t.Helper()
	for range count {
		id := fmt.Sprintf("k%03d", w.rng.IntN(w.keys))
		old := -1
		if w.live[id] {
			old = w.n[id]
		}
		if w.live[id] && w.rng.IntN(7) == 0 {
			f.del(t, id)
			w.live[id] = false
			w.history[id] = append(w.history[id], event{id, stream.Remove, old, -1})
		} else {
			w.n[id]++
			f.put(t, id, w.n[id])
			ev := stream.Insert
			if w.live[id] {
				ev = stream.Modify
			}
			w.live[id] = true
			w.history[id] = append(w.history[id], event{id, ev, old, w.n[id]})
		}
		w.total++
		f.clock.Advance(step)
	}
}

// check asserts that recs hold every record of the workload exactly once,
// each key's in the order written.
func (w *workload) check(t testing.TB, recs []stream.Record[Item]) {
	t.Helper()
	is := is.New(t)
	is.Equal(len(recs), w.total) // every mutation once
	seen := map[string]bool{}
	got := map[string][]event{}
	for _, r := range recs {
		is.True(!seen[r.SequenceNumber]) // no record twice
		seen[r.SequenceNumber] = true
		got[r.Key.ID] = append(got[r.Key.ID], eventOf(r))
	}
	for id, want := range w.history {
		is.Equal(got[id], want) // per-key order
	}
}

func shardCount(t testing.TB, f *fixture, arn string) int {
	t.Helper()
	d, err := f.fake.Streams().DescribeStream(context.Background(), describeInput(arn))
	if err != nil {
		t.Fatal(err)
	}
	return len(d.StreamDescription.Shards)
}

// TestTenThousandMutations writes 10,000 mutations over several shard
// splits, both by record count and on demand, reads them with a consumer
// whose iterators expire midway, restarts from a JSON token midway and
// goes on as more shards appear: every record comes exactly once and the
// records of every key in order.
func TestTenThousandMutations(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeNewAndOldImages, func(o *dynamotest.Options) { o.Streams.ShardRecords = 2400 })
	w := newWorkload(300)
	w.write(t, f, 3000, 50*time.Millisecond)
	_, err := f.fake.Streams().SplitShard(f.items.Name())
	is.NoErr(err)
	w.write(t, f, 3000, 50*time.Millisecond)

	// The consumer's clock stands still: it never refreshes its iterators,
	// so that they expire when the fake's clock jumps 16 minutes.
	frozen := newClock()
	first, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) {
		o.Limit = 100
		o.Now = frozen.Now
	})
	is.NoErr(err)
	var recs []stream.Record[Item]
	var saved []byte
	for r, err := range first.Records(context.Background()) {
		is.NoErr(err)
		recs = append(recs, r)
		if len(recs) == 1000 {
			f.clock.Advance(16 * time.Minute)
		}
		if len(recs) == 2500 {
			saved, err = json.Marshal(first.Token())
			is.NoErr(err)
			break
		}
	}
	is.True(f.client.expired.Load() >= 1) // an iterator expired and was rebuilt
	is.Equal(len(recs), 2500)

	var tok stream.Token
	is.NoErr(json.Unmarshal(saved, &tok))
	second, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) {
		o.Position = stream.AtToken(tok)
		o.Limit = 100
		o.Now = f.clock.Now
	})
	is.NoErr(err)
	recs = append(recs, collect(t, second)...)
	is.Equal(len(recs), 6000)

	w.write(t, f, 2000, 50*time.Millisecond)
	_, err = f.fake.Streams().SplitShard(f.items.Name())
	is.NoErr(err)
	w.write(t, f, 2000, 50*time.Millisecond)
	recs = append(recs, collect(t, second)...)

	is.True(shardCount(t, f, second.StreamArn()) >= 6) // 4 roll-overs and 2 splits
	w.check(t, recs)
	is.Equal(w.total, 10000)
}

// TestIteratorsRefreshedBeforeExpiry: a loop body slower than the life of
// an iterator does not meet an expired iterator, the consumer renewing
// them on its clock, from the trim horizon as from the latest record.
func TestIteratorsRefreshedBeforeExpiry(t *testing.T) {
	for _, latest := range []bool{false, true} {
		t.Run(fmt.Sprint("latest=", latest), func(t *testing.T) {
			is := is.New(t)
			f := newFixture(t, types.StreamViewTypeNewAndOldImages, func(o *dynamotest.Options) { o.Streams.ShardRecords = 50 })
			w := newWorkload(20)
			w.write(t, f, 30, time.Second) // before the consumer starts
			c, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) {
				o.Limit = 10
				o.Now = f.clock.Now
				if latest {
					o.Position = stream.Latest()
				}
			})
			is.NoErr(err)
			before := collect(t, c)
			if latest {
				is.Equal(len(before), 0) // nothing after the latest record yet
				w = newWorkload(20)
				w.rng = rand.New(rand.NewPCG(7, 7))
				for i := range 20 { // the new workload starts over on deleted keys
					f.del(t, fmt.Sprintf("k%03d", i))
				}
				_ = collect(t, c)
			} else {
				is.Equal(len(before), 30)
			}
			w.write(t, f, 120, time.Second)
			var recs []stream.Record[Item]
			for r, err := range c.Records(context.Background()) {
				is.NoErr(err)
				recs = append(recs, r)
				if len(recs)%7 == 0 {
					f.clock.Advance(11 * time.Minute)
				}
			}
			is.Equal(f.client.expired.Load(), int64(0)) // never expired
			if !latest {
				recs = append(before, recs...)
			}
			w.check(t, recs)
		})
	}
}
