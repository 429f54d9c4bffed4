package version_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/version"
)

// Doc is the model of the examples.
type Doc struct {
	ID, Body string
	Version  int64
}

var (
	docID   = attr.String("id", func(d *Doc) *string { return &d.ID })
	docBody = attr.String("body", func(d *Doc) *string { return &d.Body })
	docVer  = version.Attr("v", func(d *Doc) *int64 { return &d.Version })
)

func docsTable() *gonamo.Table[Doc] {
	docs, err := gonamo.NewTable(gonamo.New(dynamotest.New()), "docs", gonamo.Key(docID),
		gonamo.Attrs[Doc](docBody), version.Lock(docVer))
	if err != nil {
		panic(err)
	}
	if err := docs.Create(context.Background()); err != nil {
		panic(err)
	}
	return docs
}

func Example() {
	ctx := context.Background()
	docs := docsTable()
	mine := &Doc{ID: "readme", Body: "v1"}
	_ = docs.Put(ctx, mine)
	theirs, _ := docs.Get(ctx, &Doc{ID: "readme"})

	mine.Body = "mine"
	fmt.Println(docs.Save(ctx, mine), mine.Version)
	theirs.Body = "theirs"
	err := docs.Save(ctx, theirs)
	fmt.Println(errors.Is(err, version.ErrConflict), theirs.Version)
	// Output:
	// <nil> 2
	// true 1
}

func ExampleAttr() {
	// The descriptor is a number attribute: it makes conditions too.
	fmt.Println(docVer.Name())
	_, err := docVer.Gt(3).Expr()
	fmt.Println(err)
	// Output:
	// v
	// <nil>
}

func ExampleVersion() {
	var v version.Version[Doc] = version.Attr("rev", func(d *Doc) *int64 { return &d.Version })
	fmt.Println(v.Name())
	// Output: rev
}

func ExampleLock() {
	ctx := context.Background()
	docs := docsTable()
	d := &Doc{ID: "a"}
	for range 3 {
		_ = docs.Save(ctx, d)
	}
	_ = docs.Update(ctx, d, docBody.Set("updated"))
	fmt.Println(d.Version)
	// Output: 4
}

func ExampleNoCheck() {
	ctx := context.Background()
	docs := docsTable()
	_ = docs.Put(ctx, &Doc{ID: "a", Body: "first"})
	// A new object, version 0, would conflict with the stored version 1;
	// NoCheck makes it win.
	d := &Doc{ID: "a", Body: "forced"}
	fmt.Println(docs.Put(ctx, d, version.NoCheck[Doc]()), d.Version)
	// Output: <nil> 1
}

func ExampleErrConflict() {
	ctx := context.Background()
	docs := docsTable()
	_ = docs.Put(ctx, &Doc{ID: "a"})
	err := docs.Delete(ctx, &Doc{ID: "a"}) // version 0: believes there is none
	fmt.Println(errors.Is(err, version.ErrConflict))
	// Output: true
}

func ExampleConflictError() {
	ctx := context.Background()
	docs := docsTable()
	d := &Doc{ID: "a"}
	_ = docs.Put(ctx, d)
	_ = docs.Put(ctx, d)
	err := docs.Save(ctx, &Doc{ID: "a", Version: 1})
	var c *version.ConflictError
	if errors.As(err, &c) {
		fmt.Println(c.Local, c.Stored, c.Exists)
		fmt.Println(c)
	}
	// Output:
	// 1 2 true
	// gonamo/version: version conflict: local v 1, stored 2
}

func ExampleConflictError_Error() {
	c := &version.ConflictError{Attr: "v", Local: 3, Exists: false}
	fmt.Println(c.Error())
	// Output: gonamo/version: version conflict: local v 3, no stored item
}

func ExampleConflictError_Unwrap() {
	c := &version.ConflictError{Attr: "v", Local: 1, Stored: 2, Exists: true}
	fmt.Println(c.Unwrap() == version.ErrConflict)
	// Output: true
}
