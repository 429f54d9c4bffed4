package gonamo_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/matryer/is"
	"golang.org/x/time/rate"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/iter"
)

// authors of the query data set, by subject number.
var queryAuthors = []string{"alice", "bob", "carol"}

// fillThreads writes n threads in forum "go" (subjects s00..), views i*10,
// author by i%3, and 5 threads in forum "rust".
func fillThreads(t *testing.T, threads *gonamo.Table[Thread], n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		th := &Thread{Forum: "go", Subject: fmt.Sprintf("s%02d", i), Views: i * 10,
			Author: queryAuthors[i%3], Notes: fmt.Sprintf("note %d", i), Tags: []string{"t" + fmt.Sprint(i%4)}}
		if err := threads.Put(ctx, th); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		if err := threads.Put(ctx, &Thread{Forum: "rust", Subject: fmt.Sprintf("r%d", i), Views: i, Author: "dave"}); err != nil {
			t.Fatal(err)
		}
	}
}

func subjects(ts []Thread) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Subject
	}
	return out
}

func TestQueryKeyConditionsFiltersAndProjection(t *testing.T) {
	forEachDB(t, func(t *testing.T, threads *gonamo.Table[Thread]) {
		is := is.New(t)
		ctx := context.Background()
		fillThreads(t, threads, 20)

		all, err := threads.Query(forum.Eq("go")).Collect(ctx)
		is.NoErr(err)
		is.Equal(len(all), 20)
		is.Equal(all[3], Thread{Forum: "go", Subject: "s03", Views: 30, Author: "alice", Notes: "note 3", Tags: []string{"t3"}})

		cases := []struct {
			name string
			q    gonamo.Query[Thread]
			want []string
		}{
			{"eq", threads.Query(forum.Eq("go")).SortKey(subject.Eq("s05")), []string{"s05"}},
			{"lt", threads.Query(forum.Eq("go")).SortKey(subject.Lt("s02")), []string{"s00", "s01"}},
			{"le", threads.Query(forum.Eq("go")).SortKey(subject.Le("s01")), []string{"s00", "s01"}},
			{"gt", threads.Query(forum.Eq("go")).SortKey(subject.Gt("s17")), []string{"s18", "s19"}},
			{"ge", threads.Query(forum.Eq("go")).SortKey(subject.Ge("s18")), []string{"s18", "s19"}},
			{"between", threads.Query(forum.Eq("go")).SortKey(subject.Between("s04", "s06")), []string{"s04", "s05", "s06"}},
			{"begins_with", threads.Query(forum.Eq("go")).SortKey(subject.BeginsWith("s1")).Limit(3), []string{"s10", "s11", "s12"}},
			{"descending", threads.Query(forum.Eq("go")).Descending().Limit(2), []string{"s19", "s18"}},
			{"filter", threads.Query(forum.Eq("go")).Filter(views.Ge(150)).Filter(author.Eq("alice")), []string{"s15", "s18"}},
			{"filter or", threads.Query(forum.Eq("rust")).Filter(views.Eq(1).Or(views.Eq(3))), []string{"r1", "r3"}},
			{"filter on a set", threads.Query(forum.Eq("go")).Filter(tags.Contains("t1")).SortKey(subject.Lt("s10")), []string{"s01", "s05", "s09"}},
			{"empty", threads.Query(forum.Eq("zig")), []string{}},
		}
		for _, c := range cases {
			got, err := c.q.Collect(ctx)
			is.NoErr(err)
			is.Equal(append([]string{}, subjects(got)...), c.want) // c.name
		}

		// Only: the key and the fields named; the rest zero.
		got, err := threads.Query(forum.Eq("go")).SortKey(subject.Eq("s04")).Only(views).First(ctx)
		is.NoErr(err)
		is.Equal(got, Thread{Forum: "go", Subject: "s04", Views: 40})

		// Count, with and without filter.
		n, scanned, err := threads.Query(forum.Eq("go")).Count(ctx)
		is.NoErr(err)
		is.Equal(n, int64(20))
		is.Equal(scanned, int64(20))
		n, scanned, err = threads.Query(forum.Eq("go")).Filter(author.Eq("bob")).Count(ctx)
		is.NoErr(err)
		is.Equal(n, int64(7))
		is.Equal(scanned, int64(20))
		n, _, err = threads.Query(forum.Eq("go")).Only(views).PageSize(3).Count(ctx)
		is.NoErr(err)
		is.Equal(n, int64(20))

		// First and One.
		first, err := threads.Query(forum.Eq("go")).First(ctx)
		is.NoErr(err)
		is.Equal(first.Subject, "s00")
		_, err = threads.Query(forum.Eq("zig")).First(ctx)
		is.True(errors.Is(err, gonamo.ErrNotFound))
		one, err := threads.Query(forum.Eq("go")).SortKey(subject.Eq("s07")).One(ctx)
		is.NoErr(err)
		is.Equal(one.Views, 70)
		_, err = threads.Query(forum.Eq("go")).One(ctx)
		is.True(errors.Is(err, gonamo.ErrTooMany))
		_, err = threads.Query(forum.Eq("go")).Filter(views.Gt(10_000)).One(ctx)
		is.True(errors.Is(err, gonamo.ErrNotFound))

		// Pages: counts and cursors per page.
		pages := 0
		for p, err := range threads.Query(forum.Eq("go")).PageSize(8).Pages(ctx) {
			is.NoErr(err)
			pages++
			if pages < 3 {
				is.Equal(len(p.Items), 8)
				is.True(p.Cursor() != "")
			}
		}
		is.True(pages == 3 || pages == 4) // DynamoDB may end with an empty page

		// A shared base query refined twice keeps both refinements apart.
		base := threads.Query(forum.Eq("go")).Filter(author.Eq("alice"))
		a, err := base.Filter(views.Lt(50)).Collect(ctx)
		is.NoErr(err)
		b, err := base.Filter(views.Gt(150)).Collect(ctx)
		is.NoErr(err)
		is.Equal(subjects(a), []string{"s00", "s03"})
		is.Equal(subjects(b), []string{"s18"})
	})
}

func TestIndexQueries(t *testing.T) {
	forEachDB(t, func(t *testing.T, threads *gonamo.Table[Thread]) {
		is := is.New(t)
		ctx := context.Background()
		fillThreads(t, threads, 12)

		byAuthor, err := gonamo.IndexOf[Thread, string](threads, "by_author")
		is.NoErr(err)
		is.Equal(byAuthor.Name(), "by_author")
		got, err := byAuthor.Query("bob").Collect(ctx)
		is.NoErr(err)
		is.Equal(len(got), 4)
		slices.SortFunc(got, func(a, b Thread) int { return a.Views - b.Views })
		// The index projects views (INCLUDE) besides the keys: notes and tags stay zero.
		is.Equal(got[0], Thread{Forum: "go", Subject: "s01", Views: 10, Author: "bob"})
		n, _, err := byAuthor.Query("bob").Filter(views.Gt(40)).Count(ctx)
		is.NoErr(err)
		is.Equal(n, int64(2))

		byViews, err := gonamo.IndexOf[Thread, string](threads, "by_views")
		is.NoErr(err)
		top, err := byViews.Query("go").SortKey(views.Ge(90)).Descending().Collect(ctx)
		is.NoErr(err)
		is.Equal(top, []Thread{{Forum: "go", Subject: "s11", Views: 110}, {Forum: "go", Subject: "s10", Views: 100}, {Forum: "go", Subject: "s09", Views: 90}})

		scanned, err := byAuthor.Scan().Filter(views.Lt(3)).Collect(ctx)
		is.NoErr(err)
		is.Equal(len(scanned), 4) // s00 (alice, 0) and dave's r0, r1, r2

		// Typed errors before any call.
		for _, q := range []gonamo.Query[Thread]{
			byAuthor.Query("bob").Filter(notes.Eq("x")),    // GSI does not project notes
			byAuthor.Query("bob").Only(tags),               // nor tags
			byViews.Query("go").Filter(author.Eq("alice")), // strict LSI, KEYS_ONLY
			byViews.Query("go").Only(notes),                // same
			byAuthor.Scan().Filter(tags.Contains("t1")),    // scans are checked too
		} {
			_, err := q.Collect(ctx)
			is.True(errors.Is(err, gonamo.ErrNotProjected))
			var verr *gonamo.ValidationError
			is.True(errors.As(err, &verr))
		}
		_, err = byAuthor.Query("bob").Consistent().Collect(ctx)
		is.True(errors.Is(err, gonamo.ErrInvalidQuery)) // no consistent reads on a GSI
		_, err = byViews.Query("go").SortKey(subject.Eq("s01")).Collect(ctx)
		is.True(errors.Is(err, gonamo.ErrInvalidQuery)) // the index's range key is views

		_, err = gonamo.IndexOf[Thread, int](threads, "by_author")
		is.True(errors.Is(err, gonamo.ErrInvalidModel)) // author holds strings
		_, err = gonamo.IndexOf[Thread, string](threads, "nope")
		is.True(errors.Is(err, gonamo.ErrInvalidModel))
	})
}

// TestLooseLocalIndex: with Strict(false), a local index query may name
// attributes the index does not project; DynamoDB fetches them.
func TestLooseLocalIndex(t *testing.T) {
	for name, db := range testDBs() {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			ctx := context.Background()
			threads, err := gonamo.NewTable(db, "loose_threads", gonamo.Key(forum, subject),
				gonamo.Attrs[Thread](views, tags, updated, author, notes),
				gonamo.LocalIndex("by_views", views, gonamo.ProjectKeys[Thread](), gonamo.Strict(false)))
			is.NoErr(err)
			is.NoErr(threads.CreateOrVerify(ctx))
			defer threads.DeleteTable(ctx)
			fillThreads(t, threads, 6)
			byViews, err := gonamo.IndexOf[Thread, string](threads, "by_views")
			is.NoErr(err)
			got, err := byViews.Query("go").SortKey(views.Gt(20)).Only(notes).Collect(ctx)
			is.NoErr(err)
			is.Equal(got, []Thread{{Forum: "go", Subject: "s03", Views: 30, Notes: "note 3"},
				{Forum: "go", Subject: "s04", Views: 40, Notes: "note 4"}, {Forum: "go", Subject: "s05", Views: 50, Notes: "note 5"}})
			got, err = byViews.Scan().Filter(author.Eq("bob")).Only(author).Collect(ctx)
			is.NoErr(err)
			is.Equal(len(got), 2) // s01 and s04, fetched from the table
			is.Equal(got[0].Author, "bob")
			// Even a loose index refuses a query filter on what it does not project.
			_, err = byViews.Query("go").Filter(author.Eq("alice")).Collect(ctx)
			is.True(errors.Is(err, gonamo.ErrNotProjected))
		})
	}
}

func TestInvalidQueries(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	calls := 0
	db := gonamo.New(newCountingFake(&calls))
	threads, err := threadsTable(db)
	is.NoErr(err)
	for _, q := range []gonamo.Query[Thread]{
		threads.Query(subject.Eq("x")),                         // not the hash key
		threads.Query(forum.Gt("a")),                           // not an equality
		threads.Query(forum.Eq("go").And(views.Eq(1))),         // not one term
		threads.Query(forum.Eq("go")).SortKey(views.Eq(1)),     // not the sort key
		threads.Query(forum.Eq("go")).SortKey(subject.Ne("x")), // no <> on keys
		threads.Query(forum.Eq("go")).SortKey(subject.Eq("a")).SortKey(subject.Eq("b")),
		threads.Query(forum.Eq("go")).Filter(subject.Eq("x")), // filter on a key
		threads.Scan().SortKey(subject.Eq("x")),
		threads.Scan().Descending(),
		threads.Query(forum.Eq("go")).Segment(0, 2),
		threads.Scan().Parallel(0, 1),
	} {
		_, err := q.Collect(ctx)
		is.True(errors.Is(err, gonamo.ErrInvalidQuery))
		_, _, err = q.Count(ctx)
		is.True(errors.Is(err, gonamo.ErrInvalidQuery))
	}
	_, err = threads.Query(forum.Eq("go")).PageSize(-1).Collect(ctx)
	is.True(errors.Is(err, iter.ErrInvalidOptions))
	is.Equal(calls, 0)
}

func TestScanAndParallelScan(t *testing.T) {
	forEachDB(t, func(t *testing.T, threads *gonamo.Table[Thread]) {
		is := is.New(t)
		ctx := context.Background()
		fillThreads(t, threads, 40)
		all, err := threads.Scan().Collect(ctx)
		is.NoErr(err)
		is.Equal(len(all), 45)
		want := subjects(all)
		slices.Sort(want)

		merged, err := threads.Scan().Parallel(4, 2).PageSize(5).Collect(ctx)
		is.NoErr(err)
		got := subjects(merged)
		slices.Sort(got)
		is.Equal(got, want)

		var union []string
		for seg := range 3 {
			part, err := threads.Scan().Segment(seg, 3).Collect(ctx)
			is.NoErr(err)
			union = append(union, subjects(part)...)
		}
		slices.Sort(union)
		is.Equal(union, want)

		n, scanned, err := threads.Scan().Filter(author.Eq("dave")).Parallel(3, 0).Count(ctx)
		is.NoErr(err)
		is.Equal(n, int64(5))
		is.Equal(scanned, int64(45))

		c, err := threads.Scan().Consistent().Filter(views.Ge(380)).Only(author).Collect(ctx)
		is.NoErr(err)
		slices.SortFunc(c, func(a, b Thread) int { return cmpString(a.Subject, b.Subject) })
		is.Equal(c, []Thread{{Forum: "go", Subject: "s38", Author: "carol"}, {Forum: "go", Subject: "s39", Author: "alice"}})
	})
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// resumeAll runs q in pieces: each run takes up to a random number of
// items (breaking out of the loop, or with an item Limit), then the next
// run resumes from the cursor. It returns the items
// of all runs.
func resumeAll(t *testing.T, rnd *rand.Rand, q gonamo.Query[Thread]) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	cursor := ""
	for runs := 0; ; runs++ {
		if runs > 500 {
			t.Fatal("too many runs")
		}
		take := 1 + rnd.IntN(7)
		run := q.From(cursor)
		if rnd.IntN(2) == 0 {
			run = run.Limit(take) // stopped by the item limit rather than by a break
		}
		it := run.Iter(ctx)
		n := 0
		for th, err := range it.All() {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, th.Subject)
			if n++; n == take {
				break
			}
		}
		cursor = it.Cursor()
		if cursor == "" {
			return out
		}
	}
}

// TestCursorsResumeExactly checks, for random page sizes, item limits and
// stopping points, that the concatenation of resumed runs equals one
// uninterrupted run: on the table, with a filter, on an index whose key is
// shared by many items, and per parallel segment.
func TestCursorsResumeExactly(t *testing.T) {
	forEachDB(t, func(t *testing.T, threads *gonamo.Table[Thread]) {
		is := is.New(t)
		ctx := context.Background()
		fillThreads(t, threads, 60)
		byAuthor, err := gonamo.IndexOf[Thread, string](threads, "by_author")
		is.NoErr(err)
		rnd := rand.New(rand.NewPCG(1, 2))
		queries := map[string]gonamo.Query[Thread]{
			"table":         threads.Query(forum.Eq("go")),
			"descending":    threads.Query(forum.Eq("go")).Descending(),
			"filter":        threads.Query(forum.Eq("go")).Filter(tags.Contains("t2").Or(tags.Contains("t3"))),
			"gsi":           byAuthor.Query("alice"),
			"gsi filter":    byAuthor.Query("carol").Filter(views.Gt(100)),
			"scan":          threads.Scan().Filter(views.Lt(400)),
			"scan segment":  threads.Scan().Segment(1, 3),
			"gsi scan":      byAuthor.Scan(),
			"parallel scan": threads.Scan().Parallel(3, 2),
		}
		for name, q := range queries {
			for round := range 4 {
				pageSize := int32(1 + rnd.IntN(9))
				q := q.PageSize(pageSize)
				want, err := q.Collect(ctx)
				is.NoErr(err)
				got := resumeAll(t, rnd, q)
				if name == "parallel scan" {
					w := subjects(want)
					slices.Sort(w)
					slices.Sort(got)
					is.Equal(got, w)
					continue
				}
				if !slices.Equal(got, subjects(want)) {
					t.Fatalf("%s round %d page size %d:\n got %v\nwant %v", name, round, pageSize, got, subjects(want))
				}
			}
		}
	})
}

func TestCursorScopeAndSigning(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := gonamo.New(newCountingFake(new(int)), func(o *gonamo.Options) { o.CursorSigner = iter.NewSigner([]byte("k1")) })
	threads, err := threadsTable(db)
	is.NoErr(err)
	is.NoErr(threads.Create(ctx))
	fillThreads(t, threads, 10)
	byAuthor, err := gonamo.IndexOf[Thread, string](threads, "by_author")
	is.NoErr(err)

	it := threads.Query(forum.Eq("go")).Limit(3).Iter(ctx)
	_, err = iter.Collect(it.All())
	is.NoErr(err)
	cursor := it.Cursor()
	is.True(cursor != "")
	rest, err := threads.Query(forum.Eq("go")).From(cursor).Collect(ctx)
	is.NoErr(err)
	is.Equal(len(rest), 7)

	var cerr *iter.CursorError
	_, err = byAuthor.Query("alice").From(cursor).Collect(ctx) // another index
	is.True(errors.As(err, &cerr))
	is.Equal(cerr.Reason, iter.CursorWrongScope)
	_, err = threads.Scan().From(cursor).Collect(ctx) // a scan is another kind of read
	is.True(errors.As(err, &cerr))
	_, err = threads.Query(forum.Eq("go")).From(cursor[:len(cursor)-2] + "AA").Collect(ctx)
	is.True(errors.As(err, &cerr))
	is.Equal(cerr.Reason, iter.CursorBadSignature)

	other := gonamo.New(newCountingFake(new(int)))
	threads2, err := threadsTable(other)
	is.NoErr(err)
	is.NoErr(threads2.Create(ctx))
	_, err = threads2.Query(forum.Eq("go")).From(cursor).Collect(ctx) // signed cursor, unsigned DB: accepted as data
	is.NoErr(err)
}

func TestQueryReadRateChargesConsumedCapacity(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := gonamo.New(newCountingFake(new(int)))
	threads, err := threadsTable(db)
	is.NoErr(err)
	is.NoErr(threads.Create(ctx))
	fillThreads(t, threads, 20)
	l := rate.NewLimiter(rate.Limit(1e-6), 1000) // a bucket that does not refill during the test
	n, _, err := threads.Query(forum.Eq("go")).PageSize(5).SharedRate(l).Count(ctx)
	is.NoErr(err)
	is.Equal(n, int64(20))
	// Four pages of small items, eventually consistent: 0.5 units each.
	is.True(l.Tokens() <= 998.01 && l.Tokens() >= 997.99)
}

func TestQueryHooks(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	var ops []string
	loaded := 0
	db := gonamo.New(newCountingFake(new(int)), func(o *gonamo.Options) {
		o.Hooks.AfterCall = func(_ context.Context, c gonamo.Call) {
			if c.Op == "Query" || c.Op == "Scan" {
				ops = append(ops, c.Op)
				is.True(len(c.Consumed) == 1)
			}
		}
		o.Hooks.Loaded = func(context.Context, string, any) { loaded++ }
	})
	threads, err := threadsTable(db)
	is.NoErr(err)
	is.NoErr(threads.Create(ctx))
	fillThreads(t, threads, 4)
	_, err = threads.Query(forum.Eq("go")).Collect(ctx)
	is.NoErr(err)
	_, err = threads.Scan().Collect(ctx)
	is.NoErr(err)
	is.Equal(ops, []string{"Query", "Scan"})
	is.Equal(loaded, 4+9)
}

// countingClient is dynamotest counting the Query and Scan calls it serves.
type countingClient struct {
	*dynamotest.DB
	n *int
}

func newCountingFake(n *int) countingClient { return countingClient{dynamotest.New(), n} }

func (c countingClient) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	*c.n++
	return c.DB.Query(ctx, in, o...)
}

func (c countingClient) Scan(ctx context.Context, in *dynamodb.ScanInput, o ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	*c.n++
	return c.DB.Scan(ctx, in, o...)
}
