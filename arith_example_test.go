package gonamo_test

import (
	"context"
	"fmt"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
)

// Counters in a map and a list, updated in place with arithmetic and
// guarded by conditions typed by the element type.
func ExampleTable_Update_counters() {
	ctx := context.Background()
	counters, _ := gonamo.NewTable(gonamo.New(dynamotest.New()), "counters", gonamo.Key(counterPage),
		gonamo.Attrs[Counter](counterHits, counterDaily, counterByDay))
	counters.Create(ctx)

	// The map must exist for a key of it to be set: an empty one is not
	// stored (OmitEmpty), so the page starts with yesterday's count.
	page := &Counter{Page: "home", Daily: []int{0, 0, 0}, ByDay: map[string]int{"2026-11-22": 9}}
	counters.Put(ctx, page)
	today := attr.KeyNumber(counterByDay, "2026-11-23")
	wed := attr.IndexNumber(counterDaily, 2)
	for range 3 {
		if err := counters.Update(ctx, page, counterHits.IncrFrom(0, 1).And(today.IncrFrom(0, 1), wed.Incr(10))); err != nil {
			fmt.Println(err)
		}
	}
	err := counters.Update(ctx, page, wed.Decr(50), gonamo.If(wed.Ge(50)))
	fmt.Println(gonamo.IsConditionFailed(err))

	got, _ := counters.Get(ctx, page)
	fmt.Println(got.Hits, got.ByDay, got.Daily)
	// Output:
	// true
	// 3 map[2026-11-22:9 2026-11-23:3] [0 0 30]
}
