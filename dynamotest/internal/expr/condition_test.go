package expr_test

import (
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/value"
)

// conditionCase is a FilterExpression and what DynamoDB Local 3.3.1 does
// with it: reject it with err, or keep (want) or drop the item.
type conditionCase struct {
	expr string
	item value.Item
	want bool
	err  string
}

// sample is the item most evaluation cases read.
var sample = item(
	"s", s("héllo"),
	"s2", s("héllo"),
	"e", s(""),
	"n", n("5"),
	"bin", b(1, 2, 3),
	"t", boolean(true),
	"nul", null(),
	"ss", ss("a", "b"),
	"ns", ns("1", "2.0"),
	"bs", bs([]byte{1}),
	"l", l(n("1"), s("a"), l(n("1"))),
	"m", m("x", n("1"), "y", n("2")),
	"emoji", s("😀"),
)

// Syntax errors name the token where DynamoDB's parser stops and the text
// from the token before it to the token after it.
var syntaxCases = []conditionCase{
	{expr: "a = ", err: `Invalid FilterExpression: Syntax error; token: "<EOF>", near: "= "`},
	{expr: "a", err: `Invalid FilterExpression: Syntax error; token: "<EOF>", near: "a"`},
	{expr: "   ", err: `Invalid FilterExpression: Syntax error; token: "<EOF>", near: "   "`},
	{expr: "a = :v AND", err: `Invalid FilterExpression: Syntax error; token: "<EOF>", near: "AND"`},
	{expr: "a = = :v", err: `Invalid FilterExpression: Syntax error; token: "=", near: "= = :v"`},
	{expr: "(a = :v", err: `Invalid FilterExpression: Syntax error; token: "<EOF>", near: ":v"`},
	{expr: "a = :v)", err: `Invalid FilterExpression: Syntax error; token: ")", near: ":v)"`},
	{expr: "a[-1] = :v", err: `Invalid FilterExpression: Syntax error; token: "-", near: "[-1"`},
	{expr: "a[01] = :v", err: `Invalid FilterExpression: Syntax error; token: "1", near: "01]"`},
	{expr: "a.1 = :v", err: `Invalid FilterExpression: Syntax error; token: "1", near: ".1 ="`},
	{expr: "1 = :v", err: `Invalid FilterExpression: Syntax error; token: "1", near: "1 ="`},
	{expr: "a = 'x'", err: `Invalid FilterExpression: Syntax error; token: "'", near: "= 'x"`},
	{expr: "a != :v", err: `Invalid FilterExpression: Syntax error; token: "!", near: "a !="`},
	{expr: "_a = :v", err: `Invalid FilterExpression: Syntax error; token: "_", near: "_a"`},
	{expr: "é = :v", err: `Invalid FilterExpression: Syntax error; token: "é", near: "é ="`},
	{expr: "a IN ()", err: `Invalid FilterExpression: Syntax error; token: ")", near: "()"`},
	{expr: "a IN (:v,)", err: `Invalid FilterExpression: Syntax error; token: ")", near: ",)"`},
	{expr: "a BETWEEN :v", err: `Invalid FilterExpression: Syntax error; token: "<EOF>", near: ":v"`},
	{expr: "a BETWEEN :v AND :w AND :v", err: `Invalid FilterExpression: Syntax error; token: "<EOF>", near: ":v"`},
	{expr: "NOT (a)", err: `Invalid FilterExpression: Syntax error; token: "<EOF>", near: ")"`},
	{expr: "a = :v AND (b)", err: `Invalid FilterExpression: Syntax error; token: "<EOF>", near: ")"`},
	{expr: "a AND b", err: `Invalid FilterExpression: Syntax error; token: "AND", near: "a AND b"`},
	{expr: "a = b = c", err: `Invalid FilterExpression: Syntax error; token: "=", near: "b = c"`},
	{expr: "a = :v + :w", err: `Invalid FilterExpression: Syntax error; token: "+", near: ":v + :w"`},
	{expr: "SET = :v", err: `Invalid FilterExpression: Syntax error; token: "SET", near: "SET ="`},
	{expr: "a.set = :v", err: `Invalid FilterExpression: Syntax error; token: "set", near: ".set ="`},
	{expr: "a = :v ORb = :w", err: `Invalid FilterExpression: Syntax error; token: "ORb", near: ":v ORb ="`},
	{expr: "a = :v:w", err: `Invalid FilterExpression: Syntax error; token: ":w", near: ":v:w"`},
	{expr: "a = :", err: `Invalid FilterExpression: Syntax error; token: ":", near: "= :"`},
	{expr: "# = :v", err: `Invalid FilterExpression: Syntax error; token: "#", near: "# ="`},
	{expr: ":v.a = :v", err: `Invalid FilterExpression: Syntax error; token: ".", near: ":v.a"`},
	{expr: "a[1e2] = :v", err: `Invalid FilterExpression: Syntax error; token: "e2", near: "1e2]"`},
	{expr: "attribute_exists()", err: `Invalid FilterExpression: Syntax error; token: ")", near: "()"`},
	{expr: "a = :v\n  xyz", err: "Invalid FilterExpression: Syntax error; token: \"xyz\", near: \":v\n  xyz\""},
	{expr: "a = :v AND\fb = :v", err: "Invalid FilterExpression: Syntax error; token: \"\f\", near: \"AND\fb\""},
	{expr: "a = 1   ", err: `Invalid FilterExpression: Syntax error; token: "1", near: "= 1   "`},
	{expr: "size(a) = :v)", err: `Invalid FilterExpression: Syntax error; token: ")", near: ":v)"`},
}

// Errors found after parsing, in the order DynamoDB looks for them.
var validationCases = []conditionCase{
	{expr: "", err: "Invalid FilterExpression: The expression can not be empty;"},
	{expr: "((a = :v))", err: "Invalid FilterExpression: The expression has redundant parentheses;"},
	{expr: "((a)) = :v", err: "Invalid FilterExpression: The expression has redundant parentheses;"},
	{expr: "select = :v", err: "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: select"},
	{expr: "a.Select = :v", err: "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Select"},
	{expr: "foo(a)", err: "Invalid FilterExpression: Invalid function name; function: foo"},
	{expr: "Size(a) = :v", err: "Invalid FilterExpression: Invalid function name; function: Size"},
	{expr: "size(a)", err: "Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: size"},
	{expr: "attribute_exists(a) = :v", err: "Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: attribute_exists"},
	{expr: "a = if_not_exists(a, :v)", err: "Invalid FilterExpression: The function is not allowed in a condition expression; function: if_not_exists"},
	{expr: "a[2147483648] = :v", err: "Invalid FilterExpression: List index is not within the allowable range; index: [2147483648]"},
	{expr: "#x = :v", err: "Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #x"},
	{expr: "a = :undef", err: "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :undef"},
	{expr: "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a = :v", err: "Invalid FilterExpression: The document path has too many nesting levels; nesting levels: 33"},
	{expr: "attribute_exists(a, b)", err: "Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"},
	{expr: "begins_with(a)", err: "Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"},
	{expr: "size(a, b) > :v", err: "Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: size, number of operands: 2"},
	{expr: "attribute_exists(:v)", err: "Invalid FilterExpression: Operator or function requires a document path; operator or function: attribute_exists"},
	{expr: "begins_with(a, :v)", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"},
	{expr: "begins_with(a, :ss)", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: SS"},
	{expr: "size(:v) > :v", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N"},
	{expr: "size(size(a)) > :v", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N"},
	{expr: "a < :l", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: <, operand type: L"},
	{expr: "a >= :b", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: >=, operand type: BOOL"},
	{expr: "a BETWEEN :m AND :m", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: M"},
	{expr: "a BETWEEN :w AND :v", err: "Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}"},
	{expr: "a BETWEEN :s AND :v", err: "Invalid FilterExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {S:x}, upper bound operand: AttributeValue: {N:1}"},
	{expr: "a BETWEEN :s AND :e", err: "Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:x}, upper bound operand: AttributeValue: {S:}"},
	{expr: "a = a", err: "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"},
	{expr: "a[0].b <> #a[0].b", err: "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [a, [0], b]"},
	{expr: "a IN (b, a)", err: "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: IN, first operand: [a]"},
	{expr: "contains(a, a)", err: "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]"},
	{expr: "attribute_type(a, :v)", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"},
	{expr: "attribute_type(a, :s)", err: "Invalid FilterExpression: Invalid attribute type name found; type: x, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}"},
	// First problem wins: the passes run in DynamoDB's order.
	{expr: "a = :undef AND select = :v", err: "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: select"},
	{expr: "foo(a) AND select = :v", err: "Invalid FilterExpression: Invalid function name; function: foo"},
	{expr: "select = :v AND ((b = :v))", err: "Invalid FilterExpression: The expression has redundant parentheses;"},
	{expr: "#undef = :v AND a = :undef", err: "Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #undef"},
	{expr: "size(:v) = :undef", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N"},
	{expr: "begins_with(:v, #undef)", err: "Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #undef"},
	{expr: "a BETWEEN a AND :l", err: "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: L"},
	{expr: "a.:s = :v", err: "Invalid FilterExpression: Internal server error"},
	{expr: "a.:undef = :v", err: "Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: :undef"},
}

// Evaluation: different types compare false, <> is true when an operand
// is missing, and functions follow DynamoDB's rules.
var evalCases = []conditionCase{
	{expr: "n = :x", want: false},
	{expr: "n > :v AND n < :x", want: true},
	{expr: "n BETWEEN :v AND :x", want: true},
	{expr: "n IN (:v, :w)", want: false},
	{expr: "n < :s", want: false},
	{expr: "NOT n < :s", want: true},
	{expr: "n <> :s", want: true},
	{expr: "a <> :v", want: true},
	{expr: "a <> b", want: true},
	{expr: "a = b", want: false},
	{expr: "s = s2", want: true},
	{expr: "s <> s2", want: false},
	{expr: "s > :s", want: false},
	{expr: "s BETWEEN :e AND :s", want: true},
	{expr: "ns = :ns", want: true}, // numbers compare numerically: 2.0 = 2
	{expr: "ss = :ss", want: true},
	{expr: "m.x = :v", want: true},
	{expr: "l[2][0] = :v", want: true},
	{expr: "l[5] <> :v", want: true},
	{expr: "m.zz <> :v", want: true},
	{expr: "t = :b", want: true},
	{expr: "nul = :nul", want: true},
	{expr: "bin > :bin", want: true},
	{expr: "attribute_exists(m.x)", want: true},
	{expr: "attribute_exists(n.x)", want: false},
	{expr: "attribute_not_exists(l[9])", want: true},
	{expr: "attribute_type(ns, :tn)", want: false},
	{expr: "attribute_type(n, :tn)", want: true},
	{expr: "attribute_type(:v, :tn)", want: true},
	{expr: "begins_with(s, :e)", want: true},
	{expr: "begins_with(bin, :bin)", want: true},
	{expr: "begins_with(n, :s)", want: false},
	{expr: "contains(s, :e)", want: true},
	{expr: "contains(ss, :s)", want: false},
	{expr: "contains(ns, :w)", want: true},
	{expr: "contains(l, :v)", want: true},
	{expr: "contains(l, :l)", want: false},
	{expr: "contains(bin, :bin)", want: true},
	{expr: "contains(m, :s)", want: false},
	{expr: "size(s) = :v", want: false},
	{expr: "size(emoji) = :w", want: true},
	{expr: "size(ss) = :w", want: true},
	{expr: "size(m) = :w", want: true},
	{expr: "size(e) > :neg", want: true},
	{expr: "size(n) = :v", want: false},
	{expr: "size(n) <> :v", want: true},
	{expr: "size(zz) <> :v", want: true},
	{expr: "size(m) = size(ss)", want: true},
	{expr: "NOT n = :v AND s = :s", want: false},
	{expr: "n = :x OR n = :v AND s = s2", want: false},
	{expr: "NOT (n = :x OR s = :s) AND t = :b", want: true},
	{expr: "(n = :v) OR (s = s2)", want: true},
	{expr: "a = :v OR NOT a = :v", want: true},
	{expr: "#a <> #b AND #dot <> :v", want: true},
	{expr: "a between :v and :w or n in (:x)", want: false},
}

func TestConditionSyntaxErrors(t *testing.T) { runConditionCases(t, syntaxCases) }
func TestConditionValidation(t *testing.T)   { runConditionCases(t, validationCases) }
func TestConditionEvaluation(t *testing.T)   { runConditionCases(t, evalCases) }

func runConditionCases(t *testing.T, cases []conditionCase) {
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			is := is.New(t)
			ctx := ctxFor(c.expr)
			cond, err := ctx.Condition(expr.FilterExpression, c.expr)
			if err == nil {
				err = ctx.CheckUnused()
			}
			is.Equal(errText(err), c.err)
			if c.err != "" {
				return
			}
			it := c.item
			if it == nil {
				it = sample
			}
			is.Equal(cond.Eval(it), c.want)
		})
	}
}

func TestConditionKindInMessages(t *testing.T) {
	is := is.New(t)
	_, err := expr.NewContext(nil, nil).Condition(expr.ConditionExpression, "a =")
	is.Equal(errText(err), `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="`)
}

func TestConditionPaths(t *testing.T) {
	is := is.New(t)
	ctx := ctxFor("#a.b[1] = :v AND size(c) > :v OR begins_with(#dot, :s)")
	cond, err := ctx.Condition(expr.ConditionExpression, "#a.b[1] = :v AND size(c) > :v OR begins_with(#dot, :s)")
	is.NoErr(err)
	var got []string
	for _, p := range cond.Paths() {
		got = append(got, p.String())
	}
	is.Equal(got, []string{"a.b[1]", "c", "a.b"})
	is.Equal(cond.Paths()[2], expr.Path{{Name: "a.b"}}) // a name from #dot is one element
}

// A missing item has no attributes.
func TestConditionOnMissingItem(t *testing.T) {
	is := is.New(t)
	ctx := ctxFor("attribute_not_exists(pk) AND a <> :v")
	cond, err := ctx.Condition(expr.ConditionExpression, "attribute_not_exists(pk) AND a <> :v")
	is.NoErr(err)
	is.True(cond.Eval(nil))
}

func TestOperatorLimit(t *testing.T) {
	is := is.New(t)
	src := "a = :v"
	for range 150 {
		src += " AND a = :v"
	}
	_, err := ctxFor(src).Condition(expr.FilterExpression, src)
	is.Equal(errText(err), "Invalid FilterExpression: The expression contains too many operators; operator count: 301")

	long := make([]byte, 4092)
	for i := range long {
		long[i] = 'a'
	}
	_, err = ctxFor(":v").Condition(expr.FilterExpression, string(long)+" = :v")
	is.Equal(errText(err), "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 4097")
}

func TestReservedWordsAreCaseInsensitive(t *testing.T) {
	for _, w := range []string{"name", "NAME", "Status", "size2x", "data", "ttl", "CONVERT", "size"} {
		t.Run(w, func(t *testing.T) {
			is := is.New(t)
			_, err := ctxFor(":v").Condition(expr.FilterExpression, w+" = :v")
			switch w {
			case "size2x", "CONVERT", "size": // not reserved on DynamoDB Local
				is.NoErr(err)
			default:
				is.Equal(errText(err), "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: "+w)
			}
		})
	}
}
