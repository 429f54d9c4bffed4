package gonamo_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
)

// exampleThreads returns the threads table, created, on a fresh fake.
func exampleThreads() *gonamo.Table[Thread] {
	threads, err := threadsTable(gonamo.New(dynamotest.New()))
	if err != nil {
		panic(err)
	}
	if err := threads.Create(context.Background()); err != nil {
		panic(err)
	}
	return threads
}

func Example() {
	ctx := context.Background()
	db := gonamo.New(dynamotest.New()) // or gonamo.New(dynamodb.NewFromConfig(cfg))
	threads, err := gonamo.NewTable(db, "threads",
		gonamo.Key(forum, subject), gonamo.Attrs[Thread](views, tags, updated))
	if err != nil {
		panic(err)
	}
	if err := threads.CreateOrVerify(ctx); err != nil {
		panic(err)
	}
	_ = threads.Put(ctx, &Thread{Forum: "go", Subject: "generics"}, gonamo.If(forum.NotExists()))
	_ = threads.Update(ctx, &Thread{Forum: "go", Subject: "generics"}, views.Add(1).And(tags.Add("types")), gonamo.If(views.Lt(100)))
	th, _ := threads.Get(ctx, &Thread{Forum: "go", Subject: "generics"})
	fmt.Println(th.Views, th.Tags)
	// Output: 1 [types]
}

func ExampleNew() {
	db := gonamo.New(dynamotest.New(), func(o *gonamo.Options) { o.TableNamePrefix = "dev-" })
	fmt.Println(db.TableName("threads"))
	// Output: dev-threads
}

func ExampleOptions() {
	db := gonamo.New(dynamotest.New(), func(o *gonamo.Options) {
		o.TableNamePrefix = "prod-"
		o.TableName = func(name string) string { return name + "-eu" } // bloop's table_name_template
		o.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	})
	fmt.Println(db.TableName("threads"))
	// Output: prod-threads-eu
}

func ExampleDB() {
	// Two DBs serve the same model, for example in two regions.
	east, west := gonamo.New(dynamotest.New()), gonamo.New(dynamotest.New())
	for _, db := range []*gonamo.DB{east, west} {
		threads, _ := threadsTable(db)
		fmt.Println(threads.Create(context.Background()))
	}
	// Output:
	// <nil>
	// <nil>
}

func ExampleDB_TableName() {
	fmt.Println(gonamo.New(dynamotest.New()).TableName("threads"))
	// Output: threads
}

func ExampleDB_Client() {
	fake := dynamotest.New()
	db := gonamo.New(fake)
	fmt.Println(db.Client() == gonamo.Client(fake))
	// Output: true
}

func ExampleClient() {
	var _ gonamo.Client = dynamotest.New() // and *dynamodb.Client
	fmt.Println("ok")
	// Output: ok
}

func ExampleHooks() {
	db := gonamo.New(dynamotest.New(), func(o *gonamo.Options) {
		o.Hooks.AfterCall = func(_ context.Context, c gonamo.Call) {
			if c.Op == "PutItem" {
				fmt.Println(c.Op, c.Table, *c.Consumed[0].CapacityUnits, c.Err)
			}
		}
		o.Hooks.Saved = func(_ context.Context, table string, item any) { fmt.Println("saved", item.(*Thread).Subject) }
	})
	threads, _ := gonamo.NewTable(db, "threads", gonamo.Key(forum, subject))
	threads.Create(context.Background())
	threads.Put(context.Background(), &Thread{Forum: "go", Subject: "hooks"})
	// Output:
	// PutItem threads 1 <nil>
	// saved hooks
}

func ExampleCall() {
	var calls []gonamo.Call
	db := gonamo.New(dynamotest.New(), func(o *gonamo.Options) {
		o.Hooks.AfterCall = func(_ context.Context, c gonamo.Call) { calls = append(calls, c) }
	})
	threads, _ := gonamo.NewTable(db, "threads", gonamo.Key(forum, subject))
	threads.Get(context.Background(), &Thread{Forum: "go", Subject: "missing"})
	fmt.Println(calls[0].Op, calls[0].Err != nil) // the table does not exist
	// Output: GetItem true
}

func ExampleNewTable() {
	db := gonamo.New(dynamotest.New())
	_, err := gonamo.NewTable(db, "threads", gonamo.Attrs[Thread](views))
	fmt.Println(errors.Is(err, gonamo.ErrInvalidModel))
	fmt.Println(err)
	// Output:
	// true
	// gonamo: Thread: gonamo: invalid model: no hash key (declare one with gonamo.Key)
}

func ExampleKey() {
	threads, _ := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject))
	fmt.Println(len(threads.Schema().Fields()))
	// Output: 2
}

func ExampleAttrs() {
	threads, _ := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum), gonamo.Attrs[Thread](views, tags))
	for _, f := range threads.Schema().Fields() {
		fmt.Print(f.Name(), " ")
	}
	fmt.Println()
	// Output: forum views tags
}

func ExampleTableOption() {
	opts := []gonamo.TableOption[Thread]{gonamo.Key(forum, subject), gonamo.Provisioned[Thread](5, 5), gonamo.Stream[Thread](types.StreamViewTypeNewImage)}
	threads, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", opts...)
	fmt.Println(threads.Name(), err)
	// Output: threads <nil>
}

func ExampleOnDemand() {
	threads, _ := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum), gonamo.OnDemand[Thread]())
	fmt.Println(threads.Create(context.Background()))
	// Output: <nil>
}

func ExampleProvisioned() {
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum), gonamo.Provisioned[Thread](0, 1))
	fmt.Println(errors.Is(err, gonamo.ErrInvalidModel))
	// Output: true
}

func ExampleStream() {
	fake := dynamotest.New()
	threads, _ := gonamo.NewTable(gonamo.New(fake), "threads", gonamo.Key(forum, subject), gonamo.Stream[Thread](types.StreamViewTypeNewAndOldImages))
	threads.Create(context.Background())
	threads.Put(context.Background(), &Thread{Forum: "go", Subject: "streams"})
	fmt.Println(len(fake.Changes("threads")))
	// Output: 1
}

func ExampleGlobalIndex() {
	threads, _ := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject),
		gonamo.Attrs[Thread](author), gonamo.GlobalIndex("by_author", author, nil, gonamo.ProjectKeys[Thread]()))
	fmt.Println(threads.Create(context.Background()))
	// Output: <nil>
}

func ExampleLocalIndex() {
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum),
		gonamo.Attrs[Thread](views), gonamo.LocalIndex("by_views", views, gonamo.ProjectAll[Thread]()))
	fmt.Println(err) // a local index needs a table with a range key
	// Output: gonamo: Thread.by_views: gonamo: invalid model: local index by_views needs a table with a range key
}

func ExampleProjection() {
	var p gonamo.Projection[Thread] = gonamo.ProjectInclude(views, tags)
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject),
		gonamo.Attrs[Thread](views, tags, author), gonamo.GlobalIndex("by_author", author, nil, p))
	fmt.Println(err)
	// Output: <nil>
}

func ExampleProjectAll() {
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject),
		gonamo.Attrs[Thread](views), gonamo.LocalIndex("by_views", views, gonamo.ProjectAll[Thread]()))
	fmt.Println(err)
	// Output: <nil>
}

func ExampleProjectKeys() {
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject),
		gonamo.Attrs[Thread](views), gonamo.LocalIndex("by_views", views, gonamo.ProjectKeys[Thread]()))
	fmt.Println(err)
	// Output: <nil>
}

func ExampleProjectInclude() {
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "threads", gonamo.Key(forum, subject),
		gonamo.Attrs[Thread](views), gonamo.LocalIndex("by_views", views, gonamo.ProjectInclude(notes)))
	fmt.Println(errors.Is(err, gonamo.ErrInvalidModel)) // notes is not an attribute of this model
	// Output: true
}

func ExampleTable_Create() {
	threads, _ := threadsTable(gonamo.New(dynamotest.New()))
	fmt.Println(threads.Create(context.Background()))
	// Output: <nil>
}

func ExampleTable_Verify() {
	db := gonamo.New(dynamotest.New())
	threads, _ := threadsTable(db)
	fmt.Println(errors.Is(threads.Verify(context.Background()), gonamo.ErrNotFound))
	threads.Create(context.Background())
	// The same table declared with a numeric range key does not match.
	other, _ := gonamo.NewTable(db, "threads", gonamo.Key(forum, views))
	err := other.Verify(context.Background())
	var mismatch *gonamo.TableMismatchError
	fmt.Println(errors.As(err, &mismatch), mismatch.Differences)
	// Output:
	// true
	// true [range key: model has views (N), table has subject (S)]
}

func ExampleTable_CreateOrVerify() {
	threads, _ := threadsTable(gonamo.New(dynamotest.New()))
	fmt.Println(threads.CreateOrVerify(context.Background()), threads.CreateOrVerify(context.Background()))
	// Output: <nil> <nil>
}

func ExampleTable_Bind() {
	threads, _ := threadsTable(gonamo.New(dynamotest.New()))
	fmt.Println(threads.Bind(context.Background(), gonamo.SetupSkip)) // no call at all
	fmt.Println(errors.Is(threads.Bind(context.Background(), gonamo.SetupVerify), gonamo.ErrNotFound))
	fmt.Println(threads.Bind(context.Background(), gonamo.SetupCreateOrVerify))
	// Output:
	// <nil>
	// true
	// <nil>
}

func ExampleSetup() {
	fmt.Println(gonamo.SetupCreateOrVerify, gonamo.SetupVerify, gonamo.SetupSkip)
	// Output: 0 1 2
}

func ExampleTable_Exists() {
	threads, _ := threadsTable(gonamo.New(dynamotest.New()))
	before, _ := threads.Exists(context.Background())
	threads.Create(context.Background())
	after, _ := threads.Exists(context.Background())
	fmt.Println(before, after)
	// Output: false true
}

func ExampleTable_DeleteTable() {
	threads := exampleThreads()
	fmt.Println(threads.DeleteTable(context.Background()))
	ok, _ := threads.Exists(context.Background())
	fmt.Println(ok)
	// Output:
	// <nil>
	// false
}

func ExampleTable_Name() {
	threads, _ := threadsTable(gonamo.New(dynamotest.New(), func(o *gonamo.Options) { o.TableNamePrefix = "test_" }))
	fmt.Println(threads.Name())
	// Output: test_threads
}

func ExampleTable_DB() {
	db := gonamo.New(dynamotest.New())
	threads, _ := threadsTable(db)
	fmt.Println(threads.DB() == db)
	// Output: true
}

func ExampleTable_Schema() {
	fmt.Println(exampleThreads().Schema().Model())
	// Output: Thread
}

func ExampleTable_Put() {
	threads := exampleThreads()
	ctx := context.Background()
	fmt.Println(threads.Put(ctx, &Thread{Forum: "go", Subject: "put"}, gonamo.If(forum.NotExists())))
	fmt.Println(gonamo.IsConditionFailed(threads.Put(ctx, &Thread{Forum: "go", Subject: "put"}, gonamo.If(forum.NotExists()))))
	// Output:
	// <nil>
	// true
}

func ExampleTable_Get() {
	threads := exampleThreads()
	ctx := context.Background()
	threads.Put(ctx, &Thread{Forum: "go", Subject: "get", Views: 7})
	th, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "get"})
	fmt.Println(th.Views, err)
	_, err = threads.Get(ctx, &Thread{Forum: "go", Subject: "nothing"})
	fmt.Println(errors.Is(err, gonamo.ErrNotFound))
	// Output:
	// 7 <nil>
	// true
}

func ExampleTable_Load() {
	threads := exampleThreads()
	ctx := context.Background()
	threads.Put(ctx, &Thread{Forum: "go", Subject: "load", Views: 7})
	th := &Thread{Forum: "go", Subject: "load"}
	fmt.Println(threads.Load(ctx, th), th.Views)
	// Output: <nil> 7
}

func ExampleTable_Save() {
	threads := exampleThreads()
	ctx := context.Background()
	th := &Thread{Forum: "go", Subject: "save", Views: 2, Notes: "draft"}
	threads.Save(ctx, th)
	th.Notes = "" // removed by the next Save
	threads.Save(ctx, th)
	got, _ := threads.Get(ctx, th)
	fmt.Printf("%d %q\n", got.Views, got.Notes)
	// Output: 2 ""
}

func ExampleTable_Update() {
	threads := exampleThreads()
	ctx := context.Background()
	th := &Thread{Forum: "go", Subject: "update"}
	threads.Put(ctx, th)
	err := threads.Update(ctx, th, views.Add(5).And(tags.Add("a", "b")), gonamo.ReturnNew(th))
	fmt.Println(err, th.Views, th.Tags)
	// Output: <nil> 5 [a b]
}

func ExampleTable_Delete() {
	threads := exampleThreads()
	ctx := context.Background()
	threads.Put(ctx, &Thread{Forum: "go", Subject: "delete", Views: 3})
	var old Thread
	fmt.Println(threads.Delete(ctx, &Thread{Forum: "go", Subject: "delete"}, gonamo.ReturnOld(&old)), old.Views)
	// Output: <nil> 3
}

func ExampleReadOption() {
	threads := exampleThreads()
	ctx := context.Background()
	threads.Put(ctx, &Thread{Forum: "go", Subject: "read", Views: 3, Author: "ada"})
	var opts []gonamo.ReadOption[Thread]
	opts = append(opts, gonamo.Consistent[Thread](), gonamo.Only(views))
	th, _ := threads.Get(ctx, &Thread{Forum: "go", Subject: "read"}, opts...)
	fmt.Printf("%d %q\n", th.Views, th.Author)
	// Output: 3 ""
}

func ExampleConsistent() {
	threads := exampleThreads()
	ctx := context.Background()
	threads.Put(ctx, &Thread{Forum: "go", Subject: "read"})
	_, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "read"}, gonamo.Consistent[Thread]())
	fmt.Println(err)
	// Output: <nil>
}

func ExampleOnly() {
	threads := exampleThreads()
	ctx := context.Background()
	threads.Put(ctx, &Thread{Forum: "go", Subject: "only", Views: 4, Author: "ada"})
	th, _ := threads.Get(ctx, &Thread{Forum: "go", Subject: "only"}, gonamo.Only(author))
	fmt.Println(th.Views, th.Author)
	// Output: 0 ada
}

func ExampleWriteOption() {
	threads := exampleThreads()
	ctx := context.Background()
	opts := []gonamo.WriteOption[Thread]{gonamo.If(forum.NotExists()), gonamo.If(subject.NotExists())}
	fmt.Println(threads.Put(ctx, &Thread{Forum: "go", Subject: "w"}, opts...))
	// Output: <nil>
}

func ExampleIf() {
	threads := exampleThreads()
	ctx := context.Background()
	th := &Thread{Forum: "go", Subject: "if", Views: 100}
	threads.Put(ctx, th)
	err := threads.Update(ctx, th, views.Add(1), gonamo.If(views.Lt(100)))
	fmt.Println(gonamo.IsConditionFailed(err))
	// Output: true
}

func ExampleReturnOld() {
	threads := exampleThreads()
	ctx := context.Background()
	threads.Put(ctx, &Thread{Forum: "go", Subject: "old", Views: 1})
	var old Thread
	threads.Put(ctx, &Thread{Forum: "go", Subject: "old", Views: 2}, gonamo.ReturnOld(&old))
	fmt.Println(old.Views)
	// Output: 1
}

func ExampleReturnNew() {
	threads := exampleThreads()
	ctx := context.Background()
	th := &Thread{Forum: "go", Subject: "new", Views: 1}
	threads.Put(ctx, th)
	threads.Update(ctx, th, views.Add(1), gonamo.ReturnNew(th))
	fmt.Println(th.Views)
	// Output: 2
}

func ExampleReturnOnFailure() {
	threads := exampleThreads()
	ctx := context.Background()
	threads.Put(ctx, &Thread{Forum: "go", Subject: "taken", Author: "ada"})
	var current Thread
	err := threads.Put(ctx, &Thread{Forum: "go", Subject: "taken", Author: "bob"}, gonamo.If(forum.NotExists()), gonamo.ReturnOnFailure(&current))
	var cf *gonamo.ConditionFailedError
	fmt.Println(errors.As(err, &cf), current.Author, cf.Current.(*Thread).Author)
	// Output: true ada ada
}

func ExampleConditionFailedError() {
	threads := exampleThreads()
	ctx := context.Background()
	err := threads.Delete(ctx, &Thread{Forum: "go", Subject: "absent"}, gonamo.If(forum.Exists()))
	var cf *gonamo.ConditionFailedError
	var sdk *types.ConditionalCheckFailedException
	fmt.Println(errors.As(err, &cf), cf.Table, errors.As(err, &sdk))
	// Output: true threads true
}

func ExampleIsConditionFailed() {
	threads := exampleThreads()
	err := threads.Delete(context.Background(), &Thread{Forum: "go", Subject: "absent"}, gonamo.If(forum.Exists()))
	fmt.Println(gonamo.IsConditionFailed(err), gonamo.IsConditionFailed(nil))
	// Output: true false
}

func ExampleTableMismatchError() {
	db := gonamo.New(dynamotest.New())
	threads, _ := gonamo.NewTable(db, "threads", gonamo.Key(forum, subject))
	threads.Create(context.Background())
	withStream, _ := gonamo.NewTable(db, "threads", gonamo.Key(forum, subject), gonamo.Stream[Thread](types.StreamViewTypeKeysOnly))
	fmt.Println(withStream.Verify(context.Background()))
	// Output: gonamo: table threads does not match its model: stream: model has KEYS_ONLY, table has none
}

func ExampleValidationError() {
	threads := exampleThreads()
	err := threads.Put(context.Background(), &Thread{Forum: "go"})
	var verr *gonamo.ValidationError
	fmt.Println(errors.As(err, &verr), verr.Model, verr.Attr, errors.Is(err, gonamo.ErrMissingKey))
	// Output: true Thread subject true
}

func ExampleErrNotFound() {
	_, err := exampleThreads().Get(context.Background(), &Thread{Forum: "go", Subject: "none"})
	fmt.Println(errors.Is(err, gonamo.ErrNotFound))
	// Output: true
}

func ExampleErrMissingKey() {
	err := exampleThreads().Update(context.Background(), &Thread{Subject: "x"}, views.Add(1))
	fmt.Println(errors.Is(err, gonamo.ErrMissingKey))
	// Output: true
}

func ExampleErrInvalidModel() {
	_, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "t", gonamo.Key(tags))
	fmt.Println(errors.Is(err, gonamo.ErrInvalidModel))
	// Output: true
}

func ExampleErrItemTooLarge() {
	big := make([]byte, 500_000)
	for i := range big {
		big[i] = 'x'
	}
	err := exampleThreads().Put(context.Background(), &Thread{Forum: "go", Subject: "big", Notes: string(big)})
	fmt.Println(errors.Is(err, gonamo.ErrItemTooLarge))
	// Output: true
}

func ExampleTable_ItemNotExists() {
	threads := exampleThreads()
	ctx := context.Background()
	fmt.Println(threads.Put(ctx, &Thread{Forum: "go", Subject: "once"}, gonamo.If(threads.ItemNotExists())))
	fmt.Println(gonamo.IsConditionFailed(threads.Put(ctx, &Thread{Forum: "go", Subject: "once"}, gonamo.If(threads.ItemNotExists()))))
	// Output:
	// <nil>
	// true
}

func ExampleTable_ItemExists() {
	threads := exampleThreads()
	ctx := context.Background()
	err := threads.Update(ctx, &Thread{Forum: "go", Subject: "absent"}, views.Add(1), gonamo.If(threads.ItemExists()))
	fmt.Println(gonamo.IsConditionFailed(err)) // an update that must not create
	// Output: true
}

func ExampleTable_Snapshot() {
	threads := exampleThreads()
	ctx := context.Background()
	threads.Put(ctx, &Thread{Forum: "go", Subject: "snap", Views: 1})
	mine, _ := threads.Get(ctx, &Thread{Forum: "go", Subject: "snap"})
	snap, _ := threads.Snapshot(mine)
	threads.Update(ctx, mine, views.Add(1)) // someone else writes meanwhile
	mine.Views = 10
	err := threads.Put(ctx, mine, gonamo.If(snap))
	fmt.Println(gonamo.IsConditionFailed(err))
	// Output: true
}
