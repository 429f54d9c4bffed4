package gonamo_test

import (
	"context"
	"errors"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
)

// Counter is the model of the tests of arithmetic updates and typed list
// and map elements.
type Counter struct {
	Page   string
	Hits   int
	Stock  float64
	Daily  []int
	ByDay  map[string]int
	Words  []string
	Titles map[string]string
}

var (
	counterPage   = attr.String("page", func(c *Counter) *string { return &c.Page })
	counterHits   = attr.Int("hits", func(c *Counter) *int { return &c.Hits })
	counterStock  = attr.Number("stock", func(c *Counter) *float64 { return &c.Stock })
	counterDaily  = attr.List("daily", func(c *Counter) *[]int { return &c.Daily }, attr.NumberCodec[int](), attr.OmitEmpty)
	counterByDay  = attr.Map("by_day", func(c *Counter) *map[string]int { return &c.ByDay }, attr.NumberCodec[int](), attr.OmitEmpty)
	counterWords  = attr.List("words", func(c *Counter) *[]string { return &c.Words }, attr.StringCodec[string](), attr.OmitEmpty)
	counterTitles = attr.Map("titles", func(c *Counter) *map[string]string { return &c.Titles }, attr.StringCodec[string](), attr.OmitEmpty)
)

// forEachCounterDB runs f on a fresh counters table on every test backend.
func forEachCounterDB(t *testing.T, f func(t *testing.T, counters *gonamo.Table[Counter])) {
	for name, db := range testDBs() {
		t.Run(name, func(t *testing.T) {
			counters, err := gonamo.NewTable(db, "counters", gonamo.Key(counterPage),
				gonamo.Attrs[Counter](counterHits, counterStock, counterDaily, counterByDay, counterWords, counterTitles))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if err := counters.CreateOrVerify(ctx); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { counters.DeleteTable(context.Background()) })
			f(t, counters)
		})
	}
}

func TestArithmeticUpdates(t *testing.T) {
	forEachCounterDB(t, func(t *testing.T, counters *gonamo.Table[Counter]) {
		is := is.New(t)
		ctx := context.Background()
		key := &Counter{Page: "home"}
		get := func() *Counter {
			got, err := counters.Get(ctx, key, gonamo.Consistent[Counter]())
			is.NoErr(err)
			return got
		}

		// SET a = a + v needs the attribute: on a missing one DynamoDB
		// rejects the update and writes nothing.
		err := counters.Update(ctx, key, counterHits.Incr(1))
		is.True(err != nil)
		is.True(!gonamo.IsConditionFailed(err))
		_, err = counters.Get(ctx, key)
		is.True(errors.Is(err, gonamo.ErrNotFound))

		// if_not_exists starts from a value.
		is.NoErr(counters.Update(ctx, key, counterHits.IncrFrom(10, 1).And(counterStock.DecrFrom(5, 0.5))))
		got := get()
		is.Equal(got.Hits, 11)
		is.Equal(got.Stock, 4.5)

		is.NoErr(counters.Update(ctx, key, counterHits.Incr(4).And(counterStock.Decr(1.25))))
		is.NoErr(counters.Update(ctx, key, counterHits.Decr(2)))
		is.NoErr(counters.Update(ctx, key, counterHits.IncrFrom(100, -3))) // exists: the start is ignored
		got = get()
		is.Equal(got.Hits, 10)
		is.Equal(got.Stock, 3.25)

		// A condition on the value being changed.
		err = counters.Update(ctx, key, counterHits.Decr(20), gonamo.If(counterHits.Ge(20)))
		is.True(gonamo.IsConditionFailed(err))
		is.Equal(get().Hits, 10)
	})
}

func TestTypedElementUpdates(t *testing.T) {
	forEachCounterDB(t, func(t *testing.T, counters *gonamo.Table[Counter]) {
		is := is.New(t)
		ctx := context.Background()
		key := &Counter{Page: "stats"}
		get := func() *Counter {
			got, err := counters.Get(ctx, key, gonamo.Consistent[Counter]())
			is.NoErr(err)
			return got
		}
		is.NoErr(counters.Put(ctx, &Counter{Page: "stats", Daily: []int{1, 2, 3}, ByDay: map[string]int{"mon": 7},
			Words: []string{"gopher", "rust"}, Titles: map[string]string{"en": "Go tips"}}))

		// Numbers in a list and in a map, where ADD cannot reach.
		mon, tue := attr.KeyNumber(counterByDay, "mon"), attr.KeyNumber(counterByDay, "tue")
		second := attr.IndexNumber(counterDaily, 1)
		is.NoErr(counters.Update(ctx, key, second.Incr(40).And(mon.Decr(2), tue.IncrFrom(0, 1))))
		got := get()
		is.Equal(got.Daily, []int{1, 42, 3})
		is.Equal(got.ByDay, map[string]int{"mon": 5, "tue": 1})

		// Conditions typed by the element type.
		err := counters.Update(ctx, key, second.Set(0), gonamo.If(second.Gt(100)))
		is.True(gonamo.IsConditionFailed(err))
		is.NoErr(counters.Update(ctx, key, attr.IndexNumber(counterDaily, 2).Set(30),
			gonamo.If(second.Between(40, 50).And(mon.Eq(5)))))
		is.NoErr(counters.Update(ctx, key, attr.IndexString(counterWords, 1).Set("zig"),
			gonamo.If(attr.IndexString(counterWords, 0).BeginsWith("go").And(attr.KeyString(counterTitles, "en").Contains("tips")))))
		err = counters.Update(ctx, key, attr.KeyString(counterTitles, "fr").Set("Astuces"),
			gonamo.If(attr.KeyString(counterTitles, "en").BeginsWith("Rust")))
		is.True(gonamo.IsConditionFailed(err))
		is.NoErr(counters.Update(ctx, key, attr.KeyString(counterTitles, "fr").Set("Astuces")))
		got = get()
		is.Equal(got.Daily, []int{1, 42, 30})
		is.Equal(got.Words, []string{"gopher", "zig"})
		is.Equal(got.Titles, map[string]string{"en": "Go tips", "fr": "Astuces"})

		// Removing an element.
		is.NoErr(counters.Update(ctx, key, attr.IndexNumber(counterDaily, 0).Remove().And(mon.Remove())))
		got = get()
		is.Equal(got.Daily, []int{42, 30})
		is.Equal(got.ByDay, map[string]int{"tue": 1})

		// A key in a map the item does not have is no valid path to SET:
		// DynamoDB rejects it and writes nothing.
		is.NoErr(counters.Put(ctx, &Counter{Page: "bare"}))
		err = counters.Update(ctx, &Counter{Page: "bare"}, tue.IncrFrom(0, 1))
		is.True(err != nil)
		is.True(!gonamo.IsConditionFailed(err))

		// A mistyped element is a typed error and nothing is sent.
		err = counters.Update(ctx, key, attr.IndexNumber(counterWords, 0).Incr("1"))
		is.True(errors.Is(err, attr.ErrDescriptor))
	})
}
