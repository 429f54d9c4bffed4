package gonamo_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/version"
)

// commit sends prepared writes with TransactWriteItems, as package txn
// does, and runs their Committed on success.
func commit(ctx context.Context, db *gonamo.DB, ps ...*gonamo.PreparedWrite) error {
	items := make([]types.TransactWriteItem, len(ps))
	for i, p := range ps {
		items[i] = p.Item
	}
	_, err := db.Client().TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	if err != nil {
		return err
	}
	for _, p := range ps {
		p.Committed(ctx)
	}
	return nil
}

// Page is a versioned model of the examples below.
type Page struct {
	Slug, Body string
	Version    int64
}

var (
	pageSlug = attr.String("slug", func(p *Page) *string { return &p.Slug })
	pageBody = attr.String("body", func(p *Page) *string { return &p.Body })
	pageVer  = version.Attr("v", func(p *Page) *int64 { return &p.Version })
)

func examplePages() *gonamo.Table[Page] {
	pages, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "pages", gonamo.Key(pageSlug),
		gonamo.Attrs[Page](pageBody), version.Lock(pageVer))
	if err != nil {
		panic(err)
	}
	if err := pages.Create(context.Background()); err != nil {
		panic(err)
	}
	return pages
}

func ExampleTable_PreparePut() {
	threads := exampleThreads()
	p, err := threads.PreparePut(&Thread{Forum: "go", Subject: "generics", Views: 1}, gonamo.If(forum.NotExists()))
	fmt.Println(err, p.Table, p.Kind)
	fmt.Println(aws.ToString(p.Item.Put.ConditionExpression), p.Item.Put.ExpressionAttributeNames)
	fmt.Println(commit(context.Background(), threads.DB(), p))
	// Output:
	// <nil> threads put
	// attribute_not_exists(#0) map[#0:forum]
	// <nil>
}

func ExampleTable_PrepareSave() {
	pages := examplePages()
	page := &Page{Slug: "home", Body: "hello"}
	p, _ := pages.PrepareSave(page)
	fmt.Println(aws.ToString(p.Item.Update.UpdateExpression))
	fmt.Println(aws.ToString(p.Item.Update.ConditionExpression))
	fmt.Println(commit(context.Background(), pages.DB(), p), page.Version)
	// Output:
	// SET #0 = :0, #1 = :1
	// attribute_not_exists(#1)
	// <nil> 1
}

func ExampleTable_PrepareUpdate() {
	ctx := context.Background()
	threads := exampleThreads()
	key := &Thread{Forum: "go", Subject: "generics"}
	_ = threads.Put(ctx, key)
	p, err := threads.PrepareUpdate(key, views.Add(2), gonamo.If(views.Lt(10)))
	fmt.Println(err, aws.ToString(p.Item.Update.UpdateExpression), aws.ToString(p.Item.Update.ConditionExpression))
	_ = commit(ctx, threads.DB(), p)
	th, _ := threads.Get(ctx, key)
	fmt.Println(th.Views)
	// A transaction cannot return values.
	_, err = threads.PrepareUpdate(key, views.Add(1), gonamo.ReturnNew(key))
	fmt.Println(errors.Is(err, gonamo.ErrInvalidModel))
	// Output:
	// <nil> ADD #0 :0 #0 < :1
	// 2
	// true
}

func ExampleTable_PrepareDelete() {
	ctx := context.Background()
	threads := exampleThreads()
	key := &Thread{Forum: "go", Subject: "generics"}
	_ = threads.Put(ctx, key)
	p, _ := threads.PrepareDelete(key)
	fmt.Println(p.Kind, p.Key["subject"].(*types.AttributeValueMemberS).Value)
	fmt.Println(commit(ctx, threads.DB(), p))
	_, err := threads.Get(ctx, key)
	fmt.Println(errors.Is(err, gonamo.ErrNotFound))
	// Output:
	// delete generics
	// <nil>
	// true
}

func ExampleTable_PrepareCheck() {
	ctx := context.Background()
	threads := exampleThreads()
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "generics", Views: 5})
	check, _ := threads.PrepareCheck(&Thread{Forum: "go", Subject: "generics"}, views.Gt(10))
	put, _ := threads.PreparePut(&Thread{Forum: "go", Subject: "popular"})
	err := commit(ctx, threads.DB(), check, put)
	var tce *types.TransactionCanceledException
	fmt.Println(errors.As(err, &tce), aws.ToString(tce.CancellationReasons[0].Code))
	_, err = threads.PrepareCheck(&Thread{Forum: "go", Subject: "generics"}, attr.Condition[Thread]{})
	fmt.Println(errors.Is(err, gonamo.ErrInvalidModel))
	// Output:
	// true ConditionalCheckFailed
	// true
}

func ExamplePreparedWrite() {
	ctx := context.Background()
	pages := examplePages()
	home, about := &Page{Slug: "home"}, &Page{Slug: "about"}
	var ps []*gonamo.PreparedWrite
	for _, page := range []*Page{home, about} {
		p, err := pages.PreparePut(page)
		if err != nil {
			panic(err)
		}
		ps = append(ps, p)
	}
	fmt.Println(commit(ctx, pages.DB(), ps...), home.Version, about.Version)
	// Output: <nil> 1 1
}

func ExamplePreparedWrite_Committed() {
	pages := examplePages()
	page := &Page{Slug: "home"}
	p, _ := pages.PreparePut(page)
	fmt.Println(page.Version) // the version moves only once committed
	_, _ = pages.DB().Client().TransactWriteItems(context.Background(),
		&dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{p.Item}})
	p.Committed(context.Background())
	fmt.Println(page.Version)
	// Output:
	// 0
	// 1
}

func ExamplePreparedWrite_Current() {
	ctx := context.Background()
	pages := examplePages()
	_ = pages.Put(ctx, &Page{Slug: "home", Body: "stored"})
	p, _ := pages.PreparePut(&Page{Slug: "home", Body: "mine"}) // version 0: must not exist
	err := commit(ctx, pages.DB(), p)
	var tce *types.TransactionCanceledException
	if errors.As(err, &tce) {
		cur, err := p.Current(tce.CancellationReasons[0].Item)
		fmt.Println(err, cur.(*Page).Body, cur.(*Page).Version)
	}
	// Output: <nil> stored 1
}

func ExamplePreparedWrite_Explain() {
	ctx := context.Background()
	pages := examplePages()
	_ = pages.Put(ctx, &Page{Slug: "home"})
	p, _ := pages.PrepareSave(&Page{Slug: "home", Body: "stale", Version: 0})
	err := commit(ctx, pages.DB(), p)
	var tce *types.TransactionCanceledException
	if errors.As(err, &tce) {
		for _, e := range p.Explain(tce.CancellationReasons[0].Item) {
			fmt.Println(errors.Is(e, version.ErrConflict), e)
		}
	}
	// Output: true gonamo/version: version conflict: local v 0, stored 1
}

func ExampleTable_PrepareGet() {
	ctx := context.Background()
	threads := exampleThreads()
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "generics", Views: 3, Author: "ann"})
	th := &Thread{Forum: "go", Subject: "generics"}
	g, err := threads.PrepareGet(th, gonamo.Only(views))
	fmt.Println(err, aws.ToString(g.Item.Get.ProjectionExpression), g.Item.Get.ExpressionAttributeNames)
	out, _ := threads.DB().Client().TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{g.Item}})
	fmt.Println(g.Load(ctx, out.Responses[0].Item), th.Views, th.Author == "")
	// Output:
	// <nil> #0, #1, #2 map[#0:forum #1:subject #2:views]
	// <nil> 3 true
}

func ExamplePreparedGet() {
	ctx := context.Background()
	threads := exampleThreads()
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "a", Views: 1})
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "b", Views: 2})
	ths := []*Thread{{Forum: "go", Subject: "a"}, {Forum: "go", Subject: "b"}}
	var gs []*gonamo.PreparedGet
	var items []types.TransactGetItem
	for _, th := range ths {
		g, _ := threads.PrepareGet(th)
		gs, items = append(gs, g), append(items, g.Item)
	}
	out, _ := threads.DB().Client().TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: items})
	for i, g := range gs {
		_ = g.Load(ctx, out.Responses[i].Item)
	}
	fmt.Println(ths[0].Views, ths[1].Views)
	// Output: 1 2
}

func ExamplePreparedGet_Load() {
	ctx := context.Background()
	var loaded []string
	db := gonamo.New(dynamotest.New(), func(o *gonamo.Options) {
		o.Hooks.Loaded = func(_ context.Context, table string, item any) {
			loaded = append(loaded, table+"/"+item.(*Thread).Subject)
		}
	})
	threads, _ := threadsTable(db)
	_ = threads.Create(ctx)
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "a", Views: 4})
	th := &Thread{Forum: "go", Subject: "a"}
	g, _ := threads.PrepareGet(th)
	out, _ := db.Client().TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{g.Item}})
	fmt.Println(g.Load(ctx, out.Responses[0].Item), th.Views, loaded)
	// Output: <nil> 4 [threads/a]
}

func ExampleDo() {
	ctx := context.Background()
	db := gonamo.New(dynamotest.New(), func(o *gonamo.Options) {
		o.Hooks.AfterCall = func(_ context.Context, c gonamo.Call) {
			fmt.Println("hook:", c.Op, c.Table, c.Err)
		}
	})
	threads, _ := threadsTable(db)
	_ = threads.Create(ctx) // CreateTable, then DescribeTable until ACTIVE
	// A package built on gonamo runs its own calls through the DB's hooks.
	out, err := gonamo.Do(ctx, db, "DescribeTable", "threads",
		func(ctx context.Context, _ types.ReturnConsumedCapacity, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
			return db.Client().DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("threads")}, o...)
		}, nil)
	fmt.Println(err, out.Table.TableStatus)
	// Output:
	// hook: CreateTable threads <nil>
	// hook: DescribeTable threads <nil>
	// hook: DescribeTable threads <nil>
	// <nil> ACTIVE
}
