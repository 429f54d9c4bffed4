package expr_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/gonamo/gonamo/expr"
	"github.com/matryer/is"
)

// TestSharedBasesStayIndependent reuses one condition and one update as the
// base of two different combinations, in every shape the trees are stored
// in (a single comparison, a two-kid connective, a longer one, a single
// action, a slice of actions, a SET of a computed operand), and renders the
// base and both combinations after all of them were built.
func TestSharedBasesStayIndependent(t *testing.T) {
	is := is.New(t)
	cmp := func(name, v string) expr.Condition[Thread] {
		return expr.Compare(expr.Eq, pathOf(expr.Name(name)), value(n(v)))
	}
	cond := func(c expr.Condition[Thread]) string {
		var b expr.Builder[Thread]
		out, err := b.Condition(c)
		is.NoErr(err)
		return out + " " + placeholders(&b)
	}
	for _, base := range []expr.Condition[Thread]{
		cmp("a", "1"),
		cmp("a", "1").And(cmp("b", "2")),
		cmp("a", "1").And(cmp("b", "2"), cmp("c", "3")),
		cmp("a", "1").Or(cmp("b", "2")),
	} {
		want := cond(base)
		x := base.And(cmp("x", "8"))
		y := base.And(cmp("y", "9"), expr.Condition[Thread]{})
		o := base.Or(cmp("z", "7"))
		is.Equal(cond(base), want)
		gx, gy := cond(x), cond(y)
		is.True(gx != gy)
		is.Equal(cond(x), gx) // rendering twice gives the same
		var bx, by expr.Builder[Thread]
		_, _ = bx.Condition(x)
		_, _ = by.Condition(y)
		last := fmt.Sprintf("#%d", len(bx.Names())-1)
		is.Equal(bx.Names()[last], "x")
		is.Equal(by.Names()[last], "y")
		is.True(cond(o) != want)
		is.Equal(cond(base), want)
	}

	upd := func(u expr.Update[Thread]) string {
		var b expr.Builder[Thread]
		out, err := b.Update(u)
		is.NoErr(err)
		return out + " " + placeholders(&b)
	}
	set := func(name, v string) expr.Update[Thread] { return expr.Set(expr.Name(name), value(n(v))) }
	incr := expr.Set(expr.Name("c"), pathOf(expr.Name("c")).Plus(value(n("1"))))
	for _, base := range []expr.Update[Thread]{
		set("a", "1"),
		incr,
		set("a", "1").And(set("b", "2")),
		set("a", "1").And(incr, expr.Remove[Thread](expr.Name("d"))),
	} {
		want := upd(base)
		x := base.And(set("x", "8"))
		y := base.And(expr.Remove[Thread](expr.Name("y")), set("z", "9"))
		e := expr.Update[Thread]{}.And(base) // the only part with actions
		is.Equal(upd(base), want)
		is.Equal(upd(e), want)
		gx, gy := upd(x), upd(y)
		is.True(gx != gy)
		var bx, by expr.Builder[Thread]
		_, _ = bx.Update(x)
		_, _ = by.Update(y)
		is.True(slices.Contains(slices.Collect(maps.Values(bx.Names())), "x"))
		is.True(!slices.Contains(slices.Collect(maps.Values(bx.Names())), "y"))
		is.True(slices.Contains(slices.Collect(maps.Values(by.Names())), "y"))
		is.True(!slices.Contains(slices.Collect(maps.Values(by.Names())), "x"))
		is.Equal(upd(base), want)
		is.Equal(upd(x), gx)
	}
}

// TestBuilderRepeatedNamesPastInline reuses names held past the Builder's
// inline arrays, before and after it switches to a map.
func TestBuilderRepeatedNamesPastInline(t *testing.T) {
	is := is.New(t)
	for _, count := range []int{7, 8, 9, 12, 16, 17, 30} {
		var b expr.Builder[Thread]
		var c expr.Condition[Thread]
		for i := range count {
			c = c.And(expr.Compare(expr.Eq, pathOf(expr.Name(fmt.Sprintf("a%d", i))), value(n(fmt.Sprint(i)))))
		}
		_, err := b.Condition(c)
		is.NoErr(err)
		// Every name again, in reverse: no new placeholder.
		var again expr.Condition[Thread]
		for i := count - 1; i >= 0; i-- {
			again = again.And(expr.AttributeExists[Thread](expr.Name(fmt.Sprintf("a%d", i))))
		}
		out, err := b.Condition(again)
		is.NoErr(err)
		names, values := b.Names(), b.Values()
		is.Equal(len(names), count)
		is.Equal(len(values), count)
		for i := range count {
			is.Equal(names[fmt.Sprintf("#%d", i)], fmt.Sprintf("a%d", i))
			is.Equal(format(values[fmt.Sprintf(":%d", i)]), fmt.Sprintf("N %d", i))
		}
		want := ""
		for i := count - 1; i >= 0; i-- {
			if want != "" {
				want += " AND "
			}
			want += fmt.Sprintf("attribute_exists(#%d)", i)
		}
		is.Equal(out, want)
	}
}

// TestLeafConditions renders the conditions of a path and a value, which
// are held inline, in every position a condition can take.
func TestLeafConditions(t *testing.T) {
	is := is.New(t)
	a, b := pathOf(expr.Name("a")), pathOf(expr.Name("b"))
	bw := expr.BeginsWith(a, value(s("x")))
	ct := expr.Contains(b, value(s("y")))
	eq := expr.Compare(expr.Ne, a, value(n("1")))
	for _, tc := range []struct {
		c    expr.Condition[Thread]
		want string
	}{
		{bw, "begins_with(#0, :0)"},
		{bw.Not(), "NOT begins_with(#0, :0)"},
		{ct.Not(), "NOT contains(#0, :0)"},
		{eq.Not(), "NOT (#0 <> :0)"},
		{bw.Or(ct).And(eq), "(begins_with(#0, :0) OR contains(#1, :1)) AND #0 <> :2"},
		{eq.And(bw.Or(ct).Not()), "#0 <> :0 AND NOT (begins_with(#0, :1) OR contains(#1, :2))"},
		{expr.Condition[Thread]{}.And(ct), "contains(#0, :0)"},
		// Operands other than a path and a value take a node.
		{expr.Contains(value(ss("p", "q")), b), "contains(:0, #0)"},
		{expr.Compare(expr.Gt, expr.Size[Thread](expr.Name("a")), value(n("2"))).And(bw), "size(#0) > :0 AND begins_with(#0, :1)"},
	} {
		var bld expr.Builder[Thread]
		out, err := bld.Condition(tc.c)
		is.NoErr(err)
		is.Equal(out, tc.want)
	}
	// Condition stays comparable with ==: a copy equals its original.
	same := bw
	is.True(bw == same)
	is.True(expr.Condition[Thread]{} == expr.Condition[Thread]{})
	is.True(bw != expr.Condition[Thread]{})
}
