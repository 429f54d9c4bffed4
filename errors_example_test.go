package gonamo_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
)

func ExampleTable() {
	db := gonamo.New(dynamotest.New())
	threads, err := gonamo.NewTable(db, "threads", gonamo.Key(forum, subject), gonamo.Attrs[Thread](views))
	if err != nil {
		panic(err)
	}
	fmt.Println(threads.Name(), len(threads.Schema().Fields()))
	// Output: threads 3
}

func ExampleWriteKind_String() {
	fmt.Println(gonamo.WriteUpdate.String())
	// Output: update
}

// ifViewed is an extension that makes every update require views > 0.
type ifViewed struct{ stamper }

func (ifViewed) PrepareWrite(w *gonamo.Write[Thread]) error {
	if w.Kind == gonamo.WriteUpdate {
		w.If(views.Gt(0))
	}
	return nil
}

func ExampleWrite_If() {
	ctx := context.Background()
	threads, _ := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject),
		gonamo.Attrs[Thread](views), gonamo.Extend[Thread](ifViewed{}))
	_ = threads.Create(ctx)
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "a"})
	err := threads.Update(ctx, &Thread{Forum: "go", Subject: "a"}, views.Add(1))
	fmt.Println(gonamo.IsConditionFailed(err))
	// Output: true
}

func ExampleWrite_Set() {
	ctx := context.Background()
	threads := stampedThreads() // its extension Sets written_at
	_ = threads.Save(ctx, &Thread{Forum: "go", Subject: "s"})
	out, _ := threads.DB().Client().Scan(ctx, rawScanInput(threads.Name()))
	_, ok := out.Items[0]["written_at"]
	fmt.Println(ok)
	// Output:
	// committed save s
	// true
}

func ExampleWrite_Flagged() {
	w := gonamo.Write[Thread]{Kind: gonamo.WritePut}
	fmt.Println(w.Flagged(readOnly{}))
	// Output: false
}

func ExampleWrite_OnCommit() {
	ctx := context.Background()
	threads := stampedThreads() // its extension prints on commit
	_ = threads.Delete(ctx, &Thread{Forum: "go", Subject: "gone"})
	// Output: committed delete gone
}

func ExampleConditionFailedError_Error() {
	threads := exampleThreads()
	err := threads.Delete(context.Background(), &Thread{Forum: "go", Subject: "absent"}, gonamo.If(forum.Exists()))
	fmt.Println(err)
	// Output: gonamo: condition failed on table threads
}

func ExampleConditionFailedError_Unwrap() {
	threads := exampleThreads()
	err := threads.Delete(context.Background(), &Thread{Forum: "go", Subject: "absent"}, gonamo.If(forum.Exists()))
	var cf *gonamo.ConditionFailedError
	errors.As(err, &cf)
	var sdk *types.ConditionalCheckFailedException
	fmt.Println(len(cf.Unwrap()), errors.As(cf.Unwrap()[0], &sdk))
	// Output: 1 true
}

func ExampleTableMismatchError_Error() {
	err := &gonamo.TableMismatchError{Table: "t", Differences: []string{"a", "b"}}
	fmt.Println(err.Error())
	// Output: gonamo: table t does not match its model: a; b
}

func ExampleValidationError_Error() {
	err := exampleThreads().Put(context.Background(), &Thread{Subject: "x"})
	fmt.Println(err)
	// Output: gonamo: Thread.forum: gonamo: missing key attribute
}

func ExampleValidationError_Unwrap() {
	err := exampleThreads().Put(context.Background(), &Thread{Subject: "x"})
	var verr *gonamo.ValidationError
	errors.As(err, &verr)
	fmt.Println(verr.Unwrap() == gonamo.ErrMissingKey)
	// Output: true
}

func ExampleBatchError_Error() {
	fake, threads, _ := exampleBatchTables()
	fake.SetUnprocessed(1)
	err := threads.BatchDelete(context.Background(), []*Thread{{Forum: "go", Subject: "a"}},
		func(o *gonamo.BatchOptions) { o.MaxAttempts, o.BaseDelay = 1, time.Millisecond })
	fmt.Println(err.Error())
	// Output: gonamo: batch: 1 requests not written after 1 attempts: gonamo: batch requests left unprocessed
}

func ExampleBatchError_Unwrap() {
	fake, threads, _ := exampleBatchTables()
	fake.SetUnprocessed(1)
	err := threads.BatchPut(context.Background(), []*Thread{{Forum: "go", Subject: "a"}},
		func(o *gonamo.BatchOptions) { o.MaxAttempts = 1 })
	var be *gonamo.BatchError
	errors.As(err, &be)
	fmt.Println(be.Unwrap() == gonamo.ErrUnprocessed)
	// Output: true
}

func ExampleMissingError_Error() {
	_, threads, _ := exampleBatchTables()
	err := threads.LoadAll(context.Background(), []*Thread{{Forum: "go", Subject: "x"}})
	fmt.Println(err.Error())
	// Output: gonamo: 1 items not found: threads {forum="go", subject="x"}
}

func ExampleMissingError_Unwrap() {
	_, threads, _ := exampleBatchTables()
	err := threads.LoadAll(context.Background(), []*Thread{{Forum: "go", Subject: "x"}})
	var me *gonamo.MissingError
	errors.As(err, &me)
	fmt.Println(me.Unwrap() == gonamo.ErrNotFound)
	// Output: true
}
