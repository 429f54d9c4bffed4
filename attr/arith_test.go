package attr_test

import (
	"errors"
	"math"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

func TestArithmetic(t *testing.T) {
	zipNum := attr.NestedNumber(addr, attr.Int("n", func(a *Address) *int { return nil }))
	money := attr.Exact("price", func(t *Thread) *attr.Decimal { return nil })
	for _, tc := range []struct {
		name string
		upd  attr.Update[Thread]
		want string
		vals []string
	}{
		{"Incr", views.Incr(3), "SET #0 = #0 + :0", []string{"{N:3}"}},
		{"Incr negative", views.Incr(-3), "SET #0 = #0 + :0", []string{"{N:-3}"}},
		{"Decr float", score.Decr(0.5), "SET #0 = #0 - :0", []string{"{N:0.5}"}},
		{"IncrFrom", views.IncrFrom(10, 1), "SET #0 = if_not_exists(#0, :0) + :1", []string{"{N:10}", "{N:1}"}},
		{"DecrFrom", views.DecrFrom(0, 1), "SET #0 = if_not_exists(#0, :0) - :1", []string{"{N:0}", "{N:1}"}},
		{"Decimal", money.Incr(mustDecimal("0.10")), "SET #0 = #0 + :0", []string{"{N:0.10}"}},
		{"nested", zipNum.Incr(1), "SET #0.#1 = #0.#1 + :0", []string{"{N:1}"}},
		{"list element", attr.IndexNumber(ratings, 3).IncrFrom(0, 2), "SET #0[3] = if_not_exists(#0[3], :0) + :1", []string{"{N:0}", "{N:2}"}},
		{"and others", views.Incr(1).And(score.Decr(2), attr.IndexNumber(ratings, 0).Decr(1)),
			"SET #0 = #0 + :0, #1 = #1 - :1, #2[0] = #2[0] - :2", []string{"{N:1}", "{N:2}", "{N:1}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			r, err := renderUpdate(tc.upd)
			is.NoErr(err)
			is.Equal(r.Expr, tc.want)
			is.Equal(len(r.Values), len(tc.vals))
			for i, v := range tc.vals {
				is.Equal(fmtAV(r.Values[":"+itoa(i)]), v)
			}
		})
	}
}

func TestTypedElements(t *testing.T) {
	is := is.New(t)
	// Conditions and updates on typed elements take values of the element
	// type and render paths into the list or map.
	r, err := renderCond(attr.IndexNumber(ratings, 2).Between(1, 5))
	is.NoErr(err)
	is.Equal(r.Expr, "#0[2] BETWEEN :0 AND :1")
	is.Equal(r.Names, map[string]string{"#0": "ratings"})
	r, err = renderCond(attr.KeyString(meta, "lang").BeginsWith("e"))
	is.NoErr(err)
	is.Equal(r.Expr, "begins_with(#0.#1, :0)")
	is.Equal(r.Names, map[string]string{"#0": "meta", "#1": "lang"})
	is.Equal(fmtAV(r.Values[":0"]), "{S:e}")
	counts := attr.Map("counts", func(t *Thread) *map[string]int64 { return nil }, attr.NumberCodec[int64]())
	r, err = renderUpdate(attr.KeyNumber(counts, "a b").Incr(1).And(attr.KeyNumber(counts, "c").Remove()))
	is.NoErr(err)
	is.Equal(r.Expr, "SET #0.#1 = #0.#1 + :0 REMOVE #0.#2")
	is.Equal(r.Names, map[string]string{"#0": "counts", "#1": "a b", "#2": "c"})
	words := attr.List("words", func(t *Thread) *[]string { return nil }, attr.StringCodec[string]())
	r, err = renderCond(attr.IndexString(words, 0).Contains("x").And(attr.IndexString(words, 1).Eq("y")))
	is.NoErr(err)
	is.Equal(r.Expr, "contains(#0[0], :0) AND #0[1] = :1")
	// Element descriptors make no key condition.
	_, ok := attr.IndexNumber(ratings, 0).Eq(1).Term()
	is.True(!ok)
}

func TestArithmeticAndElementErrors(t *testing.T) {
	bad := string([]byte{0xff})
	for _, tc := range []struct {
		name     string
		err      error
		path     string
		category error
	}{
		{"Incr NaN", updErr(score.Incr(math.NaN())), "score", attr.ErrInvalidNumber},
		{"Decr Inf", updErr(score.Decr(math.Inf(-1))), "score", attr.ErrInvalidNumber},
		{"IncrFrom bad start", updErr(score.IncrFrom(math.NaN(), 1)), "score", attr.ErrInvalidNumber},
		{"DecrFrom bad step", updErr(score.DecrFrom(0, math.NaN())), "score", attr.ErrInvalidNumber},
		{"IndexNumber of strings", updErr(attr.IndexNumber(meta2list, 0).Incr("1")), "words[0]", attr.ErrDescriptor},
		{"IndexString of numbers", condErr(attr.IndexString(ratings, 0).BeginsWith("1")), "ratings[0]", attr.ErrDescriptor},
		{"KeyNumber of strings", updErr(attr.KeyNumber(meta, "k").Incr("1")), "meta.k", attr.ErrDescriptor},
		{"KeyString of numbers", condErr(attr.KeyString(numMap, "k").Eq(1)), "nums.k", attr.ErrDescriptor},
		{"KeyString bad key", condErr(attr.KeyString(meta, bad).Eq("x")), "meta.\xff", attr.ErrInvalidUTF8},
		{"element value", condErr(attr.IndexString(meta2list, 1).Eq(bad)), "words[1]", attr.ErrInvalidUTF8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			isAttrError(t, tc.err, "Thread", tc.path, tc.category)
		})
	}
	t.Run("zero descriptors", func(t *testing.T) {
		is := is.New(t)
		var n attr.NumberAttr[Thread, int]
		is.True(errors.Is(updErr(n.Incr(1)), attr.ErrDescriptor))
		var l attr.ListAttr[Thread, int]
		is.True(errors.Is(updErr(attr.IndexNumber(l, 0).Incr(1)), attr.ErrDescriptor))
		var m attr.MapAttr[Thread, string]
		is.True(errors.Is(condErr(attr.KeyString(m, "k").Eq("x")), attr.ErrDescriptor))
	})
	t.Run("negative index", func(t *testing.T) {
		is := is.New(t)
		_, err := renderUpdate(attr.IndexNumber(ratings, -1).Incr(1))
		is.True(errors.Is(err, expr.ErrInvalidPath))
	})
}

var (
	meta2list = attr.List("words", func(t *Thread) *[]string { return nil }, attr.StringCodec[string]())
	numMap    = attr.Map("nums", func(t *Thread) *map[string]int { return nil }, attr.NumberCodec[int]())
)
