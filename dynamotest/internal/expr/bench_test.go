package expr_test

import (
	"testing"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/value"
)

const (
	benchCondition = "attribute_exists(#a) AND #a.b[1] >= :v AND begins_with(s, :ab) AND NOT (n IN (:v, :w, :x) OR size(l) > :x)"
	benchUpdate    = "SET #a.b[1] = :v, n = if_not_exists(n, :x) + :v, l = list_append(l, :l) REMOVE stale ADD cnt :w, tags :ss"
)

func benchItem() value.Item {
	return item(
		"a", m("b", l(n("0"), n("7"))),
		"s", s("abc"),
		"n", n("5"),
		"l", l(n("1"), n("2")),
		"stale", s("x"),
		"cnt", n("3"),
		"tags", ss("z"),
	)
}

// Each iteration makes a Context, as every request does: that includes
// validating the placeholder values.

func BenchmarkParseCondition(b *testing.B) {
	names, values := placeholdersFor(benchCondition)
	for b.Loop() {
		ctx := expr.NewContext(names, values)
		if _, err := ctx.Condition(expr.ConditionExpression, benchCondition); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseAndEvalCondition(b *testing.B) {
	it := benchItem()
	names, values := placeholdersFor(benchCondition)
	for b.Loop() {
		ctx := expr.NewContext(names, values)
		c, err := ctx.Condition(expr.ConditionExpression, benchCondition)
		if err != nil {
			b.Fatal(err)
		}
		if !c.Eval(it) {
			b.Fatal("condition false")
		}
	}
}

func BenchmarkEvalCondition(b *testing.B) {
	it := benchItem()
	c, err := ctxFor(benchCondition).Condition(expr.ConditionExpression, benchCondition)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c.Eval(it)
	}
}

func BenchmarkParseAndApplyUpdate(b *testing.B) {
	it := benchItem()
	names, values := placeholdersFor(benchUpdate)
	for b.Loop() {
		ctx := expr.NewContext(names, values)
		u, err := ctx.Update(benchUpdate)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := u.Apply(it); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApplyUpdate(b *testing.B) {
	it := benchItem()
	u, err := ctxFor(benchUpdate).Update(benchUpdate)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := u.Apply(it); err != nil {
			b.Fatal(err)
		}
	}
}
