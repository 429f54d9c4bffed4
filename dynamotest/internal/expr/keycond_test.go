package expr_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
)

// keyCase is a KeyConditionExpression on one of three tables and what
// DynamoDB Local 3.3.1 answers: table "k" is keyed pk (S) and sk (S), "kh"
// pk (S) only, "kn" pk (S) and sk (N).
type keyCase struct {
	table string
	expr  string
	err   string
	want  *expr.KeyCondition
}

func keySchema(table string) expr.KeySchema {
	switch table {
	case "kh":
		return expr.KeySchema{HashName: "pk", HashType: "S"}
	case "kn":
		return expr.KeySchema{HashName: "pk", HashType: "S", RangeName: "sk", RangeType: "N"}
	}
	return expr.KeySchema{HashName: "pk", HashType: "S", RangeName: "sk", RangeType: "S"}
}

func kc(rangeOp expr.RangeOp, vals ...types.AttributeValue) *expr.KeyCondition {
	k := &expr.KeyCondition{HashName: "pk", HashValue: stdValues[":s"]}
	if rangeOp != "" {
		k.RangeName, k.RangeOp, k.RangeValues = "sk", rangeOp, vals
	}
	return k
}

var keyCases = []keyCase{
	{table: "k", expr: "pk = :s", want: kc("")},
	{table: "k", expr: ":s = pk", want: kc("")},
	{table: "k", expr: "#pk = :s AND sk = :t", want: kc(expr.RangeEq, s("S"))},
	{table: "k", expr: "sk < :t AND pk = :s", want: kc(expr.RangeLt, s("S"))},
	{table: "k", expr: "pk = :s AND :t < sk", want: kc(expr.RangeGt, s("S"))},
	{table: "k", expr: "pk = :s AND sk >= :t", want: kc(expr.RangeGe, s("S"))},
	{table: "k", expr: "pk = :s AND sk BETWEEN :e AND :t", err: "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk"},
	{table: "k", expr: "pk = :s AND sk BETWEEN :t AND :s", want: kc(expr.RangeBetween, s("S"), s("x"))},
	{table: "k", expr: "(pk = :s) AND (begins_with(sk, :t))", want: kc(expr.RangeBeginsWith, s("S"))},
	{table: "kn", expr: "pk = :s AND sk <= :v", want: kc(expr.RangeLe, n("1"))},
	{table: "kh", expr: "pk = :s", want: kc("")},
	{table: "k", expr: "", err: "Invalid KeyConditionExpression: The expression can not be empty;"},
	{table: "k", expr: "pk = :s AND ((sk = :t))", err: "Invalid KeyConditionExpression: The expression has redundant parentheses;"},
	{table: "k", expr: "pk = :s AND select = :t", err: "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: select"},
	{table: "k", expr: "pk = :s AND sk = :undef", err: "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :undef"},
	{table: "k", expr: "pk = pk", err: "Invalid KeyConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [pk]"},
	{table: "k", expr: "pk = :s AND begins_with(sk, :v)", err: "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"},
	{table: "k", expr: "pk = :s AND sk BETWEEN :s AND :t", err: "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:x}, upper bound operand: AttributeValue: {S:S}"},
	{table: "k", expr: "pk = :s AND sk <> :t", err: "Invalid operator used in KeyConditionExpression: <>"},
	{table: "k", expr: "pk = :s OR sk = :t", err: "Invalid operator used in KeyConditionExpression: OR"},
	{table: "k", expr: "NOT pk = :s", err: "Invalid operator used in KeyConditionExpression: NOT"},
	{table: "k", expr: "pk IN (:s)", err: "Invalid operator used in KeyConditionExpression: IN"},
	{table: "k", expr: "pk = :s AND attribute_exists(sk)", err: "Invalid operator used in KeyConditionExpression: attribute_exists"},
	{table: "k", expr: "pk = :s AND size(sk) > :v", err: "KeyConditionExpressions cannot contain nested operations"},
	{table: "k", expr: "pk = :s AND size(sk) = :v AND sk <> :t", err: "KeyConditionExpressions cannot contain nested operations"},
	{table: "k", expr: "pk = sk", err: "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"},
	{table: "k", expr: ":s = :s", err: "Invalid condition in KeyConditionExpression: No key attribute specified"},
	{table: "k", expr: "pk = :s AND begins_with(:t, sk)", err: "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand"},
	{table: "k", expr: "pk = :s AND :t BETWEEN sk AND :t", err: "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand"},
	{table: "k", expr: "pk.x = :s", err: "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk"},
	{table: "k", expr: "pk = :s AND sk[0] = :t", err: "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: sk"},
	{table: "k", expr: "x.a = :s", err: "KeyConditionExpressions cannot have conditions on nested attributes"},
	{table: "k", expr: "pk = :s AND pk = :s", err: "KeyConditionExpressions must only contain one condition per key"},
	{table: "k", expr: "sk = :t AND sk = :t AND x = :s", err: "KeyConditionExpressions must only contain one condition per key"},
	{table: "k", expr: "pk = :s AND sk = :t AND x = :t", err: "Conditions can be of length 1 or 2 only"},
	{table: "k", expr: "sk = :t", err: "Query condition missed key schema element"},
	{table: "k", expr: "pk = :s AND x = :t", err: "Query condition missed key schema element"},
	{table: "k", expr: "pk > :s", err: "Query key condition not supported"},
	{table: "k", expr: "begins_with(pk, :s)", err: "Query key condition not supported"},
	{table: "k", expr: "pk = :v", err: "One or more parameter values were invalid: Condition parameter type does not match schema type"},
	{table: "k", expr: "pk = :e AND sk = :v", err: "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
	{table: "kh", expr: "pk = :s AND sk = :t", err: "Query key condition not supported"},
	{table: "kh", expr: "pk = :v AND x = :t", err: "Query key condition not supported"},
	{table: "kh", expr: "x = :t", err: "Query condition missed key schema element"},
	{table: "kn", expr: "pk = :s AND sk = :t", err: "One or more parameter values were invalid: Condition parameter type does not match schema type"},
	{table: "kn", expr: "sk BETWEEN :t AND :t", err: "Query condition missed key schema element"},
	{table: "kn", expr: "pk < :s AND sk = :t", err: "Query key condition not supported"},
	{table: "kn", expr: "pk = :s AND begins_with(sk, :s)", err: "One or more parameter values were invalid: Condition parameter type does not match schema type"},
}

func TestKeyCondition(t *testing.T) {
	for _, c := range keyCases {
		t.Run(c.table+"/"+c.expr, func(t *testing.T) {
			is := is.New(t)
			ctx := ctxFor(c.expr)
			got, err := ctx.KeyCondition(c.expr, keySchema(c.table))
			if err == nil {
				err = ctx.CheckUnused()
			}
			is.Equal(errText(err), c.err)
			if c.err == "" {
				is.Equal(got, c.want)
			}
		})
	}
}

func TestKeyConditionMatch(t *testing.T) {
	cases := []struct {
		expr string
		sk   types.AttributeValue
		want bool
	}{
		{"pk = :s", s("anything"), true},
		{"pk = :s AND sk = :t", s("S"), true},
		{"pk = :s AND sk > :t", s("S"), false},
		{"pk = :s AND :t < sk", s("T"), true},
		{"pk = :s AND sk BETWEEN :t AND :s", s("a"), true},
		{"pk = :s AND sk BETWEEN :t AND :s", s("y"), false},
		{"pk = :s AND begins_with(sk, :t)", s("Sx"), true},
		{"pk = :s AND begins_with(sk, :t)", s("s"), false},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			is := is.New(t)
			k, err := ctxFor(c.expr).KeyCondition(c.expr, keySchema("k"))
			is.NoErr(err)
			is.Equal(k.Match(item("pk", s("x"), "sk", c.sk)), c.want)
			is.True(!k.Match(item("pk", s("y"), "sk", c.sk))) // other partition
		})
	}
}
