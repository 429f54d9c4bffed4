package attr_test

import (
	"math"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

// codecCase is one value of a round trip: v encodes to av, and av decodes
// to back (v itself when back is nil).
type codecCase[V any] struct {
	name string
	v    V
	av   types.AttributeValue // nil: no value
	back *V
}

// roundTrip checks every case of a codec both ways.
func roundTrip[V any](t *testing.T, c attr.Codec[V], typ expr.Type, cases []codecCase[V]) {
	t.Helper()
	is.New(t).Equal(c.Type(), typ)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			av, err := c.Encode(&tc.v)
			is.NoErr(err)
			equal(t, av, tc.av)
			if tc.av == nil {
				return
			}
			var got V
			is.NoErr(c.Decode(av, &got))
			want := tc.v
			if tc.back != nil {
				want = *tc.back
			}
			equal(t, got, want)
		})
	}
}

func ptr[V any](v V) *V { return &v }

type emailAddr string
type points int16
type flag bool

func TestStringCodec(t *testing.T) {
	roundTrip(t, attr.StringCodec[string](), expr.TypeString, []codecCase[string]{
		{"empty", "", avS(""), nil},
		{"ascii", "hello", avS("hello"), nil},
		{"utf8", "héllo, 世界 🌍", avS("héllo, 世界 🌍"), nil},
		{"long", "0123456789abcdef0123456789abcdef", avS("0123456789abcdef0123456789abcdef"), nil},
	})
	roundTrip(t, attr.StringCodec[emailAddr](), expr.TypeString, []codecCase[emailAddr]{
		{"named", "a@b.c", avS("a@b.c"), nil},
	})
}

func TestBoolCodec(t *testing.T) {
	roundTrip(t, attr.BoolCodec[bool](), expr.TypeBool, []codecCase[bool]{
		{"false", false, avBool(false), nil},
		{"true", true, avBool(true), nil},
	})
	roundTrip(t, attr.BoolCodec[flag](), expr.TypeBool, []codecCase[flag]{
		{"named", true, avBool(true), nil},
	})
}

func TestNumberCodecEveryKind(t *testing.T) {
	roundTrip(t, attr.NumberCodec[int](), expr.TypeNumber, []codecCase[int]{
		{"zero", 0, avN("0"), nil},
		{"negative", -42, avN("-42"), nil},
		{"max", math.MaxInt, avN("9223372036854775807"), nil},
	})
	roundTrip(t, attr.NumberCodec[int8](), expr.TypeNumber, []codecCase[int8]{
		{"min", math.MinInt8, avN("-128"), nil},
		{"max", math.MaxInt8, avN("127"), nil},
	})
	roundTrip(t, attr.NumberCodec[int16](), expr.TypeNumber, []codecCase[int16]{{"min", math.MinInt16, avN("-32768"), nil}})
	roundTrip(t, attr.NumberCodec[int32](), expr.TypeNumber, []codecCase[int32]{{"max", math.MaxInt32, avN("2147483647"), nil}})
	roundTrip(t, attr.NumberCodec[int64](), expr.TypeNumber, []codecCase[int64]{{"min", math.MinInt64, avN("-9223372036854775808"), nil}})
	roundTrip(t, attr.NumberCodec[uint](), expr.TypeNumber, []codecCase[uint]{{"max", math.MaxUint, avN("18446744073709551615"), nil}})
	roundTrip(t, attr.NumberCodec[uint8](), expr.TypeNumber, []codecCase[uint8]{{"max", 255, avN("255"), nil}})
	roundTrip(t, attr.NumberCodec[uint16](), expr.TypeNumber, []codecCase[uint16]{{"max", 65535, avN("65535"), nil}})
	roundTrip(t, attr.NumberCodec[uint32](), expr.TypeNumber, []codecCase[uint32]{{"max", math.MaxUint32, avN("4294967295"), nil}})
	roundTrip(t, attr.NumberCodec[uint64](), expr.TypeNumber, []codecCase[uint64]{{"max", math.MaxUint64, avN("18446744073709551615"), nil}})
	roundTrip(t, attr.NumberCodec[uintptr](), expr.TypeNumber, []codecCase[uintptr]{{"small", 7, avN("7"), nil}})
	roundTrip(t, attr.NumberCodec[points](), expr.TypeNumber, []codecCase[points]{{"named", -3, avN("-3"), nil}})
	roundTrip(t, attr.NumberCodec[float32](), expr.TypeNumber, []codecCase[float32]{
		{"shortest", 0.1, avN("0.1"), nil},
		{"max", math.MaxFloat32, avN("3.4028235e+38"), nil},
	})
	roundTrip(t, attr.NumberCodec[float64](), expr.TypeNumber, []codecCase[float64]{
		{"zero", 0, avN("0"), nil},
		{"negative zero", math.Copysign(0, -1), avN("0"), ptr(0.0)},
		{"fraction", -1.25, avN("-1.25"), nil},
		{"large", 1e125, avN("1e+125"), nil},
		{"largest", 9.99999999999999e125, avN("9.99999999999999e+125"), nil},
		{"smallest", 1e-130, avN("1e-130"), nil},
		{"17 digits", 0.30000000000000004, avN("0.30000000000000004"), nil},
	})
}

func TestNumberCodecDecodesDynamoDBForms(t *testing.T) {
	is := is.New(t)
	var i int
	for _, s := range []string{"100", "1E+2", "1e2", "100.000", "0001E2"} {
		is.NoErr(attr.NumberCodec[int]().Decode(avN(s), &i)) // s
		is.Equal(i, 100)
	}
	var u uint8
	is.NoErr(attr.NumberCodec[uint8]().Decode(avN("2.55E2"), &u))
	is.Equal(u, uint8(255))
	var f float64
	is.NoErr(attr.NumberCodec[float64]().Decode(avN("0."+strings.Repeat("0", 129)+"1"), &f))
	is.Equal(f, 1e-130)
	var big int64
	is.NoErr(attr.NumberCodec[int64]().Decode(avN("-9.223372036854775808E18"), &big))
	is.Equal(big, int64(math.MinInt64))
}

func TestDecimalCodec(t *testing.T) {
	roundTrip(t, attr.DecimalCodec(), expr.TypeNumber, []codecCase[attr.Decimal]{
		{"zero", attr.Decimal{}, avN("0"), nil},
		{"cents", mustDecimal("12.50"), avN("12.50"), nil},
		{"38 digits", mustDecimal("12345678901234567890123456789012345678"), avN("12345678901234567890123456789012345678"), nil},
		{"38 digits and zeros", mustDecimal("1234567890123456789012345678901234567800"), avN("1234567890123456789012345678901234567800"), nil},
		{"largest", mustDecimal("9.9999999999999999999999999999999999999E+125"), avN("9.9999999999999999999999999999999999999E+125"), nil},
		{"smallest", mustDecimal("-1E-130"), avN("-1E-130"), nil},
	})
	is := is.New(t)
	var d attr.Decimal
	is.NoErr(attr.DecimalCodec().Decode(avN("100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"), &d))
	is.Equal(d.Cmp(mustDecimal("1E125")), 0)
}

func TestDecimal(t *testing.T) {
	is := is.New(t)
	d, err := attr.NewDecimal(1250, -2)
	is.NoErr(err)
	is.Equal(d.String(), "12.50")
	is.Equal(d.Cmp(mustDecimal("12.5")), 0)
	is.Equal(d.Cmp(mustDecimal("12.51")), -1)
	is.True(!d.IsZero())
	is.True(mustDecimal("-0").IsZero())
	is.Equal(mustDecimal("-0").String(), "0")

	a := d.Apd()
	a.Coeff.SetInt64(7) // changing the copy leaves d alone
	is.Equal(d.String(), "12.50")
	back, err := attr.DecimalFromApd(a)
	is.NoErr(err)
	is.Equal(back.String(), "0.07")

	text, err := d.MarshalText()
	is.NoErr(err)
	var u attr.Decimal
	is.NoErr(u.UnmarshalText(text))
	is.Equal(u, d)
	is.True(u.UnmarshalText([]byte("x")) != nil)
}

func TestBytesCodec(t *testing.T) {
	roundTrip(t, attr.BytesCodec(), expr.TypeBinary, []codecCase[[]byte]{
		{"nil is absent", nil, nil, nil},
		{"empty", []byte{}, avB([]byte{}), nil},
		{"data", []byte{0, 0xff, 'a'}, avB([]byte{0, 0xff, 'a'}), nil},
	})
}

func TestTimeCodec(t *testing.T) {
	paris := time.FixedZone("CEST", 2*3600)
	at := time.Date(2024, 5, 1, 14, 30, 15, 5, paris)
	roundTrip(t, attr.TimeCodec(), expr.TypeString, []codecCase[time.Time]{
		{"utc with nanoseconds", at.UTC(), avS("2024-05-01T12:30:15.000000005Z"), nil},
		{"zone becomes utc", at, avS("2024-05-01T12:30:15.000000005Z"), ptr(at.UTC())},
		{"zero", time.Time{}, avS("0001-01-01T00:00:00.000000000Z"), nil},
		{"last", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), avS("9999-12-31T23:59:59.999999999Z"), nil},
	})
	is := is.New(t)
	var got time.Time
	is.NoErr(attr.TimeCodec().Decode(avS("2024-05-01T14:30:15+02:00"), &got)) // RFC 3339 from other writers
	is.Equal(got, time.Date(2024, 5, 1, 12, 30, 15, 0, time.UTC))
	// The layout sorts as strings in time order.
	a, _ := attr.TimeCodec().Encode(ptr(time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)))
	b, _ := attr.TimeCodec().Encode(ptr(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)))
	is.True(a.(*types.AttributeValueMemberS).Value < b.(*types.AttributeValueMemberS).Value)
}

func TestEpochCodec(t *testing.T) {
	roundTrip(t, attr.EpochCodec(), expr.TypeNumber, []codecCase[time.Time]{
		{"seconds", time.Unix(1700000000, 0).UTC(), avN("1700000000"), nil},
		{"fraction dropped", time.Unix(1700000000, 900).UTC(), avN("1700000000"), ptr(time.Unix(1700000000, 0).UTC())},
		{"before 1970", time.Unix(-86400, 0).UTC(), avN("-86400"), nil},
	})
	is := is.New(t)
	var got time.Time
	is.NoErr(attr.EpochCodec().Decode(avN("1700000000.5"), &got))
	is.Equal(got, time.Unix(1700000000, 500000000).UTC())
}

func TestTextCodec(t *testing.T) {
	roundTrip(t, attr.TextCodec[netip.Addr](), expr.TypeString, []codecCase[netip.Addr]{
		{"ipv4", netip.MustParseAddr("192.0.2.1"), avS("192.0.2.1"), nil},
		{"ipv6", netip.MustParseAddr("2001:db8::1"), avS("2001:db8::1"), nil},
		{"zero", netip.Addr{}, avS(""), nil},
	})
	is := is.New(t)
	c := attr.TextCodec[netip.Addr]()
	is.True(c.IsEmpty(&netip.Addr{}))
	is.True(!c.IsEmpty(ptr(netip.MustParseAddr("::1"))))
}

type settings struct {
	Theme string `json:"theme"`
	Size  int    `json:"size,omitempty"`
}

func TestJSONCodec(t *testing.T) {
	roundTrip(t, attr.JSONCodec[settings](), expr.TypeString, []codecCase[settings]{
		{"struct", settings{"dark", 3}, avS(`{"theme":"dark","size":3}`), nil},
	})
	roundTrip(t, attr.JSONCodec[[]int](), expr.TypeString, []codecCase[[]int]{
		{"nil", nil, avS("null"), nil},
		{"slice", []int{1, 2}, avS("[1,2]"), nil},
	})
	is := is.New(t)
	c := attr.JSONCodec[settings]()
	is.True(!c.IsEmpty(&settings{Theme: "x"}))
	is.True(attr.JSONCodec[[]int]().IsEmpty(ptr([]int{})))
}

func TestPointerCodec(t *testing.T) {
	roundTrip(t, attr.PointerCodec(attr.StringCodec[string]()), expr.TypeString, []codecCase[*string]{
		{"nil is absent", nil, nil, nil},
		{"empty string", ptr(""), avS(""), nil},
		{"value", ptr("x"), avS("x"), nil},
	})
	is := is.New(t)
	c := attr.PointerCodec(attr.NumberCodec[int]())
	p := ptr(5)
	is.NoErr(c.Decode(avNull(), &p))
	is.Equal(p, (*int)(nil))
	is.True(c.IsEmpty(&p))
	is.True(!c.IsEmpty(ptr(ptr(0))))
}

func TestListCodec(t *testing.T) {
	roundTrip(t, attr.ListCodec(attr.StringCodec[string]()), expr.TypeList, []codecCase[[]string]{
		{"nil is absent", nil, nil, nil},
		{"empty", []string{}, avL(), nil},
		{"strings", []string{"a", "b", "a"}, avL(avS("a"), avS("b"), avS("a")), nil},
	})
	roundTrip(t, attr.ListCodec(attr.PointerCodec(attr.NumberCodec[int]())), expr.TypeList, []codecCase[[]*int]{
		{"nil element is NULL", []*int{ptr(1), nil}, avL(avN("1"), avNull()), nil},
	})
	roundTrip(t, attr.ListCodec(attr.ListCodec(attr.BoolCodec[bool]())), expr.TypeList, []codecCase[[][]bool]{
		{"nested", [][]bool{{true}, {}}, avL(avL(avBool(true)), avL()), nil},
	})
	roundTrip(t, attr.ListCodec(attr.StructCodec(sku, qty)), expr.TypeList, []codecCase[[]Line]{
		{"structs", []Line{{"a", 1}}, avL(avM(map[string]types.AttributeValue{"sku": avS("a"), "qty": avN("1")})), nil},
	})
}

func TestMapCodec(t *testing.T) {
	roundTrip(t, attr.MapCodec(attr.StringCodec[string]()), expr.TypeMap, []codecCase[map[string]string]{
		{"nil is absent", nil, nil, nil},
		{"empty", map[string]string{}, avM(map[string]types.AttributeValue{}), nil},
		{"values", map[string]string{"a": "x", "": "empty key"}, avM(map[string]types.AttributeValue{"a": avS("x"), "": avS("empty key")}), nil},
	})
	roundTrip(t, attr.MapCodec(attr.PointerCodec(attr.TimeCodec())), expr.TypeMap, []codecCase[map[string]*time.Time]{
		{"nil value is NULL", map[string]*time.Time{"never": nil}, avM(map[string]types.AttributeValue{"never": avNull()}), nil},
	})
	roundTrip(t, attr.MapCodec(attr.StructCodec(sku, qty)), expr.TypeMap, []codecCase[map[string]Line]{
		{"structs", map[string]Line{"x": {"a", 1}}, avM(map[string]types.AttributeValue{"x": avM(map[string]types.AttributeValue{"sku": avS("a"), "qty": avN("1")})}), nil},
	})
	is := is.New(t)
	var m map[string]int
	is.NoErr(attr.MapCodec(attr.NumberCodec[int]()).Decode(avM(map[string]types.AttributeValue{"z": avNull()}), &m))
	equal(t, m, map[string]int{"z": 0})
}

func TestStructCodec(t *testing.T) {
	c := attr.StructCodec(city, zip, codes)
	roundTrip(t, c, expr.TypeMap, []codecCase[Address]{
		{"zero", Address{}, avM(map[string]types.AttributeValue{"city": avS(""), "zip": avN("0")}), nil},
		{"full", Address{"Paris", 75001, []string{"a"}}, avM(map[string]types.AttributeValue{"city": avS("Paris"), "zip": avN("75001"), "codes": avSS("a")}), nil},
	})
	is := is.New(t)
	is.True(c.IsEmpty(&Address{}))
	is.True(!c.IsEmpty(&Address{Zip: 1}))
	// A struct codec with a mistake reports it on every use.
	bad := attr.StructCodec(city, city)
	_, err := bad.Encode(&Address{})
	is.True(err != nil)
	is.True(bad.Decode(avM(nil), &Address{}) != nil)
	is.True(!bad.IsEmpty(&Address{}))
}
