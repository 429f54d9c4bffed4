package gonamo_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"golang.org/x/time/rate"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/iter"
)

// exampleForum returns the threads table holding threads a..e of forum go
// (views 10, 20, ..., authors alternating ada and bob) and one of forum
// rust.
func exampleForum() *gonamo.Table[Thread] {
	threads := exampleThreads()
	ctx := context.Background()
	for i, s := range []string{"a", "b", "c", "d", "e"} {
		author := []string{"ada", "bob"}[i%2]
		if err := threads.Put(ctx, &Thread{Forum: "go", Subject: s, Views: 10 * (i + 1), Author: author, Notes: "n-" + s}); err != nil {
			panic(err)
		}
	}
	if err := threads.Put(ctx, &Thread{Forum: "rust", Subject: "x", Views: 1, Author: "ada"}); err != nil {
		panic(err)
	}
	return threads
}

func ExampleTable_Query() {
	threads := exampleForum()
	for th, err := range threads.Query(forum.Eq("go")).SortKey(subject.Ge("c")).All(context.Background()) {
		if err != nil {
			panic(err)
		}
		fmt.Println(th.Subject, th.Views)
	}
	// Output:
	// c 30
	// d 40
	// e 50
}

func ExampleTable_Scan() {
	threads := exampleForum()
	n, scanned, err := threads.Scan().Filter(author.Eq("ada")).Count(context.Background())
	fmt.Println(n, scanned, err)
	// Output: 4 6 <nil>
}

func ExampleQuery() {
	threads := exampleForum()
	// A Query is a value: refine a shared base in several ways.
	popular := threads.Query(forum.Eq("go")).Filter(views.Ge(30))
	byAda, _ := popular.Filter(author.Eq("ada")).Collect(context.Background())
	byBob, _ := popular.Filter(author.Eq("bob")).Collect(context.Background())
	fmt.Println(subjects(byAda), subjects(byBob))
	// Output: [c e] [d]
}

func ExampleQuery_SortKey() {
	threads := exampleForum()
	ths, err := threads.Query(forum.Eq("go")).SortKey(subject.Between("b", "d")).Collect(context.Background())
	fmt.Println(subjects(ths), err)
	// Output: [b c d] <nil>
}

func ExampleQuery_Filter() {
	threads := exampleForum()
	ths, err := threads.Query(forum.Eq("go")).Filter(views.Gt(20).And(author.Eq("bob"))).Collect(context.Background())
	fmt.Println(subjects(ths), err)
	// Output: [d] <nil>
}

func ExampleQuery_Only() {
	threads := exampleForum()
	th, err := threads.Query(forum.Eq("go")).Only(views).First(context.Background())
	fmt.Printf("%+v %v\n", th, err)
	// Output: {Forum:go Subject:a Views:10 Tags:[] Updated:0001-01-01 00:00:00 +0000 UTC Author: Notes:} <nil>
}

func ExampleQuery_Consistent() {
	threads := exampleForum()
	n, _, err := threads.Query(forum.Eq("go")).Consistent().Count(context.Background())
	fmt.Println(n, err)
	// Output: 5 <nil>
}

func ExampleQuery_Descending() {
	threads := exampleForum()
	th, err := threads.Query(forum.Eq("go")).Descending().First(context.Background())
	fmt.Println(th.Subject, err)
	// Output: e <nil>
}

func ExampleQuery_Limit() {
	threads := exampleForum()
	ths, err := threads.Query(forum.Eq("go")).Limit(2).Collect(context.Background())
	fmt.Println(subjects(ths), err)
	// Output: [a b] <nil>
}

func ExampleQuery_PageSize() {
	threads := exampleForum()
	for page, err := range threads.Query(forum.Eq("go")).PageSize(2).Pages(context.Background()) {
		if err != nil {
			panic(err)
		}
		fmt.Println(subjects(page.Items), page.ScannedCount)
	}
	// Output:
	// [a b] 2
	// [c d] 2
	// [e] 1
}

func ExampleQuery_From() {
	threads := exampleForum()
	ctx := context.Background()
	// The first request of a web page reads two items and hands out the
	// cursor; the next request resumes from it.
	it := threads.Query(forum.Eq("go")).Limit(2).Iter(ctx)
	first, _ := iter.Collect(it.All())
	next, _ := threads.Query(forum.Eq("go")).Limit(2).From(it.Cursor()).Collect(ctx)
	fmt.Println(subjects(first), subjects(next))
	// Output: [a b] [c d]
}

func ExampleQuery_ReadRate() {
	threads := exampleForum()
	// At most 100 read capacity units per second.
	n, _, err := threads.Scan().ReadRate(100).Count(context.Background())
	fmt.Println(n, err)
	// Output: 6 <nil>
}

func ExampleQuery_SharedRate() {
	threads := exampleForum()
	budget := rate.NewLimiter(50, 50) // shared by every scan of this job
	n, _, err := threads.Scan().SharedRate(budget).Count(context.Background())
	fmt.Println(n, err)
	// Output: 6 <nil>
}

func ExampleQuery_Paging() {
	threads := exampleForum()
	ths, err := threads.Query(forum.Eq("go")).Paging(func(o *iter.Options) {
		o.NoPrefetch = true
		o.PageSize = 3
	}).Collect(context.Background())
	fmt.Println(len(ths), err)
	// Output: 5 <nil>
}

func ExampleQuery_Segment() {
	threads := exampleForum()
	total := 0
	for seg := range 3 { // each segment could run in its own process
		ths, err := threads.Scan().Segment(seg, 3).Collect(context.Background())
		if err != nil {
			panic(err)
		}
		total += len(ths)
	}
	fmt.Println(total)
	// Output: 6
}

func ExampleQuery_Parallel() {
	threads := exampleForum()
	ths, err := threads.Scan().Parallel(4, 2).Collect(context.Background())
	fmt.Println(len(ths), err)
	// Output: 6 <nil>
}

func ExampleQuery_Iter() {
	threads := exampleForum()
	it := threads.Query(forum.Eq("go")).Iter(context.Background())
	for th, err := range it.All() {
		if err != nil {
			panic(err)
		}
		if th.Subject == "b" {
			break
		}
	}
	fmt.Println(it.Cursor() != "")
	// Output: true
}

func ExampleQuery_All() {
	threads := exampleForum()
	for th, err := range threads.Query(forum.Eq("rust")).All(context.Background()) {
		fmt.Println(th.Subject, err)
	}
	// Output: x <nil>
}

func ExampleQuery_Pages() {
	threads := exampleForum()
	for page, err := range threads.Query(forum.Eq("go")).PageSize(3).Limit(4).Pages(context.Background()) {
		fmt.Println(len(page.Items), page.Cursor() != "", err)
	}
	// Output:
	// 3 true <nil>
	// 1 true <nil>
}

func ExampleQuery_Collect() {
	threads := exampleForum()
	ths, err := threads.Query(forum.Eq("go")).Collect(context.Background())
	fmt.Println(len(ths), err)
	// Output: 5 <nil>
}

func ExampleQuery_First() {
	threads := exampleForum()
	_, err := threads.Query(forum.Eq("zig")).First(context.Background())
	fmt.Println(errors.Is(err, gonamo.ErrNotFound))
	// Output: true
}

func ExampleQuery_One() {
	threads := exampleForum()
	th, err := threads.Query(forum.Eq("rust")).One(context.Background())
	fmt.Println(th.Subject, err)
	_, err = threads.Query(forum.Eq("go")).One(context.Background())
	fmt.Println(errors.Is(err, gonamo.ErrTooMany))
	// Output:
	// x <nil>
	// true
}

func ExampleQuery_Count() {
	threads := exampleForum()
	n, scanned, err := threads.Query(forum.Eq("go")).Filter(views.Gt(25)).Count(context.Background())
	fmt.Println(n, scanned, err)
	// Output: 3 5 <nil>
}

func ExampleIndexOf() {
	threads := exampleForum()
	byAuthor, err := gonamo.IndexOf[Thread, string](threads, "by_author")
	if err != nil {
		panic(err)
	}
	ths, err := byAuthor.Query("bob").Collect(context.Background())
	// by_author projects views besides the keys: the other fields are zero.
	fmt.Println(len(ths), ths[0].Views, ths[0].Notes == "", err)
	_, err = gonamo.IndexOf[Thread, int](threads, "by_author")
	fmt.Println(errors.Is(err, gonamo.ErrInvalidModel))
	// Output:
	// 2 20 true <nil>
	// true
}

func ExampleIndex() {
	threads := exampleForum()
	byViews, _ := gonamo.IndexOf[Thread, string](threads, "by_views")
	ths, err := byViews.Query("go").SortKey(views.Ge(30)).Descending().Collect(context.Background())
	fmt.Println(subjects(ths), err)
	// Output: [e d c] <nil>
}

func ExampleIndex_Query() {
	threads := exampleForum()
	byAuthor, _ := gonamo.IndexOf[Thread, string](threads, "by_author")
	n, _, err := byAuthor.Query("ada").Filter(views.Lt(40)).Count(context.Background())
	fmt.Println(n, err)
	// Output: 3 <nil>
}

func ExampleIndex_Scan() {
	threads := exampleForum()
	byAuthor, _ := gonamo.IndexOf[Thread, string](threads, "by_author")
	n, _, err := byAuthor.Scan().Count(context.Background())
	fmt.Println(n, err)
	// Output: 6 <nil>
}

func ExampleIndex_Name() {
	threads := exampleForum()
	byAuthor, _ := gonamo.IndexOf[Thread, string](threads, "by_author")
	fmt.Println(byAuthor.Name(), byAuthor.Table().Name())
	// Output: by_author threads
}

func ExampleIndex_Table() {
	threads := exampleForum()
	byViews, _ := gonamo.IndexOf[Thread, string](threads, "by_views")
	fmt.Println(byViews.Table() == threads)
	// Output: true
}

func ExampleErrNotProjected() {
	threads := exampleForum()
	byAuthor, _ := gonamo.IndexOf[Thread, string](threads, "by_author")
	_, err := byAuthor.Query("ada").Filter(notes.Eq("n-a")).Collect(context.Background())
	fmt.Println(errors.Is(err, gonamo.ErrNotProjected))
	fmt.Println(err)
	// Output:
	// true
	// gonamo: Thread.notes: gonamo: attribute not projected by the index: global index by_author does not project notes
}

func ExampleErrInvalidQuery() {
	threads := exampleForum()
	_, err := threads.Query(subject.Eq("a")).Collect(context.Background())
	fmt.Println(errors.Is(err, gonamo.ErrInvalidQuery))
	fmt.Println(err)
	// Output:
	// true
	// gonamo: Thread.forum: gonamo: invalid query: the hash key condition is on subject, not on the hash key forum
}

func ExampleErrTooMany() {
	threads := exampleForum()
	_, err := threads.Scan().One(context.Background())
	fmt.Println(errors.Is(err, gonamo.ErrTooMany))
	// Output: true
}

func ExampleStrict() {
	db := gonamo.New(dynamotest.New())
	threads, err := gonamo.NewTable(db, "threads", gonamo.Key(forum, subject),
		gonamo.Attrs[Thread](views, author, notes),
		gonamo.LocalIndex("by_views", views, gonamo.ProjectKeys[Thread](), gonamo.Strict(false)))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	_ = threads.Create(ctx)
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "a", Views: 5, Notes: "fetched"})
	byViews, _ := gonamo.IndexOf[Thread, string](threads, "by_views")
	// Not strict: DynamoDB fetches notes from the table.
	th, err := byViews.Query("go").Only(notes).First(ctx)
	fmt.Println(th.Notes, err)
	// Output: fetched <nil>
}

func ExampleLocalIndexOption() {
	opt := gonamo.Strict(false) // a LocalIndexOption
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject),
		gonamo.Attrs[Thread](views), gonamo.LocalIndex("by_views", views, gonamo.ProjectAll[Thread](), opt))
	fmt.Println(err)
	// Output: <nil>
}

func ExampleQuery_Raw() {
	threads := exampleForum()
	for item, err := range threads.Query(forum.Eq("rust")).Raw(context.Background()).All() {
		fmt.Println(item["subject"].(*types.AttributeValueMemberS).Value, err)
	}
	// Output: x <nil>
}

func ExampleQuery_Unfiltered() {
	threads := exampleForum()
	// Without read extensions (see ReadExtension), Unfiltered changes nothing.
	n, _, err := threads.Scan().Unfiltered().Count(context.Background())
	fmt.Println(n, err)
	// Output: 6 <nil>
}
