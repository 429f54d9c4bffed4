package attr_test

import (
	"bufio"
	"bytes"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// compilePrelude declares two models and their descriptors; each case of
// TestMisuseDoesNotCompile adds a body using them.
const compilePrelude = `package snippet

import (
	"time"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

type Thread struct {
	Forum   string
	Views   int
	Tags    []string
	Ratings []int
	Meta    map[string]string
	Addr    Address
	Lines   []Line
	Updated time.Time
	Pinned  bool
}

type Address struct{ City string }

type Line struct{ SKU string }

type User struct{ Email string }

var (
	city    = attr.String("city", func(a *Address) *string { return &a.City })
	sku     = attr.String("sku", func(l *Line) *string { return &l.SKU })
	forum   = attr.String("forum", func(t *Thread) *string { return &t.Forum })
	views   = attr.Int("views", func(t *Thread) *int { return &t.Views })
	tags    = attr.StringSet("tags", func(t *Thread) *[]string { return &t.Tags }, attr.OmitEmpty)
	ratings = attr.List("ratings", func(t *Thread) *[]int { return &t.Ratings }, attr.NumberCodec[int]())
	meta    = attr.Map("meta", func(t *Thread) *map[string]string { return &t.Meta }, attr.StringCodec[string]())
	addr    = attr.Struct("addr", func(t *Thread) *Address { return &t.Addr }, city)
	lines   = attr.List("lines", func(t *Thread) *[]Line { return &t.Lines }, attr.StructCodec(sku))
	updated = attr.Epoch("updated", func(t *Thread) *time.Time { return &t.Updated })
	pinned  = attr.Bool("pinned", func(t *Thread) *bool { return &t.Pinned })
	email   = attr.String("email", func(u *User) *string { return &u.Email })
)

var (
	_ = []any{city, sku, forum, views, tags, ratings, meta, addr, lines, updated, pinned, email}
	_ expr.Builder[User]
)

func use() {
`

// TestMisuseDoesNotCompile type-checks snippets against the compiled
// package: misusing a descriptor (an operation of another type, a value of
// the wrong type, the expression of one model on another) must not compile,
// while the same snippet used rightly must.
func TestMisuseDoesNotCompile(t *testing.T) {
	check := snippetChecker(t)
	for _, tc := range []struct {
		name string
		body string
		want string // in the type error; "" for a snippet that compiles
	}{
		{"control", `
	var b expr.Builder[Thread]
	c, _ := forum.BeginsWith("g").And(views.Gt(1), tags.Contains("x"), ratings.Contains(1)).Expr()
	_, _ = b.Condition(c)
	u, _ := views.Add(1).And(tags.Add("a"), ratings.Append(2), meta.Key("k").Set("v"),
		attr.NestedString(addr, city).Set("x"), attr.NestedString(lines.Index(0), sku).Set("y")).Expr()
	_, _ = b.Update(u)
	_, _ = attr.NewSchema[Thread](forum, views, tags, ratings, meta, addr, lines, updated, pinned)
	_, _ = attr.KeyCondition(forum.Eq("go"), forum.BeginsWith("x"))`, ""},
		{"BeginsWith on a number", `_ = views.BeginsWith("x")`, "views.BeginsWith undefined"},
		{"Contains on a number", `_ = views.Contains(1)`, "views.Contains undefined"},
		{"BeginsWith on a set", `_ = tags.BeginsWith("x")`, "tags.BeginsWith undefined"},
		{"BeginsWith on an epoch time", `_ = updated.BeginsWith("2024")`, "updated.BeginsWith undefined"},
		{"Add on a string", `_ = forum.Add("x")`, "forum.Add undefined"},
		{"Add on a bool", `_ = pinned.Add(true)`, "pinned.Add undefined"},
		{"Add on a list", `_ = ratings.Add(1)`, "ratings.Add undefined"},
		{"Append on a set", `_ = tags.Append("x")`, "tags.Append undefined"},
		{"Index on a map", `_ = meta.Index(0)`, "meta.Index undefined"},
		{"Key on a list", `_ = ratings.Key("x")`, "ratings.Key undefined"},
		{"Delete on a number", `_ = views.Delete(1)`, "views.Delete undefined"},
		{"wrong value type", `_ = views.Eq("ten")`, `cannot use "ten"`},
		{"wrong set element type", `_ = tags.Add(1)`, "cannot use 1"},
		{"wrong list element type", `_ = ratings.Append("x")`, `cannot use "x"`},
		{"wrong map value type", `_ = meta.Key("k").Eq(1)`, "cannot use 1"},
		{"Thread condition on a User builder", `
	var b expr.Builder[User]
	c, _ := forum.Eq("go").Expr()
	_, _ = b.Condition(c)`, "cannot use c"},
		{"Thread update on a User builder", `
	var b expr.Builder[User]
	u, _ := views.Add(1).Expr()
	_, _ = b.Update(u)`, "cannot use u"},
		{"mixing models in And", `_ = forum.Eq("go").And(email.Eq("a@b.c"))`, "cannot use email.Eq"},
		{"mixing models in an update", `_ = views.Add(1).And(email.Set("x"))`, "cannot use email.Set"},
		{"mixing models in a key condition", `_, _ = attr.KeyCondition(forum.Eq("go"), email.Eq("x"))`, "email.Eq"},
		{"a Thread field in a User schema", `_, _ = attr.NewSchema[User](forum)`, "cannot use forum"},
		{"a nested field of another struct", `_ = attr.NestedString(addr, sku)`, "sku"},
		{"a typed nesting of a plain descriptor", `_ = attr.NestedString(addr, attr.Nested(addr, city))`, "attr.Nested(addr, city)"},
		{"options of another type", `_ = attr.Int("n", func(t *Thread) *int { return &t.Views }, attr.Default("x"))`, "attr.Default"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := check(compilePrelude + tc.body + "\n}\n")
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("the control snippet does not compile: %v", err)
			case tc.want == "":
			case err == nil:
				t.Fatalf("compiles, but should fail with %q", tc.want)
			case !strings.Contains(err.Error(), tc.want):
				t.Fatalf("fails with %v, want %q", err, tc.want)
			}
		})
	}
}

// snippetChecker returns a function type-checking one Go file against the
// export data of this module's packages, as built by the go command (from
// its cache, so this takes a fraction of a second).
func snippetChecker(t *testing.T) func(src string) error {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list export data:", err)
	}
	out, err := exec.Command(goTool, "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}",
		"github.com/gonamo/gonamo/attr", "time").Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("go list: %v\n%s", err, stderr)
	}
	exports := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		path, file, ok := strings.Cut(sc.Text(), "\t")
		if ok && file != "" {
			exports[path] = file
		}
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, os.ErrNotExist
		}
		return os.Open(file)
	})
	return func(src string) error {
		f, err := parser.ParseFile(fset, "snippet.go", src, 0)
		if err != nil {
			t.Fatalf("snippet does not parse: %v", err)
		}
		var first error
		conf := types.Config{Importer: imp, Error: func(err error) {
			if first == nil {
				first = err
			}
		}}
		_, _ = conf.Check("snippet", fset, []*ast.File{f}, nil)
		return first
	}
}
