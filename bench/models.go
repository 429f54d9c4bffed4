package bench

import (
	"strconv"
	"time"
)

// The item shapes. Each field carries the tags of the two reflection-based
// libraries (dynamodbav for the SDK's attributevalue, dynamo for guregu)
// chosen so that all codecs store the same attribute values: sets are
// tagged as sets, the nil-able pointer is left out when nil, time.Time is
// written as RFC 3339 text in UTC with nine fractional digits (which is
// also gonamo's attr.TimeLayout).

// Small is an item of 6 scalar attributes, one of them a nil-able pointer.
type Small struct {
	ID     string  `dynamodbav:"id" dynamo:"id"`
	Name   string  `dynamodbav:"name" dynamo:"name"`
	Views  int64   `dynamodbav:"views" dynamo:"views"`
	Score  float64 `dynamodbav:"score" dynamo:"score"`
	Active bool    `dynamodbav:"active" dynamo:"active"`
	Nick   *string `dynamodbav:"nick,omitempty" dynamo:"nick"`
}

// Medium is an item of 20 attributes: strings, numbers of several Go types,
// a bool, a time, a string set, a number set, bytes, a nil-able pointer, a
// map, a nested struct, a list of structs, a list of strings and a version.
type Medium struct {
	ID      string            `dynamodbav:"id" dynamo:"id"`
	Sort    string            `dynamodbav:"sk" dynamo:"sk"`
	Name    string            `dynamodbav:"name" dynamo:"name"`
	Email   string            `dynamodbav:"email" dynamo:"email"`
	Age     int               `dynamodbav:"age" dynamo:"age"`
	Score   float64           `dynamodbav:"score" dynamo:"score"`
	Rating  float32           `dynamodbav:"rating" dynamo:"rating"`
	Count   uint32            `dynamodbav:"count" dynamo:"count"`
	Active  bool              `dynamodbav:"active" dynamo:"active"`
	Created time.Time         `dynamodbav:"created" dynamo:"created"`
	Tags    []string          `dynamodbav:"tags,stringset,omitempty" dynamo:"tags,set"`
	Nums    []int             `dynamodbav:"nums,numberset,omitempty" dynamo:"nums,set"`
	Data    []byte            `dynamodbav:"data" dynamo:"data"`
	Nick    *string           `dynamodbav:"nick,omitempty" dynamo:"nick"`
	Prefs   map[string]string `dynamodbav:"prefs" dynamo:"prefs"`
	Addr    Address           `dynamodbav:"addr" dynamo:"addr"`
	Lines   []Line            `dynamodbav:"lines" dynamo:"lines"`
	Notes   []string          `dynamodbav:"notes" dynamo:"notes"`
	Expires int64             `dynamodbav:"expires" dynamo:"expires"`
	Version int64             `dynamodbav:"version" dynamo:"version"`
}

// Address is the nested struct of Medium, stored as a map.
type Address struct {
	Street string `dynamodbav:"street" dynamo:"street"`
	City   string `dynamodbav:"city" dynamo:"city"`
	Zip    string `dynamodbav:"zip" dynamo:"zip"`
}

// Line is an element of Medium's list of structs.
type Line struct {
	SKU   string  `dynamodbav:"sku" dynamo:"sku"`
	Qty   int     `dynamodbav:"qty" dynamo:"qty"`
	Price float64 `dynamodbav:"price" dynamo:"price"`
}

// Large is Medium with a list of 200 structs: the embedded Medium is
// flattened, its attributes stored at the top level as for Medium.
type Large struct {
	Medium
	Events []Event `dynamodbav:"events" dynamo:"events"`
}

// Event is an element of Large's list of structs.
type Event struct {
	Seq   int    `dynamodbav:"seq" dynamo:"seq"`
	Kind  string `dynamodbav:"kind" dynamo:"kind"`
	Actor string `dynamodbav:"actor" dynamo:"actor"`
	At    int64  `dynamodbav:"at" dynamo:"at"`
}

// LargeEvents is the number of events of NewLarge.
const LargeEvents = 200

// NewSmall returns the Small item of the benchmarks.
func NewSmall() *Small {
	nick := "gopher"
	return &Small{ID: "thread-42", Name: "Generics in Go", Views: 1234, Score: 4.25, Active: true, Nick: &nick}
}

// NewMedium returns the Medium item of the benchmarks. Its numbers are
// written the same way by every codec (the SDK formats floats with 'f',
// gonamo with 'g': they agree on these values).
func NewMedium() *Medium {
	nick := "ada"
	return &Medium{
		ID: "user-1", Sort: "profile", Name: "Ada Lovelace", Email: "ada@example.com",
		Age: 36, Score: 99.5, Rating: 4.5, Count: 7, Active: true,
		Created: time.Date(2024, 5, 1, 12, 30, 0, 123456789, time.UTC),
		Tags:    []string{"math", "engines", "poetry"},
		Nums:    []int{1, 2, 3, 5, 8},
		Data:    []byte{0xde, 0xad, 0xbe, 0xef},
		Nick:    &nick,
		Prefs:   map[string]string{"theme": "dark", "lang": "en", "tz": "Europe/London"},
		Addr:    Address{Street: "12 St James's Square", City: "London", Zip: "SW1Y 4JH"},
		Lines:   []Line{{"a-1", 2, 9.5}, {"b-2", 1, 120.25}, {"c-3", 5, 0.75}},
		Notes:   []string{"first", "second"},
		Expires: 1900000000,
		Version: 3,
	}
}

// NewLarge returns the Large item of the benchmarks: NewMedium and
// LargeEvents events.
func NewLarge() *Large {
	l := &Large{Medium: *NewMedium(), Events: make([]Event, LargeEvents)}
	kinds := [...]string{"login", "view", "edit", "logout"}
	for i := range l.Events {
		l.Events[i] = Event{Seq: i, Kind: kinds[i%len(kinds)], Actor: "user-" + strconv.Itoa(i%7), At: 1714566600 + int64(i)*37}
	}
	return l
}
