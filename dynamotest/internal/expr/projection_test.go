package expr_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/value"
)

// projectionCase is a ProjectionExpression and the item DynamoDB Local
// 3.3.1 returns from projItem, or err.
type projectionCase struct {
	expr string
	want value.Item
	err  string
}

var projItem = item(
	"a", n("1"),
	"b", m("c", l(n("1"), m("d", n("2"), "e", n("3")), n("3")), "f", s("x")),
	"l", l(l(n("1"), n("2")), l(n("3"), n("4"))),
	"s", ss("a"),
)

var projectionCases = []projectionCase{
	{expr: "a", want: item("a", n("1"))},
	{expr: "#a, b.f", want: item("a", n("1"), "b", m("f", s("x")))},
	{expr: "b.c[1].d", want: item("b", m("c", l(m("d", n("2")))))},
	{expr: "b.c[1]", want: item("b", m("c", l(m("d", n("2"), "e", n("3")))))},
	{expr: "b.c[2], b.c[0]", want: item("b", m("c", l(n("1"), n("3"))))},
	{expr: "b.c[1].d, b.c[0]", want: item("b", m("c", l(n("1"), m("d", n("2")))))},
	{expr: "b.c[1].e, b.c[1].d", want: item("b", m("c", l(m("d", n("2"), "e", n("3")))))},
	{expr: "l[1][0], l[0][1]", want: item("l", l(l(n("2")), l(n("3"))))},
	{expr: "b.c[5], b.zz, zz, s[0], a.b", want: item()},
	{expr: "a, a", err: "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"},
	{expr: "b.c[1].d, b.c[1]", err: "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [b, c, [1], d], path two: [b, c, [1]]"},
	{expr: "b.c[1], b.c.d", err: "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [b, c, [1]], path two: [b, c, d]"},
	{expr: "", err: "Invalid ProjectionExpression: The expression can not be empty;"},
	{expr: "a,", err: `Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","`},
	{expr: "a b", err: `Invalid ProjectionExpression: Syntax error; token: "b", near: "a b"`},
	{expr: "size(a)", err: `Invalid ProjectionExpression: Syntax error; token: "(", near: "size(a"`},
	{expr: "(a)", err: `Invalid ProjectionExpression: Syntax error; token: "(", near: "(a"`},
	{expr: "select", err: "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: select"},
	{expr: "#u1, #u2", err: "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #u2"},
}

func TestProjection(t *testing.T) {
	for _, c := range projectionCases {
		t.Run(c.expr, func(t *testing.T) {
			is := is.New(t)
			ctx := ctxFor(c.expr)
			proj, err := ctx.Projection(c.expr)
			if err == nil {
				err = ctx.CheckUnused()
			}
			is.Equal(errText(err), c.err)
			if c.err == "" {
				got := expr.Project(projItem, proj.Paths)
				is.True(value.EqualItems(got, c.want)) // projected item
			}
		})
	}
}

func TestProjectCopies(t *testing.T) {
	is := is.New(t)
	it := item("m", m("x", l(n("1"))))
	got := expr.Project(it, []expr.Path{{{Name: "m"}}})
	got["m"].(*types.AttributeValueMemberM).Value["x"].(*types.AttributeValueMemberL).Value[0] = s("scribble")
	is.Equal(it["m"], m("x", l(n("1"))))
	is.Equal(expr.Project(nil, []expr.Path{{{Name: "m"}}}), value.Item(nil))
}
