package gonamo_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
)

// exampleBatchTables returns the threads and users tables, created, on a
// fresh fake, with the fake to inject faults.
func exampleBatchTables() (*dynamotest.DB, *gonamo.Table[Thread], *gonamo.Table[batchUser]) {
	fake := dynamotest.New()
	db := gonamo.New(fake)
	threads, err := threadsTable(db)
	if err != nil {
		panic(err)
	}
	users, err := gonamo.NewTable(db, "users", gonamo.Key(buID), gonamo.Attrs(buName))
	if err != nil {
		panic(err)
	}
	for _, create := range []func(context.Context) error{threads.Create, users.Create} {
		if err := create(context.Background()); err != nil {
			panic(err)
		}
	}
	return fake, threads, users
}

func ExampleTable_BatchPut() {
	ctx := context.Background()
	_, threads, _ := exampleBatchTables()
	var items []*Thread
	for i := range 60 { // three BatchWriteItem calls of up to 25
		items = append(items, &Thread{Forum: "go", Subject: fmt.Sprint("topic ", i)})
	}
	fmt.Println(threads.BatchPut(ctx, items))
	th, _ := threads.Get(ctx, &Thread{Forum: "go", Subject: "topic 59"})
	fmt.Println(th.Subject)
	// Output:
	// <nil>
	// topic 59
}

func ExampleTable_BatchDelete() {
	ctx := context.Background()
	_, threads, _ := exampleBatchTables()
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "old"})
	err := threads.BatchDelete(ctx, []*Thread{{Forum: "go", Subject: "old"}, {Forum: "go", Subject: "never stored"}})
	fmt.Println(err)
	_, err = threads.Get(ctx, &Thread{Forum: "go", Subject: "old"})
	fmt.Println(errors.Is(err, gonamo.ErrNotFound))
	// Output:
	// <nil>
	// true
}

func ExampleTable_BatchGet() {
	ctx := context.Background()
	_, threads, _ := exampleBatchTables()
	_ = threads.BatchPut(ctx, []*Thread{{Forum: "go", Subject: "a", Views: 1}, {Forum: "go", Subject: "b", Views: 2}})
	keys := []*Thread{{Forum: "go", Subject: "a"}, {Forum: "go", Subject: "b"}, {Forum: "go", Subject: "missing"}, {Forum: "go", Subject: "a"}}
	var got []string
	for th, err := range threads.BatchGet(ctx, keys) {
		if err != nil {
			fmt.Println(err)
			break
		}
		got = append(got, fmt.Sprint(th.Subject, "=", th.Views))
	}
	slices.Sort(got) // the order of results is unspecified
	fmt.Println(got)
	// Output: [a=1 b=2]
}

func ExampleTable_LoadAll() {
	ctx := context.Background()
	_, threads, _ := exampleBatchTables()
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "a", Views: 7})
	a, b := &Thread{Forum: "go", Subject: "a"}, &Thread{Forum: "go", Subject: "b"}
	err := threads.LoadAll(ctx, []*Thread{a, b})
	fmt.Println(a.Views)
	fmt.Println(errors.Is(err, gonamo.ErrNotFound), gonamo.Missing(err, threads)[0] == b)
	// Output:
	// 7
	// true true
}

func ExampleTable_PutOp() {
	ctx := context.Background()
	_, threads, users := exampleBatchTables()
	ops := []gonamo.WriteOp{
		threads.PutOp(&Thread{Forum: "go", Subject: "a"}, &Thread{Forum: "go", Subject: "b"}),
		users.PutOp(&batchUser{ID: 1, Name: "ada"}),
	}
	fmt.Println(threads.DB().BatchWrite(ctx, ops))
	u, _ := users.Get(ctx, &batchUser{ID: 1})
	fmt.Println(u.Name)
	// Output:
	// <nil>
	// ada
}

func ExampleTable_DeleteOp() {
	ctx := context.Background()
	_, threads, _ := exampleBatchTables()
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "a"})
	// The last request on a key wins: the put replaces the delete.
	err := threads.DB().BatchWrite(ctx, []gonamo.WriteOp{
		threads.DeleteOp(&Thread{Forum: "go", Subject: "a"}),
		threads.PutOp(&Thread{Forum: "go", Subject: "a", Views: 2}),
	})
	th, _ := threads.Get(ctx, &Thread{Forum: "go", Subject: "a"})
	fmt.Println(err, th.Views)
	// Output: <nil> 2
}

func ExampleTable_LoadOp() {
	ctx := context.Background()
	_, threads, users := exampleBatchTables()
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "a", Author: "ada"})
	_ = users.Put(ctx, &batchUser{ID: 1, Name: "ada"})
	th, u := &Thread{Forum: "go", Subject: "a"}, &batchUser{ID: 1}
	err := threads.DB().LoadAll(ctx, []gonamo.LoadOp{threads.LoadOp(th), users.LoadOp(u)})
	fmt.Println(err, th.Author, u.Name)
	// Output: <nil> ada ada
}

func ExampleWriteOp() {
	_, threads, _ := exampleBatchTables()
	// A bad item makes a bad op; BatchWrite returns its error before any call.
	op := threads.PutOp(&Thread{Forum: "go"})
	err := threads.DB().BatchWrite(context.Background(), []gonamo.WriteOp{op})
	fmt.Println(errors.Is(err, gonamo.ErrMissingKey))
	// Output: true
}

func ExampleLoadOp() {
	_, threads, _ := exampleBatchTables()
	op := threads.LoadOp(&Thread{Subject: "no forum"})
	err := threads.DB().LoadAll(context.Background(), []gonamo.LoadOp{op})
	fmt.Println(err)
	// Output: gonamo: Thread.forum: gonamo: missing key attribute
}

func ExampleDB_BatchWrite() {
	ctx := context.Background()
	_, threads, users := exampleBatchTables()
	_ = users.Put(ctx, &batchUser{ID: 2, Name: "leaving"})
	db := threads.DB()
	err := db.BatchWrite(ctx, []gonamo.WriteOp{
		threads.PutOp(&Thread{Forum: "go", Subject: "welcome"}),
		users.PutOp(&batchUser{ID: 1, Name: "ada"}),
		users.DeleteOp(&batchUser{ID: 2}),
	}, func(o *gonamo.BatchOptions) { o.MaxAttempts = 5 })
	fmt.Println(err)
	_, err = users.Get(ctx, &batchUser{ID: 2})
	fmt.Println(errors.Is(err, gonamo.ErrNotFound))
	// Output:
	// <nil>
	// true
}

func ExampleDB_LoadAll() {
	ctx := context.Background()
	_, threads, users := exampleBatchTables()
	_ = users.Put(ctx, &batchUser{ID: 1, Name: "ada"})
	u1, u2, th := &batchUser{ID: 1}, &batchUser{ID: 2}, &Thread{Forum: "go", Subject: "none"}
	err := threads.DB().LoadAll(ctx, []gonamo.LoadOp{users.LoadOp(u1, u2), threads.LoadOp(th)})
	fmt.Println(u1.Name)
	fmt.Println(err)
	// Output:
	// ada
	// gonamo: 2 items not found: users {id=2} threads {forum="go", subject="none"}
}

func ExampleBatchOptions() {
	ctx := context.Background()
	fake, threads, _ := exampleBatchTables()
	fake.SetUnprocessed(0.5) // DynamoDB under load leaves requests unprocessed
	items := make([]*Thread, 100)
	for i := range items {
		items[i] = &Thread{Forum: "go", Subject: fmt.Sprint(i)}
	}
	err := threads.BatchPut(ctx, items, func(o *gonamo.BatchOptions) {
		o.MaxAttempts = 30 // retried until every item is written
		o.BaseDelay, o.MaxDelay = time.Millisecond, 10*time.Millisecond
		o.Concurrency = 2
	})
	fmt.Println(err)
	// Output: <nil>
}

func ExampleBatchError() {
	ctx := context.Background()
	fake, threads, _ := exampleBatchTables()
	fake.SetUnprocessed(1) // nothing gets through
	err := threads.BatchPut(ctx, []*Thread{{Forum: "go", Subject: "a"}, {Forum: "go", Subject: "b"}},
		func(o *gonamo.BatchOptions) { o.MaxAttempts, o.BaseDelay = 2, time.Millisecond })
	var be *gonamo.BatchError
	if errors.As(err, &be) {
		for _, r := range be.Requests {
			fmt.Println(r.Op, r.Item.(*Thread).Subject)
		}
	}
	fmt.Println(err)
	// Output:
	// put a
	// put b
	// gonamo: batch: 2 requests not written after 2 attempts: gonamo: batch requests left unprocessed
}

func ExampleErrUnprocessed() {
	fake, threads, _ := exampleBatchTables()
	fake.SetUnprocessed(1)
	err := threads.BatchPut(context.Background(), []*Thread{{Forum: "go", Subject: "a"}},
		func(o *gonamo.BatchOptions) { o.MaxAttempts = 1 })
	fmt.Println(errors.Is(err, gonamo.ErrUnprocessed))
	// Output: true
}

func ExampleBatchOp() {
	fake, threads, _ := exampleBatchTables()
	fake.SetUnprocessed(1)
	err := threads.DB().BatchWrite(context.Background(), []gonamo.WriteOp{
		threads.PutOp(&Thread{Forum: "go", Subject: "a"}), threads.DeleteOp(&Thread{Forum: "go", Subject: "b"})},
		func(o *gonamo.BatchOptions) { o.MaxAttempts = 1 })
	var be *gonamo.BatchError
	errors.As(err, &be)
	fmt.Println(be.Requests[0].Op == gonamo.BatchOpPut, be.Requests[1].Op == gonamo.BatchOpDelete)
	// Output: true true
}

func ExampleBatchRequest() {
	fake, threads, _ := exampleBatchTables()
	fake.SetUnprocessed(1)
	err := threads.BatchDelete(context.Background(), []*Thread{{Forum: "go", Subject: "a"}},
		func(o *gonamo.BatchOptions) { o.MaxAttempts = 1 })
	var be *gonamo.BatchError
	errors.As(err, &be)
	r := be.Requests[0]
	fmt.Println(r.Table, r.Op, len(r.Key))
	// Output: threads delete 2
}

func ExampleUnwritten() {
	ctx := context.Background()
	fake, threads, users := exampleBatchTables()
	fake.InjectFault(dynamotest.Fault{Op: "BatchWriteItem", Code: dynamotest.FaultThroughputExceeded, Rate: 1})
	err := threads.DB().BatchWrite(ctx, []gonamo.WriteOp{
		threads.PutOp(&Thread{Forum: "go", Subject: "a"}),
		users.DeleteOp(&batchUser{ID: 7}),
	}, func(o *gonamo.BatchOptions) { o.MaxAttempts, o.BaseDelay = 2, time.Millisecond })
	puts, _ := gonamo.Unwritten(err, threads)
	_, deletes := gonamo.Unwritten(err, users)
	fmt.Println(puts[0].Subject, deletes[0].ID)
	// Output: a 7
}

func ExampleUnread() {
	fake, threads, _ := exampleBatchTables()
	fake.SetUnprocessed(1)
	for _, err := range threads.BatchGet(context.Background(), []*Thread{{Forum: "go", Subject: "a"}},
		func(o *gonamo.BatchOptions) { o.MaxAttempts = 1 }) {
		fmt.Println(gonamo.Unread(err, threads)[0].Subject)
	}
	// Output: a
}

func ExampleMissing() {
	_, threads, _ := exampleBatchTables()
	lost := &Thread{Forum: "go", Subject: "lost"}
	err := threads.LoadAll(context.Background(), []*Thread{lost})
	fmt.Println(gonamo.Missing(err, threads)[0] == lost)
	// Output: true
}

func ExampleMissingError() {
	_, threads, _ := exampleBatchTables()
	err := threads.LoadAll(context.Background(), []*Thread{{Forum: "go", Subject: "x"}, {Forum: "go", Subject: "y"}})
	var me *gonamo.MissingError
	fmt.Println(errors.As(err, &me), len(me.Items), errors.Is(err, gonamo.ErrNotFound))
	// Output: true 2 true
}
