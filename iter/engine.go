package iter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// How a run works: one worker goroutine per segment being read (a plain run
// has one segment) fetches pages and sends them, one at a time, on an
// unbuffered channel to the consumer, which is the goroutine ranging over
// the sequence. A worker fetches page k+1 as soon as the consumer has
// received page k, then blocks until the consumer takes it: that is the
// prefetch, one page ahead per segment. With NoPrefetch the worker also
// waits for the consumer to finish page k. When the loop ends, for whatever
// reason, the run cancels the workers' context, stops accepting pages and
// waits for every worker to return.

// message carries a page, or an error, from a worker to the consumer.
type message[T any] struct {
	index int // position (segment) of the page
	page  Page[T]
	err   error
	next  chan struct{} // NoPrefetch: closed when the consumer is done with the page
}

// run is the state of one run shared by its consumer and workers.
type run[T any] struct {
	layout  layout
	state   *runState
	limit   int          // Options.Limit
	handed  int          // items handed out (consumer only)
	planned atomic.Int64 // items (or counts) sent to the consumer
}

// take returns how many of n more items may be handed out and counts them.
func (r *run[T]) take(n int) int {
	if r.limit > 0 {
		n = min(n, r.limit-r.handed)
	}
	r.handed += n
	return n
}

// full reports whether the item limit has been reached.
func (r *run[T]) full() bool { return r.limit > 0 && r.handed >= r.limit }

// drive runs once: it starts the workers and calls consume, in the caller's
// goroutine, for every page until consume returns false or every segment is
// read. It returns the run's error, if any; it returns only once every
// worker has returned.
func (it *Iterator[T]) drive(counting bool, consume func(*run[T], *message[T]) bool) error {
	if it.fetch == nil {
		return optionsError("nil fetch")
	}
	if err := it.opts.check(it.segments); err != nil {
		return err
	}
	l := it.layout()
	pos, err := it.codec.decode(it.opts.Cursor, l)
	if err != nil {
		return err
	}
	r := &run[T]{
		layout: l,
		limit:  it.opts.Limit,
		state:  &runState{state: cursorState{codec: it.codec, layout: l, pos: pos}, origin: it.opts.Cursor},
	}
	it.last.Store(r.state)

	var pending []int
	starts := make([]map[string]types.AttributeValue, len(pos))
	for i, p := range pos {
		if !p.done {
			pending = append(pending, i)
			starts[i] = p.key
		}
	}
	if len(pending) == 0 {
		return nil
	}
	workers := it.opts.Workers
	if workers == 0 || workers > len(pending) {
		workers = len(pending)
	}

	ctx, cancel := context.WithCancel(it.ctx)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(stop)
	defer cancel()

	msgs := make(chan *message[T])
	var next atomic.Int64
	var producing sync.WaitGroup
	for range workers {
		wg.Add(1)
		producing.Add(1)
		go func() {
			defer wg.Done()
			defer producing.Done()
			var ready time.Time // when the limiter lets this worker send its next request
			for {
				j := int(next.Add(1) - 1)
				if j >= len(pending) {
					return
				}
				i := pending[j]
				if !it.readSegment(ctx, stop, r, i, starts[i], msgs, counting, &ready) {
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		producing.Wait()
		close(msgs)
	}()

	for m := range msgs {
		if m.err != nil {
			return m.err
		}
		if err := it.ctx.Err(); err != nil {
			return err
		}
		if !consume(r, m) {
			return nil // the deferred close(stop) releases the worker
		}
		if m.next != nil {
			close(m.next)
		}
	}
	return nil
}

// readSegment fetches the pages of position i from key on and sends them
// to the consumer. It returns false when the run is over (the consumer
// stopped or an error was sent), true when the segment is read or the item
// limit makes further pages useless. Before each request it waits until
// *ready, which it moves on as pages consume capacity.
func (it *Iterator[T]) readSegment(ctx context.Context, stop <-chan struct{}, r *run[T], i int,
	key map[string]types.AttributeValue, msgs chan<- *message[T], counting bool, ready *time.Time) bool {
	send := func(m *message[T]) bool {
		select {
		case msgs <- m:
			return true
		case <-stop:
			return false
		}
	}
	for {
		if r.limit > 0 && r.planned.Load() >= int64(r.limit) {
			return true
		}
		if err := sleepUntil(ctx, *ready); err != nil {
			send(&message[T]{index: i, err: err})
			return false
		}
		req := Request{ExclusiveStartKey: key, Limit: it.requestLimit(r), ReturnConsumedCapacity: it.limiter != nil}
		if r.layout.total > 0 {
			req.Segment, req.TotalSegments = int32(r.layout.segmentOf(i)), int32(r.layout.total)
		}
		page, err := it.fetch(ctx, req)
		if err == nil {
			*ready, err = it.limiter.charge(units(page.Consumed))
		}
		if err == nil {
			err = checkPage(&page, counting)
		}
		if err != nil {
			send(&message[T]{index: i, err: err})
			return false
		}
		if counting {
			r.planned.Add(int64(page.Count))
		} else {
			r.planned.Add(int64(len(page.Items)))
		}
		last := len(page.LastEvaluatedKey) == 0
		m := &message[T]{index: i, page: page}
		if it.opts.NoPrefetch && !last {
			m.next = make(chan struct{})
		}
		if !send(m) {
			return false
		}
		if last {
			return true
		}
		key = page.LastEvaluatedKey
		if m.next != nil {
			select {
			case <-m.next:
			case <-stop:
				return false
			}
		}
	}
}

// requestLimit returns the Limit of the next request.
func (it *Iterator[T]) requestLimit(r *run[T]) int32 {
	if it.opts.PageSize > 0 {
		return it.opts.PageSize
	}
	if r.limit > 0 {
		missing := int64(r.limit) - r.planned.Load()
		return int32(min(max(missing, 1), math.MaxInt32))
	}
	return 0
}

// CheckKey checks that key, the key of an item in Page.Keys, can be put in
// a cursor: it is not empty, it holds every attribute of names (all its
// attributes when names is nil), and their values are of DynamoDB's types,
// with strings and numbers in valid UTF-8.
func CheckKey(key map[string]types.AttributeValue, names []string) error {
	if len(key) == 0 {
		return errors.New("empty key")
	}
	if names == nil {
		return checkKey(key)
	}
	for _, name := range names {
		v, ok := key[name]
		if !ok {
			return fmt.Errorf("no key attribute %s", name)
		}
		if err := checkValue(v); err != nil {
			return fmt.Errorf("attribute %q: %w", name, err)
		}
	}
	return nil
}

// checkPage enforces the Fetch contract, so that every position the run
// records can be encoded in a cursor.
func checkPage[T any](p *Page[T], counting bool) error {
	if err := checkKey(p.LastEvaluatedKey); err != nil {
		return fmt.Errorf("%w: fetch returned a LastEvaluatedKey that cannot be put in a cursor: %w", ErrInvalidOptions, err)
	}
	if counting {
		return nil
	}
	if len(p.Keys) != len(p.Items) {
		return fmt.Errorf("%w: fetch returned %d items but %d keys", ErrInvalidOptions, len(p.Items), len(p.Keys))
	}
	if p.KeysChecked {
		return nil
	}
	for i, k := range p.Keys {
		if err := CheckKey(k, p.KeyNames); err != nil {
			return fmt.Errorf("%w: fetch returned item %d, whose key cannot be put in a cursor: %w", ErrInvalidOptions, i, err)
		}
	}
	return nil
}
