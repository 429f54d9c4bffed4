package expr_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo/expr"
)

// shapePath returns a random path over a few names, with map keys and list
// indexes, so that shapes differ by the kind of a level as well as by
// names.
func shapePath(r *rand.Rand) expr.Path {
	names := []string{"a", "b", "c", "d", "e"}
	p := expr.Name(names[r.IntN(len(names))])
	for range r.IntN(3) {
		if r.IntN(2) == 0 {
			p = p.Key(names[r.IntN(len(names))])
		} else {
			p = p.Index(r.IntN(3))
		}
	}
	return p
}

// shapeValue returns a value that differs from call to call, so that a
// value given the wrong placeholder shows.
func shapeValue(r *rand.Rand) expr.Operand[Thread] {
	return value(n(fmt.Sprint(r.IntN(1_000_000))))
}

// shapeCondition builds a random condition of every kind the cache knows,
// and of some it does not.
func shapeCondition(r *rand.Rand, depth int) expr.Condition[Thread] {
	p := shapePath(r)
	if depth == 0 || r.IntN(3) == 0 {
		switch r.IntN(11) {
		case 0:
			return expr.Compare(expr.Comparator(1+r.IntN(6)), pathOf(p), shapeValue(r))
		case 1:
			return expr.BeginsWith(pathOf(p), value(s(fmt.Sprint(r.IntN(100)))))
		case 2:
			return expr.Contains(pathOf(p), shapeValue(r))
		case 3:
			return expr.AttributeExists[Thread](p)
		case 4:
			return expr.AttributeNotExists[Thread](p)
		case 5:
			return expr.Between(pathOf(p), shapeValue(r), shapeValue(r))
		case 6:
			return expr.Compare(expr.Gt, expr.Size[Thread](p), shapeValue(r))
		case 7:
			return expr.In(pathOf(p), shapeValue(r), shapeValue(r), shapeValue(r))
		case 8:
			return expr.AttributeType[Thread](p, expr.TypeNumber)
		case 9:
			return expr.Compare(expr.Eq, pathOf(p), pathOf(shapePath(r)))
		default:
			return expr.Contains(value(ss("x", "y")), pathOf(p))
		}
	}
	c := shapeCondition(r, depth-1)
	switch r.IntN(4) {
	case 0:
		return c.Not()
	case 1:
		return c.Or(shapeCondition(r, depth-1), shapeCondition(r, depth-1))
	}
	return c.And(shapeCondition(r, depth-1))
}

// shapeUpdate builds a random update of a few actions, some of which the
// cache does not know (SET to an expression).
func shapeUpdate(r *rand.Rand) expr.Update[Thread] {
	var u expr.Update[Thread]
	for i := range 1 + r.IntN(5) {
		p := expr.Name(fmt.Sprintf("u%d", i)) // distinct, so that no two overlap
		if r.IntN(2) == 0 {
			p = p.Key("k")
		}
		switch r.IntN(6) {
		case 0:
			u = u.And(expr.Remove[Thread](p))
		case 1:
			u = u.And(expr.Add[Thread](p, n(fmt.Sprint(r.IntN(1000)))))
		case 2:
			u = u.And(expr.Delete[Thread](p, ss(fmt.Sprint(r.IntN(1000)))))
		case 3:
			if r.IntN(4) == 0 {
				u = u.And(expr.Set(p, pathOf(p).Plus(shapeValue(r))))
				continue
			}
			fallthrough
		default:
			u = u.And(expr.Set(p, shapeValue(r)))
		}
	}
	return u
}

// renderRequest renders a request of a key condition (sometimes), a
// condition and an update with one Builder, with its placeholders.
func renderRequest(withKey bool, c expr.Condition[Thread], u expr.Update[Thread]) string {
	var b expr.Builder[Thread]
	var sb strings.Builder
	if withKey {
		out, err := b.KeyCondition(expr.KeyEquals[Thread](expr.Name("b"), n("7")))
		fmt.Fprintf(&sb, "key %q %v\n", out, err)
	}
	out, err := b.Condition(c)
	fmt.Fprintf(&sb, "condition %q %v\n", out, err)
	out, err = b.Update(u)
	fmt.Fprintf(&sb, "update %q %v\n", out, err)
	sb.WriteString(placeholders(&b))
	return sb.String()
}

// TestShapeCacheRendersAsWithout renders random requests without the cache
// of shapes, then several times with it (the first renderings fill it, the
// others take from it), and checks that they all give the same strings,
// names, values and errors.
func TestShapeCacheRendersAsWithout(t *testing.T) {
	is := is.New(t)
	for seed := range uint64(2000) {
		r := rand.New(rand.NewPCG(seed, 2))
		c, u, withKey := shapeCondition(r, 3), shapeUpdate(r), r.IntN(3) == 0
		restore := expr.SetShapeCache(false)
		want := renderRequest(withKey, c, u)
		restore()
		for range 4 {
			is.Equal(renderRequest(withKey, c, u), want)
		}
	}
}

// TestShapeCacheTellsShapesApart renders pairs of expressions that differ
// only in what the cache must tell apart, each several times, alternating.
func TestShapeCacheTellsShapesApart(t *testing.T) {
	is := is.New(t)
	a, b := expr.Name("a"), expr.Name("b")
	pairs := [][2]expr.Condition[Thread]{
		// a.b[0] and a[0].b: same names, same index, other levels.
		{expr.AttributeExists[Thread](a.Key("b").Index(0)), expr.AttributeExists[Thread](a.Index(0).Key("b"))},
		{expr.Compare(expr.Lt, pathOf(a), value(n("1"))), expr.Compare(expr.Le, pathOf(a), value(n("1")))},
		{expr.BeginsWith(pathOf(a), value(s("x"))), expr.Contains(pathOf(a), value(s("x")))},
		{expr.AttributeExists[Thread](a).And(expr.AttributeExists[Thread](b)), expr.AttributeExists[Thread](a).Or(expr.AttributeExists[Thread](b))},
		{expr.AttributeExists[Thread](a), expr.AttributeNotExists[Thread](a)},
		{expr.Compare(expr.Eq, pathOf(a.Index(1)), value(n("1"))), expr.Compare(expr.Eq, pathOf(a.Index(2)), value(n("1")))},
		{expr.Compare(expr.Eq, pathOf(a), value(n("1"))).Not(), expr.Compare(expr.Ne, pathOf(a), value(n("1")))},
	}
	for _, pair := range pairs {
		var want [2]string
		restore := expr.SetShapeCache(false)
		for i, c := range pair {
			want[i] = renderRequest(false, c, expr.Update[Thread]{})
		}
		restore()
		is.True(want[0] != want[1])
		for range 3 {
			for i, c := range pair {
				is.Equal(renderRequest(false, c, expr.Update[Thread]{}), want[i])
			}
			for i, c := range pair {
				is.Equal(renderRequest(false, c, expr.Update[Thread]{}), want[i])
				is.Equal(renderRequest(false, c, expr.Update[Thread]{}), want[i])
			}
		}
	}
	// The same update after other names: its placeholders follow them.
	u := expr.Set(a, value(n("1"))).And(expr.Remove[Thread](b))
	for range 3 {
		is.Equal(renderRequest(false, expr.Condition[Thread]{}, u), renderRequest(false, expr.Condition[Thread]{}, u))
		got := renderRequest(false, expr.AttributeExists[Thread](b), u)
		is.True(strings.Contains(got, `update "SET #1 = :0 REMOVE #0"`))
	}
}

// TestShapeCacheConcurrent renders a few shapes from several goroutines at
// once: run with -race, it checks that entries are published safely.
func TestShapeCacheConcurrent(t *testing.T) {
	var reqs [8]struct {
		c    expr.Condition[Thread]
		u    expr.Update[Thread]
		want string
	}
	restore := expr.SetShapeCache(false)
	for i := range reqs {
		r := rand.New(rand.NewPCG(uint64(i), 3))
		reqs[i].c, reqs[i].u = shapeCondition(r, 2), shapeUpdate(r)
		reqs[i].want = renderRequest(false, reqs[i].c, reqs[i].u)
	}
	restore()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 300 {
				q := &reqs[(g+k)%len(reqs)]
				if got := renderRequest(false, q.c, q.u); got != q.want {
					t.Errorf("got %s, want %s", got, q.want)
					return
				}
			}
		})
	}
	wg.Wait()
}
