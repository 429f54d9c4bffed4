package expr_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/value"
)

// updateCase is an UpdateExpression applied to updateItem and what
// DynamoDB Local 3.3.1 makes of it: the new item, or err.
type updateCase struct {
	expr string
	want value.Item
	err  string
}

func updateItem() value.Item {
	return item(
		"a", n("1"),
		"s", s("str"),
		"l", l(n("1"), n("2"), n("3"), n("4")),
		"m", m("x", n("1")),
		"ss", ss("S", "a"),
		"ns", ns("1", "3"),
		"nested", m("l", l(n("1"), n("2"))),
	)
}

// with returns updateItem with some attributes replaced (nil removes).
func with(kv ...any) value.Item {
	it := updateItem()
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(it, kv[i].(string))
			continue
		}
		it[kv[i].(string)] = kv[i+1].(value.Item)["v"]
	}
	return it
}

// v wraps a value for with().
func v(av any) value.Item { return item("v", av) }

var updateCases = []updateCase{
	// Syntax.
	{expr: "SET", err: `Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"`},
	{expr: "SET a = :v,", err: `Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ","`},
	{expr: "SET a = :v b = :w", err: `Invalid UpdateExpression: Syntax error; token: "b", near: ":v b ="`},
	{expr: ", SET a = :v", err: `Invalid UpdateExpression: Syntax error; token: ",", near: ", SET"`},
	{expr: "SET a += :v", err: `Invalid UpdateExpression: Syntax error; token: "+", near: "a +="`},
	{expr: "SET a = :v + a + :v", err: `Invalid UpdateExpression: Syntax error; token: "+", near: "a + :v"`},
	{expr: "SET a = (a + :v) + :v", err: `Invalid UpdateExpression: Syntax error; token: "+", near: ") + :v"`},
	{expr: "SET a = list_append(l + :v, :l)", err: `Invalid UpdateExpression: Syntax error; token: "+", near: "l + :v"`},
	{expr: "SET :v = a", err: `Invalid UpdateExpression: Syntax error; token: ":v", near: "SET :v ="`},
	{expr: "REMOVE a = :v", err: `Invalid UpdateExpression: Syntax error; token: "=", near: "a = :v"`},
	{expr: "ADD a b", err: `Invalid UpdateExpression: Syntax error; token: "b", near: "a b"`},
	{expr: "ADD a (:v)", err: `Invalid UpdateExpression: Syntax error; token: "(", near: "a (:v"`},
	{expr: "DELETE ss", err: `Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "ss"`},
	{expr: "a = :v", err: `Invalid UpdateExpression: Syntax error; token: "a", near: "a ="`},
	// Validation.
	{expr: "", err: "Invalid UpdateExpression: The expression can not be empty;"},
	{expr: "SET a = ((a))", err: "Invalid UpdateExpression: The expression has redundant parentheses;"},
	{expr: "SET a = :v SET b = :v", err: `Invalid UpdateExpression: The "SET" section can only be used once in an update expression;`},
	{expr: "REMOVE a REMOVE b", err: `Invalid UpdateExpression: The "REMOVE" section can only be used once in an update expression;`},
	{expr: "SET a = :v SET select = :v", err: "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: select"},
	{expr: "SET a = size(l)", err: "Invalid UpdateExpression: The function is not allowed in an update expression; function: size"},
	{expr: "SET a = attribute_exists(a)", err: "Invalid UpdateExpression: The function is not allowed in an update expression; function: attribute_exists"},
	{expr: "SET a = foo(a)", err: "Invalid UpdateExpression: Invalid function name; function: foo"},
	{expr: "SET a = :v + list_append(:l, :l)", err: "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append"},
	{expr: "SET a = if_not_exists(a, list_append(:l, :l))", err: "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append"},
	{expr: "SET a = if_not_exists(:v, a)", err: "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists"},
	{expr: "SET a = if_not_exists(a)", err: "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1"},
	{expr: "SET a = if_not_exists(a, a)", err: "Invalid UpdateExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: if_not_exists, first operand: [a]"},
	{expr: "SET a = list_append(:l, :v)", err: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: N"},
	{expr: "SET a = :s + :v", err: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S"},
	{expr: "SET a = :v - :ss", err: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, operand type: SS"},
	{expr: "ADD a :s", err: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"},
	{expr: "ADD a :l", err: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND"},
	{expr: "DELETE a :v", err: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND"},
	{expr: "DELETE a :bin", err: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: BINARY, typeSet: ALLOWED_FOR_DELETE_OPERAND"},
	{expr: "SET a = :v, a = :w", err: "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"},
	{expr: "SET a = :v REMOVE a.b", err: "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"},
	{expr: "REMOVE a.b SET #a = :v", err: "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]"},
	{expr: "SET a[0] = :v, a.b = :w", err: "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]"},
	{expr: "ADD a :v DELETE a :ns", err: "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"},
	{expr: "SET a = :undef, a = :v", err: "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"},
	{expr: "SET a = :v, a = :v, #undef = :v", err: "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #undef"},
	{expr: "SET a = :s + :v, b = :undef", err: "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :undef"},
	{expr: "SET a[2147483648] = :v", err: "Invalid UpdateExpression: List index is not within the allowable range; index: [2147483648]"},
	// Application errors carry no prefix.
	{expr: "SET x = zz + :v", err: "The provided expression refers to an attribute that does not exist in the item"},
	{expr: "SET x = list_append(zz, :l)", err: "The provided expression refers to an attribute that does not exist in the item"},
	{expr: "SET x = s + :v", err: "An operand in the update expression has an incorrect data type"},
	{expr: "SET x = m - zz", err: "An operand in the update expression has an incorrect data type"},
	{expr: "SET x = list_append(a, :l)", err: "An operand in the update expression has an incorrect data type"},
	{expr: "SET x = if_not_exists(zz, :s) + :v", err: "An operand in the update expression has an incorrect data type"},
	{expr: "ADD s :v", err: "An operand in the update expression has an incorrect data type"},
	{expr: "ADD ss :ns", err: "An operand in the update expression has an incorrect data type"},
	{expr: "DELETE m :ss", err: "An operand in the update expression has an incorrect data type"},
	{expr: "SET a.y = :v", err: "The document path provided in the update expression is invalid for update"},
	{expr: "SET zz.y = :v", err: "The document path provided in the update expression is invalid for update"},
	{expr: "SET l[0].x = :v", err: "The document path provided in the update expression is invalid for update"},
	{expr: "SET m[0] = :v", err: "The document path provided in the update expression is invalid for update"},
	{expr: "SET a.y = zz", err: "The document path provided in the update expression is invalid for update"},
	{expr: "REMOVE zz.y", err: "The document path provided in the update expression is invalid for update"},
	{expr: "DELETE a.y :ss", err: "The document path provided in the update expression is invalid for update"},
	{expr: "SET n = :big + :big", err: "Number overflow. Attempting to store a number with magnitude larger than supported range"},
	// Results.
	{expr: "SET a = :w", want: with("a", v(n("2")))},
	{expr: "set a = a + :x, s = :e", want: with("a", v(n("11")), "s", v(s("")))},
	{expr: "SET a = a - :x", want: with("a", v(n("-9")))},
	{expr: "SET a = (a) + (:v)", want: with("a", v(n("2")))},
	{expr: "SET a = s, s = a", want: with("a", v(s("str")), "s", v(n("1")))},
	{expr: "SET x = if_not_exists(x, :v), a = if_not_exists(a, :x)", want: with("x", v(n("1")))},
	{expr: "SET x = if_not_exists(zz, :v) + if_not_exists(a, :v)", want: with("x", v(n("2")))},
	{expr: "SET l = list_append(l, :l)", want: with("l", v(l(n("1"), n("2"), n("3"), n("4"), n("1"), s("a"))))},
	{expr: "SET l = list_append(:l, l)", want: with("l", v(l(n("1"), s("a"), n("1"), n("2"), n("3"), n("4"))))},
	{expr: "SET x = list_append(if_not_exists(x, :l), :l)", want: with("x", v(l(n("1"), s("a"), n("1"), s("a"))))},
	{expr: "SET m.y = :v, nested.l[0] = :s", want: with("m", v(m("x", n("1"), "y", n("1"))), "nested", v(m("l", l(s("x"), n("2")))))},
	{expr: "SET l[1] = :s", want: with("l", v(l(n("1"), s("x"), n("3"), n("4"))))},
	{expr: "SET l[9] = :s, l[8] = :w", want: with("l", v(l(n("1"), n("2"), n("3"), n("4"), n("2"), s("x"))))},
	{expr: "SET l[8] = :s, l[9] = :w", want: with("l", v(l(n("1"), n("2"), n("3"), n("4"), s("x"), n("2"))))},
	{expr: "REMOVE l[0], l[2]", want: with("l", v(l(n("2"), n("4"))))},
	{expr: "REMOVE l[1] SET l[0] = :s", want: with("l", v(l(s("x"), n("3"), n("4"))))},
	{expr: "REMOVE l[0] SET l[1] = :s", want: with("l", v(l(s("x"), n("3"), n("4"))))},
	{expr: "SET l[9] = :s REMOVE l[4]", want: with("l", v(l(n("1"), n("2"), n("3"), n("4"), s("x"))))},
	{expr: "REMOVE l[9], zz, m.zz", want: updateItem()},
	{expr: "REMOVE a, m.x, nested.l[1]", want: with("a", nil, "m", v(m()), "nested", v(m("l", l(n("1")))))},
	{expr: "ADD a :x, x :neg", want: with("a", v(n("11")), "x", v(n("-1")))},
	{expr: "ADD ss :ss, ns :ns, x :ss", want: with("ss", v(ss("S", "a", "b")), "ns", v(ns("1", "2", "3")), "x", v(ss("a", "b")))},
	{expr: "DELETE ss :ss, ns :ns, zz :ss", want: with("ss", v(ss("S")), "ns", v(ns("3")))},
	{expr: "DELETE ss :ss ADD m.c :v", want: with("ss", v(ss("S")), "m", v(m("x", n("1"), "c", n("1"))))},
	{expr: "SET x = :nul, y = :b, z = :m, w = :bs", want: with("x", v(null()), "y", v(boolean(true)), "z", v(m("x", n("1"))), "w", v(bs([]byte{1})))},
}

func TestUpdate(t *testing.T) {
	for _, c := range updateCases {
		t.Run(c.expr, func(t *testing.T) {
			is := is.New(t)
			ctx := ctxFor(c.expr)
			upd, err := ctx.Update(c.expr)
			if err == nil {
				err = ctx.CheckUnused()
			}
			var got value.Item
			if err == nil {
				got, err = upd.Apply(updateItem())
			}
			is.Equal(errText(err), c.err)
			if c.err == "" {
				is.True(value.EqualItems(got, c.want)) // updated item
			}
		})
	}
}

func TestUpdateDoesNotModifyItsInputs(t *testing.T) {
	is := is.New(t)
	src := "SET l[0] = :l, m.y = :m REMOVE nested.l[0] ADD ss :ss DELETE ns :ns"
	ctx := ctxFor(src)
	upd, err := ctx.Update(src)
	is.NoErr(err)
	in := updateItem()
	out, err := upd.Apply(in)
	is.NoErr(err)
	is.True(value.EqualItems(in, updateItem())) // input unchanged

	// Scribbling over the result changes neither the input nor the next result.
	out["l"].(*types.AttributeValueMemberL).Value[0].(*types.AttributeValueMemberL).Value[0] = s("scribble")
	out["m"].(*types.AttributeValueMemberM).Value["y"].(*types.AttributeValueMemberM).Value["x"] = s("scribble")
	out["ss"].(*types.AttributeValueMemberSS).Value[0] = "scribble"
	is.True(value.EqualItems(in, updateItem()))
	again, err := upd.Apply(in)
	is.NoErr(err)
	is.Equal(again["l"].(*types.AttributeValueMemberL).Value[0].(*types.AttributeValueMemberL).Value[0], n("1"))
	is.Equal(again["m"].(*types.AttributeValueMemberM).Value["y"].(*types.AttributeValueMemberM).Value["x"], n("1"))
	is.Equal(stdValues[":l"].(*types.AttributeValueMemberL).Value[0], n("1"))
}

func TestUpdateOnMissingItem(t *testing.T) {
	is := is.New(t)
	src := "SET a = if_not_exists(a, :v) ADD c :w, ss :ss"
	ctx := ctxFor(src)
	upd, err := ctx.Update(src)
	is.NoErr(err)
	out, err := upd.Apply(nil)
	is.NoErr(err)
	is.True(value.EqualItems(out, item("a", n("1"), "c", n("2"), "ss", ss("a", "b"))))
}

func TestUpdatePaths(t *testing.T) {
	is := is.New(t)
	src := "REMOVE z SET #a.b[2] = :v, #dot = :w ADD c :v"
	ctx := ctxFor(src)
	upd, err := ctx.Update(src)
	is.NoErr(err)
	is.NoErr(ctx.CheckUnused())
	var got []string
	for _, p := range upd.Paths() {
		got = append(got, p.String())
	}
	is.Equal(got, []string{"z", "a.b[2]", "a.b", "c"})
	is.Equal(upd.Paths()[1], expr.Path{{Name: "a"}, {Name: "b"}, {Index: 2, IsIndex: true}})
}
