package attr_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
)

func TestSchemaRoundTrip(t *testing.T) {
	s := threadSchema(t)
	for _, tc := range []struct {
		name  string
		item  *Thread
		wants map[string]types.AttributeValue
	}{
		{"zero value", &Thread{}, map[string]types.AttributeValue{
			"forum": avS(""), "subject": avS(""), "views": avN("0"), "score": avN("0"),
			"updated": avS("0001-01-01T00:00:00.000000000Z"), "price": avN("0"), "pinned": avBool(false),
			"addr": avM(map[string]types.AttributeValue{"city": avS(""), "zip": avN("0")}),
		}},
		{"full", fullThread(), map[string]types.AttributeValue{
			"forum": avS("go"), "subject": avS("generics"), "views": avN("42"), "score": avN("4.5"),
			"tags": avSS("lang", "types"), "labels": avSS("hot"), "ratings": avL(avN("5"), avN("4"), avN("5")),
			"updated": avS("2024-05-01T12:30:15.123456789Z"), "expires": avN("1900000000"),
			"nick": avS("gopher"), "body": avB([]byte{0, 1, 2}), "meta": avM(map[string]types.AttributeValue{"lang": avS("en")}),
			"lines": avL(avM(map[string]types.AttributeValue{"sku": avS("a"), "qty": avN("1")}),
				avM(map[string]types.AttributeValue{"sku": avS("b"), "qty": avN("2")})),
			"addr":  avM(map[string]types.AttributeValue{"city": avS("Paris"), "zip": avN("75001"), "codes": avSS("x")}),
			"price": avN("19.99"), "pinned": avBool(true),
		}},
		{"empty collections", &Thread{Ratings: []int{}, Meta: map[string]string{}, Lines: []Line{}, Body: []byte{}, Nick: new(string)},
			map[string]types.AttributeValue{
				"forum": avS(""), "subject": avS(""), "views": avN("0"), "score": avN("0"),
				"ratings": avL(), "updated": avS("0001-01-01T00:00:00.000000000Z"), "nick": avS(""), "body": avB([]byte{}),
				"meta": avM(map[string]types.AttributeValue{}), "lines": avL(), "price": avN("0"), "pinned": avBool(false),
				"addr": avM(map[string]types.AttributeValue{"city": avS(""), "zip": avN("0")}),
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			m, err := s.Encode(tc.item)
			is.NoErr(err)
			equal(t, m, tc.wants)
			var back Thread
			is.NoErr(s.Decode(m, &back))
			equal(t, back, *tc.item)
		})
	}
}

func TestSchemaDecodeReplacesEverything(t *testing.T) {
	is := is.New(t)
	s := threadSchema(t)
	item := fullThread()
	m, err := s.Encode(&Thread{Forum: "rust", Views: 1})
	is.NoErr(err)
	m["unknown"] = avS("ignored")
	m["nick"] = avNull() // NULL is absent
	is.NoErr(s.Decode(m, item))
	equal(t, *item, Thread{Forum: "rust", Views: 1})
}

func TestSchemaFields(t *testing.T) {
	is := is.New(t)
	s := threadSchema(t)
	is.Equal(s.Model(), "Thread")
	fs := s.Fields()
	is.Equal(len(fs), 16)
	fs[0] = nil // a copy
	is.True(s.Fields()[0] != nil)

	for _, tc := range []struct {
		name    string
		keyType types.ScalarAttributeType
		ok      bool
		ttl     bool
	}{
		{"forum", types.ScalarAttributeTypeS, true, false},
		{"views", types.ScalarAttributeTypeN, true, false},
		{"price", types.ScalarAttributeTypeN, true, false},
		{"updated", types.ScalarAttributeTypeS, true, false},
		{"expires", types.ScalarAttributeTypeN, true, true},
		{"body", types.ScalarAttributeTypeB, true, false},
		{"nick", types.ScalarAttributeTypeS, true, false},
		{"tags", "", false, false},
		{"meta", "", false, false},
		{"addr", "", false, false},
		{"pinned", "", false, false},
		{"lines", "", false, false},
	} {
		f, ok := s.Field(tc.name)
		is.True(ok)
		is.Equal(f.Name(), tc.name)
		is.Equal(f.Path().String(), tc.name)
		is.NoErr(f.Err())
		kt, ok := f.KeyType()
		is.Equal(kt, tc.keyType)
		is.Equal(ok, tc.ok)
		is.Equal(f.TTL(), tc.ttl)
	}
	_, ok := s.Field("nope")
	is.True(!ok)
}

// TestPartialSave shows what a bloop-style partial save does with single
// fields: SET the present ones, REMOVE the absent ones.
func TestPartialSave(t *testing.T) {
	is := is.New(t)
	s := threadSchema(t)
	item := &Thread{Forum: "go", Tags: nil, Nick: nil, Meta: map[string]string{"a": "b"}}
	var set, remove []string
	for _, f := range s.Fields() {
		av, err := f.Encode(item)
		is.NoErr(err)
		if av == nil {
			remove = append(remove, f.Name())
			is.True(f.IsEmpty(item))
		} else {
			set = append(set, f.Name())
		}
	}
	equal(t, set, []string{"forum", "subject", "views", "score", "updated", "meta", "addr", "price", "pinned"})
	equal(t, remove, []string{"tags", "labels", "ratings", "expires", "nick", "body", "lines"})
}

type account struct {
	ID      string
	Plan    string
	Credits int
	Created time.Time
	Limit   *int
	Note    *string
	IP      netip.Addr
	Extra   map[string]int
}

func TestOptions(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := attr.NewSchema[account](
		attr.String("id", func(a *account) *string { return &a.ID }, attr.Required),
		attr.String("plan", func(a *account) *string { return &a.Plan }, attr.Default("free")),
		attr.Int("credits", func(a *account) *int { return &a.Credits }, attr.OmitEmpty),
		attr.Time("created", func(a *account) *time.Time { return &a.Created }, attr.DefaultFunc(func() time.Time { return now })),
		attr.Pointer("limit", func(a *account) **int { return &a.Limit }, attr.NumberCodec[int](), attr.Default(10)),
		attr.Pointer("note", func(a *account) **string { return &a.Note }, attr.StringCodec[string](), attr.Required),
		attr.Text[account, netip.Addr]("ip", func(a *account) *netip.Addr { return &a.IP }, attr.OmitEmpty),
		attr.Map("extra", func(a *account) *map[string]int { return &a.Extra }, attr.NumberCodec[int](), attr.OmitEmpty),
	)
	is := is.New(t)
	is.NoErr(err)

	note := "n"
	a := &account{ID: "a1", Note: &note, Extra: map[string]int{}}
	m, err := s.Encode(a)
	is.NoErr(err)
	equal(t, m, map[string]types.AttributeValue{
		"id": avS("a1"), "plan": avS("free"), "created": avS("2024-01-01T00:00:00.000000000Z"),
		"limit": avN("10"), "note": avS("n"),
	})
	// Encode filled the defaults in, as a constructor would.
	is.Equal(a.Plan, "free")
	is.Equal(a.Created, now)
	is.Equal(*a.Limit, 10)

	// Decoding gives absent attributes their defaults.
	var back account
	is.NoErr(s.Decode(map[string]types.AttributeValue{"id": avS("b"), "note": avS("x")}, &back))
	is.Equal(back.Plan, "free")
	is.Equal(back.Created, now)
	is.Equal(*back.Limit, 10)
	is.Equal(back.Credits, 0)
	is.Equal(back.Extra, map[string]int(nil))

	// Required is checked both ways.
	_, err = s.Encode(&account{Note: &note})
	is.NoErr(err) // an empty string is present
	_, err = s.Encode(&account{ID: "x"})
	isAttrError(t, err, "account", "note", attr.ErrRequired)
	err = s.Decode(map[string]types.AttributeValue{"note": avS("x")}, &back)
	isAttrError(t, err, "account", "id", attr.ErrRequired)

	// A pointer's Validate sees the pointee, and never a nil pointer.
	limited := attr.Pointer("limit", func(a *account) **int { return &a.Limit }, attr.NumberCodec[int](),
		attr.Validate(func(v int) error {
			if v > 100 {
				return errNegative
			}
			return nil
		}))
	_, err = limited.Encode(&account{})
	is.NoErr(err)
	_, err = limited.Encode(&account{Limit: ptr(101)})
	isAttrError(t, err, "account", "limit", attr.ErrValidation)
	_, err = renderUpdate(limited.Set(101))
	isAttrError(t, err, "account", "limit", attr.ErrValidation)
	r, err := renderUpdate(limited.Set(5))
	is.NoErr(err)
	is.Equal(r.Expr, "SET #0 = :0")
}

type named struct {
	Plan  planName
	Level level
	Tags  []planName
	Set   map[level]struct{}
	On    onOff
}

type (
	planName string
	level    uint8
	onOff    bool
)

func TestNamedTypes(t *testing.T) {
	s, err := attr.NewSchema[named](
		attr.String("plan", func(n *named) *planName { return &n.Plan }),
		attr.Number("level", func(n *named) *level { return &n.Level }),
		attr.StringSet("tags", func(n *named) *[]planName { return &n.Tags }, attr.OmitEmpty),
		attr.NumberSetMap("set", func(n *named) *map[level]struct{} { return &n.Set }, attr.OmitEmpty),
		attr.Bool("on", func(n *named) *onOff { return &n.On }),
	)
	is := is.New(t)
	is.NoErr(err)
	item := named{Plan: "pro", Level: 3, Tags: []planName{"a"}, Set: map[level]struct{}{7: {}}, On: true}
	m, err := s.Encode(&item)
	is.NoErr(err)
	equal(t, m, map[string]types.AttributeValue{
		"plan": avS("pro"), "level": avN("3"), "tags": avSS("a"), "set": avNS("7"), "on": avBool(true),
	})
	var back named
	is.NoErr(s.Decode(m, &back))
	equal(t, back, item)
}

func TestSets(t *testing.T) {
	type sets struct {
		S  []string
		SM map[string]struct{}
		N  []float64
		NM map[int64]struct{}
		B  [][]byte
	}
	s, err := attr.NewSchema[sets](
		attr.StringSet("s", func(x *sets) *[]string { return &x.S }),
		attr.StringSetMap("sm", func(x *sets) *map[string]struct{} { return &x.SM }),
		attr.NumberSet("n", func(x *sets) *[]float64 { return &x.N }),
		attr.NumberSetMap("nm", func(x *sets) *map[int64]struct{} { return &x.NM }),
		attr.BinarySet("b", func(x *sets) *[][]byte { return &x.B }),
	)
	is := is.New(t)
	is.NoErr(err)
	big := make([]string, 40) // large sets check duplicates with a map
	for i := range big {
		big[i] = string(rune('A' + i))
	}
	item := sets{S: big, SM: map[string]struct{}{"x": {}}, N: []float64{1.5, -2}, NM: map[int64]struct{}{9: {}}, B: [][]byte{{1}, {}}}
	m, err := s.Encode(&item)
	is.NoErr(err)
	equal(t, m["n"], avNS("1.5", "-2"))
	equal(t, m["nm"], avNS("9"))
	equal(t, m["b"], &types.AttributeValueMemberBS{Value: [][]byte{{1}, {}}})
	var back sets
	is.NoErr(s.Decode(m, &back))
	equal(t, back, item)

	item.S = append(item.S, "A")
	_, err = s.Encode(&item)
	isAttrError(t, err, "sets", "s", attr.ErrDuplicate)
	bigBin := make([][]byte, 20)
	for i := range bigBin {
		bigBin[i] = []byte{byte(i)}
	}
	bigBin[19] = []byte{0}
	item.S = []string{"a"}
	item.B = bigBin
	_, err = s.Encode(&item)
	isAttrError(t, err, "sets", "b", attr.ErrDuplicate)

	f, _ := s.Field("nm")
	is.True(f.Decode(avNS("x"), &back) != nil)
	f, _ = s.Field("sm")
	is.True(f.Decode(avNS("1"), &back) != nil)
	f, _ = s.Field("b")
	is.True(f.Decode(avSS("1"), &back) != nil)
	kt, ok := f.KeyType()
	is.Equal(kt, types.ScalarAttributeType(""))
	is.True(!ok)
	is.Equal(attr.NumberSet("n", func(x *sets) *[]float64 { return &x.N }).Path().String(), "n")
}

func TestEncodeDecodeValue(t *testing.T) {
	is := is.New(t)
	av, err := views.EncodeValue(7)
	is.NoErr(err)
	equal(t, av, avN("7"))
	v, err := views.DecodeValue(avN("8"))
	is.NoErr(err)
	is.Equal(v, 8)
	_, err = views.DecodeValue(avS("8"))
	isAttrError(t, err, "Thread", "views", attr.ErrType)
	_, err = views.DecodeValue(nil)
	isAttrError(t, err, "Thread", "views", attr.ErrNoValue)
	_, err = body.EncodeValue(nil)
	isAttrError(t, err, "Thread", "body", attr.ErrNoValue)
	var zero attr.Attr[Thread, int]
	_, err = zero.EncodeValue(1)
	is.True(err != nil)
	_, err = zero.DecodeValue(avN("1"))
	is.True(err != nil)
	bad := attr.String("", func(t *Thread) *string { return &t.Forum })
	_, err = bad.DecodeValue(avS("x"))
	is.True(err != nil)
	_, err = bad.EncodeValue("x")
	is.True(err != nil)
	// Nested and element descriptors encode with the inner codec.
	av, err = attr.Nested(addr, zip).EncodeValue(1)
	is.NoErr(err)
	equal(t, av, avN("1"))
	is.Equal(attr.Nested(addr, zip).Name(), "addr.zip")
	is.Equal(lines.Index(2).Name(), "lines[2]")
	is.Equal(meta.Key("k").Path().String(), "meta.k")
}

func TestBinarySetOperations(t *testing.T) {
	is := is.New(t)
	type keys struct{ K [][]byte }
	k := attr.BinarySet("k", func(x *keys) *[][]byte { return &x.K })
	r, err := renderCond(k.Contains([]byte{1}))
	is.NoErr(err)
	equal(t, r.Values[":0"], avB([]byte{1}))
	r, err = renderCond(k.Contains(nil))
	is.NoErr(err)
	equal(t, r.Values[":0"], avB([]byte{}))
	u, err := renderUpdate(k.Add([]byte{1}, nil))
	is.NoErr(err)
	equal(t, u.Values[":0"], &types.AttributeValueMemberBS{Value: [][]byte{{1}, {}}})
	kt, ok := labels.KeyType()
	is.Equal(kt, types.ScalarAttributeType(""))
	is.True(!ok)
}
