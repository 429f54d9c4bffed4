package gonamo_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
)

// forEachDB runs f on a fresh threads table on every test backend.
func forEachDB(t *testing.T, f func(t *testing.T, threads *gonamo.Table[Thread])) {
	for name, db := range testDBs() {
		t.Run(name, func(t *testing.T) {
			threads, err := threadsTable(db)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if err := threads.CreateOrVerify(ctx); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { threads.DeleteTable(context.Background()) })
			f(t, threads)
		})
	}
}

func TestPutGetLoadDelete(t *testing.T) {
	forEachDB(t, func(t *testing.T, threads *gonamo.Table[Thread]) {
		is := is.New(t)
		ctx := context.Background()
		when := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		in := &Thread{Forum: "go", Subject: "generics", Views: 3, Tags: []string{"types", "lang"}, Updated: when, Author: "ada"}
		is.NoErr(threads.Put(ctx, in))

		got, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "generics"}, gonamo.Consistent[Thread]())
		is.NoErr(err)
		is.Equal(got.Views, 3)
		is.Equal(got.Author, "ada")
		is.True(got.Updated.Equal(when))
		is.Equal(len(got.Tags), 2)

		only, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "generics"}, gonamo.Only(views))
		is.NoErr(err)
		is.Equal(*only, Thread{Forum: "go", Subject: "generics", Views: 3}) // only the key and views

		item := &Thread{Forum: "go", Subject: "generics", Notes: "kept until loaded"}
		is.NoErr(threads.Load(ctx, item))
		is.Equal(item.Views, 3)
		is.Equal(item.Notes, "") // Load replaces the fields the stored item has none for

		var old Thread
		is.NoErr(threads.Delete(ctx, &Thread{Forum: "go", Subject: "generics"}, gonamo.ReturnOld(&old)))
		is.Equal(old.Views, 3)
		_, err = threads.Get(ctx, &Thread{Forum: "go", Subject: "generics"})
		is.True(errors.Is(err, gonamo.ErrNotFound))
		is.NoErr(threads.Delete(ctx, &Thread{Forum: "go", Subject: "generics"})) // deleting nothing is fine
	})
}

func TestConditionsAndFailures(t *testing.T) {
	forEachDB(t, func(t *testing.T, threads *gonamo.Table[Thread]) {
		is := is.New(t)
		ctx := context.Background()
		first := &Thread{Forum: "go", Subject: "errors", Views: 1}
		is.NoErr(threads.Put(ctx, first, gonamo.If(forum.NotExists())))

		var current Thread
		err := threads.Put(ctx, &Thread{Forum: "go", Subject: "errors", Views: 99}, gonamo.If(forum.NotExists()), gonamo.ReturnOnFailure(&current))
		var cf *gonamo.ConditionFailedError
		is.True(errors.As(err, &cf))
		is.True(gonamo.IsConditionFailed(err))
		var sdkErr *types.ConditionalCheckFailedException
		is.True(errors.As(err, &sdkErr)) // the SDK's error is still there
		is.Equal(cf.Current.(*Thread).Views, 1)
		is.Equal(current.Views, 1)

		// Update under a condition, with several typed actions.
		is.NoErr(threads.Update(ctx, first, views.Add(2).And(tags.Add("wrapping")), gonamo.If(views.Lt(100))))
		err = threads.Update(ctx, first, views.Add(1), gonamo.If(views.Gt(100)))
		is.True(gonamo.IsConditionFailed(err))
		err = threads.Delete(ctx, first, gonamo.If(views.Eq(7)))
		is.True(gonamo.IsConditionFailed(err))
		got, err := threads.Get(ctx, first)
		is.NoErr(err)
		is.Equal(got.Views, 3)
		is.Equal(got.Tags, []string{"wrapping"})
	})
}

func TestSaveIsPartial(t *testing.T) {
	forEachDB(t, func(t *testing.T, threads *gonamo.Table[Thread]) {
		is := is.New(t)
		ctx := context.Background()
		// Another model on the same table knows an attribute Thread does not.
		type Wider struct {
			Forum, Subject, Extra string
		}
		wider, err := gonamo.NewTable(threads.DB(), "threads",
			gonamo.Key(attr.String("forum", func(w *Wider) *string { return &w.Forum }), attr.String("subject", func(w *Wider) *string { return &w.Subject })),
			gonamo.Attrs(attr.String("extra", func(w *Wider) *string { return &w.Extra })))
		is.NoErr(err)
		is.NoErr(wider.Put(ctx, &Wider{Forum: "go", Subject: "save", Extra: "kept"}))

		th := &Thread{Forum: "go", Subject: "save", Views: 5, Notes: "a note"}
		is.NoErr(threads.Save(ctx, th, gonamo.ReturnNew(th)))
		th.Notes = "" // empty: Save removes it
		is.NoErr(threads.Save(ctx, th))

		w, err := wider.Get(ctx, &Wider{Forum: "go", Subject: "save"})
		is.NoErr(err)
		is.Equal(w.Extra, "kept") // Save never touches attributes the model does not know
		got, err := threads.Get(ctx, th)
		is.NoErr(err)
		is.Equal(got.Views, 5)
		is.Equal(got.Notes, "")

		// Put replaces the whole item.
		is.NoErr(threads.Put(ctx, th))
		w, err = wider.Get(ctx, &Wider{Forum: "go", Subject: "save"})
		is.NoErr(err)
		is.Equal(w.Extra, "")
	})
}

func TestReturnValuesDecodeIntoT(t *testing.T) {
	forEachDB(t, func(t *testing.T, threads *gonamo.Table[Thread]) {
		is := is.New(t)
		ctx := context.Background()
		th := &Thread{Forum: "go", Subject: "sync", Views: 1}
		is.NoErr(threads.Put(ctx, th))
		var before Thread
		is.NoErr(threads.Update(ctx, th, views.Add(10), gonamo.ReturnOld(&before)))
		is.Equal(before.Views, 1)
		is.NoErr(threads.Update(ctx, th, views.Add(10), gonamo.ReturnNew(th))) // bloop's sync="new"
		is.Equal(th.Views, 21)
		var prev Thread
		is.NoErr(threads.Put(ctx, &Thread{Forum: "go", Subject: "sync", Views: 0}, gonamo.ReturnOld(&prev)))
		is.Equal(prev.Views, 21)
	})
}

func TestBadInputIsTypedAndNothingIsSent(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	calls := 0
	db := gonamo.New(dynamotest.New(), func(o *gonamo.Options) {
		o.Hooks.BeforeCall = func(_ context.Context, op, _ string) {
			if op != "CreateTable" && op != "DescribeTable" {
				calls++
			}
		}
	})
	threads, err := threadsTable(db)
	is.NoErr(err)
	is.NoErr(threads.Create(ctx))

	var verr *gonamo.ValidationError
	err = threads.Put(ctx, &Thread{Forum: "go"}) // no subject
	is.True(errors.Is(err, gonamo.ErrMissingKey))
	is.True(errors.As(err, &verr))
	is.Equal(verr.Model, "Thread")
	is.Equal(verr.Attr, "subject")
	_, err = threads.Get(ctx, &Thread{Subject: "x"})
	is.True(errors.Is(err, gonamo.ErrMissingKey))
	is.True(errors.Is(threads.Update(ctx, &Thread{}, views.Add(1)), gonamo.ErrMissingKey))
	is.True(errors.Is(threads.Delete(ctx, nil), gonamo.ErrMissingKey))
	var th Thread
	is.True(errors.Is(threads.Put(ctx, &Thread{Forum: "go", Subject: "x"}, gonamo.ReturnNew(&th)), gonamo.ErrInvalidModel))
	is.True(errors.Is(threads.Delete(ctx, &Thread{Forum: "go", Subject: "x"}, gonamo.ReturnNew(&th)), gonamo.ErrInvalidModel))

	err = threads.Put(ctx, &Thread{Forum: "go", Subject: "big", Notes: strings.Repeat("x", 410_000)})
	is.True(errors.Is(err, gonamo.ErrItemTooLarge))
	err = threads.Put(ctx, &Thread{Forum: "go", Subject: "utf8", Notes: "\xff"})
	is.True(errors.Is(err, attr.ErrInvalidUTF8))
	is.True(errors.As(err, &verr))
	is.Equal(calls, 0)
}

func TestInvalidModels(t *testing.T) {
	is := is.New(t)
	db := gonamo.New(dynamotest.New())
	_, err := gonamo.NewTable(db, "t", gonamo.Attrs[Thread](views))
	is.True(errors.Is(err, gonamo.ErrInvalidModel)) // no hash key
	_, err = gonamo.NewTable(db, "t", gonamo.Key(tags))
	is.True(errors.Is(err, gonamo.ErrInvalidModel)) // a set cannot be a key
	dup := attr.String("views", func(t *Thread) *string { return &t.Notes })
	_, err = gonamo.NewTable(db, "t", gonamo.Key(forum), gonamo.Attrs[Thread](views, dup))
	is.True(errors.Is(err, attr.ErrDescriptor)) // two attributes stored as "views"
	_, err = gonamo.NewTable(db, "t", gonamo.Key(forum), gonamo.LocalIndex("l", views, gonamo.ProjectAll[Thread]()))
	is.True(errors.Is(err, gonamo.ErrInvalidModel)) // local index without table range key
	_, err = gonamo.NewTable(db, "t", gonamo.Key(forum, subject), gonamo.GlobalIndex("g", author, nil, gonamo.ProjectAll[Thread]()))
	is.True(errors.Is(err, gonamo.ErrInvalidModel)) // index key not an attribute of the model
	var verr *gonamo.ValidationError
	is.True(errors.As(err, &verr))
	is.Equal(verr.Model, "Thread")
}

func TestHooksSeeItemEvents(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	var events []string
	var consumed float64
	db := gonamo.New(dynamotest.New(), func(o *gonamo.Options) {
		o.Hooks.Saved = func(_ context.Context, table string, item any) {
			events = append(events, "saved "+item.(*Thread).Subject)
		}
		o.Hooks.Loaded = func(_ context.Context, table string, item any) {
			events = append(events, "loaded "+item.(*Thread).Subject)
		}
		o.Hooks.Deleted = func(_ context.Context, table string, key map[string]types.AttributeValue) {
			events = append(events, "deleted "+key["subject"].(*types.AttributeValueMemberS).Value)
		}
		o.Hooks.AfterCall = func(_ context.Context, c gonamo.Call) {
			for _, cc := range c.Consumed {
				consumed += *cc.CapacityUnits
			}
		}
	})
	threads, err := threadsTable(db)
	is.NoErr(err)
	is.NoErr(threads.Create(ctx))
	th := &Thread{Forum: "go", Subject: "hooks"}
	is.NoErr(threads.Put(ctx, th))
	is.NoErr(threads.Load(ctx, th))
	is.NoErr(threads.Delete(ctx, th))
	is.Equal(events, []string{"saved hooks", "loaded hooks", "deleted hooks"})
	// put: 1 unit + 1 for the LSI on views; get: 0.5; delete: 1 + 1 for the LSI.
	// The GSI on author is sparse: the item has no author.
	is.Equal(consumed, 4.5)

}

// TestItemSizeLimit checks the 400 KB limit to the byte, numbers counted
// in base-100 digits and local index entries included, as DynamoDB Local
// counts them: the largest item is written, one byte more is refused
// before any call.
func TestItemSizeLimit(t *testing.T) {
	for name, db := range testDBs() {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			ctx := context.Background()
			threads, err := threadsTable(db)
			is.NoErr(err)
			is.NoErr(threads.CreateOrVerify(ctx))
			defer threads.DeleteTable(ctx)
			// forum+"go" 7, subject+"edge" 11, views+12345 (1 + 3 digit pairs) 9,
			// notes 5, and the entry of the KEYS_ONLY local index by_views:
			// forum+"go" and views+12345, 16.
			const fixed = 7 + 11 + 9 + 5 + 16
			item := &Thread{Forum: "go", Subject: "edge", Views: 12345, Notes: strings.Repeat("x", 400*1024-fixed)}
			is.NoErr(threads.Put(ctx, item))
			got, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "edge"})
			is.NoErr(err)
			is.Equal(len(got.Notes), 400*1024-fixed)
			item.Notes += "x"
			err = threads.Put(ctx, item)
			is.True(errors.Is(err, gonamo.ErrItemTooLarge))
			var verr *gonamo.ValidationError
			is.True(errors.As(err, &verr))
		})
	}
}

// TestOnlyDecodesTheAttributesRead: with Only, Load keeps the other fields
// and a Required attribute left out is no error.
func TestOnlyDecodesTheAttributesRead(t *testing.T) {
	forEachDB(t, func(t *testing.T, threads *gonamo.Table[Thread]) {
		is := is.New(t)
		ctx := context.Background()
		is.NoErr(threads.Put(ctx, &Thread{Forum: "go", Subject: "only", Views: 7, Author: "ada", Notes: "stored"}))
		local := &Thread{Forum: "go", Subject: "only", Notes: "local"}
		is.NoErr(threads.Load(ctx, local, gonamo.Only(views)))
		is.Equal(*local, Thread{Forum: "go", Subject: "only", Views: 7, Notes: "local"})

		is.NoErr(threads.Put(ctx, &Thread{Forum: "go", Subject: "anonymous", Views: 3})) // no author
		required := attr.String("author", func(t *Thread) *string { return &t.Author }, attr.Required)
		strict, err := gonamo.NewTable(threads.DB(), "threads", gonamo.Key(forum, subject), gonamo.Attrs[Thread](views, required))
		is.NoErr(err)
		_, err = strict.Get(ctx, &Thread{Forum: "go", Subject: "anonymous"})
		is.True(errors.Is(err, attr.ErrRequired)) // the whole item is decoded
		got, err := strict.Get(ctx, &Thread{Forum: "go", Subject: "anonymous"}, gonamo.Only(views))
		is.NoErr(err)
		is.Equal(got.Views, 3)
	})
}
