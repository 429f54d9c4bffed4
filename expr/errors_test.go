package expr_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/expr"
	"github.com/matryer/is"
)

func TestErrors(t *testing.T) {
	a, views := expr.Name("a"), expr.Name("views")
	forum, subject := expr.Name("forum"), expr.Name("subject")
	one := value(n("1"))
	exists := expr.AttributeExists[Thread](a)
	deep := expr.Name("l")
	for range expr.MaxPathDepth {
		deep = deep.Index(0)
	}
	in101 := make([]expr.Operand[Thread], expr.MaxInOperands+1)
	for i := range in101 {
		in101[i] = one
	}
	k := expr.KeyEquals[Thread](forum, s("go"))
	cond := func(c expr.Condition[Thread]) func(*expr.Builder[Thread]) error {
		return func(b *expr.Builder[Thread]) error { _, err := b.Condition(c); return err }
	}
	key := func(k expr.KeyCondition[Thread]) func(*expr.Builder[Thread]) error {
		return func(b *expr.Builder[Thread]) error { _, err := b.KeyCondition(k); return err }
	}
	upd := func(u expr.Update[Thread]) func(*expr.Builder[Thread]) error {
		return func(b *expr.Builder[Thread]) error { _, err := b.Update(u); return err }
	}
	proj := func(p expr.Projection[Thread]) func(*expr.Builder[Thread]) error {
		return func(b *expr.Builder[Thread]) error { _, err := b.Projection(p); return err }
	}
	cases := []struct {
		name   string
		render func(*expr.Builder[Thread]) error
		want   error
	}{
		// paths
		{"empty name", cond(expr.AttributeExists[Thread](expr.Name(""))), expr.ErrInvalidPath},
		{"empty map key", cond(expr.AttributeExists[Thread](a.Key("b").Key(""))), expr.ErrInvalidPath},
		{"negative index", cond(expr.AttributeExists[Thread](a.Key("b").Index(-1))), expr.ErrInvalidPath},
		{"index too large", cond(expr.AttributeExists[Thread](a.Index(expr.MaxListIndex + 1))), expr.ErrInvalidPath},
		{"zero path", cond(expr.AttributeExists[Thread](expr.Path{})), expr.ErrInvalidPath},
		{"key on zero path", cond(expr.AttributeExists[Thread](expr.Path{}.Key("b"))), expr.ErrInvalidPath},
		{"index on zero path", cond(expr.AttributeExists[Thread](expr.Path{}.Index(1))), expr.ErrInvalidPath},
		{"too many levels", cond(expr.AttributeExists[Thread](deep)), expr.ErrInvalidPath},
		{"first path error wins", cond(expr.AttributeExists[Thread](expr.Name("").Key("").Index(-1))), expr.ErrInvalidPath},
		{"path error in operand", cond(expr.Compare(expr.Eq, pathOf(a.Index(-2)), one)), expr.ErrInvalidPath},
		{"path error in size", cond(expr.Compare(expr.Eq, expr.Size[Thread](expr.Name("")), one)), expr.ErrInvalidPath},
		{"path error in attribute_type", cond(expr.AttributeType[Thread](expr.Name(""), expr.TypeNull)), expr.ErrInvalidPath},
		{"path error in set", upd(expr.Set(expr.Name(""), one)), expr.ErrInvalidPath},
		{"path error in remove", upd(expr.Remove[Thread](expr.Name(""))), expr.ErrInvalidPath},
		{"path error in add", upd(expr.Add[Thread](expr.Name(""), n("1"))), expr.ErrInvalidPath},
		{"path error in if_not_exists", upd(expr.Set(a, expr.IfNotExists(expr.Name(""), one))), expr.ErrInvalidPath},
		{"path error in projection", proj(expr.Project[Thread](a, a.Index(-1))), expr.ErrInvalidPath},
		// operands
		{"nil value", cond(expr.Compare(expr.Eq, pathOf(a), value(nil))), expr.ErrInvalidOperand},
		{"typed nil value", cond(expr.Compare(expr.Eq, pathOf(a), value((*types.AttributeValueMemberS)(nil)))), expr.ErrInvalidOperand},
		{"unknown union member", cond(expr.Compare(expr.Eq, pathOf(a), value(&types.UnknownUnionMember{Tag: "X"}))), expr.ErrInvalidOperand},
		{"zero operand", cond(expr.Compare(expr.Eq, pathOf(a), expr.Operand[Thread]{})), expr.ErrInvalidOperand},
		{"zero comparator", cond(expr.Compare(0, pathOf(a), one)), expr.ErrInvalidOperand},
		{"unknown comparator", cond(expr.Compare(42, pathOf(a), one)), expr.ErrInvalidOperand},
		{"unknown attribute type", cond(expr.AttributeType[Thread](a, "STRING")), expr.ErrInvalidOperand},
		{"if_not_exists in a comparison", cond(expr.Compare(expr.Eq, expr.IfNotExists(a, one), one)), expr.ErrInvalidOperand},
		{"list_append in contains", cond(expr.Contains(pathOf(a), expr.ListAppend(pathOf(a), one))), expr.ErrInvalidOperand},
		{"plus in begins_with", cond(expr.BeginsWith(pathOf(a), one.Plus(one))), expr.ErrInvalidOperand},
		{"minus in BETWEEN", cond(expr.Between(pathOf(a), one, one.Minus(one))), expr.ErrInvalidOperand},
		{"if_not_exists in IN", cond(expr.In(pathOf(a), one, expr.IfNotExists(a, one))), expr.ErrInvalidOperand},
		{"size in set", upd(expr.Set(a, expr.Size[Thread](views))), expr.ErrInvalidOperand},
		{"zero operand in set", upd(expr.Set(a, expr.Operand[Thread]{})), expr.ErrInvalidOperand},
		{"list_append in list_append", upd(expr.Set(a, expr.ListAppend(expr.ListAppend(pathOf(a), one), one))), expr.ErrInvalidOperand},
		{"plus of plus", upd(expr.Set(a, one.Plus(one).Plus(one))), expr.ErrInvalidOperand},
		{"plus of list_append", upd(expr.Set(a, expr.ListAppend(pathOf(a), one).Plus(one))), expr.ErrInvalidOperand},
		{"arithmetic in list_append", upd(expr.Set(a, expr.ListAppend(pathOf(a), one.Minus(one)))), expr.ErrInvalidOperand},
		{"list_append in if_not_exists", upd(expr.Set(a, expr.IfNotExists(a, expr.ListAppend(pathOf(a), one)))), expr.ErrInvalidOperand},
		{"plus in if_not_exists", upd(expr.Set(a, expr.IfNotExists(a, one.Plus(one)))), expr.ErrInvalidOperand},
		{"size in if_not_exists", upd(expr.Set(a, expr.IfNotExists(a, expr.Size[Thread](a)))), expr.ErrInvalidOperand},
		{"size in plus", upd(expr.Set(a, expr.Size[Thread](a).Plus(one))), expr.ErrInvalidOperand},
		{"nil value in plus", upd(expr.Set(a, one.Plus(value(nil)))), expr.ErrInvalidOperand},
		{"add string", upd(expr.Add[Thread](views, s("1"))), expr.ErrInvalidOperand},
		{"add list", upd(expr.Add[Thread](views, list(n("1")))), expr.ErrInvalidOperand},
		{"add nil", upd(expr.Add[Thread](views, nil)), expr.ErrInvalidOperand},
		{"delete number", upd(expr.Delete[Thread](views, n("1"))), expr.ErrInvalidOperand},
		// conditions
		{"IN without operands", cond(expr.In(pathOf(a))), expr.ErrInvalidCondition},
		{"IN with 101 operands", cond(expr.In(pathOf(a), in101...)), expr.ErrInvalidCondition},
		{"NOT of the zero condition", cond(expr.Condition[Thread]{}.Not()), expr.ErrInvalidCondition},
		{"error in an AND argument", cond(exists.And(exists, expr.In(pathOf(a)), expr.AttributeExists[Thread](expr.Name("")))), expr.ErrInvalidCondition},
		{"error in the receiver wins", cond(expr.In(pathOf(a)).Or(expr.AttributeExists[Thread](expr.Name("")))), expr.ErrInvalidCondition},
		{"error survives NOT", cond(expr.AttributeExists[Thread](expr.Name("")).Not()), expr.ErrInvalidPath},
		// key conditions
		{"zero key condition", key(expr.KeyCondition[Thread]{}), expr.ErrInvalidKeyCondition},
		{"nested partition key", key(expr.KeyEquals[Thread](forum.Key("x"), s("go"))), expr.ErrInvalidKeyCondition},
		{"indexed partition key", key(expr.KeyEquals[Thread](forum.Index(0), s("go"))), expr.ErrInvalidKeyCondition},
		{"invalid partition key path", key(expr.KeyEquals[Thread](expr.Name(""), s("go"))), expr.ErrInvalidPath},
		{"nil partition key value", key(expr.KeyEquals[Thread](forum, nil)), expr.ErrInvalidOperand},
		{"boolean partition key value", key(expr.KeyEquals[Thread](forum, &types.AttributeValueMemberBOOL{Value: true})), expr.ErrInvalidOperand},
		{"sort key without partition key", key(expr.KeyCondition[Thread]{}.SortCompare(expr.Eq, subject, s("x"))), expr.ErrInvalidKeyCondition},
		{"two sort key conditions", key(k.SortCompare(expr.Gt, subject, s("a")).SortCompare(expr.Lt, subject, s("z"))), expr.ErrInvalidKeyCondition},
		{"sort key is the partition key", key(k.SortBeginsWith(forum, s("g"))), expr.ErrInvalidKeyCondition},
		{"ne on the sort key", key(k.SortCompare(expr.Ne, subject, s("x"))), expr.ErrInvalidKeyCondition},
		{"unknown comparator on the sort key", key(k.SortCompare(7, subject, s("x"))), expr.ErrInvalidKeyCondition},
		{"nested sort key", key(k.SortBetween(subject.Key("x"), s("a"), s("b"))), expr.ErrInvalidKeyCondition},
		{"nil BETWEEN bound", key(k.SortBetween(subject, s("a"), nil)), expr.ErrInvalidOperand},
		{"list sort key value", key(k.SortCompare(expr.Eq, subject, list())), expr.ErrInvalidOperand},
		{"begins_with a number", key(k.SortBeginsWith(subject, n("1"))), expr.ErrInvalidOperand},
		{"first key error wins", key(expr.KeyEquals[Thread](forum, nil).SortCompare(expr.Ne, subject, nil)), expr.ErrInvalidOperand},
		// updates
		{"set twice", upd(expr.Set(a, one).And(expr.Set(a, one))), expr.ErrPathOverlap},
		{"set and remove inside", upd(expr.Set(a, one).And(expr.Remove[Thread](a.Key("b")))), expr.ErrPathOverlap},
		{"remove inside then set", upd(expr.Remove[Thread](a.Index(0).Key("b")).And(expr.Set(a.Index(0), one))), expr.ErrPathOverlap},
		{"add and delete", upd(expr.Add[Thread](a, ss("x")).And(expr.Delete[Thread](a, ss("y")))), expr.ErrPathOverlap},
		{"map key and list index", upd(expr.Set(a.Key("b"), one).And(expr.Remove[Thread](a.Index(0)))), expr.ErrPathOverlap},
		{"same list element", upd(expr.Remove[Thread](a.Index(2)).And(expr.Set(a.Index(2), one))), expr.ErrPathOverlap},
		{"overlap within an argument", upd(expr.Set(views, one).And(expr.Remove[Thread](a).And(expr.Remove[Thread](a)))), expr.ErrPathOverlap},
		{"error in an update argument", upd(expr.Set(views, one).And(expr.Add[Thread](a, s("x")), expr.Remove[Thread](views))), expr.ErrInvalidOperand},
		// projections
		{"overlapping projection", proj(expr.Project[Thread](a, views, a.Key("b"))), expr.ErrPathOverlap},
		{"conflicting projection", proj(expr.Project[Thread](a.Index(0), a.Index(1)).With(a.Key("b"))), expr.ErrPathOverlap},
	}
	var sb strings.Builder
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			var b expr.Builder[Thread]
			err := tc.render(&b)
			is.True(err != nil)              // an error is returned
			is.True(errors.Is(err, tc.want)) // of the expected category
			var e *expr.Error
			is.True(errors.As(err, &e)) // as an *Error
			is.Equal(e.Err, tc.want)
			is.True(e.Detail != "")
			is.True(strings.HasPrefix(err.Error(), "gonamo/expr: ")) // prefixed
			is.Equal(b.Names(), nil)                                 // a failed rendering adds no name
			is.Equal(b.Values(), nil)                                // nor value
			fmt.Fprintf(&sb, "== %s\n%s\n", tc.name, err)
		})
	}
	compareGolden(t, "errors.golden", sb.String())
}

func TestErrorMessage(t *testing.T) {
	is := is.New(t)
	is.Equal((&expr.Error{Err: expr.ErrInvalidPath, Detail: "x"}).Error(), "gonamo/expr: invalid path: x")
	is.Equal((&expr.Error{Detail: "x"}).Error(), "gonamo/expr: x") // no category
	is.Equal((&expr.Error{Detail: "x"}).Unwrap(), nil)
}

// TestFailedRenderingKeepsPlaceholders checks that an error leaves the
// placeholders of earlier renderings alone.
func TestFailedRenderingKeepsPlaceholders(t *testing.T) {
	is := is.New(t)
	var b expr.Builder[Thread]
	c, err := b.Condition(expr.Compare(expr.Eq, pathOf(expr.Name("forum")), value(s("go"))))
	is.NoErr(err)
	is.Equal(c, "#0 = :0")
	_, err = b.Update(expr.Set(expr.Name("views"), expr.Size[Thread](expr.Name("tags"))))
	is.True(errors.Is(err, expr.ErrInvalidOperand))
	is.Equal(b.Names(), map[string]string{"#0": "forum"})
	is.Equal(len(b.Values()), 1)
}
