package attr_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/attr"
)

// The benchmarks compare the schema built from descriptors, the schema
// derived from struct tags and a hand-written encoder of the same models,
// in the same run: go test -run '^$' -bench . -benchmem ./attr/

// small is the 6-field model.
type small struct {
	ID    string   `dynamodbav:"id"`
	Views int64    `dynamodbav:"views"`
	Tags  []string `dynamodbav:"tags,stringset,omitempty"`
	Data  []byte   `dynamodbav:"data"`
	Nick  *string  `dynamodbav:"nick"`
	Score float64  `dynamodbav:"score"`
}

var smallSchema = must(attr.NewSchema[small](
	attr.String("id", func(s *small) *string { return &s.ID }),
	attr.Number("views", func(s *small) *int64 { return &s.Views }),
	attr.StringSet("tags", func(s *small) *[]string { return &s.Tags }, attr.OmitEmpty),
	attr.Bytes("data", func(s *small) *[]byte { return &s.Data }),
	attr.Pointer("nick", func(s *small) **string { return &s.Nick }, attr.StringCodec[string]()),
	attr.Number("score", func(s *small) *float64 { return &s.Score }),
))

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func newSmall() *small {
	nick := "gopher"
	return &small{ID: "thread-42", Views: 1234, Tags: []string{"go", "dynamodb", "generics"},
		Data: []byte("payload"), Nick: &nick, Score: 4.25}
}

// handEncodeSmall is what one writes by hand for small.
func handEncodeSmall(s *small) (map[string]types.AttributeValue, error) {
	m := make(map[string]types.AttributeValue, 6)
	m["id"] = &types.AttributeValueMemberS{Value: s.ID}
	m["views"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(s.Views, 10)}
	if len(s.Tags) > 0 {
		m["tags"] = &types.AttributeValueMemberSS{Value: append([]string(nil), s.Tags...)}
	}
	if s.Data != nil {
		m["data"] = &types.AttributeValueMemberB{Value: s.Data}
	}
	if s.Nick != nil {
		m["nick"] = &types.AttributeValueMemberS{Value: *s.Nick}
	}
	m["score"] = &types.AttributeValueMemberN{Value: strconv.FormatFloat(s.Score, 'g', -1, 64)}
	return m, nil
}

func handDecodeSmall(m map[string]types.AttributeValue, s *small) error {
	*s = small{}
	if v, ok := m["id"].(*types.AttributeValueMemberS); ok {
		s.ID = v.Value
	}
	if v, ok := m["views"].(*types.AttributeValueMemberN); ok {
		n, err := strconv.ParseInt(v.Value, 10, 64)
		if err != nil {
			return err
		}
		s.Views = n
	}
	if v, ok := m["tags"].(*types.AttributeValueMemberSS); ok {
		s.Tags = append([]string(nil), v.Value...)
	}
	if v, ok := m["data"].(*types.AttributeValueMemberB); ok {
		s.Data = v.Value
	}
	if v, ok := m["nick"].(*types.AttributeValueMemberS); ok {
		x := v.Value
		s.Nick = &x
	}
	if v, ok := m["score"].(*types.AttributeValueMemberN); ok {
		f, err := strconv.ParseFloat(v.Value, 64)
		if err != nil {
			return err
		}
		s.Score = f
	}
	return nil
}

// big is the 20-field model.
type big struct {
	ID      string            `dynamodbav:"id"`
	Name    string            `dynamodbav:"name"`
	Email   string            `dynamodbav:"email"`
	Age     int               `dynamodbav:"age"`
	Score   float64           `dynamodbav:"score"`
	Active  bool              `dynamodbav:"active"`
	Created time.Time         `dynamodbav:"created"`
	Tags    []string          `dynamodbav:"tags,stringset,omitempty"`
	Nums    []int             `dynamodbav:"nums,numberset,omitempty"`
	Data    []byte            `dynamodbav:"data"`
	Nick    *string           `dynamodbav:"nick"`
	Prefs   map[string]string `dynamodbav:"prefs"`
	Addr    address           `dynamodbav:"addr"`
	Lines   []line            `dynamodbav:"lines"`
	Price   attr.Decimal      `dynamodbav:"price"`
	Count   uint32            `dynamodbav:"count"`
	Rating  float32           `dynamodbav:"rating"`
	Notes   []string          `dynamodbav:"notes"`
	Expires time.Time         `dynamodbav:"expires,ttl"`
	Version int64             `dynamodbav:"version"`
}

type address struct {
	Street string `dynamodbav:"street"`
	City   string `dynamodbav:"city"`
	Zip    string `dynamodbav:"zip"`
}

type line struct {
	SKU string `dynamodbav:"sku"`
	Qty int    `dynamodbav:"qty"`
}

var (
	addressFields = []attr.Field[address]{
		attr.String("street", func(a *address) *string { return &a.Street }),
		attr.String("city", func(a *address) *string { return &a.City }),
		attr.String("zip", func(a *address) *string { return &a.Zip }),
	}
	lineCodec = attr.StructCodec(
		attr.String("sku", func(l *line) *string { return &l.SKU }),
		attr.Int("qty", func(l *line) *int { return &l.Qty }),
	)
	bigSchema = must(attr.NewSchema[big](
		attr.String("id", func(b *big) *string { return &b.ID }),
		attr.String("name", func(b *big) *string { return &b.Name }),
		attr.String("email", func(b *big) *string { return &b.Email }),
		attr.Int("age", func(b *big) *int { return &b.Age }),
		attr.Number("score", func(b *big) *float64 { return &b.Score }),
		attr.Bool("active", func(b *big) *bool { return &b.Active }),
		attr.Time("created", func(b *big) *time.Time { return &b.Created }),
		attr.StringSet("tags", func(b *big) *[]string { return &b.Tags }, attr.OmitEmpty),
		attr.NumberSet("nums", func(b *big) *[]int { return &b.Nums }, attr.OmitEmpty),
		attr.Bytes("data", func(b *big) *[]byte { return &b.Data }),
		attr.Pointer("nick", func(b *big) **string { return &b.Nick }, attr.StringCodec[string]()),
		attr.Map("prefs", func(b *big) *map[string]string { return &b.Prefs }, attr.StringCodec[string]()),
		attr.Struct("addr", func(b *big) *address { return &b.Addr }, addressFields...),
		attr.List("lines", func(b *big) *[]line { return &b.Lines }, lineCodec),
		attr.Exact("price", func(b *big) *attr.Decimal { return &b.Price }),
		attr.Number("count", func(b *big) *uint32 { return &b.Count }),
		attr.Number("rating", func(b *big) *float32 { return &b.Rating }),
		attr.List("notes", func(b *big) *[]string { return &b.Notes }, attr.StringCodec[string]()),
		attr.TTL("expires", func(b *big) *time.Time { return &b.Expires }),
		attr.Number("version", func(b *big) *int64 { return &b.Version }),
	))
)

func newBig() *big {
	nick := "gopher"
	return &big{
		ID: "user-1", Name: "Ada Lovelace", Email: "ada@example.com", Age: 36, Score: 99.5, Active: true,
		Created: time.Date(2024, 5, 1, 12, 30, 0, 123456789, time.UTC),
		Tags:    []string{"math", "engines"}, Nums: []int{1, 2, 3}, Data: []byte{1, 2, 3, 4},
		Nick: &nick, Prefs: map[string]string{"theme": "dark", "lang": "en"},
		Addr:  address{Street: "1 Main St", City: "London", Zip: "N1"},
		Lines: []line{{"a-1", 2}, {"b-2", 1}, {"c-3", 5}},
		Price: must(attr.ParseDecimal("1234.5678")), Count: 7, Rating: 4.5,
		Notes: []string{"first", "second"}, Expires: time.Unix(1900000000, 0).UTC(), Version: 3,
	}
}

const hsLayout = attr.TimeLayout

// handEncodeBig is what one writes by hand for big.
func handEncodeBig(b *big) (map[string]types.AttributeValue, error) {
	m := make(map[string]types.AttributeValue, 20)
	m["id"] = &types.AttributeValueMemberS{Value: b.ID}
	m["name"] = &types.AttributeValueMemberS{Value: b.Name}
	m["email"] = &types.AttributeValueMemberS{Value: b.Email}
	m["age"] = &types.AttributeValueMemberN{Value: strconv.Itoa(b.Age)}
	m["score"] = &types.AttributeValueMemberN{Value: strconv.FormatFloat(b.Score, 'g', -1, 64)}
	m["active"] = &types.AttributeValueMemberBOOL{Value: b.Active}
	m["created"] = &types.AttributeValueMemberS{Value: b.Created.UTC().Format(hsLayout)}
	if len(b.Tags) > 0 {
		m["tags"] = &types.AttributeValueMemberSS{Value: append([]string(nil), b.Tags...)}
	}
	if len(b.Nums) > 0 {
		ns := make([]string, len(b.Nums))
		for i, n := range b.Nums {
			ns[i] = strconv.Itoa(n)
		}
		m["nums"] = &types.AttributeValueMemberNS{Value: ns}
	}
	if b.Data != nil {
		m["data"] = &types.AttributeValueMemberB{Value: b.Data}
	}
	if b.Nick != nil {
		m["nick"] = &types.AttributeValueMemberS{Value: *b.Nick}
	}
	if b.Prefs != nil {
		pm := make(map[string]types.AttributeValue, len(b.Prefs))
		for k, v := range b.Prefs {
			pm[k] = &types.AttributeValueMemberS{Value: v}
		}
		m["prefs"] = &types.AttributeValueMemberM{Value: pm}
	}
	m["addr"] = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
		"street": &types.AttributeValueMemberS{Value: b.Addr.Street},
		"city":   &types.AttributeValueMemberS{Value: b.Addr.City},
		"zip":    &types.AttributeValueMemberS{Value: b.Addr.Zip},
	}}
	if b.Lines != nil {
		ls := make([]types.AttributeValue, len(b.Lines))
		for i, l := range b.Lines {
			lm := make(map[string]types.AttributeValue, 2)
			lm["sku"] = &types.AttributeValueMemberS{Value: l.SKU}
			lm["qty"] = &types.AttributeValueMemberN{Value: strconv.Itoa(l.Qty)}
			ls[i] = &types.AttributeValueMemberM{Value: lm}
		}
		m["lines"] = &types.AttributeValueMemberL{Value: ls}
	}
	m["price"] = &types.AttributeValueMemberN{Value: b.Price.String()}
	m["count"] = &types.AttributeValueMemberN{Value: strconv.FormatUint(uint64(b.Count), 10)}
	m["rating"] = &types.AttributeValueMemberN{Value: strconv.FormatFloat(float64(b.Rating), 'g', -1, 32)}
	if b.Notes != nil {
		ns := make([]types.AttributeValue, len(b.Notes))
		for i, n := range b.Notes {
			ns[i] = &types.AttributeValueMemberS{Value: n}
		}
		m["notes"] = &types.AttributeValueMemberL{Value: ns}
	}
	if !b.Expires.IsZero() {
		m["expires"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(b.Expires.Unix(), 10)}
	}
	m["version"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(b.Version, 10)}
	return m, nil
}

func handDecodeBig(m map[string]types.AttributeValue, b *big) error {
	*b = big{}
	str := func(k string) string {
		if v, ok := m[k].(*types.AttributeValueMemberS); ok {
			return v.Value
		}
		return ""
	}
	num := func(k string) string {
		if v, ok := m[k].(*types.AttributeValueMemberN); ok {
			return v.Value
		}
		return "0"
	}
	var err error
	b.ID, b.Name, b.Email = str("id"), str("name"), str("email")
	if b.Age, err = strconv.Atoi(num("age")); err != nil {
		return err
	}
	if b.Score, err = strconv.ParseFloat(num("score"), 64); err != nil {
		return err
	}
	if v, ok := m["active"].(*types.AttributeValueMemberBOOL); ok {
		b.Active = v.Value
	}
	if s := str("created"); s != "" {
		if b.Created, err = time.Parse(hsLayout, s); err != nil {
			return err
		}
	}
	if v, ok := m["tags"].(*types.AttributeValueMemberSS); ok {
		b.Tags = append([]string(nil), v.Value...)
	}
	if v, ok := m["nums"].(*types.AttributeValueMemberNS); ok {
		b.Nums = make([]int, len(v.Value))
		for i, s := range v.Value {
			if b.Nums[i], err = strconv.Atoi(s); err != nil {
				return err
			}
		}
	}
	if v, ok := m["data"].(*types.AttributeValueMemberB); ok {
		b.Data = v.Value
	}
	if v, ok := m["nick"].(*types.AttributeValueMemberS); ok {
		x := v.Value
		b.Nick = &x
	}
	if v, ok := m["prefs"].(*types.AttributeValueMemberM); ok {
		b.Prefs = make(map[string]string, len(v.Value))
		for k, e := range v.Value {
			if s, ok := e.(*types.AttributeValueMemberS); ok {
				b.Prefs[k] = s.Value
			}
		}
	}
	if v, ok := m["addr"].(*types.AttributeValueMemberM); ok {
		for k, p := range map[string]*string{"street": &b.Addr.Street, "city": &b.Addr.City, "zip": &b.Addr.Zip} {
			if s, ok := v.Value[k].(*types.AttributeValueMemberS); ok {
				*p = s.Value
			}
		}
	}
	if v, ok := m["lines"].(*types.AttributeValueMemberL); ok {
		b.Lines = make([]line, len(v.Value))
		for i, e := range v.Value {
			lm, ok := e.(*types.AttributeValueMemberM)
			if !ok {
				continue
			}
			if s, ok := lm.Value["sku"].(*types.AttributeValueMemberS); ok {
				b.Lines[i].SKU = s.Value
			}
			if n, ok := lm.Value["qty"].(*types.AttributeValueMemberN); ok {
				if b.Lines[i].Qty, err = strconv.Atoi(n.Value); err != nil {
					return err
				}
			}
		}
	}
	if b.Price, err = attr.ParseDecimal(num("price")); err != nil {
		return err
	}
	c, err := strconv.ParseUint(num("count"), 10, 32)
	if err != nil {
		return err
	}
	b.Count = uint32(c)
	r, err := strconv.ParseFloat(num("rating"), 32)
	if err != nil {
		return err
	}
	b.Rating = float32(r)
	if v, ok := m["notes"].(*types.AttributeValueMemberL); ok {
		b.Notes = make([]string, len(v.Value))
		for i, e := range v.Value {
			if s, ok := e.(*types.AttributeValueMemberS); ok {
				b.Notes[i] = s.Value
			}
		}
	}
	if v, ok := m["expires"].(*types.AttributeValueMemberN); ok {
		sec, err := strconv.ParseInt(v.Value, 10, 64)
		if err != nil {
			return err
		}
		b.Expires = time.Unix(sec, 0).UTC()
	}
	if b.Version, err = strconv.ParseInt(num("version"), 10, 64); err != nil {
		return err
	}
	return nil
}

var (
	smallTags = must(attr.FromTags[small]())
	bigTags   = must(attr.FromTags[big]())
)

func BenchmarkEncode(b *testing.B) {
	s, g := newSmall(), newBig()
	b.Run("6/hand", func(b *testing.B) {
		for b.Loop() {
			if _, err := handEncodeSmall(s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("6/attr", func(b *testing.B) {
		for b.Loop() {
			if _, err := smallSchema.Encode(s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("6/tags", func(b *testing.B) {
		for b.Loop() {
			if _, err := smallTags.Encode(s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("20/hand", func(b *testing.B) {
		for b.Loop() {
			if _, err := handEncodeBig(g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("20/attr", func(b *testing.B) {
		for b.Loop() {
			if _, err := bigSchema.Encode(g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("20/tags", func(b *testing.B) {
		for b.Loop() {
			if _, err := bigTags.Encode(g); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	sm, err := smallSchema.Encode(newSmall())
	if err != nil {
		b.Fatal(err)
	}
	bm, err := bigSchema.Encode(newBig())
	if err != nil {
		b.Fatal(err)
	}
	var s small
	var g big
	b.Run("6/hand", func(b *testing.B) {
		for b.Loop() {
			if err := handDecodeSmall(sm, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("6/attr", func(b *testing.B) {
		for b.Loop() {
			if err := smallSchema.Decode(sm, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("6/tags", func(b *testing.B) {
		for b.Loop() {
			if err := smallTags.Decode(sm, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("20/hand", func(b *testing.B) {
		for b.Loop() {
			if err := handDecodeBig(bm, &g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("20/attr", func(b *testing.B) {
		for b.Loop() {
			if err := bigSchema.Decode(bm, &g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("20/tags", func(b *testing.B) {
		for b.Loop() {
			if err := bigTags.Decode(bm, &g); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFromTags measures the one-time cost of deriving a schema from
// struct tags.
func BenchmarkFromTags(b *testing.B) {
	b.Run("6", func(b *testing.B) {
		for b.Loop() {
			if _, err := attr.FromTags[small](); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("20", func(b *testing.B) {
		for b.Loop() {
			if _, err := attr.FromTags[big](); err != nil {
				b.Fatal(err)
			}
		}
	})
}
