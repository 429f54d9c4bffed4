package gonamo_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/iter"
)

// On an in-process dynamotest.DB, queries and scans decode the fake's
// stored items without copying them when the schema's Decode copies
// (internal/borrow). These tests check that nothing of that shows.

// fakeThreads returns the threads table on a new fake, filled with n
// threads by fillThreads.
func fakeThreads(t *testing.T, n int) *gonamo.Table[Thread] {
	t.Helper()
	threads, err := threadsTable(gonamo.New(dynamotest.New()))
	if err != nil {
		t.Fatal(err)
	}
	if err := threads.Create(context.Background()); err != nil {
		t.Fatal(err)
	}
	fillThreads(t, threads, n)
	return threads
}

// TestBorrowedQueriesMatchCopies decodes the same reads from the items a
// query lends and from copies (Raw reads), on the table and its indexes.
func TestBorrowedQueriesMatchCopies(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	threads := fakeThreads(t, 40)
	is.True(threads.Schema().DecodeCopies())
	byViews, err := gonamo.IndexOf[Thread, string](threads, "by_views")
	is.NoErr(err)
	byAuthor, err := gonamo.IndexOf[Thread, string](threads, "by_author")
	is.NoErr(err)
	queries := map[string]gonamo.Query[Thread]{
		"table":    threads.Query(forum.Eq("go")).PageSize(7),
		"filter":   threads.Query(forum.Eq("go")).Filter(views.Gt(100)).Descending(),
		"only":     threads.Query(forum.Eq("go")).Only(views, tags),
		"lsi":      byViews.Query("go").SortKey(views.Between(50, 250)),
		"gsi":      byAuthor.Query("bob").PageSize(3),
		"scan":     threads.Scan().PageSize(9),
		"parallel": threads.Scan().Parallel(3, 2),
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			lent, err := q.Collect(ctx)
			is.NoErr(err)
			is.True(len(lent) > 0)
			var copied []Thread
			for m, err := range q.Raw(ctx).All() {
				is.NoErr(err)
				var th Thread
				is.NoErr(threads.Schema().Decode(m, &th))
				copied = append(copied, th)
			}
			if name == "only" { // Raw returns the projection; decode as Only does
				for i := range copied {
					copied[i] = Thread{Forum: copied[i].Forum, Subject: copied[i].Subject, Views: copied[i].Views, Tags: copied[i].Tags}
				}
			}
			if name == "parallel" { // segments interleave
				is.Equal(len(lent), len(copied))
				return
			}
			is.Equal(lent, copied)
		})
	}
}

// Blob has a []byte, which decodes as the attribute map's own slice: its
// table reads copies.
type Blob struct {
	ID   string
	Part int
	Data []byte
}

// TestBytesAreNotBorrowed changes the bytes of queried items and checks
// that the stored items did not change.
func TestBytesAreNotBorrowed(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	id := attr.String("id", func(b *Blob) *string { return &b.ID })
	part := attr.Int("part", func(b *Blob) *int { return &b.Part })
	data := attr.Bytes("data", func(b *Blob) *[]byte { return &b.Data })
	blobs, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "blobs", gonamo.Key(id, part), gonamo.Attrs[Blob](data))
	is.NoErr(err)
	is.True(!blobs.Schema().DecodeCopies())
	is.NoErr(blobs.Create(ctx))
	for i := range 3 {
		is.NoErr(blobs.Put(ctx, &Blob{ID: "b", Part: i, Data: []byte("abc")}))
	}
	got, err := blobs.Query(id.Eq("b")).Collect(ctx)
	is.NoErr(err)
	for _, b := range got {
		b.Data[0] = 'X'
	}
	one := &Blob{ID: "b", Part: 1}
	is.NoErr(blobs.Load(ctx, one))
	one.Data[1] = 'Y'
	batch := []*Blob{{ID: "b", Part: 0}, {ID: "b", Part: 2}}
	is.NoErr(blobs.LoadAll(ctx, batch))
	for _, b := range batch {
		b.Data[2] = 'Z'
	}
	again, err := blobs.Scan().Collect(ctx)
	is.NoErr(err)
	is.Equal(len(again), 3)
	for _, b := range again {
		is.Equal(string(b.Data), "abc")
	}
}

// TestBorrowedGets checks that Get and Load decode borrowed items as they
// decode copies, with and without Only, and that what they return is the
// caller's to change.
func TestBorrowedGets(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	threads := fakeThreads(t, 3)
	got, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "s01"})
	is.NoErr(err)
	is.Equal(*got, Thread{Forum: "go", Subject: "s01", Views: 10, Author: "bob", Notes: "note 1", Tags: []string{"t1"}})
	got.Tags[0] = "changed"
	again, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "s01"})
	is.NoErr(err)
	is.Equal(again.Tags, []string{"t1"})
	only, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "s01"}, gonamo.Only(views))
	is.NoErr(err)
	is.Equal(*only, Thread{Forum: "go", Subject: "s01", Views: 10})

	// Batch reads too.
	batch := []*Thread{{Forum: "go", Subject: "s00"}, {Forum: "go", Subject: "s01"}, {Forum: "go", Subject: "zz"}}
	var missing *gonamo.MissingError
	is.True(errors.As(threads.LoadAll(ctx, batch), &missing))
	is.Equal(*batch[1], *again)
	var got2 []*Thread
	for th, err := range threads.BatchGet(ctx, batch) {
		is.NoErr(err)
		got2 = append(got2, th)
	}
	is.Equal(len(got2), 2)
	batch[0].Tags[0] = "changed"
	reloaded, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "s00"})
	is.NoErr(err)
	is.Equal(reloaded.Tags, []string{"t0"})
}

// TestBorrowedQueriesUnderWrites runs queries with prefetch while other
// goroutines update, replace and delete the items being read. Run with
// -race: the fake's stored items must never change once lent.
func TestBorrowedQueriesUnderWrites(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	threads := fakeThreads(t, 60)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 2 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				key := &Thread{Forum: "go", Subject: fmt.Sprintf("s%02d", (i*7+w)%60)}
				var err error
				switch i % 3 {
				case 0:
					err = threads.Update(ctx, key, views.Add(1).And(tags.Add("x")))
				case 1:
					key.Views, key.Notes, key.Author = i, "replaced", "bob"
					err = threads.Put(ctx, key)
				case 2:
					err = threads.Delete(ctx, key)
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for range 30 {
		for th, err := range threads.Query(forum.Eq("go")).PageSize(5).Paging(func(o *iter.Options) { o.NoPrefetch = false }).All(ctx) {
			is.NoErr(err)
			is.Equal(th.Forum, "go")
		}
	}
	close(stop)
	wg.Wait()
}
