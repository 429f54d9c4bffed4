package iter

import (
	"context"
	stditer "iter"
	"sync/atomic"
)

// Iterator runs a paged call lazily. All yields its items, Pages its pages,
// Count sums its counts; Cursor tells where the latest run stopped.
//
// Every range over All or Pages (and every Count) is a fresh run that
// starts from Options.Cursor, so ranging twice runs the query twice. An
// Iterator may be ranged from several goroutines, but Cursor then reports
// whichever run started last.
type Iterator[T any] struct {
	ctx      context.Context
	fetch    Fetch[T]
	opts     Options
	segments int // Parallel's segments, 0 for New
	limiter  *limiter
	codec    *codec
	last     atomic.Pointer[runState]
}

// New returns an Iterator over the pages fetch returns, one request after
// the other (with the next page prefetched), or over one segment of a
// parallel scan when Options.TotalSegments is set. Invalid options are
// reported by the first run, as its only element.
func New[T any](ctx context.Context, fetch Fetch[T], optFns ...func(*Options)) *Iterator[T] {
	return newIterator(ctx, fetch, 0, optFns)
}

// Parallel returns an Iterator over a parallel scan of the given number of
// segments, merged into one sequence: up to Options.Workers segments are
// read at once, each one page ahead of the consumer, and their items come
// in no specified order (each segment's items keep theirs). Its cursor
// records the position of every segment, so a merged scan resumes exactly,
// and Options.Limit caps the items of all segments together.
//
// To read the segments independently instead (one consumer per segment,
// each with its own cursor), use New with Options.Segment and
// Options.TotalSegments.
func Parallel[T any](ctx context.Context, fetch Fetch[T], segments int, optFns ...func(*Options)) *Iterator[T] {
	if segments == 0 {
		segments = -1 // 0 means New inside; make it an invalid Parallel
	}
	return newIterator(ctx, fetch, segments, optFns)
}

func newIterator[T any](ctx context.Context, fetch Fetch[T], segments int, optFns []func(*Options)) *Iterator[T] {
	if ctx == nil {
		ctx = context.Background()
	}
	it := &Iterator[T]{ctx: ctx, fetch: fetch, segments: segments}
	for _, fn := range optFns {
		if fn != nil {
			fn(&it.opts)
		}
	}
	it.limiter = newLimiter(&it.opts)
	it.codec = &codec{scope: it.opts.Scope, signer: it.opts.Signer, ttl: it.opts.CursorTTL, now: it.opts.now}
	return it
}

// layout returns the segment layout of the iterator's runs.
func (it *Iterator[T]) layout() layout {
	if it.segments != 0 {
		return layout{parallel: true, total: it.segments}
	}
	return layout{total: it.opts.TotalSegments, segment: it.opts.Segment}
}

// Cursor returns the cursor of the latest run: resuming from it (as
// Options.Cursor) continues just after the last item that run handed out,
// with no item skipped or repeated. Called in the loop body, it is the
// cursor after the item just received; after the loop, after the last item
// received. It is "" once the run has read everything; before any run, it
// is Options.Cursor. A run stopped by an error keeps the position of the
// last item handed out, so it can be resumed after the error is dealt with.
func (it *Iterator[T]) Cursor() string {
	if r := it.last.Load(); r != nil {
		return r.cursor()
	}
	return it.opts.Cursor
}

// All returns the items of a run. The run starts when the loop starts and
// stops when it ends: an error is yielded once, as (zero, err), and ends the
// loop; breaking out of the loop cancels the requests in flight and returns
// once they have returned, so no goroutine outlives the loop.
func (it *Iterator[T]) All() stditer.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		stopped := false
		err := it.drive(false, func(r *run[T], m *message[T]) bool {
			items, keys := m.page.Items, m.page.Keys
			n := r.take(len(items))
			for i := range n {
				// After item i: its key inside the page, the page's end
				// after its last item.
				r.state.advance(m.index, keys, m.page.KeyNames, m.page.LastEvaluatedKey, i+1)
				if !yield(items[i], nil) {
					stopped = true
					return false
				}
			}
			if len(items) == 0 {
				r.state.advance(m.index, nil, nil, m.page.LastEvaluatedKey, 0)
			}
			return !r.full()
		})
		if err != nil && !stopped {
			var zero T
			yield(zero, err)
		}
	}
}

// Pages returns the pages of a run, as views that add the cursor after
// each page. It has the same run, error and stop rules as All; the item
// Limit cuts the last view. Pages whose items were all filtered out are
// yielded too, empty.
func (it *Iterator[T]) Pages() stditer.Seq2[*PageView[T], error] {
	return func(yield func(*PageView[T], error) bool) {
		stopped := false
		err := it.drive(false, func(r *run[T], m *message[T]) bool {
			view := &PageView[T]{Page: m.page, Segment: r.layout.segmentOf(m.index)}
			n := r.take(len(m.page.Items))
			if n < len(m.page.Items) {
				view.Items, view.Keys = view.Items[:n:n], view.Keys[:n:n]
			}
			r.state.advance(m.index, m.page.Keys, m.page.KeyNames, m.page.LastEvaluatedKey, n)
			view.snap = r.state.snapshot()
			if !yield(view, nil) {
				stopped = true
				return false
			}
			return !r.full()
		})
		if err != nil && !stopped {
			yield(nil, err)
		}
	}
}

// Count runs the fetch, which should ask for Select COUNT, over every page
// and returns the sums of Count and ScannedCount; the items of the pages, if
// any, are ignored. PageSize, prefetch, the rate limit, the cursor and the
// parallel segments apply as to All. A positive Limit stops the counting
// once count reaches it; with PageSize 0 each request then evaluates only
// the number of items still missing, so without a filter count is exactly
// Limit (if there are that many), while with one it may exceed it.
// Afterwards Cursor is the position after the last page counted.
func (it *Iterator[T]) Count() (count, scanned int64, err error) {
	err = it.drive(true, func(r *run[T], m *message[T]) bool {
		count += int64(m.page.Count)
		scanned += int64(m.page.ScannedCount)
		r.state.advance(m.index, nil, nil, m.page.LastEvaluatedKey, 0)
		if r.limit > 0 && count >= int64(r.limit) {
			return false
		}
		return true
	})
	return count, scanned, err
}
