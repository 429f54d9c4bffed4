package attr_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

func TestConditions(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cond   attr.Condition[Thread]
		expr   string
		names  map[string]string
		values map[string]types.AttributeValue
	}{
		{"Eq", forum.Eq("go"), "#0 = :0", map[string]string{"#0": "forum"}, map[string]types.AttributeValue{":0": avS("go")}},
		{"Ne", views.Ne(3), "#0 <> :0", map[string]string{"#0": "views"}, map[string]types.AttributeValue{":0": avN("3")}},
		{"Lt", score.Lt(1.5), "#0 < :0", map[string]string{"#0": "score"}, map[string]types.AttributeValue{":0": avN("1.5")}},
		{"Le", views.Le(3), "#0 <= :0", map[string]string{"#0": "views"}, map[string]types.AttributeValue{":0": avN("3")}},
		{"Gt", updated.Gt(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)), "#0 > :0", map[string]string{"#0": "updated"},
			map[string]types.AttributeValue{":0": avS("2024-01-02T03:04:05.000000000Z")}},
		{"Ge", price.Ge(mustDecimal("9.99")), "#0 >= :0", map[string]string{"#0": "price"}, map[string]types.AttributeValue{":0": avN("9.99")}},
		{"Between", views.Between(1, 9), "#0 BETWEEN :0 AND :1", map[string]string{"#0": "views"},
			map[string]types.AttributeValue{":0": avN("1"), ":1": avN("9")}},
		{"In", forum.In("go", "rust"), "#0 IN (:0, :1)", map[string]string{"#0": "forum"},
			map[string]types.AttributeValue{":0": avS("go"), ":1": avS("rust")}},
		{"Exists", nick.Exists(), "attribute_exists(#0)", map[string]string{"#0": "nick"}, nil},
		{"NotExists", forum.NotExists(), "attribute_not_exists(#0)", map[string]string{"#0": "forum"}, nil},
		{"IsType", meta.IsType(expr.TypeMap), "attribute_type(#0, :0)", map[string]string{"#0": "meta"},
			map[string]types.AttributeValue{":0": avS("M")}},
		{"Size", tags.Size().Gt(2), "size(#0) > :0", map[string]string{"#0": "tags"}, map[string]types.AttributeValue{":0": avN("2")}},
		{"Size Between", subject.Size().Between(1, 80), "size(#0) BETWEEN :0 AND :1", map[string]string{"#0": "subject"},
			map[string]types.AttributeValue{":0": avN("1"), ":1": avN("80")}},
		{"BeginsWith", subject.BeginsWith("gen"), "begins_with(#0, :0)", map[string]string{"#0": "subject"},
			map[string]types.AttributeValue{":0": avS("gen")}},
		{"BeginsWith on a time", updated.BeginsWith("2024-05"), "begins_with(#0, :0)", map[string]string{"#0": "updated"},
			map[string]types.AttributeValue{":0": avS("2024-05")}},
		{"Contains on a string", subject.Contains("ric"), "contains(#0, :0)", map[string]string{"#0": "subject"},
			map[string]types.AttributeValue{":0": avS("ric")}},
		{"Contains on a set", tags.Contains("go"), "contains(#0, :0)", map[string]string{"#0": "tags"},
			map[string]types.AttributeValue{":0": avS("go")}},
		{"Contains on a map set", labels.Contains("hot"), "contains(#0, :0)", map[string]string{"#0": "labels"},
			map[string]types.AttributeValue{":0": avS("hot")}},
		{"Contains on a list", ratings.Contains(5), "contains(#0, :0)", map[string]string{"#0": "ratings"},
			map[string]types.AttributeValue{":0": avN("5")}},
		{"list index", ratings.Index(2).Gt(3), "#0[2] > :0", map[string]string{"#0": "ratings"},
			map[string]types.AttributeValue{":0": avN("3")}},
		{"map key", meta.Key("lang").Eq("en"), "#0.#1 = :0", map[string]string{"#0": "meta", "#1": "lang"},
			map[string]types.AttributeValue{":0": avS("en")}},
		{"nested", attr.NestedString(addr, city).BeginsWith("Pa"), "begins_with(#0.#1, :0)", map[string]string{"#0": "addr", "#1": "city"},
			map[string]types.AttributeValue{":0": avS("Pa")}},
		{"nested number", attr.NestedNumber(addr, zip).Eq(75001), "#0.#1 = :0", map[string]string{"#0": "addr", "#1": "zip"},
			map[string]types.AttributeValue{":0": avN("75001")}},
		{"nested set", attr.NestedSet(addr, codes).Contains("x"), "contains(#0.#1, :0)", map[string]string{"#0": "addr", "#1": "codes"},
			map[string]types.AttributeValue{":0": avS("x")}},
		{"nested in a list element", attr.NestedString(lines.Index(1), sku).Eq("a"), "#0[1].#1 = :0", map[string]string{"#0": "lines", "#1": "sku"},
			map[string]types.AttributeValue{":0": avS("a")}},
		{"struct as a whole", addr.Eq(Address{City: "Paris"}), "#0 = :0", map[string]string{"#0": "addr"},
			map[string]types.AttributeValue{":0": avM(map[string]types.AttributeValue{"city": avS("Paris"), "zip": avN("0")})}},
		{"And", forum.Eq("go").And(views.Gt(10), tags.Contains("x")), "#0 = :0 AND #1 > :1 AND contains(#2, :2)",
			map[string]string{"#0": "forum", "#1": "views", "#2": "tags"},
			map[string]types.AttributeValue{":0": avS("go"), ":1": avN("10"), ":2": avS("x")}},
		{"Or and Not", forum.Eq("go").Or(forum.Eq("rust")).And(pinned.Eq(true).Not()), "(#0 = :0 OR #0 = :1) AND NOT (#1 = :2)",
			map[string]string{"#0": "forum", "#1": "pinned"},
			map[string]types.AttributeValue{":0": avS("go"), ":1": avS("rust"), ":2": avBool(true)}},
		{"Raw", attr.RawCondition(expr.AttributeExists[Thread](expr.Name("x"))).And(views.Eq(1)), "attribute_exists(#0) AND #1 = :0",
			map[string]string{"#0": "x", "#1": "views"}, map[string]types.AttributeValue{":0": avN("1")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			r, err := renderCond(tc.cond)
			is.NoErr(err)
			is.Equal(r.Expr, tc.expr)
			equal(t, r.Names, tc.names)
			equal(t, r.Values, tc.values)
		})
	}
}

func TestUpdates(t *testing.T) {
	for _, tc := range []struct {
		name   string
		upd    attr.Update[Thread]
		expr   string
		names  map[string]string
		values map[string]types.AttributeValue
	}{
		{"Set", forum.Set("go"), "SET #0 = :0", map[string]string{"#0": "forum"}, map[string]types.AttributeValue{":0": avS("go")}},
		{"Set nil removes", body.Set(nil), "REMOVE #0", map[string]string{"#0": "body"}, nil},
		{"Set empty set with OmitEmpty removes", tags.Set(nil), "REMOVE #0", map[string]string{"#0": "tags"}, nil},
		{"Set a set", tags.Set([]string{"a", "b"}), "SET #0 = :0", map[string]string{"#0": "tags"}, map[string]types.AttributeValue{":0": avSS("a", "b")}},
		{"SetIfNotExists", views.SetIfNotExists(0), "SET #0 = if_not_exists(#0, :0)", map[string]string{"#0": "views"},
			map[string]types.AttributeValue{":0": avN("0")}},
		{"Remove", nick.Remove(), "REMOVE #0", map[string]string{"#0": "nick"}, nil},
		{"Add number", views.Add(1), "ADD #0 :0", map[string]string{"#0": "views"}, map[string]types.AttributeValue{":0": avN("1")}},
		{"Add negative", score.Add(-0.5), "ADD #0 :0", map[string]string{"#0": "score"}, map[string]types.AttributeValue{":0": avN("-0.5")}},
		{"Add decimal", price.Add(mustDecimal("0.01")), "ADD #0 :0", map[string]string{"#0": "price"}, map[string]types.AttributeValue{":0": avN("0.01")}},
		{"Add to set", tags.Add("a", "b"), "ADD #0 :0", map[string]string{"#0": "tags"}, map[string]types.AttributeValue{":0": avSS("a", "b")}},
		{"Delete from set", labels.Delete("old"), "DELETE #0 :0", map[string]string{"#0": "labels"}, map[string]types.AttributeValue{":0": avSS("old")}},
		{"Append", ratings.Append(4, 5), "SET #0 = list_append(if_not_exists(#0, :0), :1)", map[string]string{"#0": "ratings"},
			map[string]types.AttributeValue{":0": avL(), ":1": avL(avN("4"), avN("5"))}},
		{"Prepend", ratings.Prepend(1), "SET #0 = list_append(:0, if_not_exists(#0, :1))", map[string]string{"#0": "ratings"},
			map[string]types.AttributeValue{":0": avL(avN("1")), ":1": avL()}},
		{"Append structs", lines.Append(Line{"c", 3}), "SET #0 = list_append(if_not_exists(#0, :0), :1)", map[string]string{"#0": "lines"},
			map[string]types.AttributeValue{":0": avL(), ":1": avL(avM(map[string]types.AttributeValue{"sku": avS("c"), "qty": avN("3")}))}},
		{"Set element", ratings.Index(0).Set(1), "SET #0[0] = :0", map[string]string{"#0": "ratings"}, map[string]types.AttributeValue{":0": avN("1")}},
		{"Remove element", lines.Index(3).Remove(), "REMOVE #0[3]", map[string]string{"#0": "lines"}, nil},
		{"Set map key", meta.Key("lang").Set("fr"), "SET #0.#1 = :0", map[string]string{"#0": "meta", "#1": "lang"},
			map[string]types.AttributeValue{":0": avS("fr")}},
		{"Add nested number", attr.NestedNumber(addr, zip).Add(1), "ADD #0.#1 :0", map[string]string{"#0": "addr", "#1": "zip"},
			map[string]types.AttributeValue{":0": avN("1")}},
		{"Set nested", attr.NestedString(addr, city).Set("Lyon"), "SET #0.#1 = :0", map[string]string{"#0": "addr", "#1": "city"},
			map[string]types.AttributeValue{":0": avS("Lyon")}},
		{"nested list and map", attr.NestedList(addr, attr.List("hist", func(a *Address) *[]string { return &a.Codes }, attr.StringCodec[string]())).Append("x").
			And(attr.NestedMap(addr, attr.Map("m", func(a *Address) *map[string]int { return nil }, attr.NumberCodec[int]())).Key("k").Remove()),
			"SET #0.#1 = list_append(if_not_exists(#0.#1, :0), :1) REMOVE #0.#2.#3", map[string]string{"#0": "addr", "#1": "hist", "#2": "m", "#3": "k"},
			map[string]types.AttributeValue{":0": avL(), ":1": avL(avS("x"))}},
		{"And", views.Add(1).And(tags.Delete("old"), updated.Set(time.Unix(0, 0)), nick.Remove()),
			"SET #0 = :0 REMOVE #1 ADD #2 :1 DELETE #3 :2",
			map[string]string{"#0": "updated", "#1": "nick", "#2": "views", "#3": "tags"},
			map[string]types.AttributeValue{":0": avS("1970-01-01T00:00:00.000000000Z"), ":1": avN("1"), ":2": avSS("old")}},
		{"Raw", attr.RawUpdate(expr.Remove[Thread](expr.Name("x"))).And(views.Add(2)), "REMOVE #0 ADD #1 :0",
			map[string]string{"#0": "x", "#1": "views"}, map[string]types.AttributeValue{":0": avN("2")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			r, err := renderUpdate(tc.upd)
			is.NoErr(err)
			is.Equal(r.Expr, tc.expr)
			equal(t, r.Names, tc.names)
			equal(t, r.Values, tc.values)
		})
	}
}

func TestExpressionErrors(t *testing.T) {
	bad := string([]byte{0xff})
	positive := attr.Int("views", func(t *Thread) *int { return &t.Views }, attr.Validate(func(v int) error {
		if v < 0 {
			return errNegative
		}
		return nil
	}))
	required := attr.String("forum", func(t *Thread) *string { return &t.Forum }, attr.Required, attr.OmitEmpty)
	strict := attr.StringSet("tags", func(t *Thread) *[]string { return &t.Tags })
	for _, tc := range []struct {
		name     string
		err      error
		path     string
		category error
	}{
		{"Eq NaN", condErr(score.Eq(math.NaN())), "score", attr.ErrInvalidNumber},
		{"In out of range", condErr(score.In(1, 1e200)), "score", attr.ErrNumberRange},
		{"Between bad low", condErr(forum.Between(bad, "z")), "forum", attr.ErrInvalidUTF8},
		{"Between bad high", condErr(forum.Between("a", bad)), "forum", attr.ErrInvalidUTF8},
		{"BeginsWith bad", condErr(subject.BeginsWith(bad)), "subject", attr.ErrInvalidUTF8},
		{"Contains bad", condErr(subject.Contains(bad)), "subject", attr.ErrInvalidUTF8},
		{"set Contains bad", condErr(tags.Contains(bad)), "tags", attr.ErrInvalidUTF8},
		{"list Contains NaN", condErr(attr.List("l", func(t *Thread) *[]float64 { return nil }, attr.NumberCodec[float64]()).Contains(math.NaN())), "l", attr.ErrInvalidNumber},
		{"list Contains nothing", condErr(attr.List("l", func(t *Thread) *[][]byte { return nil }, attr.BytesCodec()).Contains(nil)), "l", attr.ErrNoValue},
		{"Eq nothing", condErr(body.Eq(nil)), "body", attr.ErrNoValue},
		{"map key bad", condErr(meta.Key(bad).Eq("x")), "meta.\xff", attr.ErrInvalidUTF8},
		{"nested NaN", condErr(attr.NestedNumber(addr, attr.Number("f", func(a *Address) *float64 { return nil })).Eq(math.Inf(1))), "addr.f", attr.ErrInvalidNumber},
		{"element bad", condErr(lines.Index(2).Eq(Line{SKU: bad})), "lines[2].sku", attr.ErrInvalidUTF8},
		{"Set invalid", updErr(forum.Set(bad)), "forum", attr.ErrInvalidUTF8},
		{"Set validation", updErr(positive.Set(-1)), "views", attr.ErrValidation},
		{"SetIfNotExists validation", updErr(positive.SetIfNotExists(-1)), "views", attr.ErrValidation},
		{"SetIfNotExists nothing", updErr(body.SetIfNotExists(nil)), "body", attr.ErrNoValue},
		{"Set required empty", updErr(required.Set("")), "forum", attr.ErrRequired},
		{"Remove required", updErr(required.Remove()), "forum", attr.ErrRequired},
		{"Set empty set", updErr(strict.Set([]string{})), "tags", attr.ErrEmptySet},
		{"Add NaN", updErr(score.Add(math.NaN())), "score", attr.ErrInvalidNumber},
		{"Add empty set", updErr(tags.Add()), "tags", attr.ErrEmptySet},
		{"Delete duplicates", updErr(tags.Delete("a", "a")), "tags", attr.ErrDuplicate},
		{"Append bad", updErr(lines.Append(Line{SKU: bad})), "lines[0].sku", attr.ErrInvalidUTF8},
		{"And keeps the first", updErr(views.Add(1).And(score.Add(math.NaN()), forum.Set(bad))), "score", attr.ErrInvalidNumber},
		{"And keeps the receiver's", updErr(score.Add(math.NaN()).And(views.Add(1))), "score", attr.ErrInvalidNumber},
		{"condition And", condErr(forum.Eq("go").And(score.Eq(math.NaN()), forum.Eq(bad))), "score", attr.ErrInvalidNumber},
		{"condition Or", condErr(score.Eq(math.NaN()).Or(forum.Eq("go"))), "score", attr.ErrInvalidNumber},
		{"condition Not", condErr(score.Eq(math.NaN()).Not()), "score", attr.ErrInvalidNumber},
	} {
		t.Run(tc.name, func(t *testing.T) {
			isAttrError(t, tc.err, "Thread", tc.path, tc.category)
		})
	}
	t.Run("Append nothing appends an empty list", func(t *testing.T) {
		r, err := renderUpdate(ratings.Append())
		is := is.New(t)
		is.NoErr(err)
		equal(t, r.Values[":1"], avL())
	})
	t.Run("expr mistakes come from the Builder", func(t *testing.T) {
		is := is.New(t)
		_, err := renderCond(ratings.Index(-1).Eq(1))
		is.True(errors.Is(err, expr.ErrInvalidPath))
		_, err = renderCond(forum.In())
		is.True(errors.Is(err, expr.ErrInvalidCondition))
		_, err = renderUpdate(views.Add(1).And(views.Set(2)))
		is.True(errors.Is(err, expr.ErrPathOverlap))
	})
}

func condErr[T any](c attr.Condition[T]) error {
	_, err := c.Expr()
	return err
}

func updErr[T any](u attr.Update[T]) error {
	_, err := u.Expr()
	return err
}

func TestConditionZeroAndTerms(t *testing.T) {
	is := is.New(t)
	var none attr.Condition[Thread]
	r, err := renderCond(none)
	is.NoErr(err)
	is.Equal(r.Expr, "")
	// And of absent conditions keeps the one present, with its term.
	c := none.And(forum.Eq("go"), attr.Condition[Thread]{})
	term, ok := c.Term()
	is.True(ok)
	is.Equal(term.Attr, "forum")
	is.Equal(term.Op, attr.TermEq)
	equal(t, term.Values, []types.AttributeValue{avS("go")})
	is.Equal(none.And().Or(none), none)

	for _, tc := range []struct {
		cond attr.Condition[Thread]
		op   attr.TermOp
		n    int
	}{
		{forum.Eq("a"), attr.TermEq, 1},
		{forum.Ne("a"), attr.TermNe, 1},
		{forum.Lt("a"), attr.TermLt, 1},
		{forum.Le("a"), attr.TermLe, 1},
		{forum.Gt("a"), attr.TermGt, 1},
		{forum.Ge("a"), attr.TermGe, 1},
		{forum.Between("a", "b"), attr.TermBetween, 2},
		{forum.BeginsWith("a"), attr.TermBeginsWith, 1},
		{forum.In("a", "b", "c"), attr.TermIn, 3},
	} {
		term, ok := tc.cond.Term()
		is.True(ok)
		is.Equal(term.Op, tc.op)
		is.Equal(len(term.Values), tc.n)
	}
	for _, c := range []attr.Condition[Thread]{
		forum.Exists(), forum.Eq("a").And(views.Eq(1)), forum.Eq("a").Not(), tags.Contains("x"),
		meta.Key("k").Eq("v"), attr.NestedString(addr, city).Eq("x"), score.Eq(math.NaN()), none,
	} {
		_, ok := c.Term()
		is.True(!ok)
	}
	is.Equal(attr.TermBeginsWith.String(), "begins_with")
	is.Equal(attr.TermBetween.String(), "BETWEEN")
	is.Equal(attr.TermIn.String(), "IN")
	is.Equal(attr.TermNe.String(), "<>")
	is.Equal(attr.TermOp(0).String(), "TermOp(0)")
}

func TestKeyCondition(t *testing.T) {
	for _, tc := range []struct {
		name      string
		pk, sk    attr.Condition[Thread]
		expr      string
		errString string
	}{
		{"partition only", forum.Eq("go"), attr.Condition[Thread]{}, "#0 = :0", ""},
		{"Eq", forum.Eq("go"), subject.Eq("x"), "#0 = :0 AND #1 = :1", ""},
		{"Lt", forum.Eq("go"), subject.Lt("x"), "#0 = :0 AND #1 < :1", ""},
		{"Le", forum.Eq("go"), subject.Le("x"), "#0 = :0 AND #1 <= :1", ""},
		{"Gt", forum.Eq("go"), subject.Gt("x"), "#0 = :0 AND #1 > :1", ""},
		{"Ge", forum.Eq("go"), subject.Ge("x"), "#0 = :0 AND #1 >= :1", ""},
		{"Between", forum.Eq("go"), subject.Between("a", "m"), "#0 = :0 AND #1 BETWEEN :1 AND :2", ""},
		{"BeginsWith", forum.Eq("go"), subject.BeginsWith("gen"), "#0 = :0 AND begins_with(#1, :1)", ""},
		{"partition not Eq", forum.Lt("go"), attr.Condition[Thread]{}, "", "partition key condition must be an equality"},
		{"partition absent", attr.Condition[Thread]{}, subject.Eq("x"), "", "partition key condition must be an equality"},
		{"sort Ne", forum.Eq("go"), subject.Ne("x"), "", "no key condition uses <>"},
		{"sort In", forum.Eq("go"), subject.In("x"), "", "no key condition uses IN"},
		{"sort composite", forum.Eq("go"), subject.Eq("x").And(views.Eq(1)), "", "sort key condition must be"},
		{"encoding error first", forum.Eq(string([]byte{0xff})), subject.Eq("x"), "", "invalid UTF-8"},
		{"sort encoding error", forum.Eq("go"), score.Eq(math.NaN()), "", "invalid number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			k, err := attr.KeyCondition(tc.pk, tc.sk)
			if tc.errString != "" {
				is.True(err != nil)
				is.True(strings.Contains(err.Error(), tc.errString)) // err.Error()
				return
			}
			is.NoErr(err)
			var b expr.Builder[Thread]
			s, err := b.KeyCondition(k)
			is.NoErr(err)
			is.Equal(s, tc.expr)
		})
	}
}
