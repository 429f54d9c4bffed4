package attr_test

import (
	"errors"
	"math"
	"net/netip"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
)

// TestFromTagsMatchesDescriptors encodes the benchmark's 20-field model
// with both schemas: the maps must be equal, and each decodes the other's.
func TestFromTagsMatchesDescriptors(t *testing.T) {
	is := is.New(t)
	for _, item := range []*big{newBig(), {}} {
		want, err := bigSchema.Encode(item)
		is.NoErr(err)
		got, err := bigTags.Encode(item)
		is.NoErr(err)
		equal(t, got, want)
		var back big
		is.NoErr(bigTags.Decode(want, &back))
		var back2 big
		is.NoErr(bigSchema.Decode(want, &back2))
		equal(t, back, back2)
	}
	f, ok := bigTags.Field("expires")
	is.True(ok)
	is.True(f.TTL())
	kt, ok := f.KeyType()
	is.True(ok)
	is.Equal(kt, types.ScalarAttributeTypeN)
	f, _ = bigTags.Field("data")
	kt, _ = f.KeyType()
	is.Equal(kt, types.ScalarAttributeTypeB)
	f, _ = bigTags.Field("id")
	kt, _ = f.KeyType()
	is.Equal(kt, types.ScalarAttributeTypeS)
	is.Equal(f.Path().String(), "id")
	is.NoErr(f.Err())
	f, _ = bigTags.Field("tags")
	_, ok = f.KeyType()
	is.True(!ok)
}

type Base struct {
	ID      string `dynamodbav:"id,required"`
	Version int64  `dynamodbav:"v"`
}

type node struct {
	Name     string  `dynamodbav:"name"`
	Children []*node `dynamodbav:"children,omitempty"`
}

type rich struct {
	Base
	hidden   string
	Skip     string                    `dynamodbav:"-"`
	Plain    string                    // stored as "Plain"
	Nick     *string                   `dynamodbav:"nick"`
	Seen     time.Time                 `dynamodbav:"seen,unixtime"`
	At       *time.Time                `dynamodbav:"at"`
	IP       netip.Addr                `dynamodbav:"ip,omitempty"`
	Conf     settings                  `dynamodbav:"conf,json"`
	Home     *Address                  `dynamodbav:"home"`
	ByName   map[string]Line           `dynamodbav:"by_name"`
	Counts   map[string]int            `dynamodbav:"counts"`
	Scores   map[string]float32        `dynamodbav:"scores"`
	Tree     node                      `dynamodbav:"tree"`
	Levels   []level                   `dynamodbav:"levels,numberset,omitempty"`
	Names    []planName                `dynamodbav:"names,stringset,omitempty"`
	Keys     map[string]struct{}       `dynamodbav:"keys,stringset,omitempty"`
	Nums     map[uint16]struct{}       `dynamodbav:"nums,numberset,omitempty"`
	Blobs    [][]byte                  `dynamodbav:"blobs,binaryset,omitempty"`
	Matrix   [][]int                   `dynamodbav:"matrix"`
	Price    *attr.Decimal             `dynamodbav:"price"`
	Flags    map[string]bool           `dynamodbav:"flags"`
	Small    int8                      `dynamodbav:"small"`
	Ptrs     []*string                 `dynamodbav:"ptrs"`
	Times    []time.Time               `dynamodbav:"times,unixtime"`
	Deep     map[string]map[string]int `dynamodbav:"deep"`
	Empty    string                    `dynamodbav:",omitempty"`
	Kinds    kinds                     `dynamodbav:"kinds"`
	Required *int                      `dynamodbav:"req,required"`
}

type kinds struct {
	I   int     `dynamodbav:"i"`
	I16 int16   `dynamodbav:"i16"`
	I32 int32   `dynamodbav:"i32"`
	I64 int64   `dynamodbav:"i64"`
	U   uint    `dynamodbav:"u"`
	U8  uint8   `dynamodbav:"u8"`
	U32 uint32  `dynamodbav:"u32"`
	U64 uint64  `dynamodbav:"u64"`
	UP  uintptr `dynamodbav:"up"`
	F32 float32 `dynamodbav:"f32"`
	F64 float64 `dynamodbav:"f64"`
	B   bool    `dynamodbav:"b"`
	NS  struct {
		I8  []int8    `dynamodbav:"i8,numberset"`
		I16 []int16   `dynamodbav:"i16,numberset"`
		I32 []int32   `dynamodbav:"i32,numberset"`
		I64 []int64   `dynamodbav:"i64,numberset"`
		U   []uint    `dynamodbav:"u,numberset"`
		U8  []uint8   `dynamodbav:"u8,numberset"`
		U16 []uint16  `dynamodbav:"u16,numberset"`
		U32 []uint32  `dynamodbav:"u32,numberset"`
		U64 []uint64  `dynamodbav:"u64,numberset"`
		F32 []float32 `dynamodbav:"f32,numberset"`
		F64 []float64 `dynamodbav:"f64,numberset"`
		I   []int     `dynamodbav:"i,numberset"`
	} `dynamodbav:"ns"`
}

func fullRich() *rich {
	nick := "n"
	at := time.Date(2024, 2, 3, 4, 5, 6, 7, time.UTC)
	price := mustDecimal("1.10")
	one := 1
	r := &rich{
		Base: Base{ID: "r1", Version: 2}, hidden: "h", Skip: "s", Plain: "p", Nick: &nick,
		Seen: time.Unix(1700000000, 0).UTC(), At: &at, IP: netip.MustParseAddr("::1"),
		Conf: settings{"dark", 1}, Home: &Address{City: "Oslo", Zip: 150, Codes: []string{"no"}},
		ByName: map[string]Line{"x": {"x", 1}}, Counts: map[string]int{"a": 1}, Scores: map[string]float32{"s": 0.5},
		Tree:   node{Name: "root", Children: []*node{{Name: "leaf"}, nil}},
		Levels: []level{1, 2}, Names: []planName{"a", "b"}, Keys: map[string]struct{}{"k": {}},
		Nums: map[uint16]struct{}{7: {}}, Blobs: [][]byte{{1}, {2}}, Matrix: [][]int{{1, 2}, {}},
		Price: &price, Flags: map[string]bool{"f": true}, Small: -8, Ptrs: []*string{&nick, nil},
		Times: []time.Time{time.Unix(5, 0).UTC()}, Deep: map[string]map[string]int{"a": {"b": 1}},
		Kinds:    kinds{I: -1, I16: -16, I32: -32, I64: -64, U: 1, U8: 8, U32: 32, U64: math.MaxUint64, UP: 9, F32: 0.25, F64: 1e-100, B: true},
		Required: &one,
	}
	ns := &r.Kinds.NS
	ns.I8, ns.I16, ns.I32, ns.I64 = []int8{-1}, []int16{-2}, []int32{-3}, []int64{-4}
	ns.U, ns.U8, ns.U16, ns.U32, ns.U64 = []uint{1}, []uint8{2}, []uint16{3}, []uint32{4}, []uint64{5}
	ns.F32, ns.F64, ns.I = []float32{0.5}, []float64{1.5}, []int{6}
	return r
}

func TestFromTagsRoundTrip(t *testing.T) {
	is := is.New(t)
	s, err := attr.FromTags[rich]()
	is.NoErr(err)
	item := fullRich()
	m, err := s.Encode(item)
	is.NoErr(err)
	is.Equal(len(m), 27)
	equal(t, m["id"], avS("r1"))
	equal(t, m["v"], avN("2"))
	equal(t, m["Plain"], avS("p"))
	equal(t, m["seen"], avN("1700000000"))
	equal(t, m["at"], avS("2024-02-03T04:05:06.000000007Z"))
	equal(t, m["ip"], avS("::1"))
	equal(t, m["conf"], avS(`{"theme":"dark","size":1}`))
	equal(t, m["home"], avM(map[string]types.AttributeValue{"City": avS("Oslo"), "Zip": avN("150"), "Codes": avL(avS("no"))}))
	equal(t, m["tree"], avM(map[string]types.AttributeValue{"name": avS("root"),
		"children": avL(avM(map[string]types.AttributeValue{"name": avS("leaf")}), avNull())}))
	equal(t, m["levels"], avNS("1", "2"))
	equal(t, m["names"], avSS("a", "b"))
	equal(t, m["times"], avL(avN("5")))
	equal(t, m["ptrs"], avL(avS("n"), avNull()))
	equal(t, m["price"], avN("1.10"))
	_, has := m["Skip"]
	is.True(!has)
	_, has = m["hidden"]
	is.True(!has)
	_, has = m["Empty"]
	is.True(!has)

	var back rich
	is.NoErr(s.Decode(m, &back))
	want := *item
	want.hidden, want.Skip = "", ""
	equal(t, back, want)

	// Decoding into a used value clears what the item lacks.
	is.NoErr(s.Decode(map[string]types.AttributeValue{"id": avS("x"), "req": avN("3"), "tree": avNull()}, &back))
	equal(t, back, rich{Base: Base{ID: "x"}, Required: ptr(3)})
}

func TestFromTagsErrors(t *testing.T) {
	is := is.New(t)
	s, err := attr.FromTags[rich]()
	is.NoErr(err)

	item := fullRich()
	item.Required = nil
	_, err = s.Encode(item)
	isAttrError(t, err, "rich", "req", attr.ErrRequired)

	item = fullRich()
	item.Tree.Children[0].Name = string([]byte{0xff})
	_, err = s.Encode(item)
	isAttrError(t, err, "rich", "tree.children[0].name", attr.ErrInvalidUTF8)

	item = fullRich()
	item.ByName["x"] = Line{SKU: string([]byte{0xff})}
	_, err = s.Encode(item)
	isAttrError(t, err, "rich", "by_name.x.SKU", attr.ErrInvalidUTF8)

	item = fullRich()
	item.Kinds.F64 = math.NaN()
	_, err = s.Encode(item)
	isAttrError(t, err, "rich", "kinds.f64", attr.ErrInvalidNumber)

	item = fullRich()
	item.Names = []planName{}
	_, err = s.Encode(item)
	is.NoErr(err) // omitempty

	item = fullRich()
	item.Kinds.NS.I = nil
	_, err = s.Encode(item)
	isAttrError(t, err, "rich", "kinds.ns.i", attr.ErrEmptySet)

	m, err := s.Encode(fullRich())
	is.NoErr(err)
	var back rich
	for _, tc := range []struct {
		key, path string
		av        types.AttributeValue
		category  error
	}{
		{"id", "id", avN("1"), attr.ErrType},
		{"req", "req", nil, attr.ErrRequired},
		{"home", "home.Zip", avM(map[string]types.AttributeValue{"Zip": avS("x")}), attr.ErrType},
		{"home", "home", avS("x"), attr.ErrType},
		{"tree", "tree.children[1].name", avM(map[string]types.AttributeValue{"children": avL(avNull(), avM(map[string]types.AttributeValue{"name": avN("1")}))}), attr.ErrType},
		{"tree", "tree.children", avM(map[string]types.AttributeValue{"children": avS("x")}), attr.ErrType},
		{"by_name", "by_name.x.Qty", avM(map[string]types.AttributeValue{"x": avM(map[string]types.AttributeValue{"Qty": avS("1")})}), attr.ErrType},
		{"by_name", "by_name", avL(), attr.ErrType},
		{"ip", "ip", avS("not an ip"), attr.ErrType},
		{"ip", "ip", avN("1"), attr.ErrType},
		{"conf", "conf", avS("{"), attr.ErrType},
		{"conf", "conf", avN("1"), attr.ErrType},
		{"small", "small", avN("200"), attr.ErrNumberRange},
		{"price", "price", avS("1"), attr.ErrType},
	} {
		mm := make(map[string]types.AttributeValue, len(m))
		for k, v := range m {
			mm[k] = v
		}
		if tc.av == nil {
			delete(mm, tc.key)
		} else {
			mm[tc.key] = tc.av
		}
		isAttrError(t, s.Decode(mm, &back), "rich", tc.path, tc.category)
	}

	for _, f := range s.Fields() {
		_, err := f.Encode(nil)
		is.True(errors.Is(err, attr.ErrNoValue))
		is.True(errors.Is(f.Decode(nil, nil), attr.ErrNoValue))
		is.True(f.IsEmpty(nil))
	}
}

type (
	badChan struct {
		C chan int
	}
	badOption struct {
		A string `dynamodbav:"a,bogus"`
	}
	badDup struct {
		A string `dynamodbav:"x"`
		B string `dynamodbav:"x"`
	}
	badSet struct {
		A []bool `dynamodbav:"a,stringset"`
	}
	badNamedMapSet struct {
		A map[planName]struct{} `dynamodbav:"a,stringset"`
	}
	badUnixtime struct {
		A int `dynamodbav:"a,unixtime"`
	}
	badMapKey struct {
		A map[int]string
	}
	badPtrPtr struct {
		A **int
	}
	badEmbeddedPtr struct {
		*Base
	}
	badNested struct {
		In struct {
			F func()
		}
	}
	badElem struct {
		L []complex64
	}
	badMapElem struct {
		M map[string]any
	}
	badArray struct {
		A [2]int
	}
)

func TestFromTagsRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		path string
	}{
		{"not a struct", fromTagsErr[int](), ""},
		{"channel", fromTagsErr[badChan](), "C"},
		{"unknown option", fromTagsErr[badOption](), "A"},
		{"duplicate name", fromTagsErr[badDup](), "x"},
		{"set of bools", fromTagsErr[badSet](), "a"},
		{"set of a named key type", fromTagsErr[badNamedMapSet](), "a"},
		{"unixtime on an int", fromTagsErr[badUnixtime](), "a"},
		{"int map keys", fromTagsErr[badMapKey](), "A"},
		{"pointer to pointer", fromTagsErr[badPtrPtr](), "A"},
		{"embedded pointer", fromTagsErr[badEmbeddedPtr](), "Base"},
		{"nested func", fromTagsErr[badNested](), "In.F"},
		{"list of complex", fromTagsErr[badElem](), "L[]"},
		{"map of interfaces", fromTagsErr[badMapElem](), "M.*"},
		{"array", fromTagsErr[badArray](), "A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			var e *attr.Error
			is.True(errors.As(tc.err, &e))
			is.True(errors.Is(tc.err, attr.ErrDescriptor))
			is.Equal(e.Attr, tc.path)
		})
	}
}

func fromTagsErr[T any]() error {
	_, err := attr.FromTags[T]()
	return err
}

type omits struct {
	Home   Address           `dynamodbav:"home,omitempty"`
	Ptr    *Address          `dynamodbav:"ptr,omitempty"`
	List   []Line            `dynamodbav:"list,omitempty"`
	Map    map[string]Line   `dynamodbav:"map,omitempty"`
	IP     netip.Addr        `dynamodbav:"ip,omitempty"`
	Conf   settings          `dynamodbav:"conf,json,omitempty"`
	Names  map[string]string `dynamodbav:"names,omitempty"`
	Bad    string            `dynamodbav:"bad"`
	Nested struct {
		X []Line `dynamodbav:"x"`
	} `dynamodbav:"nested"`
}

func TestFromTagsOmitEmptyAndTypes(t *testing.T) {
	is := is.New(t)
	s, err := attr.FromTags[omits]()
	is.NoErr(err)
	m, err := s.Encode(&omits{})
	is.NoErr(err)
	equal(t, m, map[string]types.AttributeValue{"bad": avS(""), "nested": avM(map[string]types.AttributeValue{})})
	full := omits{Home: Address{Zip: 1}, Ptr: &Address{}, List: []Line{{}}, Map: map[string]Line{"k": {}},
		IP: netip.MustParseAddr("::1"), Conf: settings{Theme: "x"}, Names: map[string]string{"a": "b"}}
	m, err = s.Encode(&full)
	is.NoErr(err)
	is.Equal(len(m), 9)
	for name, want := range map[string]types.ScalarAttributeType{"home": "", "ptr": "", "list": "", "map": "", "ip": "S", "conf": "S", "names": ""} {
		f, ok := s.Field(name)
		is.True(ok)
		kt, _ := f.KeyType()
		is.Equal(kt, want)
	}
	full.Bad = string([]byte{0xff})
	_, err = s.Encode(&full)
	isAttrError(t, err, "omits", "bad", attr.ErrInvalidUTF8)
	full.Bad = ""
	full.Map = map[string]Line{string([]byte{0xff}): {}}
	_, err = s.Encode(&full)
	isAttrError(t, err, "omits", "map.\xff", attr.ErrInvalidUTF8)
	full.Map = nil
	full.List = []Line{{SKU: string([]byte{0xff})}}
	_, err = s.Encode(&full)
	isAttrError(t, err, "omits", "list[0].SKU", attr.ErrInvalidUTF8)
	full.List = nil
	full.Ptr = &Address{City: string([]byte{0xff})}
	_, err = s.Encode(&full)
	isAttrError(t, err, "omits", "ptr.City", attr.ErrInvalidUTF8)
	full.Ptr = nil
	full.Conf.Theme = string([]byte{0xff}) // JSON replaces invalid UTF-8
	_, err = s.Encode(&full)
	is.NoErr(err)
	var back omits
	err = s.Decode(map[string]types.AttributeValue{"ptr": avM(map[string]types.AttributeValue{"Zip": avS("x")})}, &back)
	isAttrError(t, err, "omits", "ptr.Zip", attr.ErrType)
}
