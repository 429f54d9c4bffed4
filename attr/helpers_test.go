package attr_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

// Thread is the model of most tests.
type Thread struct {
	Forum   string
	Subject string
	Views   int
	Score   float64
	Tags    []string
	Labels  map[string]struct{}
	Ratings []int
	Updated time.Time
	Expires time.Time
	Nick    *string
	Body    []byte
	Meta    map[string]string
	Lines   []Line
	Addr    Address
	Price   attr.Decimal
	Pinned  bool
}

// Address is a struct nested in Thread.
type Address struct {
	City  string
	Zip   int
	Codes []string
}

// Line is the element of a list of structs.
type Line struct {
	SKU string
	Qty int
}

// User is another model, to check that expressions of one model do not mix
// with another.
type User struct {
	Email string
}

var (
	city  = attr.String("city", func(a *Address) *string { return &a.City })
	zip   = attr.Int("zip", func(a *Address) *int { return &a.Zip })
	codes = attr.StringSet("codes", func(a *Address) *[]string { return &a.Codes }, attr.OmitEmpty)

	sku = attr.String("sku", func(l *Line) *string { return &l.SKU })
	qty = attr.Int("qty", func(l *Line) *int { return &l.Qty })

	forum   = attr.String("forum", func(t *Thread) *string { return &t.Forum })
	subject = attr.String("subject", func(t *Thread) *string { return &t.Subject })
	views   = attr.Int("views", func(t *Thread) *int { return &t.Views })
	score   = attr.Number("score", func(t *Thread) *float64 { return &t.Score })
	tags    = attr.StringSet("tags", func(t *Thread) *[]string { return &t.Tags }, attr.OmitEmpty)
	labels  = attr.StringSetMap("labels", func(t *Thread) *map[string]struct{} { return &t.Labels }, attr.OmitEmpty)
	ratings = attr.List("ratings", func(t *Thread) *[]int { return &t.Ratings }, attr.NumberCodec[int]())
	updated = attr.Time("updated", func(t *Thread) *time.Time { return &t.Updated })
	expires = attr.TTL("expires", func(t *Thread) *time.Time { return &t.Expires })
	nick    = attr.Pointer("nick", func(t *Thread) **string { return &t.Nick }, attr.StringCodec[string]())
	body    = attr.Bytes("body", func(t *Thread) *[]byte { return &t.Body })
	meta    = attr.Map("meta", func(t *Thread) *map[string]string { return &t.Meta }, attr.StringCodec[string]())
	lines   = attr.List("lines", func(t *Thread) *[]Line { return &t.Lines }, attr.StructCodec[Line](sku, qty))
	addr    = attr.Struct("addr", func(t *Thread) *Address { return &t.Addr }, city, zip, codes)
	price   = attr.Exact("price", func(t *Thread) *attr.Decimal { return &t.Price })
	pinned  = attr.Bool("pinned", func(t *Thread) *bool { return &t.Pinned })

	email = attr.String("email", func(u *User) *string { return &u.Email })
)

// threadSchema is the schema of every Thread attribute.
func threadSchema(t *testing.T) *attr.Schema[Thread] {
	t.Helper()
	s, err := attr.NewSchema[Thread](forum, subject, views, score, tags, labels, ratings, updated,
		expires, nick, body, meta, lines, addr, price, pinned)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fullThread returns a Thread with every field set.
func fullThread() *Thread {
	n := "gopher"
	return &Thread{
		Forum: "go", Subject: "generics", Views: 42, Score: 4.5,
		Tags: []string{"lang", "types"}, Labels: map[string]struct{}{"hot": {}},
		Ratings: []int{5, 4, 5},
		Updated: time.Date(2024, 5, 1, 12, 30, 15, 123456789, time.UTC),
		Expires: time.Unix(1900000000, 0).UTC(),
		Nick:    &n, Body: []byte{0, 1, 2},
		Meta:  map[string]string{"lang": "en"},
		Lines: []Line{{"a", 1}, {"b", 2}},
		Addr:  Address{City: "Paris", Zip: 75001, Codes: []string{"x"}},
		Price: mustDecimal("19.99"), Pinned: true,
	}
}

func mustDecimal(s string) attr.Decimal {
	d, err := attr.ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// rendered is an expression rendered by an expr.Builder.
type rendered struct {
	Expr   string
	Names  map[string]string
	Values map[string]types.AttributeValue
}

func renderCond[T any](c attr.Condition[T]) (rendered, error) {
	x, err := c.Expr()
	if err != nil {
		return rendered{}, err
	}
	var b expr.Builder[T]
	s, err := b.Condition(x)
	return rendered{s, b.Names(), b.Values()}, err
}

func renderUpdate[T any](u attr.Update[T]) (rendered, error) {
	x, err := u.Expr()
	if err != nil {
		return rendered{}, err
	}
	var b expr.Builder[T]
	s, err := b.Update(x)
	return rendered{s, b.Names(), b.Values()}, err
}

// Shorthands for attribute values.
func avS(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func avN(s string) types.AttributeValue { return &types.AttributeValueMemberN{Value: s} }
func avB(b []byte) types.AttributeValue { return &types.AttributeValueMemberB{Value: b} }
func avBool(b bool) types.AttributeValue {
	return &types.AttributeValueMemberBOOL{Value: b}
}
func avNull() types.AttributeValue { return &types.AttributeValueMemberNULL{Value: true} }
func avSS(s ...string) types.AttributeValue {
	return &types.AttributeValueMemberSS{Value: s}
}
func avNS(s ...string) types.AttributeValue {
	return &types.AttributeValueMemberNS{Value: s}
}
func avL(v ...types.AttributeValue) types.AttributeValue {
	if v == nil {
		v = []types.AttributeValue{}
	}
	return &types.AttributeValueMemberL{Value: v}
}
func avM(m map[string]types.AttributeValue) types.AttributeValue {
	return &types.AttributeValueMemberM{Value: m}
}

// isAttrError checks that err is an *attr.Error about model.attr wrapping
// category, with the message "gonamo/attr: model.attr: ...".
func isAttrError(t *testing.T, err error, model, path string, category error) {
	t.Helper()
	is := is.NewRelaxed(t)
	var e *attr.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *attr.Error", err, err)
	}
	is.Equal(e.Model, model)
	is.Equal(e.Attr, path)
	is.True(errors.Is(err, category)) // category
	want := "gonamo/attr: " + model + "." + path + ": "
	if got := err.Error(); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("message %q does not start with %q", got, want)
	}
}

// equal compares with reflect.DeepEqual and reports both values.
func equal(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}
