package expr_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
)

// The placeholder maps are checked before any expression, names first.
func TestContextMaps(t *testing.T) {
	cases := []struct {
		names  map[string]string
		values map[string]types.AttributeValue
		err    string
	}{
		{names: map[string]string{}, values: map[string]types.AttributeValue{}, err: "ExpressionAttributeNames must not be empty"},
		{values: map[string]types.AttributeValue{}, err: "ExpressionAttributeValues must not be empty"},
		{names: map[string]string{"a": "b", "#a": "a"}, err: `ExpressionAttributeNames contains invalid key: Syntax error; key: "a"`},
		{names: map[string]string{"#": "x"}, err: `ExpressionAttributeNames contains invalid key: Syntax error; key: "#"`},
		{names: map[string]string{"#é": "x"}, err: `ExpressionAttributeNames contains invalid key: Syntax error; key: "#é"`},
		{names: map[string]string{"#a": ""}, err: "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a"},
		{names: map[string]string{"n": "1"}, values: map[string]types.AttributeValue{"v": n("1")}, err: `ExpressionAttributeNames contains invalid key: Syntax error; key: "n"`},
		{values: map[string]types.AttributeValue{":v": n("x"), "w": s("1")}, err: `ExpressionAttributeValues contains invalid key: Syntax error; key: "w"`},
		{values: map[string]types.AttributeValue{":a-b": s("x")}, err: `ExpressionAttributeValues contains invalid key: Syntax error; key: ":a-b"`},
		{values: map[string]types.AttributeValue{":v": n("abc")}, err: "ExpressionAttributeValues contains invalid value: A value provided cannot be converted into a number for key :v"},
		{values: map[string]types.AttributeValue{":v": ss()}, err: "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v"},
		{values: map[string]types.AttributeValue{":v": nil}, err: "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v"},
		{names: map[string]string{"#1x": "a", "#_": "b"}, values: map[string]types.AttributeValue{":_1": s("x")}},
	}
	for _, c := range cases {
		t.Run(c.err, func(t *testing.T) {
			is := is.New(t)
			ctx := expr.NewContext(c.names, c.values)
			is.Equal(errText(ctx.Validate()), c.err)
			_, err := ctx.Condition(expr.FilterExpression, "a = b")
			is.Equal(errText(err), c.err) // every parse reports it first
		})
	}
}

func TestCheckUnused(t *testing.T) {
	is := is.New(t)
	ctx := expr.NewContext(
		map[string]string{"#a": "a", "#b": "b", "#c": "c"},
		map[string]types.AttributeValue{":v": n("1"), ":w": n("2"), ":u": n("3")},
	)
	_, err := ctx.Condition(expr.ConditionExpression, "#a = :v")
	is.NoErr(err)
	is.Equal(errText(ctx.CheckUnused()), "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}")
	_, err = ctx.Update("SET #b = :w, #c = :w")
	is.NoErr(err)
	is.Equal(errText(ctx.CheckUnused()), "Value provided in ExpressionAttributeValues unused in expressions: keys: {:u}")
	_, err = ctx.Projection("#a")
	is.NoErr(err)
	_, err = ctx.KeyCondition("#a = :u", expr.KeySchema{HashName: "a"})
	is.NoErr(err)
	is.NoErr(ctx.CheckUnused())
}

func TestPathString(t *testing.T) {
	is := is.New(t)
	p := expr.Path{{Name: "a"}, {Index: 2, IsIndex: true}, {Name: "b.c"}, {Index: 0, IsIndex: true}}
	is.Equal(p.String(), "a[2].b.c[0]")
	is.True(p.Equal(expr.Path{{Name: "a"}, {Index: 2, IsIndex: true}, {Name: "b.c"}, {Index: 0, IsIndex: true}}))
	is.True(!p.Equal(p[:2]))
	is.Equal(expr.Lookup(item("a", l(n("1"), n("2"), m("b.c", l(s("x"))))), p), s("x"))
	is.Equal(expr.Lookup(item("a", n("1")), p), nil)
}

// Nothing a user can write makes the engine panic.
func TestNoPanicOnOddInput(t *testing.T) {
	inputs := []string{"(((((", ")))))", "a[", "a[999999999999999999999999]", "SET a = ", "#", ":", "\x00", "\xff\xfe", "a = :v AND\xff", "a.:v", "REMOVE a.:v", "ADD a :v, b", "size(size(size(a)))", "NOT NOT NOT", "a BETWEEN (a) AND ((a))"}
	for _, in := range inputs {
		ctx := ctxFor(in)
		ctx.Condition(expr.FilterExpression, in)
		ctx.Update(in)
		ctx.Projection(in)
		ctx.KeyCondition(in, keySchema("k"))
	}
}
