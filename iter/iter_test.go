package iter_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/iter"
	"github.com/matryer/is"
)

func everyThird(r row) bool { return r.SK%30 == 0 }

func TestAll(t *testing.T) {
	cases := []struct {
		name     string
		rows     int
		keep     func(row) bool
		maxPage  int
		opts     iter.Options
		want     []int
		requests []int32 // Limit of each request, when checked
	}{
		{name: "empty", rows: 0, want: nil, requests: []int32{0}},
		{name: "one 1 MB page", rows: 3, want: []int{0, 10, 20}, requests: []int32{0}},
		{name: "1 MB pages", rows: 5, maxPage: 2, want: []int{0, 10, 20, 30, 40}, requests: []int32{0, 0, 0}},
		{name: "page size", rows: 5, opts: iter.Options{PageSize: 2}, want: []int{0, 10, 20, 30, 40}, requests: []int32{2, 2, 2}},
		{name: "page size divides rows", rows: 4, opts: iter.Options{PageSize: 2}, want: []int{0, 10, 20, 30}, requests: []int32{2, 2, 2}},
		{name: "limit asks for what is missing", rows: 10, opts: iter.Options{Limit: 3}, want: []int{0, 10, 20}, requests: []int32{3}},
		{name: "limit mid-page", rows: 10, opts: iter.Options{Limit: 3, PageSize: 2}, want: []int{0, 10, 20}, requests: []int32{2, 2}},
		{name: "limit with filter", rows: 10, keep: everyThird, opts: iter.Options{Limit: 2},
			want: []int{0, 30}, requests: []int32{2, 1, 1}},
		{name: "limit above rows", rows: 2, opts: iter.Options{Limit: 5}, want: []int{0, 10}, requests: []int32{5}},
		{name: "filter", rows: 10, keep: everyThird, opts: iter.Options{PageSize: 2}, want: []int{0, 30, 60, 90}},
		{name: "no prefetch", rows: 5, opts: iter.Options{PageSize: 2, NoPrefetch: true}, want: []int{0, 10, 20, 30, 40}, requests: []int32{2, 2, 2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			src := newSource(tc.rows)
			src.keep, src.maxPage = tc.keep, tc.maxPage
			it := iter.New(context.Background(), src.fetch, func(o *iter.Options) { *o = tc.opts })
			got, err := iter.Collect(it.All())
			is.NoErr(err)
			is.Equal(sks(got), tc.want)
			if tc.requests != nil {
				var limits []int32
				for _, r := range src.requests {
					limits = append(limits, r.Limit)
					is.Equal(r.TotalSegments, int32(0))
				}
				is.Equal(limits, tc.requests)
			}
		})
	}
}

func TestRangingTwiceRunsTwice(t *testing.T) {
	is := is.New(t)
	src := newSource(5)
	it := iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.PageSize = 2 })
	first, err := iter.Collect(it.All())
	is.NoErr(err)
	is.Equal(src.calls(), 3)
	second, err := iter.Collect(it.All())
	is.NoErr(err)
	is.Equal(sks(second), sks(first))
	is.Equal(src.calls(), 6)

	// An Iterator built from a cursor restarts from it on every run.
	from := iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.PageSize = 2; o.Limit = 2 })
	_, err = iter.Collect(from.All())
	is.NoErr(err)
	resumed := iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Cursor = from.Cursor() })
	for range 2 {
		rest, err := iter.Collect(resumed.All())
		is.NoErr(err)
		is.Equal(sks(rest), []int{20, 30, 40})
	}
}

func TestCursorPositions(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	src := newSource(10)
	src.keep = everyThird // 0, 30, 60, 90
	it := iter.New(ctx, src.fetch, func(o *iter.Options) { o.PageSize = 4 })
	is.Equal(it.Cursor(), "") // before any run: Options.Cursor

	var cursors []string
	for v, err := range it.All() {
		is.NoErr(err)
		cursors = append(cursors, it.Cursor())
		_ = v
	}
	is.Equal(len(cursors), 4)
	is.Equal(cursors[3], "") // handed the last item: nothing left

	// Resuming from the cursor of each item gives exactly the items after it.
	for i, c := range cursors[:3] {
		rest, err := iter.Collect(iter.New(ctx, src.fetch, func(o *iter.Options) { o.PageSize = 4; o.Cursor = c }).All())
		is.NoErr(err)
		is.Equal(sks(rest), []int{0, 30, 60, 90}[i+1:])
	}

	// The page views: the first page (0..30) has items 0 and 30 and its
	// cursor is its LastEvaluatedKey (sk 30); the second (40..70) has 60 and
	// ends at sk 70; the third (80, 90) is short, hence last.
	var counts [][2]int32
	var views []*iter.PageView[row]
	for p, err := range it.Pages() {
		is.NoErr(err)
		views = append(views, p)
		counts = append(counts, [2]int32{p.Count, p.ScannedCount})
		is.Equal(p.Cursor(), it.Cursor())
	}
	is.Equal(counts, [][2]int32{{2, 4}, {1, 4}, {1, 2}})
	is.Equal(views[2].Cursor(), "")
	is.True(views[1].Cursor() != "")
	rest, err := iter.Collect(iter.New(ctx, src.fetch, func(o *iter.Options) { o.PageSize = 4; o.Cursor = views[1].Cursor() }).All())
	is.NoErr(err)
	is.Equal(sks(rest), []int{90})
}

func TestFilteredPageMovesCursor(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	src := newSource(10)
	src.keep = func(r row) bool { return r.SK == 0 || r.SK == 90 }
	it := iter.New(ctx, src.fetch, func(o *iter.Options) { o.PageSize = 3; o.NoPrefetch = true })
	for p, err := range it.Pages() {
		is.NoErr(err)
		if len(p.Items) == 0 {
			// All filtered: the cursor is the page's LastEvaluatedKey, so
			// resuming does not read these rows again.
			c := p.Cursor()
			before := src.calls()
			rest, err := iter.Collect(iter.New(ctx, src.fetch, func(o *iter.Options) { o.PageSize = 3; o.Cursor = c }).All())
			is.NoErr(err)
			is.Equal(sks(rest), []int{90})
			is.Equal(src.requests[before].ExclusiveStartKey["sk"], p.LastEvaluatedKey["sk"])
			break
		}
	}
}

func TestPagesLimitCutsView(t *testing.T) {
	is := is.New(t)
	src := newSource(10)
	it := iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.PageSize = 4; o.Limit = 6 })
	var sizes []int
	var last *iter.PageView[row]
	for p, err := range it.Pages() {
		is.NoErr(err)
		sizes = append(sizes, len(p.Items))
		is.Equal(len(p.Keys), len(p.Items))
		last = p
	}
	is.Equal(sizes, []int{4, 2})
	is.Equal(last.Count, int32(4)) // DynamoDB's count, not cut
	is.Equal(src.calls(), 2)       // the limit was met by page 2: no page 3
	rest, err := iter.Collect(iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Cursor = last.Cursor() }).All())
	is.NoErr(err)
	is.Equal(sks(rest), []int{60, 70, 80, 90})
}

// consume reads a run the way a random client would: items or pages,
// stopping after a few. It returns the items read and whether it stopped
// early (rather than at the end of the run).
func consume(t *testing.T, it *iter.Iterator[row], rng *rand.Rand) ([]row, bool) {
	t.Helper()
	var got []row
	if rng.IntN(2) == 0 {
		stopAfter := 1 + rng.IntN(6)
		for v, err := range it.All() {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
			if len(got) == stopAfter {
				return got, true
			}
		}
		return got, false
	}
	stopAfter := 1 + rng.IntN(3)
	pages := 0
	for p, err := range it.Pages() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.Items...)
		if p.Cursor() != it.Cursor() {
			t.Fatal("page cursor differs from the iterator's")
		}
		if pages++; pages == stopAfter {
			return got, true
		}
	}
	return got, false
}

// jsonTrip sends a cursor through JSON, as a client would store it.
func jsonTrip(t *testing.T, c string) string {
	t.Helper()
	raw, err := json.Marshal(map[string]string{"next": c})
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]string
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	return back["next"]
}

// resumed reads everything in runs that stop at random points, each run
// resuming from the cursor of the one before; limit caps the whole.
func resumed(t *testing.T, rng *rand.Rand, limit int, start func(cursor string, limit int) *iter.Iterator[row]) []row {
	t.Helper()
	var all []row
	cursor := ""
	for runs := 0; ; runs++ {
		if runs > 500 {
			t.Fatal("resuming does not progress")
		}
		runLimit := 0
		if limit > 0 {
			runLimit = limit - len(all)
			if runLimit == 0 {
				return all
			}
		}
		it := start(cursor, runLimit)
		got, early := consume(t, it, rng)
		all = append(all, got...)
		cursor = jsonTrip(t, it.Cursor())
		if cursor == "" {
			return all
		}
		if !early && (limit == 0 || len(all) < limit) {
			t.Fatalf("run ended with items left but a cursor %q", cursor)
		}
	}
}

func randomSource(rng *rand.Rand) *source {
	src := newSource(rng.IntN(40))
	src.maxPage = 1 + rng.IntN(8)
	switch rng.IntN(3) {
	case 1:
		mod := 2 + rng.IntN(3)
		src.keep = func(r row) bool { return (r.SK/10)%mod == 0 }
	case 2:
		src.keep = func(r row) bool { return r.SK >= 100 && r.SK < 200 } // long filtered runs
	}
	return src
}

func TestResumeMatchesOneRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		src := randomSource(rng)
		pageSize := int32(rng.IntN(6))
		limit := 0
		if rng.IntN(2) == 0 {
			limit = rng.IntN(30)
		}
		noPrefetch := rng.IntN(2) == 0
		signer := iter.NewSigner([]byte("test key"))
		opts := func(cursor string, limit int) func(*iter.Options) {
			return func(o *iter.Options) {
				o.PageSize, o.Limit, o.NoPrefetch, o.Cursor = pageSize, limit, noPrefetch, cursor
				o.Scope, o.Signer = "rows/by_tag", signer
			}
		}
		whole, err := iter.Collect(iter.New(context.Background(), src.fetch, opts("", limit)).All())
		if err != nil {
			t.Fatal(err)
		}
		pieces := resumed(t, rng, limit, func(cursor string, limit int) *iter.Iterator[row] {
			return iter.New(context.Background(), src.fetch, opts(cursor, limit))
		})
		if !slices.Equal(sks(pieces), sks(whole)) {
			t.Fatalf("round %d (page size %d, limit %d): resumed %v, whole %v", round, pageSize, limit, sks(pieces), sks(whole))
		}
	}
}

func TestResumeSegments(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 150 {
		src := randomSource(rng)
		total := 1 + rng.IntN(5)
		pageSize := int32(rng.IntN(4))
		var union []int
		for seg := range total {
			opts := func(cursor string, limit int) func(*iter.Options) {
				return func(o *iter.Options) {
					o.PageSize, o.Cursor, o.Limit = pageSize, cursor, limit
					o.Segment, o.TotalSegments = seg, total
				}
			}
			whole, err := iter.Collect(iter.New(context.Background(), src.fetch, opts("", 0)).All())
			if err != nil {
				t.Fatal(err)
			}
			pieces := resumed(t, rng, 0, func(cursor string, limit int) *iter.Iterator[row] {
				return iter.New(context.Background(), src.fetch, opts(cursor, limit))
			})
			if !slices.Equal(sks(pieces), sks(whole)) {
				t.Fatalf("round %d segment %d/%d: resumed %v, whole %v", round, seg, total, sks(pieces), sks(whole))
			}
			for _, sk := range sks(whole) {
				if sk%total != seg {
					t.Fatalf("segment %d/%d yielded %d", seg, total, sk)
				}
			}
			union = append(union, sks(whole)...)
		}
		all, err := iter.Collect(iter.New(context.Background(), src.fetch).All())
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(union)
		if !slices.Equal(union, sks(all)) {
			t.Fatalf("round %d: segments hold %v, table %v", round, union, sks(all))
		}
	}
}

func TestResumeParallel(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 200 {
		src := randomSource(rng)
		segments := 1 + rng.IntN(6)
		workers := rng.IntN(segments + 1)
		pageSize := int32(rng.IntN(4))
		noPrefetch := rng.IntN(2) == 0
		limit := 0
		if rng.IntN(2) == 0 {
			limit = rng.IntN(20)
		}
		opts := func(cursor string, limit int) func(*iter.Options) {
			return func(o *iter.Options) {
				o.PageSize, o.Cursor, o.Limit, o.Workers, o.NoPrefetch = pageSize, cursor, limit, workers, noPrefetch
			}
		}
		all, err := iter.Collect(iter.New(context.Background(), src.fetch).All())
		if err != nil {
			t.Fatal(err)
		}
		whole, err := iter.Collect(iter.Parallel(context.Background(), src.fetch, segments, opts("", 0)).All())
		if err != nil {
			t.Fatal(err)
		}
		got := sks(whole)
		slices.Sort(got)
		if !slices.Equal(got, sks(all)) {
			t.Fatalf("round %d: parallel %v, table %v", round, got, sks(all))
		}
		pieces := sks(resumed(t, rng, limit, func(cursor string, limit int) *iter.Iterator[row] {
			return iter.Parallel(context.Background(), src.fetch, segments, opts(cursor, limit))
		}))
		want := sks(all)
		if limit > 0 && limit < len(want) {
			if len(pieces) != limit {
				t.Fatalf("round %d: limit %d, resumed %d items", round, limit, len(pieces))
			}
		} else if len(pieces) != len(want) {
			t.Fatalf("round %d: resumed %v, want %v", round, pieces, want)
		}
		slices.Sort(pieces)
		if len(slices.Compact(slices.Clone(pieces))) != len(pieces) {
			t.Fatalf("round %d: repeated items in %v", round, pieces)
		}
		for _, sk := range pieces {
			if _, ok := slices.BinarySearch(want, sk); !ok {
				t.Fatalf("round %d: unexpected item %d", round, sk)
			}
		}
	}
}

func TestParallelRequests(t *testing.T) {
	is := is.New(t)
	src := newSource(20)
	got, err := iter.Collect(iter.Parallel(context.Background(), src.fetch, 3, func(o *iter.Options) { o.PageSize = 3 }).All())
	is.NoErr(err)
	is.Equal(len(got), 20)
	seen := map[int32]bool{}
	for _, r := range src.requests {
		is.Equal(r.TotalSegments, int32(3))
		is.Equal(r.Limit, int32(3))
		seen[r.Segment] = true
	}
	is.Equal(len(seen), 3)
}

func TestParallelWorkersBound(t *testing.T) {
	is := is.New(t)
	src := newSource(60)
	var inFlight, most atomic.Int32
	fetch := func(ctx context.Context, req iter.Request) (iter.Page[row], error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		return src.fetch(ctx, req)
	}
	got, err := iter.Collect(iter.Parallel(context.Background(), fetch, 8, func(o *iter.Options) { o.Workers = 2; o.PageSize = 2 }).All())
	is.NoErr(err)
	is.Equal(len(got), 60)
	is.True(most.Load() <= 2)
}

func TestParallelSegmentPages(t *testing.T) {
	is := is.New(t)
	src := newSource(12)
	for p, err := range iter.Parallel(context.Background(), src.fetch, 4).Pages() {
		is.NoErr(err)
		for _, r := range p.Items {
			is.Equal(r.SK%4, p.Segment)
		}
	}
}

var errBoom = errors.New("boom")

// failing wraps a fetch so that request number fail (from 0) fails.
func failing(fetch iter.Fetch[row], fail int) iter.Fetch[row] {
	var n atomic.Int32
	return func(ctx context.Context, req iter.Request) (iter.Page[row], error) {
		if int(n.Add(1)-1) == fail {
			return iter.Page[row]{}, errBoom
		}
		return fetch(ctx, req)
	}
}

func TestErrorYieldedOnce(t *testing.T) {
	for _, prefetch := range []bool{true, false} {
		t.Run("prefetch="+strconv.FormatBool(prefetch), func(t *testing.T) {
			is := is.New(t)
			src := newSource(10)
			it := iter.New(context.Background(), failing(src.fetch, 2), func(o *iter.Options) { o.PageSize = 2; o.NoPrefetch = !prefetch })
			var got []int
			errs := 0
			for v, err := range it.All() { // never breaks: the sequence must end by itself
				if err != nil {
					is.True(errors.Is(err, errBoom))
					errs++
					continue
				}
				is.Equal(errs, 0) // no item after the error
				got = append(got, v.SK)
			}
			is.Equal(errs, 1)
			is.Equal(got, []int{0, 10, 20, 30})
			// The cursor stays after the last item: resuming continues.
			rest, err := iter.Collect(iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Cursor = it.Cursor() }).All())
			is.NoErr(err)
			is.Equal(sks(rest), []int{40, 50, 60, 70, 80, 90})

			items, err := iter.Collect(iter.New(context.Background(), failing(src.fetch, 1), func(o *iter.Options) { o.PageSize = 3 }).All())
			is.True(errors.Is(err, errBoom))
			is.Equal(sks(items), []int{0, 10, 20}) // Collect keeps what came before

			pageErrs := 0
			for p, err := range iter.New(context.Background(), failing(src.fetch, 0)).Pages() {
				is.Equal(p, nil)
				is.True(errors.Is(err, errBoom))
				pageErrs++
			}
			is.Equal(pageErrs, 1)
		})
	}
}

func TestParallelErrorStopsAll(t *testing.T) {
	is := is.New(t)
	src := newSource(100)
	var active atomic.Int32
	fetch := func(ctx context.Context, req iter.Request) (iter.Page[row], error) {
		active.Add(1)
		defer active.Add(-1)
		if req.Segment == 2 && req.ExclusiveStartKey != nil {
			return iter.Page[row]{}, errBoom
		}
		return src.fetch(ctx, req)
	}
	errs := 0
	for _, err := range iter.Parallel(context.Background(), fetch, 4, func(o *iter.Options) { o.PageSize = 2 }).All() {
		if err != nil {
			is.True(errors.Is(err, errBoom))
			errs++
		}
	}
	is.Equal(errs, 1)
	is.Equal(active.Load(), int32(0)) // every worker returned with the loop
}

// blockingSource serves pages of two items; page 0 at once and every later
// page only when released (or when the context ends), counting the fetches
// in flight and those ended by cancellation.
type blockingSource struct {
	release            chan struct{}
	inFlight, canceled atomic.Int32
	started            chan int // page numbers, as fetches start
}

func (b *blockingSource) fetch(ctx context.Context, req iter.Request) (iter.Page[row], error) {
	b.inFlight.Add(1)
	defer b.inFlight.Add(-1)
	page := 0
	if req.ExclusiveStartKey != nil {
		n, _ := strconv.Atoi(req.ExclusiveStartKey["sk"].(*types.AttributeValueMemberN).Value)
		page = n/20 + 1
	}
	if b.started != nil {
		b.started <- page
	}
	if page > 0 {
		select {
		case <-b.release:
		case <-ctx.Done():
			b.canceled.Add(1)
			return iter.Page[row]{}, ctx.Err()
		}
	}
	r0, r1 := row{SK: 20 * page}, row{SK: 20*page + 10}
	return iter.Page[row]{Items: []row{r0, r1}, Keys: []map[string]types.AttributeValue{r0.key(), r1.key()}, LastEvaluatedKey: r1.key()}, nil
}

func TestBreakStopsPrefetch(t *testing.T) {
	is := is.New(t)
	b := &blockingSource{release: make(chan struct{}), started: make(chan int, 10)}
	it := iter.New(context.Background(), b.fetch)
	for v, err := range it.All() {
		is.NoErr(err)
		is.Equal(v.SK, 0)
		is.Equal(<-b.started, 0)
		is.Equal(<-b.started, 1) // page 1 is being prefetched, blocked
		break
	}
	// The loop returned only after the prefetch saw the cancellation.
	is.Equal(b.inFlight.Load(), int32(0))
	is.Equal(b.canceled.Load(), int32(1))
	rest, err := iter.Collect(iter.New(context.Background(), newSource(5).fetch, func(o *iter.Options) { o.Cursor = it.Cursor() }).All())
	is.NoErr(err)
	is.Equal(sks(rest), []int{10, 20, 30, 40})
}

func TestParallelBreakStopsWorkers(t *testing.T) {
	is := is.New(t)
	b := &blockingSource{release: make(chan struct{})}
	for _, err := range iter.Parallel(context.Background(), b.fetch, 5).All() {
		is.NoErr(err)
		break
	}
	is.Equal(b.inFlight.Load(), int32(0))
}

func TestContextCanceled(t *testing.T) {
	is := is.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b := &blockingSource{release: make(chan struct{})}
	var errs []error
	for _, err := range iter.New(ctx, b.fetch).All() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cancel() // the consumer's context ends while page 1 is awaited
	}
	is.Equal(len(errs), 1)
	is.True(errors.Is(errs[0], context.Canceled))
	is.Equal(b.inFlight.Load(), int32(0))

	_, err := iter.Collect(iter.New(ctx, newSource(3).fetch).All())
	is.True(errors.Is(err, context.Canceled)) // no request on a dead context
}

func TestPrefetchOverlaps(t *testing.T) {
	is := is.New(t)
	// Page k+1's fetch must start while the consumer still holds page k:
	// the consumer waits for it inside the loop body, which deadlocks (and
	// times the test out) without prefetch.
	b := &blockingSource{release: make(chan struct{}), started: make(chan int, 10)}
	close(b.release)
	it := iter.New(context.Background(), b.fetch, func(o *iter.Options) { o.Limit = 8 })
	var handed atomic.Int32
	for v, err := range it.All() {
		is.NoErr(err)
		handed.Add(1)
		if v.SK%20 == 0 { // first item of page k = SK/20
			page := v.SK / 20
			if page == 0 {
				is.Equal(<-b.started, 0)
			}
			if page < 3 {
				// Page k+1 starts while we are still on page k (and fetches
				// start in page order, so never page k+2 before it).
				is.Equal(<-b.started, page+1)
			}
		}
	}
	is.Equal(handed.Load(), int32(8))
	is.Equal(len(b.started), 0) // page 3 met the limit: page 4 was not prefetched
}

func TestPrefetchStaysOnePageAhead(t *testing.T) {
	for _, noPrefetch := range []bool{false, true} {
		t.Run("noPrefetch="+strconv.FormatBool(noPrefetch), func(t *testing.T) {
			is := is.New(t)
			src := newSource(30)
			var handed atomic.Int32
			var violations atomic.Int32
			fetch := func(ctx context.Context, req iter.Request) (iter.Page[row], error) {
				page := 0
				if req.ExclusiveStartKey != nil {
					n, _ := strconv.Atoi(req.ExclusiveStartKey["sk"].(*types.AttributeValueMemberN).Value)
					page = (n/10 + 1) / 3
				}
				// Items of pages before k-1 must all be handed out when
				// page k is requested (at most one page ahead); without
				// prefetch, those of page k-1 too.
				need := 3 * (page - 1)
				if noPrefetch {
					need = 3 * page
				}
				if int(handed.Load()) < need {
					violations.Add(1)
				}
				return src.fetch(ctx, req)
			}
			for _, err := range iter.New(context.Background(), fetch, func(o *iter.Options) { o.PageSize = 3; o.NoPrefetch = noPrefetch }).All() {
				is.NoErr(err)
				handed.Add(1)
			}
			is.Equal(handed.Load(), int32(30))
			is.Equal(violations.Load(), int32(0))
		})
	}
}

func TestNoPrefetchWaitsForConsumer(t *testing.T) {
	is := is.New(t)
	b := &blockingSource{release: make(chan struct{}), started: make(chan int, 10)}
	close(b.release)
	var mu sync.Mutex
	var order []int
	it := iter.New(context.Background(), b.fetch, func(o *iter.Options) { o.NoPrefetch = true; o.Limit = 6 })
	for v, err := range it.All() {
		is.NoErr(err)
		mu.Lock()
		order = append(order, v.SK)
		mu.Unlock()
		if v.SK%20 == 0 {
			// No fetch of page k+1 has started while page k is in hand.
			is.Equal(<-b.started, v.SK/20)
			select {
			case p := <-b.started:
				t.Fatalf("page %d fetched while the consumer holds page %d", p, v.SK/20)
			default:
			}
		}
	}
	is.Equal(order, []int{0, 10, 20, 30, 40, 50})
}

func TestCount(t *testing.T) {
	is := is.New(t)
	src := newSource(10)
	src.keep = everyThird
	count, scanned, err := iter.New(context.Background(), src.countFetch, func(o *iter.Options) { o.PageSize = 3 }).Count()
	is.NoErr(err)
	is.Equal(count, int64(4))
	is.Equal(scanned, int64(10))

	count, scanned, err = iter.Parallel(context.Background(), src.countFetch, 3).Count()
	is.NoErr(err)
	is.Equal([2]int64{count, scanned}, [2]int64{4, 10})

	// A limit stops once reached; without a filter the count is exact.
	src.keep = nil
	it := iter.New(context.Background(), src.countFetch, func(o *iter.Options) { o.Limit = 4 })
	count, _, err = it.Count()
	is.NoErr(err)
	is.Equal(count, int64(4))
	rest, _, err := iter.New(context.Background(), src.countFetch, func(o *iter.Options) { o.Cursor = it.Cursor() }).Count()
	is.NoErr(err)
	is.Equal(rest, int64(6))

	_, _, err = iter.New(context.Background(), failing(src.countFetch, 1), func(o *iter.Options) { o.PageSize = 2 }).Count()
	is.True(errors.Is(err, errBoom))
}

func TestFirstOne(t *testing.T) {
	cases := []struct {
		rows             int
		first, one       int
		firstErr, oneErr error
	}{
		{rows: 0, firstErr: iter.ErrNotFound, oneErr: iter.ErrNotFound},
		{rows: 1, first: 0, one: 0},
		{rows: 3, first: 0, oneErr: iter.ErrTooMany},
	}
	for _, tc := range cases {
		t.Run(strconv.Itoa(tc.rows), func(t *testing.T) {
			is := is.New(t)
			src := newSource(tc.rows)
			it := iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.PageSize = 1 })
			first, err := iter.First(it.All())
			is.True(errors.Is(err, tc.firstErr) || err == tc.firstErr)
			is.Equal(first.SK, tc.first)
			one, err := iter.One(it.All())
			is.True(errors.Is(err, tc.oneErr) || err == tc.oneErr)
			is.Equal(one.SK, tc.one)
		})
	}
	is := is.New(t)
	_, err := iter.First(iter.New(context.Background(), failing(newSource(3).fetch, 0)).All())
	is.True(errors.Is(err, errBoom))
	_, err = iter.One(iter.New(context.Background(), failing(newSource(3).fetch, 0)).All())
	is.True(errors.Is(err, errBoom))
}

func TestInvalidOptions(t *testing.T) {
	src := newSource(3)
	cases := []struct {
		name string
		it   *iter.Iterator[row]
	}{
		{"nil fetch", iter.New[row](context.Background(), nil)},
		{"negative page size", iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.PageSize = -1 })},
		{"negative limit", iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Limit = -1 })},
		{"negative rate", iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.ReadUnitsPerSecond = -1 })},
		{"negative ttl", iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.CursorTTL = -1 })},
		{"negative workers", iter.Parallel(context.Background(), src.fetch, 2, func(o *iter.Options) { o.Workers = -1 })},
		{"segment without total", iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Segment = 1 })},
		{"segment out of range", iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Segment, o.TotalSegments = 2, 2 })},
		{"too many segments", iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.TotalSegments = 1_000_001 })},
		{"zero parallel segments", iter.Parallel(context.Background(), src.fetch, 0)},
		{"negative parallel segments", iter.Parallel(context.Background(), src.fetch, -3)},
		{"parallel with a segment", iter.Parallel(context.Background(), src.fetch, 2, func(o *iter.Options) { o.TotalSegments = 2 })},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			n := 0
			for _, err := range tc.it.All() {
				is.True(errors.Is(err, iter.ErrInvalidOptions))
				n++
			}
			is.Equal(n, 1)
			is.Equal(src.calls(), 0)
		})
	}
}

func TestFetchContract(t *testing.T) {
	good := row{SK: 1}.key()
	cases := []struct {
		name string
		page iter.Page[row]
	}{
		{"keys not parallel", iter.Page[row]{Items: []row{{}, {}}, Keys: []map[string]types.AttributeValue{good}}},
		{"empty key", iter.Page[row]{Items: []row{{}}, Keys: []map[string]types.AttributeValue{{}}}},
		{"nil value", iter.Page[row]{Items: []row{{}}, Keys: []map[string]types.AttributeValue{{"pk": nil}}}},
		{"typed nil value", iter.Page[row]{Items: []row{{}}, Keys: []map[string]types.AttributeValue{{"pk": (*types.AttributeValueMemberS)(nil)}}}},
		{"unknown member", iter.Page[row]{Items: []row{{}}, Keys: []map[string]types.AttributeValue{{"pk": &types.UnknownUnionMember{Tag: "X"}}}}},
		{"invalid utf-8", iter.Page[row]{Items: []row{{}}, Keys: []map[string]types.AttributeValue{{"pk": &types.AttributeValueMemberS{Value: "\xff"}}}}},
		{"bad last key", iter.Page[row]{LastEvaluatedKey: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberL{Value: []types.AttributeValue{nil}}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			fetch := func(context.Context, iter.Request) (iter.Page[row], error) { return tc.page, nil }
			_, err := iter.Collect(iter.New(context.Background(), fetch).All())
			is.True(errors.Is(err, iter.ErrInvalidOptions))
		})
	}
}

func TestCursorAfterFailedStart(t *testing.T) {
	is := is.New(t)
	src := newSource(5)
	// From the beginning: the cursor is not "" (that would read as "all
	// read") but resumes from the beginning.
	it := iter.New(context.Background(), failing(src.fetch, 0))
	_, err := iter.Collect(it.All())
	is.True(errors.Is(err, errBoom))
	is.True(it.Cursor() != "")
	all, err := iter.Collect(iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Cursor = it.Cursor() }).All())
	is.NoErr(err)
	is.Equal(sks(all), []int{0, 10, 20, 30, 40})

	// From a cursor: the same cursor.
	c := cursorAfter(t, src, 2, func(*iter.Options) {})
	it = iter.New(context.Background(), failing(src.fetch, 0), func(o *iter.Options) { o.Cursor = c })
	_, err = iter.Collect(it.All())
	is.True(errors.Is(err, errBoom))
	is.Equal(it.Cursor(), c)
}

func TestNilContext(t *testing.T) {
	is := is.New(t)
	// A nil context is taken as context.Background, not a panic.
	got, err := iter.Collect(iter.New(nil, newSource(3).fetch).All())
	is.NoErr(err)
	is.Equal(sks(got), []int{0, 10, 20})
}

func TestNoPrefetchBreakMakesNoMoreRequests(t *testing.T) {
	is := is.New(t)
	src := newSource(10)
	for range 20 { // a race would show up in some of the runs
		before := src.calls()
		for _, err := range iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.PageSize = 2; o.NoPrefetch = true }).Pages() {
			is.NoErr(err)
			break
		}
		is.Equal(src.calls()-before, 1)
	}
}

func TestCheckKey(t *testing.T) {
	good := row{SK: 1}.key()
	cases := []struct {
		name  string
		key   map[string]types.AttributeValue
		names []string
		ok    bool
	}{
		{"whole key", good, nil, true},
		{"named attributes", good, []string{"pk", "sk"}, true},
		{"other attributes are not checked", map[string]types.AttributeValue{"pk": good["pk"], "x": nil}, []string{"pk"}, true},
		{"empty", map[string]types.AttributeValue{}, nil, false},
		{"missing name", good, []string{"pk", "other"}, false},
		{"nil value", map[string]types.AttributeValue{"pk": nil}, []string{"pk"}, false},
		{"typed nil", map[string]types.AttributeValue{"pk": (*types.AttributeValueMemberN)(nil)}, nil, false},
		{"invalid utf-8", map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a\xff"}}, []string{"pk"}, false},
		{"unknown member", map[string]types.AttributeValue{"pk": &types.UnknownUnionMember{Tag: "X"}}, nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			err := iter.CheckKey(tc.key, tc.names)
			is.Equal(err == nil, tc.ok)
		})
	}
}

// TestKeysChecked checks that the iterator trusts a page whose keys the
// fetch checked, and that a fetch lying about it gets a cursor that does
// not resume (a typed error) rather than a panic.
func TestKeysChecked(t *testing.T) {
	is := is.New(t)
	bad := map[string]types.AttributeValue{"pk": (*types.AttributeValueMemberS)(nil), "sk": &types.AttributeValueMemberN{Value: "1"}}
	fetch := func(context.Context, iter.Request) (iter.Page[row], error) {
		return iter.Page[row]{Items: []row{{SK: 1}, {SK: 2}}, Keys: []map[string]types.AttributeValue{bad, row{SK: 2}.key()},
			KeysChecked: true}, nil
	}
	it := iter.New(context.Background(), fetch)
	for r, err := range it.All() {
		is.NoErr(err)
		is.Equal(r.SK, 1)
		break
	}
	cursor := it.Cursor()
	is.True(cursor != "")
	_, err := iter.Collect(iter.New(context.Background(), fetch, func(o *iter.Options) { o.Cursor = cursor }).All())
	var ce *iter.CursorError
	is.True(errors.As(err, &ce))

	unchecked := func(ctx context.Context, req iter.Request) (iter.Page[row], error) {
		p, err := fetch(ctx, req)
		p.KeysChecked = false
		return p, err
	}
	_, err = iter.Collect(iter.New(context.Background(), unchecked).All())
	is.True(errors.Is(err, iter.ErrInvalidOptions))
}
