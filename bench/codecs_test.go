package bench

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"
)

// TestCodecs checks that every codec writes the attribute map the hand
// codec writes, and reads it back to the item it came from: the benchmarks
// measure the same work on every path.
func TestCodecs(t *testing.T) {
	small, err := SmallCodecs()
	if err != nil {
		t.Fatal(err)
	}
	medium, err := MediumCodecs()
	if err != nil {
		t.Fatal(err)
	}
	large, err := LargeCodecs()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Small", func(t *testing.T) { checkCodecs(t, NewSmall, small) })
	t.Run("Medium", func(t *testing.T) { checkCodecs(t, NewMedium, medium) })
	t.Run("Large", func(t *testing.T) { checkCodecs(t, NewLarge, large) })
}

func checkCodecs[T any](t *testing.T, newItem func() *T, cs []Codec[T]) {
	is := is.New(t)
	is.True(len(cs) == 4)
	is.Equal(cs[0].Name, "hand") // the floor comes first
	want, err := cs[0].Encode(newItem())
	is.NoErr(err)
	for _, c := range cs {
		t.Run(c.Name, func(t *testing.T) {
			is := is.New(t)
			item := newItem()
			got, err := c.Encode(item)
			is.NoErr(err)
			is.Equal(diffMaps(got, want), "") // same attribute values as the hand codec
			is.Equal(item, newItem())         // encoding leaves the item alone

			var back T
			is.NoErr(c.Decode(want, &back))
			is.Equal(&back, newItem()) // decoding gives the item back
		})
	}
}

// TestCodecsSparse checks that every codec round-trips an item whose
// nil-able fields are nil and whose other fields are zero. The codecs may
// store it differently (the SDK writes NULL where the others write nothing,
// guregu an empty list for a nil slice); each must read back what it wrote.
func TestCodecsSparse(t *testing.T) {
	medium, err := MediumCodecs()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range medium {
		t.Run(c.Name, func(t *testing.T) {
			is := is.New(t)
			item := &Medium{ID: "user-2", Sort: "profile"}
			m, err := c.Encode(item)
			is.NoErr(err)
			is.Equal(m["id"], types.AttributeValue(&types.AttributeValueMemberS{Value: "user-2"}))
			_, hasNick := m["nick"]
			is.True(!hasNick) // a nil pointer is left out
			var back Medium
			is.NoErr(c.Decode(m, &back))
			is.Equal(diffItems(&back, item), "")
		})
	}
}

// diffMaps describes the differences between two attribute maps, or
// returns "" when they are equal.
func diffMaps(got, want map[string]types.AttributeValue) string {
	var out []string
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s: missing, want %s", k, avText(w)))
		case !reflect.DeepEqual(g, w):
			out = append(out, fmt.Sprintf("%s: %s, want %s", k, avText(g), avText(w)))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			out = append(out, fmt.Sprintf("%s: unexpected %s", k, avText(g)))
		}
	}
	slices.Sort(out)
	return strings.Join(out, "; ")
}

// avText writes an attribute value in a compact, deterministic form.
func avText(av types.AttributeValue) string {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return fmt.Sprintf("S:%q", v.Value)
	case *types.AttributeValueMemberN:
		return "N:" + v.Value
	case *types.AttributeValueMemberB:
		return fmt.Sprintf("B:%x", v.Value)
	case *types.AttributeValueMemberBOOL:
		return fmt.Sprintf("BOOL:%t", v.Value)
	case *types.AttributeValueMemberNULL:
		return "NULL"
	case *types.AttributeValueMemberSS:
		return fmt.Sprintf("SS:%q", v.Value)
	case *types.AttributeValueMemberNS:
		return fmt.Sprintf("NS:%v", v.Value)
	case *types.AttributeValueMemberBS:
		return fmt.Sprintf("BS:%x", v.Value)
	case *types.AttributeValueMemberL:
		parts := make([]string, len(v.Value))
		for i, e := range v.Value {
			parts[i] = avText(e)
		}
		return "L:[" + strings.Join(parts, " ") + "]"
	case *types.AttributeValueMemberM:
		keys := make([]string, 0, len(v.Value))
		for k := range v.Value {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + avText(v.Value[k])
		}
		return "M:{" + strings.Join(parts, " ") + "}"
	case nil:
		return "<nil>"
	}
	return fmt.Sprintf("%T", av)
}

// TestRenderers checks that the three renderings of the expressions say
// the same thing once their placeholders are replaced by what they stand
// for, and use every placeholder they send (DynamoDB rejects unused ones).
func TestRenderers(t *testing.T) {
	is := is.New(t)
	rs := Renderers()
	is.Equal(rs[0].Name, "hand") // the floor comes first
	want, err := rs[0].Render(NewExprInput())
	is.NoErr(err)
	wantCond, wantUpd := canonical(t, want)
	is.Equal(want.Condition, "#0 = :0 AND begins_with(#1, :1)")
	is.Equal(wantCond, `version=N:3ANDbegins_withemail,S:"ada@"`)
	is.Equal(wantUpd, `ADD version N:1, tags SS:["analyst"] | REMOVE nick | SET name = S:"Ada King", score = N:101.25`)
	for _, r := range rs {
		t.Run(r.Name, func(t *testing.T) {
			is := is.New(t)
			got, err := r.Render(NewExprInput())
			is.NoErr(err)
			cond, upd := canonical(t, got)
			is.Equal(cond, wantCond)
			is.Equal(upd, wantUpd)
		})
	}
}

var (
	placeholder = regexp.MustCompile(`[#:][0-9]+`)
	clause      = regexp.MustCompile(`(?:^|\s)(SET|REMOVE|ADD|DELETE)\s`)
)

// canonical returns the condition and the update of r with their
// placeholders replaced; the condition without spaces and parentheses (the
// SDK writes "(a) AND (b)"), the update's clauses sorted by keyword (the SDK
// writes them in another order than gonamo, and ends each with a newline,
// which DynamoDB does not mind).
// The test on DynamoDB Local checks that they do the same thing.
func canonical(t *testing.T, r Rendered) (cond, upd string) {
	t.Helper()
	used := map[string]bool{}
	expand := func(s string) string {
		return placeholder.ReplaceAllStringFunc(s, func(p string) string {
			used[p] = true
			if p[0] == '#' {
				n, ok := r.Names[p]
				if !ok {
					t.Errorf("name placeholder %s not sent", p)
				}
				return n
			}
			v, ok := r.Values[p]
			if !ok {
				t.Errorf("value placeholder %s not sent", p)
			}
			return avText(v)
		})
	}
	cond = strings.NewReplacer(" ", "", "(", "", ")", "").Replace(expand(r.Condition))
	locs := clause.FindAllStringSubmatchIndex(r.Update, -1)
	var clauses []string
	for i, loc := range locs {
		end := len(r.Update)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		clauses = append(clauses, r.Update[loc[2]:loc[3]]+" "+expand(strings.TrimSpace(r.Update[loc[1]:end])))
	}
	slices.Sort(clauses)
	for p := range r.Names {
		if !used[p] {
			t.Errorf("name placeholder %s sent but not used", p)
		}
	}
	for p := range r.Values {
		if !used[p] {
			t.Errorf("value placeholder %s sent but not used", p)
		}
	}
	return cond, strings.Join(clauses, " | ")
}

// diffItems names the fields of two items that differ, taking an empty
// slice or map as equal to nil: guregu writes a nil list as an empty one.
func diffItems[T any](got, want *T) string {
	g, w := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	var out []string
	for i := range g.NumField() {
		if k := g.Field(i).Kind(); (k == reflect.Slice || k == reflect.Map) && g.Field(i).Len() == 0 && w.Field(i).Len() == 0 {
			continue
		}
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			out = append(out, fmt.Sprintf("%s: %#v, want %#v", g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface()))
		}
	}
	return strings.Join(out, "; ")
}
