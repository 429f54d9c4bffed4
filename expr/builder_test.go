package expr_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/expr"
	"github.com/matryer/is"
)

func TestBuilderEmpty(t *testing.T) {
	is := is.New(t)
	var b expr.Builder[Thread]
	is.Equal(b.Names(), nil)  // nil, not an empty map
	is.Equal(b.Values(), nil) // nil, not an empty map
	for _, render := range []func() (string, error){
		func() (string, error) { return b.Condition(expr.Condition[Thread]{}) },
		func() (string, error) { return b.Update(expr.Update[Thread]{}) },
		func() (string, error) { return b.Projection(expr.Projection[Thread]{}) },
	} {
		out, err := render()
		is.NoErr(err)
		is.Equal(out, "")
	}
	is.Equal(b.Names(), nil)
	is.Equal(b.Values(), nil)
}

func TestBuilderNumbersAcrossExpressions(t *testing.T) {
	is := is.New(t)
	var b expr.Builder[Thread]
	views, tags := expr.Name("views"), expr.Name("tags")
	c, err := b.Condition(expr.Compare(expr.Lt, pathOf(views), value(n("10"))))
	is.NoErr(err)
	u, err := b.Update(expr.Set(views, pathOf(views).Plus(value(n("1")))).And(expr.Add[Thread](tags, ss("go"))))
	is.NoErr(err)
	p, err := b.Projection(expr.Project[Thread](tags, views))
	is.NoErr(err)
	is.Equal(c, "#0 < :0")                    // unchanged by later renderings
	is.Equal(u, "SET #0 = #0 + :1 ADD #1 :2") // views keeps #0, values continue at :1
	is.Equal(p, "#1, #0")
	is.Equal(b.Names(), map[string]string{"#0": "views", "#1": "tags"})
	values := b.Values()
	is.Equal(len(values), 3)
	is.Equal(format(values[":0"]), "N 10")
	is.Equal(format(values[":1"]), "N 1")
	is.Equal(format(values[":2"]), `SS ["go"]`)
}

func TestBuilderMapsAreCopies(t *testing.T) {
	is := is.New(t)
	var b expr.Builder[Thread]
	_, err := b.Condition(expr.Compare(expr.Eq, pathOf(expr.Name("forum")), value(s("go"))))
	is.NoErr(err)
	names, values := b.Names(), b.Values()
	names["#9"] = "x"
	delete(values, ":0")
	is.Equal(b.Names(), map[string]string{"#0": "forum"}) // the Builder's names are untouched
	is.Equal(len(b.Values()), 1)                          // and so are its values
}

func TestPath(t *testing.T) {
	is := is.New(t)
	base := expr.Name("a").Key("b")
	c, d := base.Key("c"), base.Index(4)
	is.Equal(base.String(), "a.b")
	is.Equal(c.String(), "a.b.c")  // extending a shared prefix...
	is.Equal(d.String(), "a.b[4]") // ...twice does not mix the extensions
	is.NoErr(c.Err())
	is.Equal(expr.Name("x").Index(0).Index(1).Key("y").String(), "x[0][1].y")
	is.Equal(expr.Path{}.String(), "<invalid path>")
	is.Equal(expr.Name("").String(), "<invalid path>")
	is.True(expr.Path{}.Err() != nil)

	deepest := expr.Name("a")
	for range expr.MaxPathDepth - 1 {
		deepest = deepest.Index(expr.MaxListIndex)
	}
	is.NoErr(deepest.Err()) // 32 levels and the largest index are fine
}

func TestComparatorString(t *testing.T) {
	is := is.New(t)
	for _, tc := range []struct {
		c    expr.Comparator
		want string
	}{
		{expr.Eq, "="}, {expr.Ne, "<>"}, {expr.Lt, "<"}, {expr.Le, "<="}, {expr.Gt, ">"}, {expr.Ge, ">="},
		{0, "Comparator(0)"}, {99, "Comparator(99)"},
	} {
		is.Equal(tc.c.String(), tc.want)
	}
}

// TestValuesAreImmutable checks that extending an expression in two ways
// leaves the base and each extension independent.
func TestValuesAreImmutable(t *testing.T) {
	is := is.New(t)
	render := func(f func(b *expr.Builder[Thread]) (string, error)) string {
		var b expr.Builder[Thread]
		out, err := f(&b)
		is.NoErr(err)
		return out
	}
	exists := func(name string) expr.Condition[Thread] { return expr.AttributeExists[Thread](expr.Name(name)) }

	base := exists("a").And(exists("b"))
	x, y := base.And(exists("x")), base.And(exists("y"))
	neg, alt := base.Not(), base.Or(exists("z"))
	cond := func(c expr.Condition[Thread]) string {
		return render(func(b *expr.Builder[Thread]) (string, error) { return b.Condition(c) })
	}
	is.Equal(cond(base), "attribute_exists(#0) AND attribute_exists(#1)")
	is.Equal(cond(x), "attribute_exists(#0) AND attribute_exists(#1) AND attribute_exists(#2)")
	is.Equal(cond(y), "attribute_exists(#0) AND attribute_exists(#1) AND attribute_exists(#2)")
	var bx, by expr.Builder[Thread]
	_, _ = bx.Condition(x)
	_, _ = by.Condition(y)
	is.Equal(bx.Names()["#2"], "x")
	is.Equal(by.Names()["#2"], "y")
	is.Equal(cond(neg), "NOT (attribute_exists(#0) AND attribute_exists(#1))")
	is.Equal(cond(alt), "(attribute_exists(#0) AND attribute_exists(#1)) OR attribute_exists(#2)")

	set := func(name string) expr.Update[Thread] { return expr.Set(expr.Name(name), value(n("1"))) }
	ubase := set("a").And(set("b"))
	ux, uy := ubase.And(set("x")), ubase.And(expr.Remove[Thread](expr.Name("y")))
	upd := func(u expr.Update[Thread]) string {
		return render(func(b *expr.Builder[Thread]) (string, error) { return b.Update(u) })
	}
	is.Equal(upd(ubase), "SET #0 = :0, #1 = :1")
	is.Equal(upd(ux), "SET #0 = :0, #1 = :1, #2 = :2")
	is.Equal(upd(uy), "SET #0 = :0, #1 = :1 REMOVE #2")
	bad := ubase.And(set("a")) // an overlap in an extension...
	var b expr.Builder[Thread]
	_, err := b.Update(bad)
	is.True(err != nil)
	is.Equal(upd(ubase), "SET #0 = :0, #1 = :1") // ...leaves the base valid

	pbase := expr.Project[Thread](expr.Name("a"))
	px, py := pbase.With(expr.Name("x")), pbase.With(expr.Name("y"))
	proj := func(p expr.Projection[Thread]) string {
		return render(func(b *expr.Builder[Thread]) (string, error) { return b.Projection(p) })
	}
	is.Equal(proj(pbase), "#0")
	is.Equal(proj(px), "#0, #1")
	is.Equal(proj(py), "#0, #1")

	k := expr.KeyEquals[Thread](expr.Name("forum"), s("go"))
	kx := k.SortCompare(expr.Gt, expr.Name("subject"), s("a"))
	key := func(k expr.KeyCondition[Thread]) string {
		return render(func(b *expr.Builder[Thread]) (string, error) { return b.KeyCondition(k) })
	}
	is.Equal(key(kx), "#0 = :0 AND #1 > :1")
	is.Equal(key(k), "#0 = :0") // the sort key condition did not change k
	is.Equal(key(k.SortBeginsWith(expr.Name("subject"), s("b"))), "#0 = :0 AND begins_with(#1, :1)")
}

// TestBuilderManyPlaceholders goes past the numbers the Builder keeps ready
// and past its linear name search.
func TestBuilderManyPlaceholders(t *testing.T) {
	is := is.New(t)
	var b expr.Builder[Thread]
	var paths []expr.Path
	for i := range 80 {
		paths = append(paths, expr.Name(fmt.Sprintf("a%d", i)))
	}
	p, err := b.Projection(expr.Project[Thread](paths...))
	is.NoErr(err)
	is.True(strings.HasSuffix(p, ", #78, #79"))
	ops := make([]expr.Operand[Thread], expr.MaxInOperands)
	for i := range ops {
		ops[i] = value(n(strconv.Itoa(i)))
	}
	c, err := b.Condition(expr.In(pathOf(expr.Name("a79")), ops...).And(expr.AttributeExists[Thread](expr.Name("a3"))))
	is.NoErr(err)
	is.True(strings.HasPrefix(c, "#79 IN (:0, :1, "))                   // a79 keeps its placeholder
	is.True(strings.HasSuffix(c, ":98, :99) AND attribute_exists(#3)")) // and so does a3
	names, values := b.Names(), b.Values()
	is.Equal(len(names), 80)
	is.Equal(names["#79"], "a79")
	is.Equal(len(values), 100)
	is.Equal(format(values[":99"]), "N 99")
}

// TestValueTypes checks that every attribute value type is accepted, and
// its typed nil pointer rejected, wherever a value goes.
func TestValueTypes(t *testing.T) {
	valid := []types.AttributeValue{
		s("x"), n("1"), &types.AttributeValueMemberB{Value: []byte("b")},
		&types.AttributeValueMemberBOOL{Value: true}, &types.AttributeValueMemberNULL{Value: true},
		ss("x"), &types.AttributeValueMemberNS{Value: []string{"1"}},
		&types.AttributeValueMemberBS{Value: [][]byte{[]byte("b")}},
		list(s("x")), &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k": s("v")}},
	}
	typedNils := []types.AttributeValue{
		(*types.AttributeValueMemberS)(nil), (*types.AttributeValueMemberN)(nil), (*types.AttributeValueMemberB)(nil),
		(*types.AttributeValueMemberBOOL)(nil), (*types.AttributeValueMemberNULL)(nil), (*types.AttributeValueMemberSS)(nil),
		(*types.AttributeValueMemberNS)(nil), (*types.AttributeValueMemberBS)(nil), (*types.AttributeValueMemberL)(nil),
		(*types.AttributeValueMemberM)(nil),
	}
	a := expr.Name("a")
	for i, v := range valid {
		t.Run(format(v), func(t *testing.T) {
			is := is.New(t)
			var b expr.Builder[Thread]
			c, err := b.Condition(expr.Compare(expr.Eq, pathOf(a), value(v)))
			is.NoErr(err)
			is.Equal(c, "#0 = :0")
			is.Equal(b.Values()[":0"], v)
			_, err = b.Update(expr.Set(a, value(v)))
			is.NoErr(err)

			var bn expr.Builder[Thread]
			_, err = bn.Condition(expr.Compare(expr.Eq, pathOf(a), value(typedNils[i])))
			is.True(errors.Is(err, expr.ErrInvalidOperand)) // typed nil
			_, err = bn.Update(expr.Add[Thread](a, typedNils[i]))
			is.True(errors.Is(err, expr.ErrInvalidOperand))
			_, err = bn.KeyCondition(expr.KeyEquals[Thread](a, typedNils[i]))
			is.True(errors.Is(err, expr.ErrInvalidOperand))
		})
	}
}

// TestErrorsAreSticky checks that operations on a value holding a mistake
// keep the mistake rather than replacing or dropping it.
func TestErrorsAreSticky(t *testing.T) {
	is := is.New(t)
	var b expr.Builder[Thread]
	badKey := expr.KeyEquals[Thread](expr.Name(""), s("x"))
	for _, k := range []expr.KeyCondition[Thread]{
		badKey.SortBetween(expr.Name("b"), s("a"), s("z")),
		badKey.SortBeginsWith(expr.Name("b"), s("a")),
		badKey.SortCompare(expr.Ne, expr.Name("b"), s("a")),
	} {
		_, err := b.KeyCondition(k)
		is.True(errors.Is(err, expr.ErrInvalidPath))
	}
	badUpdate := expr.Remove[Thread](expr.Name(""))
	_, err := b.Update(badUpdate.And(expr.Remove[Thread](expr.Name("x"))))
	is.True(errors.Is(err, expr.ErrInvalidPath))
	badProjection := expr.Project[Thread](expr.Name("a"), expr.Name("a").Key("b"))
	_, err = b.Projection(badProjection.With(expr.Name("c")))
	is.True(errors.Is(err, expr.ErrPathOverlap))
	_, err = b.Projection(badProjection.With())
	is.True(errors.Is(err, expr.ErrPathOverlap))
	is.Equal(b.Names(), nil)
}

func TestAndWithoutActions(t *testing.T) {
	is := is.New(t)
	u := expr.Remove[Thread](expr.Name("a"))
	var b expr.Builder[Thread]
	out, err := b.Update(u.And(expr.Update[Thread]{}, expr.Update[Thread]{}))
	is.NoErr(err)
	is.Equal(out, "REMOVE #0")
	out, err = b.Update(u.And())
	is.NoErr(err)
	is.Equal(out, "REMOVE #0")
}
