package expr_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gonamo/gonamo/expr"
	"github.com/matryer/is"
)

// randomCondition builds a random condition from leaves (a path and a
// value), conditions that take a node, absent conditions, And, Or and Not.
func randomCondition(r *rand.Rand, depth int) expr.Condition[Thread] {
	names := []string{"a", "b", "c", "d"}
	p := expr.Name(names[r.IntN(len(names))])
	v := value(n(fmt.Sprint(r.IntN(100))))
	if depth == 0 || r.IntN(3) == 0 {
		switch r.IntN(7) {
		case 0:
			return expr.Compare(expr.Comparator(1+r.IntN(6)), pathOf(p), v)
		case 1:
			return expr.BeginsWith(pathOf(p), value(s("x")))
		case 2:
			return expr.Contains(pathOf(p), value(s("y")))
		case 3:
			return expr.AttributeExists[Thread](p)
		case 4:
			return expr.Between(pathOf(p), v, value(n("200")))
		case 5:
			return expr.Compare(expr.Gt, expr.Size[Thread](p), v)
		default:
			return expr.Condition[Thread]{}
		}
	}
	c := randomCondition(r, depth-1)
	switch r.IntN(5) {
	case 0:
		return c.Not()
	case 1, 2:
		others := make([]expr.Condition[Thread], r.IntN(3))
		for i := range others {
			others[i] = randomCondition(r, depth-1)
		}
		if r.IntN(2) == 0 {
			return c.Or(others...)
		}
		return c.And(others...)
	}
	return c.And(randomCondition(r, depth-1))
}

// randomUpdate builds a random update of 0 to about 12 actions, combined by
// And in random groups, on paths of a small pool so that some overlap.
func randomUpdate(r *rand.Rand, depth int) expr.Update[Thread] {
	if depth == 0 || r.IntN(4) == 0 {
		p := expr.Name(fmt.Sprintf("a%d", r.IntN(40)))
		if r.IntN(8) == 0 {
			p = p.Key("k")
		}
		switch r.IntN(6) {
		case 0:
			return expr.Set(p, value(n("1")))
		case 1:
			return expr.Set(p, pathOf(p).Plus(value(n("2"))))
		case 2:
			return expr.Remove[Thread](p)
		case 3:
			return expr.Add[Thread](p, n("3"))
		case 4:
			return expr.Delete[Thread](p, ss("t"))
		default:
			return expr.Update[Thread]{}
		}
	}
	u := randomUpdate(r, depth-1)
	others := make([]expr.Update[Thread], r.IntN(4))
	for i := range others {
		others[i] = randomUpdate(r, depth-1)
	}
	return u.And(others...)
}

// TestRandomExpressionsStayImmutable builds random conditions and updates
// and checks that they render the same strings, placeholders and errors
// when built again, when rendered again, and after being combined with
// others: combining shares their leaves, nodes and actions, and must never
// write into them.
func TestRandomExpressionsStayImmutable(t *testing.T) {
	is := is.New(t)
	build := func(seed uint64) (expr.Condition[Thread], expr.Update[Thread]) {
		r := rand.New(rand.NewPCG(seed, 1))
		return randomCondition(r, 4), randomUpdate(r, 3)
	}
	connectives := 0
	for seed := range uint64(3000) {
		c, u := build(seed)
		first := renderRequest(false, c, u)
		again, againU := build(seed)
		is.Equal(renderRequest(false, again, againU), first) // building is deterministic
		oc, ou := build(seed + 10_000)
		_ = c.And(oc).Or(oc.Not())
		_ = oc.Or(c, c)
		_ = u.And(ou)
		_ = ou.And(u, u)
		is.Equal(renderRequest(false, c, u), first) // combining left c and u as they were
		if strings.Count(first, " AND ")+strings.Count(first, " OR ") > 0 {
			connectives++
		}
	}
	t.Logf("%d with connectives", connectives)
	is.True(connectives > 100)
}

// TestRenderedStringsStayIntact renders many expressions with one Builder,
// and with a copy of it, and checks that every string handed out still
// reads as it did: the strings share chunks of memory, written once.
func TestRenderedStringsStayIntact(t *testing.T) {
	is := is.New(t)
	var b expr.Builder[Thread]
	var got, want []string
	keep := func(out string, err error) {
		is.NoErr(err)
		got = append(got, out)
		want = append(want, strings.Clone(out))
	}
	long := expr.Name("a")
	for i := range 20 {
		long = long.Key(fmt.Sprintf("k%d", i%10)) // renders past half a chunk
	}
	for i := range 30 {
		p := expr.Name(fmt.Sprintf("n%d", i))
		keep(b.Condition(expr.Compare(expr.Eq, pathOf(p), value(n("1")))))
		keep(b.Update(expr.Set(p, value(n("2"))).And(expr.Remove[Thread](expr.Name("r")))))
		if i%7 == 0 {
			keep(b.Projection(expr.Project[Thread](long)))
		}
		if i == 10 {
			c := b // a copy: documented as a mistake, but it must not corrupt b's strings
			keep(c.Condition(expr.AttributeExists[Thread](expr.Name("copied"))))
		}
	}
	is.Equal(got, want)
	for _, s := range got {
		is.True(s != "")
	}
}
