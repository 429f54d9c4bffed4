package gonamo_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
)

// stamper is an extension that stores the time of every write in the
// attribute "written_at" and refuses writes flagged readOnly.
type stamper struct{ now func() time.Time }

type readOnly struct{}

func (s stamper) PrepareWrite(w *gonamo.Write[Thread]) error {
	if w.Flagged(readOnly{}) {
		return fmt.Errorf("%s refused: read-only", w.Kind)
	}
	w.Set("written_at", &types.AttributeValueMemberS{Value: s.now().Format(time.RFC3339)})
	w.OnCommit(func() { fmt.Println("committed", w.Kind, w.Item.Subject) })
	return nil
}

func (s stamper) ExplainFailure(*gonamo.Write[Thread], map[string]types.AttributeValue) error {
	return nil
}

func stampedThreads() *gonamo.Table[Thread] {
	now := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	threads, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads",
		gonamo.Key(forum, subject), gonamo.Attrs[Thread](views),
		gonamo.Extend[Thread](stamper{now: now}))
	if err != nil {
		panic(err)
	}
	if err := threads.Create(context.Background()); err != nil {
		panic(err)
	}
	return threads
}

func ExampleExtend() {
	ctx := context.Background()
	threads := stampedThreads()
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "a"})
	_ = threads.Update(ctx, &Thread{Forum: "go", Subject: "a"}, views.Add(1))
	out, _ := threads.DB().Client().Scan(ctx, rawScanInput(threads.Name()))
	fmt.Println(out.Items[0]["written_at"].(*types.AttributeValueMemberS).Value)
	// Output:
	// committed put a
	// committed update a
	// 2026-11-23T09:00:00Z
}

func ExampleExtension() {
	var _ gonamo.Extension[Thread] = stamper{} // PrepareWrite and ExplainFailure
	fmt.Println("ok")
	// Output: ok
}

func ExampleWrite() {
	ctx := context.Background()
	threads := stampedThreads()
	_ = threads.Save(ctx, &Thread{Forum: "go", Subject: "b", Views: 2})
	// Output: committed save b
}

func ExampleWriteKind() {
	fmt.Println(gonamo.WritePut, gonamo.WriteSave, gonamo.WriteUpdate, gonamo.WriteDelete, gonamo.WriteCheck)
	// Output: put save update delete check
}

func ExampleWithFlag() {
	threads := stampedThreads()
	err := threads.Delete(context.Background(), &Thread{Forum: "go", Subject: "a"}, gonamo.WithFlag[Thread](readOnly{}))
	fmt.Println(err)
	// Output: gonamo: Thread: delete refused: read-only
}

func ExampleCombine() {
	// One option that declares the attributes and the extension together.
	withStamps := gonamo.Combine(gonamo.Attrs[Thread](views, author), gonamo.Extend[Thread](stamper{now: time.Now}))
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject), withStamps)
	fmt.Println(err)
	// Output: <nil>
}

// rawScanInput is a raw Scan of a whole table.
func rawScanInput(table string) *dynamodb.ScanInput {
	return &dynamodb.ScanInput{TableName: aws.String(table)}
}

// onlyForum is a read extension that keeps a table handle to one forum.
type onlyForum struct {
	stamper
	name  string
	bound string
}

func (o *onlyForum) ReadFilter() *attr.Condition[Thread] {
	c := forum.Eq(o.name)
	return &c
}

func (o *onlyForum) CheckRead(item map[string]types.AttributeValue) error {
	if item["forum"].(*types.AttributeValueMemberS).Value != o.name {
		return fmt.Errorf("not in forum %s", o.name)
	}
	return nil
}

func (o *onlyForum) Bind(t *gonamo.Table[Thread]) error {
	o.bound = t.Name()
	return nil
}

func ExampleReadExtension() {
	ctx := context.Background()
	db := gonamo.New(dynamotest.New())
	ext := &onlyForum{stamper: stamper{now: time.Now}, name: "go"}
	threads, _ := gonamo.NewTable(db, "threads", gonamo.Key(forum, subject), gonamo.Extend[Thread](ext))
	_ = threads.Create(ctx)
	_, _ = db.Client().PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("threads"), Item: map[string]types.AttributeValue{
		"forum": &types.AttributeValueMemberS{Value: "rust"}, "subject": &types.AttributeValueMemberS{Value: "x"}}})
	n, _, _ := threads.Scan().Count(ctx)
	all, _, _ := threads.Scan().Unfiltered().Count(ctx)
	_, err := threads.Get(ctx, &Thread{Forum: "rust", Subject: "x"})
	fmt.Println(n, all, err)
	// Output: 0 1 not in forum go
}

func ExampleBindExtension() {
	ext := &onlyForum{stamper: stamper{now: time.Now}, name: "go"}
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject), gonamo.Extend[Thread](ext))
	fmt.Println(ext.bound, err)
	// Output: threads <nil>
}
