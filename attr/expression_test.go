package attr_test

import (
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
)

// TestSharedDescriptorExpressions reuses a condition and an update made by
// descriptors as the base of two combinations each, and renders everything
// after all were built: no combination changes the base or the other one.
func TestSharedDescriptorExpressions(t *testing.T) {
	is := is.New(t)
	cond := func(c attr.Condition[Thread]) rendered {
		r, err := renderCond(c)
		is.NoErr(err)
		return r
	}
	upd := func(u attr.Update[Thread]) rendered {
		r, err := renderUpdate(u)
		is.NoErr(err)
		return r
	}

	for _, base := range []attr.Condition[Thread]{
		forum.Eq("go"),
		forum.Eq("go").And(views.Gt(3)),
		forum.Eq("go").And(views.Gt(3), subject.BeginsWith("gen")),
	} {
		want := cond(base)
		x, y := base.And(views.Lt(10)), base.And(tags.Contains("x"))
		o := base.Or(nick.Exists())
		rx, ry, ro := cond(x), cond(y), cond(o)
		is.Equal(cond(base), want)
		is.True(rx.Expr != ry.Expr)
		is.Equal(rx.Values[":"+itoa(len(rx.Values)-1)], avN("10"))
		is.Equal(ry.Values[":"+itoa(len(ry.Values)-1)], avS("x"))
		is.True(ro.Expr != want.Expr)
		is.Equal(cond(x), rx)
	}

	// A base condition keeps its term however it is combined.
	eq := forum.Eq("go")
	_ = eq.And(views.Gt(1))
	_ = eq.Or(views.Gt(2))
	term, ok := eq.Term()
	is.True(ok)
	is.Equal(term.Values, []types.AttributeValue{avS("go")})
	term.Values[0] = avS("changed") // the term is a copy
	again, _ := eq.Term()
	is.Equal(again.Values, []types.AttributeValue{avS("go")})

	for _, base := range []attr.Update[Thread]{
		views.Add(1),
		views.Add(1).And(forum.Set("go")),
		views.Add(1).And(forum.Set("go"), nick.Remove(), tags.Add("a")),
	} {
		want := upd(base)
		x := base.And(subject.Set("x"))
		y := base.And(score.Set(2.5), subject.Remove())
		rx, ry := upd(x), upd(y)
		is.Equal(upd(base), want)
		is.True(rx.Expr != ry.Expr)
		is.Equal(upd(x), rx)
		is.Equal(upd(y), ry)
		is.Equal(len(rx.Names), len(want.Names)+1)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
