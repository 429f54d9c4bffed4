package expr_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo/expr"
)

// listCondition returns a random condition for a list given to
// Builder.Condition: mostly one as shapeCondition makes them, sometimes
// the zero Condition or a mistake.
func listCondition(r *rand.Rand) expr.Condition[Thread] {
	switch r.IntN(8) {
	case 0:
		return expr.Condition[Thread]{}
	case 1:
		if r.IntN(3) == 0 {
			return expr.ConditionError[Thread](fmt.Errorf("encoding %d failed", r.IntN(100)))
		}
	}
	return shapeCondition(r, 2)
}

// listUpdate returns a random update for a list given to Builder.Update:
// actions on a few names, so that actions of two updates overlap at times,
// sometimes the zero Update or a mistake.
func listUpdate(r *rand.Rand) expr.Update[Thread] {
	var u expr.Update[Thread]
	for range r.IntN(3) {
		var a expr.Update[Thread]
		p := expr.Name(fmt.Sprintf("v%d", r.IntN(12)))
		if r.IntN(3) == 0 {
			p = p.Key(fmt.Sprintf("k%d", r.IntN(2)))
		}
		switch r.IntN(5) {
		case 0:
			a = expr.Remove[Thread](p)
		case 1:
			a = expr.Add[Thread](p, n(fmt.Sprint(r.IntN(1000))))
		case 2:
			a = expr.Set(p, pathOf(p).Plus(shapeValue(r)))
		default:
			a = expr.Set(p, shapeValue(r))
		}
		if v := u.And(a); v.Err() == nil {
			u = v
		}
	}
	if r.IntN(10) == 0 {
		return expr.UpdateError[Thread](fmt.Errorf("encoding %d failed", r.IntN(100)))
	}
	return u
}

// renderLists renders cs and us as lists, or combined with And first, with
// one Builder, with its placeholders.
func renderLists(lists bool, cs []expr.Condition[Thread], us []expr.Update[Thread]) string {
	var b expr.Builder[Thread]
	var sb strings.Builder
	var out string
	var err error
	if lists {
		out, err = b.Condition(cs...)
	} else if len(cs) > 0 {
		out, err = b.Condition(cs[0].And(cs[1:]...))
	} else {
		out, err = b.Condition()
	}
	fmt.Fprintf(&sb, "condition %q %v\n", out, err)
	if lists {
		out, err = b.Update(us...)
	} else if len(us) > 0 {
		out, err = b.Update(us[0].And(us[1:]...))
	} else {
		out, err = b.Update()
	}
	fmt.Fprintf(&sb, "update %q %v\n", out, err)
	sb.WriteString(placeholders(&b))
	return sb.String()
}

// TestBuilderListsRenderAsAnd renders random lists of conditions and of
// updates, of up to 12 parts (more than a Builder gathers on the stack),
// as lists and combined with And first, with and without the cache of
// shapes: strings, names, values and errors (the first mistake, the first
// overlap) must be the same.
func TestBuilderListsRenderAsAnd(t *testing.T) {
	is := is.New(t)
	overlaps, fails := 0, 0
	for seed := range uint64(2000) {
		r := rand.New(rand.NewPCG(seed, 3))
		cs := make([]expr.Condition[Thread], r.IntN(13))
		for i := range cs {
			cs[i] = listCondition(r)
		}
		us := make([]expr.Update[Thread], r.IntN(13))
		for i := range us {
			us[i] = listUpdate(r)
		}
		restore := expr.SetShapeCache(false)
		want := renderLists(false, cs, us)
		got := renderLists(true, cs, us)
		restore()
		is.Equal(got, want)
		for range 3 {
			is.Equal(renderLists(true, cs, us), want)
			is.Equal(renderLists(false, cs, us), want)
		}
		if strings.Contains(want, "overlap") || strings.Contains(want, "conflict") {
			overlaps++
		}
		if strings.Contains(want, "failed") {
			fails++
		}
	}
	// The random lists reach the errors they must report alike.
	is.True(overlaps > 100)
	is.True(fails > 100)
}

// TestBuilderListsAllocate checks that rendering a request's conditions
// and actions as lists allocates nothing more than its text and
// placeholders: no combined expression is made.
func TestBuilderListsAllocate(t *testing.T) {
	is := is.New(t)
	version, email, name, views := expr.Name("version"), expr.Name("email"), expr.Name("name"), expr.Name("views")
	v3, prefix, ada, one := value(n("3")), value(s("ada@")), value(s("Ada")), n("1")
	render := func() {
		var b expr.Builder[Thread]
		_, err := b.Condition(expr.Compare(expr.Eq, pathOf(version), v3), expr.BeginsWith(pathOf(email), prefix))
		is.NoErr(err)
		_, err = b.Update(expr.Set(name, ada), expr.Add[Thread](views, one), expr.Add[Thread](version, one))
		is.NoErr(err)
	}
	render() // fill the cache
	render()
	is.Equal(testing.AllocsPerRun(100, render), 0.0)
}

// TestBuilderFlatListsRenderAsAnd is TestBuilderListsRenderAsAnd for the
// lists a Builder matches with the cache in place: leaves only, and
// actions of a path and a value (or REMOVE) only, on paths made once, as
// descriptors' are.
func TestBuilderFlatListsRenderAsAnd(t *testing.T) {
	is := is.New(t)
	var paths []expr.Path
	for i := range 6 {
		paths = append(paths, expr.Name(fmt.Sprintf("f%d", i)), expr.Name("m").Key(fmt.Sprintf("k%d", i)))
	}
	valid := 0
	for seed := range uint64(1000) {
		r := rand.New(rand.NewPCG(seed, 4))
		cs := make([]expr.Condition[Thread], 2+r.IntN(15))
		for i := range cs {
			p := pathOf(paths[r.IntN(len(paths))])
			switch r.IntN(3) {
			case 0:
				cs[i] = expr.Compare(expr.Comparator(1+r.IntN(6)), p, shapeValue(r))
			case 1:
				cs[i] = expr.BeginsWith(p, value(s(fmt.Sprint(r.IntN(100)))))
			default:
				cs[i] = expr.Contains(p, shapeValue(r))
			}
		}
		us := make([]expr.Update[Thread], 2+r.IntN(5))
		for i := range us {
			p := paths[r.IntN(len(paths))]
			switch r.IntN(3) {
			case 0:
				us[i] = expr.Remove[Thread](p)
			case 1:
				us[i] = expr.Add[Thread](p, n(fmt.Sprint(r.IntN(1000))))
			default:
				us[i] = expr.Set(p, shapeValue(r))
			}
		}
		restore := expr.SetShapeCache(false)
		want := renderLists(false, cs, us)
		restore()
		for range 3 {
			is.Equal(renderLists(true, cs, us), want)
		}
		if !strings.Contains(want, "overlap") && !strings.Contains(want, "conflict") {
			valid++
		}
	}
	is.True(valid > 200) // lists rendered, not refused for overlapping
}
