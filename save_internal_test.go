package gonamo

import (
	"fmt"
	"strings"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
)

// wide is a model of many attributes, for Save of wide items.
type wide struct {
	ID     string
	Fields [100]string
}

// wideTable returns a table of wide with width attributes besides its key.
func wideTable(tb testing.TB, width int) *Table[wide] {
	id := attr.String("id", func(w *wide) *string { return &w.ID })
	fields := []attr.Field[wide]{id}
	for i := range width {
		fields = append(fields, attr.String(fmt.Sprintf("f%d", i), func(w *wide) *string { return &w.Fields[i] }, attr.OmitEmpty))
	}
	t, err := NewTable(New(dynamotest.New()), "wide", Key[wide](id), Attrs(fields...))
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// TestSaveWide checks the UpdateItem of a Save of 100 attributes, half of
// them empty: one SET clause and one REMOVE clause listing the attributes
// in the model's order, each with its own placeholder.
func TestSaveWide(t *testing.T) {
	is := is.New(t)
	tbl := wideTable(t, 100)
	item := &wide{ID: "w"}
	for i := 0; i < 100; i += 2 {
		item.Fields[i] = fmt.Sprint("v", i)
	}
	c := writeOptions[wide](nil)
	in, _, err := tbl.saveInput(item, &c)
	is.NoErr(err)
	set, remove, ok := strings.Cut(*in.UpdateExpression, " REMOVE ")
	is.True(ok)
	is.Equal(strings.Count(set, " = "), 50)
	is.Equal(strings.Count(remove, ", ")+1, 50)
	is.Equal(len(in.ExpressionAttributeNames), 100)
	is.Equal(len(in.ExpressionAttributeValues), 50)
	is.Equal(in.ExpressionAttributeNames["#0"], "f0")
	is.Equal(in.ExpressionAttributeNames["#50"], "f1") // the first removed
	is.True(strings.HasPrefix(set, "SET #0 = :0, #1 = :1, "))
}

// BenchmarkSaveInput prepares the UpdateItem of a Save of items of 10, 40
// and 100 attributes, all set.
func BenchmarkSaveInput(b *testing.B) {
	for _, width := range []int{10, 40, 100} {
		b.Run(fmt.Sprintf("attrs=%d", width), func(b *testing.B) {
			tbl := wideTable(b, width)
			item := &wide{ID: "w"}
			for i := range item.Fields {
				item.Fields[i] = fmt.Sprint("v", i)
			}
			c := writeOptions[wide](nil)
			for b.Loop() {
				if _, _, err := tbl.saveInput(item, &c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
