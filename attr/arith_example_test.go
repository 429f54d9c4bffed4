package attr_test

import "github.com/gonamo/gonamo/attr"

// Stats is the model of the examples on arithmetic and typed elements.
type Stats struct {
	Page   string
	Hits   int
	Daily  []int
	ByDay  map[string]int
	Tags   []string
	Titles map[string]string
}

var (
	statsHits   = attr.Int("hits", func(s *Stats) *int { return &s.Hits })
	statsDaily  = attr.List("daily", func(s *Stats) *[]int { return &s.Daily }, attr.NumberCodec[int]())
	statsByDay  = attr.Map("by_day", func(s *Stats) *map[string]int { return &s.ByDay }, attr.NumberCodec[int]())
	statsTags   = attr.List("tags", func(s *Stats) *[]string { return &s.Tags }, attr.StringCodec[string]())
	statsTitles = attr.Map("titles", func(s *Stats) *map[string]string { return &s.Titles }, attr.StringCodec[string]())
)

func ExampleNumberAttr_Incr() {
	printUpdate(statsHits.Incr(5))
	// Output:
	// SET #0 = #0 + :0
	//   #0 = hits
	//   :0 = {N:5}
}

func ExampleNumberAttr_Decr() {
	printUpdate(statsHits.Decr(2))
	// Output:
	// SET #0 = #0 - :0
	//   #0 = hits
	//   :0 = {N:2}
}

func ExampleNumberAttr_IncrFrom() {
	// Counts from 0 when the item has no hits yet.
	printUpdate(statsHits.IncrFrom(0, 1))
	// Output:
	// SET #0 = if_not_exists(#0, :0) + :1
	//   #0 = hits
	//   :0 = {N:0}
	//   :1 = {N:1}
}

func ExampleNumberAttr_DecrFrom() {
	// A stock of 10 when none is recorded, less the 3 sold.
	printUpdate(statsHits.DecrFrom(10, 3))
	// Output:
	// SET #0 = if_not_exists(#0, :0) - :1
	//   #0 = hits
	//   :0 = {N:10}
	//   :1 = {N:3}
}

func ExampleIndexNumber() {
	second := attr.IndexNumber(statsDaily, 1)
	printUpdate(second.Incr(1))
	printCond(second.Gt(100))
	// Output:
	// SET #0[1] = #0[1] + :0
	//   #0 = daily
	//   :0 = {N:1}
	// #0[1] > :0
	//   #0 = daily
	//   :0 = {N:100}
}

func ExampleIndexString() {
	printCond(attr.IndexString(statsTags, 0).BeginsWith("go"))
	// Output:
	// begins_with(#0[0], :0)
	//   #0 = tags
	//   :0 = {S:go}
}

func ExampleKeyNumber() {
	// A counter per day in a map, from 0 for a new day.
	today := attr.KeyNumber(statsByDay, "2026-11-23")
	printUpdate(today.IncrFrom(0, 1))
	// Output:
	// SET #0.#1 = if_not_exists(#0.#1, :0) + :1
	//   #0 = by_day
	//   #1 = 2026-11-23
	//   :0 = {N:0}
	//   :1 = {N:1}
}

func ExampleKeyString() {
	printCond(attr.KeyString(statsTitles, "en").Contains("Go"))
	// Output:
	// contains(#0.#1, :0)
	//   #0 = titles
	//   #1 = en
	//   :0 = {S:Go}
}
