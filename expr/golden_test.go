package expr_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/expr"
	"github.com/matryer/is"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files")

// renderCase renders some expressions of one request into a Builder and
// returns them as labelled lines ("condition: #0 = :0").
type renderCase struct {
	name   string
	render func(b *expr.Builder[Thread]) ([]string, error)
}

func condCase(name string, c expr.Condition[Thread]) renderCase {
	return renderCase{name, func(b *expr.Builder[Thread]) ([]string, error) {
		out, err := b.Condition(c)
		return []string{"condition: " + out}, err
	}}
}

func keyCase(name string, k expr.KeyCondition[Thread]) renderCase {
	return renderCase{name, func(b *expr.Builder[Thread]) ([]string, error) {
		out, err := b.KeyCondition(k)
		return []string{"key condition: " + out}, err
	}}
}

func updateCase(name string, u expr.Update[Thread]) renderCase {
	return renderCase{name, func(b *expr.Builder[Thread]) ([]string, error) {
		out, err := b.Update(u)
		return []string{"update: " + out}, err
	}}
}

func projectionCase(name string, p expr.Projection[Thread]) renderCase {
	return renderCase{name, func(b *expr.Builder[Thread]) ([]string, error) {
		out, err := b.Projection(p)
		return []string{"projection: " + out}, err
	}}
}

// checkGolden renders every case, twice to check determinism, and compares
// the text with testdata/file, or rewrites it with -update.
func checkGolden(t *testing.T, file string, cases []renderCase) {
	t.Helper()
	var sb strings.Builder
	for _, c := range cases {
		var first, second expr.Builder[Thread]
		lines, err := c.render(&first)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		again, _ := c.render(&second)
		if strings.Join(lines, "\n") != strings.Join(again, "\n") || placeholders(&first) != placeholders(&second) {
			t.Errorf("%s: two renderings differ", c.name)
		}
		fmt.Fprintf(&sb, "== %s\n", c.name)
		for _, l := range lines {
			sb.WriteString(strings.TrimRight(l, " "))
			sb.WriteByte('\n')
		}
		sb.WriteString(placeholders(&first))
	}
	compareGolden(t, file, sb.String())
}

func compareGolden(t *testing.T, file, got string) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run go test -update to accept)", path, i+1, gl, wl)
		}
	}
}

func TestConditionGolden(t *testing.T) {
	forum, views, tags := expr.Name("forum"), expr.Name("views"), expr.Name("tags")
	deep := expr.Name("meta").Key("authors").Index(0).Key("name")
	eq := func(p expr.Path, v types.AttributeValue) expr.Condition[Thread] {
		return expr.Compare(expr.Eq, pathOf(p), value(v))
	}
	exists := expr.AttributeExists[Thread]
	a, b, c := exists(expr.Name("a")), exists(expr.Name("b")), exists(expr.Name("c"))
	var none expr.Condition[Thread]
	checkGolden(t, "conditions.golden", []renderCase{
		condCase("zero condition", none),
		condCase("eq", eq(forum, s("go"))),
		condCase("ne", expr.Compare(expr.Ne, pathOf(forum), value(s("go")))),
		condCase("lt", expr.Compare(expr.Lt, pathOf(views), value(n("10")))),
		condCase("le", expr.Compare(expr.Le, pathOf(views), value(n("10")))),
		condCase("gt", expr.Compare(expr.Gt, pathOf(views), value(n("10")))),
		condCase("ge", expr.Compare(expr.Ge, pathOf(views), value(n("10")))),
		condCase("path with path", expr.Compare(expr.Gt, pathOf(views), pathOf(expr.Name("limit")))),
		condCase("value first", expr.Compare(expr.Lt, value(n("3")), pathOf(views))),
		condCase("size", expr.Compare(expr.Ge, expr.Size[Thread](tags), value(n("2")))),
		condCase("between", expr.Between(pathOf(views), value(n("1")), value(n("9")))),
		condCase("between sizes", expr.Between(expr.Size[Thread](tags), value(n("1")), expr.Size[Thread](expr.Name("limits")))),
		condCase("in one", expr.In(pathOf(forum), value(s("go")))),
		condCase("in three", expr.In(pathOf(forum), value(s("go")), value(s("rust")), pathOf(expr.Name("default")))),
		condCase("equal values get their own placeholders", expr.In(pathOf(forum), value(s("go")), value(s("go")))),
		condCase("attribute_exists nested", exists(deep)),
		condCase("attribute_not_exists", expr.AttributeNotExists[Thread](forum)),
		condCase("attribute_type", expr.AttributeType[Thread](tags, expr.TypeStringSet)),
		condCase("attribute_type null", expr.AttributeType[Thread](deep, expr.TypeNull)),
		condCase("begins_with", expr.BeginsWith(pathOf(expr.Name("subject")), value(s("gen")))),
		condCase("begins_with path", expr.BeginsWith(pathOf(expr.Name("subject")), pathOf(expr.Name("prefix")))),
		condCase("contains", expr.Contains(pathOf(tags), value(s("go")))),
		condCase("contains in a value", expr.Contains(value(ss("go", "rust")), pathOf(forum))),
		condCase("reserved words", eq(expr.Name("size"), s("x")).And(eq(expr.Name("status"), s("y")), exists(expr.Name("data")))),
		condCase("names with dots and brackets", eq(expr.Name("a.b").Key("[0]"), s("x"))),
		condCase("a name is reused", eq(expr.Name("a").Key("a").Index(1).Key("a"), s("x")).And(exists(expr.Name("a")))),
		condCase("and", a.And(b)),
		condCase("and flattens", a.And(b).And(c)),
		condCase("and flattens arguments", a.And(b.And(c))),
		condCase("or", a.Or(b, c)),
		condCase("or inside and", a.And(b.Or(c))),
		condCase("and inside or", a.Or(b.And(c))),
		condCase("and of ors", a.Or(b).And(c.Or(a))),
		condCase("and skips zero", none.And(a, none, b)),
		condCase("and of one", none.And(a)),
		condCase("or of zeros", none.Or(none)),
		condCase("not call", a.Not()),
		condCase("not comparison", eq(forum, s("go")).Not()),
		condCase("not between", expr.Between(pathOf(views), value(n("1")), value(n("9"))).Not()),
		condCase("not and", a.And(b).Not()),
		condCase("not not", a.Not().Not()),
		condCase("not inside and", a.Not().And(b.Or(c).Not())),
		condCase("between inside and", expr.Between(pathOf(views), value(n("1")), value(n("9"))).And(eq(forum, s("go")))),
	})
}

func TestKeyConditionGolden(t *testing.T) {
	forum, subject := expr.Name("forum"), expr.Name("subject")
	k := expr.KeyEquals[Thread](forum, s("go"))
	checkGolden(t, "keyconditions.golden", []renderCase{
		keyCase("partition key only", k),
		keyCase("number partition key", expr.KeyEquals[Thread](expr.Name("id"), n("42"))),
		keyCase("binary partition key", expr.KeyEquals[Thread](expr.Name("id"), &types.AttributeValueMemberB{Value: []byte("k")})),
		keyCase("eq", k.SortCompare(expr.Eq, subject, s("generics"))),
		keyCase("lt", k.SortCompare(expr.Lt, subject, s("m"))),
		keyCase("le", k.SortCompare(expr.Le, subject, s("m"))),
		keyCase("gt", k.SortCompare(expr.Gt, subject, s("m"))),
		keyCase("ge", k.SortCompare(expr.Ge, subject, s("m"))),
		keyCase("between", k.SortBetween(subject, s("a"), s("m"))),
		keyCase("begins_with", k.SortBeginsWith(subject, s("gen"))),
		keyCase("begins_with binary", k.SortBeginsWith(subject, &types.AttributeValueMemberB{Value: []byte{1, 2}})),
		keyCase("reserved words", expr.KeyEquals[Thread](expr.Name("name"), s("x")).SortCompare(expr.Gt, expr.Name("date"), n("2026"))),
	})
}

func TestUpdateGolden(t *testing.T) {
	views, tags, meta := expr.Name("views"), expr.Name("tags"), expr.Name("meta")
	var none expr.Update[Thread]
	checkGolden(t, "updates.golden", []renderCase{
		updateCase("zero update", none),
		updateCase("set value", expr.Set(views, value(n("1")))),
		updateCase("set path", expr.Set(expr.Name("copy"), pathOf(views))),
		updateCase("set nested", expr.Set(meta.Key("authors").Index(3).Key("name"), value(s("ann")))),
		updateCase("plus", expr.Set(views, pathOf(views).Plus(value(n("1"))))),
		updateCase("minus", expr.Set(views, value(n("100")).Minus(pathOf(views)))),
		updateCase("if_not_exists", expr.Set(views, expr.IfNotExists(views, value(n("0"))))),
		updateCase("if_not_exists plus", expr.Set(views, expr.IfNotExists(views, value(n("0"))).Plus(value(n("1"))))),
		updateCase("if_not_exists nested", expr.Set(views, expr.IfNotExists(views, expr.IfNotExists(expr.Name("old"), pathOf(expr.Name("base")))))),
		updateCase("list_append", expr.Set(expr.Name("log"), expr.ListAppend(pathOf(expr.Name("log")), value(list(s("x")))))),
		updateCase("list_append prepend", expr.Set(expr.Name("log"), expr.ListAppend(value(list(s("x"))), pathOf(expr.Name("log"))))),
		updateCase("list_append if_not_exists", expr.Set(expr.Name("log"),
			expr.ListAppend(expr.IfNotExists(expr.Name("log"), value(list())), value(list(s("x")))))),
		updateCase("remove", expr.Remove[Thread](tags)),
		updateCase("remove list element", expr.Remove[Thread](meta.Key("authors").Index(0))),
		updateCase("add number", expr.Add[Thread](views, n("1"))),
		updateCase("add set", expr.Add[Thread](tags, ss("go"))),
		updateCase("delete set", expr.Delete[Thread](tags, ss("old"))),
		updateCase("clauses in order", expr.Delete[Thread](tags, ss("old")).And(
			expr.Add[Thread](views, n("1")),
			expr.Remove[Thread](expr.Name("draft")),
			expr.Set(expr.Name("subject"), value(s("x"))),
			expr.Remove[Thread](expr.Name("flag")),
			expr.Set(expr.Name("updated"), value(n("1700000000"))),
		)),
		updateCase("sibling paths", expr.Set(meta.Key("a"), value(n("1"))).And(
			expr.Set(meta.Key("b"), value(n("2"))),
			expr.Remove[Thread](meta.Key("c").Index(0)),
			expr.Remove[Thread](meta.Key("c").Index(1)),
		)),
		updateCase("and skips zero", none.And(expr.Set(views, value(n("1"))), none)),
		updateCase("reserved words", expr.Set(expr.Name("size"), value(n("1"))).And(expr.Remove[Thread](expr.Name("status")))),
	})
}

func TestProjectionGolden(t *testing.T) {
	var none expr.Projection[Thread]
	checkGolden(t, "projections.golden", []renderCase{
		projectionCase("zero projection", none),
		projectionCase("no path", expr.Project[Thread]()),
		projectionCase("names", expr.Project[Thread](expr.Name("forum"), expr.Name("subject"), expr.Name("views"))),
		projectionCase("nested", expr.Project[Thread](expr.Name("meta").Key("authors").Index(0), expr.Name("meta").Key("title"))),
		projectionCase("duplicates kept once", expr.Project[Thread](expr.Name("forum"), expr.Name("views")).
			With(expr.Name("forum"), expr.Name("subject"), expr.Name("forum"))),
		projectionCase("reserved words", expr.Project[Thread](expr.Name("name"), expr.Name("size"))),
	})
}

func TestCombinedGolden(t *testing.T) {
	forum, subject, views := expr.Name("forum"), expr.Name("subject"), expr.Name("views")
	checkGolden(t, "combined.golden", []renderCase{
		{"query", func(b *expr.Builder[Thread]) ([]string, error) {
			k, err1 := b.KeyCondition(expr.KeyEquals[Thread](forum, s("go")).SortBeginsWith(subject, s("gen")))
			f, err2 := b.Condition(expr.Compare(expr.Gt, pathOf(views), value(n("10"))))
			p, err3 := b.Projection(expr.Project[Thread](forum, subject, views))
			return []string{"key condition: " + k, "filter: " + f, "projection: " + p}, firstErr(err1, err2, err3)
		}},
		{"conditional update", func(b *expr.Builder[Thread]) ([]string, error) {
			c, err1 := b.Condition(expr.AttributeExists[Thread](forum).And(expr.Compare(expr.Lt, pathOf(views), value(n("100")))))
			u, err2 := b.Update(expr.Add[Thread](views, n("1")).And(expr.Set(expr.Name("tags"),
				expr.ListAppend(expr.IfNotExists(expr.Name("tags"), value(list())), value(list(s("hot")))))))
			return []string{"condition: " + c, "update: " + u}, firstErr(err1, err2)
		}},
		{"conditional put", func(b *expr.Builder[Thread]) ([]string, error) {
			c, err := b.Condition(expr.AttributeNotExists[Thread](forum).Or(expr.Compare(expr.Eq, pathOf(expr.Name("v")), value(n("3")))))
			return []string{"condition: " + c}, err
		}},
		{"scan with zero filter", func(b *expr.Builder[Thread]) ([]string, error) {
			f, err1 := b.Condition(expr.Condition[Thread]{})
			p, err2 := b.Projection(expr.Project[Thread](subject))
			return []string{"filter: " + f, "projection: " + p}, firstErr(err1, err2)
		}},
	})
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestGoldenFilesAreTidy guards against golden files edited by hand into a
// state -update would not produce.
func TestGoldenFilesAreTidy(t *testing.T) {
	is := is.New(t)
	files, err := filepath.Glob(filepath.Join("testdata", "*.golden"))
	is.NoErr(err)
	is.Equal(len(files), 6) // conditions, keyconditions, updates, projections, combined, errors
	for _, f := range files {
		data, err := os.ReadFile(f)
		is.NoErr(err)
		is.True(strings.HasSuffix(string(data), "\n"))  // ends with a newline
		is.True(!strings.Contains(string(data), " \n")) // no trailing spaces
	}
}
