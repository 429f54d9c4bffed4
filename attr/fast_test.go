package attr_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
)

// The Schema's fast paths (fields read and written at their offset, lists
// of structs decoded by the element schema directly) must do exactly what
// the general path does. The tests below run one set of descriptors on
// two item types: opItem, whose accessors select its fields (fast), and
// opRef, whose accessors go through a pointer (general: the accessor is
// called, and no offset is known), and compare the results on random
// items and attribute maps.

type opLabel string

// opItem has a field of every kind with a fast path, and a few with
// options, which only the general path applies.
type opItem struct {
	S   string
	L   opLabel
	P   *string
	B   bool
	I   int
	I8  int8
	I16 int16
	I32 int32
	I64 int64
	U   uint
	U8  uint8
	U16 uint16
	U32 uint32
	U64 uint64
	F32 float32
	F64 float64

	DefS  string   // Default("dflt")
	OmitI int      // OmitEmpty
	ReqP  *string  // Required
	ValF  float64  // Validate: not negative
	List  []opItem // a list of structs
	Plain []int    // lists and maps of scalars
	Strs  []opLabel
	Map   map[string]string
	Flags map[string]bool
	F32s  map[string]float32
}

type opRef struct{ x *opItem }

// opFields returns the descriptors of opItem's fields, reached by get.
// hide hides the codecs of the lists and maps of scalars (see hiddenCodec).
func opFields[T any](get func(*T) *opItem, elem attr.Codec[opItem], hide bool) []attr.Field[T] {
	nonNegative := func(f float64) error {
		if f < 0 {
			return errors.New("negative")
		}
		return nil
	}
	fs := []attr.Field[T]{
		attr.String("s", func(t *T) *string { return &get(t).S }),
		attr.String("l", func(t *T) *opLabel { return &get(t).L }),
		attr.Pointer("p", func(t *T) **string { return &get(t).P }, attr.StringCodec[string]()),
		attr.Bool("b", func(t *T) *bool { return &get(t).B }),
		attr.Int("i", func(t *T) *int { return &get(t).I }),
		attr.Number("i8", func(t *T) *int8 { return &get(t).I8 }),
		attr.Number("i16", func(t *T) *int16 { return &get(t).I16 }),
		attr.Number("i32", func(t *T) *int32 { return &get(t).I32 }),
		attr.Number("i64", func(t *T) *int64 { return &get(t).I64 }),
		attr.Number("u", func(t *T) *uint { return &get(t).U }),
		attr.Number("u8", func(t *T) *uint8 { return &get(t).U8 }),
		attr.Number("u16", func(t *T) *uint16 { return &get(t).U16 }),
		attr.Number("u32", func(t *T) *uint32 { return &get(t).U32 }),
		attr.Number("u64", func(t *T) *uint64 { return &get(t).U64 }),
		attr.Number("f32", func(t *T) *float32 { return &get(t).F32 }),
		attr.Number("f64", func(t *T) *float64 { return &get(t).F64 }),
		attr.String("defs", func(t *T) *string { return &get(t).DefS }, attr.Default("dflt")),
		attr.Int("omiti", func(t *T) *int { return &get(t).OmitI }, attr.OmitEmpty),
		attr.Pointer("reqp", func(t *T) **string { return &get(t).ReqP }, attr.StringCodec[string](), attr.Required),
		attr.Number("valf", func(t *T) *float64 { return &get(t).ValF }, attr.Validate(nonNegative)),
		attr.List("plain", func(t *T) *[]int { return &get(t).Plain }, hidden(attr.NumberCodec[int](), hide)),
		attr.List("strs", func(t *T) *[]opLabel { return &get(t).Strs }, hidden(attr.StringCodec[opLabel](), hide)),
		attr.Map("map", func(t *T) *map[string]string { return &get(t).Map }, hidden(attr.StringCodec[string](), hide)),
		attr.Map("flags", func(t *T) *map[string]bool { return &get(t).Flags }, hidden(attr.BoolCodec[bool](), hide)),
		attr.Map("f32s", func(t *T) *map[string]float32 { return &get(t).F32s }, hidden(attr.NumberCodec[float32](), hide)),
	}
	if elem != nil {
		fs = append(fs, attr.List("list", func(t *T) *[]opItem { return &get(t).List }, elem))
	}
	return fs
}

// hiddenCodec hides a codec's type, so ListCodec cannot see it is a
// StructCodec and takes its general path.
type hiddenCodec[V any] struct{ attr.Codec[V] }

// hidden returns c, hidden when hide is set.
func hidden[V any](c attr.Codec[V], hide bool) attr.Codec[V] {
	if hide {
		return hiddenCodec[V]{c}
	}
	return c
}

// opSchemas returns the fast schema of opItem and the general one of
// opRef, with the same descriptors. The elements of the list of structs
// are opItems in both; the general schema hides their codec, so the list
// calls the StructCodec as any other codec (its fields take their fast
// paths, which the top-level fields test).
func opSchemas(t *testing.T) (*attr.Schema[opItem], *attr.Schema[opRef]) {
	t.Helper()
	self := func(x *opItem) *opItem { return x }
	deref := func(r *opRef) *opItem { return r.x }
	fast, err := attr.NewSchema(opFields(self, attr.StructCodec(opFields(self, nil, false)...), false)...)
	if err != nil {
		t.Fatal(err)
	}
	general, err := attr.NewSchema(opFields(deref, hiddenCodec[opItem]{attr.StructCodec(opFields(self, nil, true)...)}, true)...)
	if err != nil {
		t.Fatal(err)
	}
	return fast, general
}

// randomString returns a random string: empty, ASCII, long, non-ASCII or invalid
// UTF-8.
func randomString(r *rand.Rand) string {
	switch r.IntN(6) {
	case 0:
		return ""
	case 1:
		return "h\xffllo"
	case 2:
		return strings.Repeat("long text ", 1+r.IntN(4))
	case 3:
		return "café ☕"
	}
	return "s" + strconv.Itoa(r.IntN(1000))
}

var floatEdges = []float64{0, math.Copysign(0, -1), 1.5, -2.25, 1e125, 1e126, 1e-130, 1e-131, 5e-324,
	math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1), 3.4e38, 1.0 / 3}

// randomItem returns a random opItem with edge values; depth bounds its
// list of structs.
func randomItem(r *rand.Rand, depth int) opItem {
	// Half the items hold only values that encode: valid UTF-8, finite
	// floats DynamoDB holds, the required pointer set.
	clean := r.IntN(2) == 0
	str := func() string {
		v := randomString(r)
		if clean && !utf8.ValidString(v) {
			return "clean"
		}
		return v
	}
	s := func() *string {
		if r.IntN(3) == 0 {
			return nil
		}
		v := str()
		return &v
	}
	bits := func() uint64 {
		switch r.IntN(4) {
		case 0:
			return 0
		case 1:
			return math.MaxUint64
		case 2:
			return 1 << 63
		}
		return r.Uint64() >> r.IntN(64)
	}
	f := func() float64 {
		if clean {
			return float64(float32(r.NormFloat64() * 1e6))
		}
		return floatEdges[r.IntN(len(floatEdges))]
	}
	x := opItem{
		S: "x" + str(), L: opLabel(str()), P: s(), B: r.IntN(2) == 0,
		I: int(bits()), I8: int8(bits()), I16: int16(bits()), I32: int32(bits()), I64: int64(bits()),
		U: uint(bits()), U8: uint8(bits()), U16: uint16(bits()), U32: uint32(bits()), U64: bits(),
		F32: float32(f()), F64: f(),
		DefS: str(), OmitI: int(bits() % 3), ReqP: s(), ValF: f(),
	}
	if clean && x.ReqP == nil {
		x.ReqP = new(string)
	}
	if clean {
		x.ValF = math.Abs(x.ValF)
		x = cleanScalars(x)
	}
	if r.IntN(3) > 0 {
		x.Plain = []int{int(bits()), 0}
		x.Strs = []opLabel{opLabel(str()), ""}
		x.Map = map[string]string{"a": str(), str(): "b"}
		x.Flags = map[string]bool{"t": true, "f": false}
		x.F32s = map[string]float32{"x": float32(f()), "y": 0}
	}
	if depth > 0 && r.IntN(3) > 0 {
		x.List = make([]opItem, r.IntN(3))
		for i := range x.List {
			x.List[i] = randomItem(r, depth-1)
			if clean {
				x.List[i] = cleanItem(x.List[i])
			}
		}
	}
	return x
}

// cleanItem returns x with the values that fail to encode replaced.
func cleanItem(x opItem) opItem {
	for _, p := range []*string{&x.S, (*string)(&x.L), x.P, &x.DefS, x.ReqP} {
		if p != nil && !utf8.ValidString(*p) {
			*p = "clean"
		}
	}
	if x.ReqP == nil {
		x.ReqP = new(string)
	}
	for _, f := range []*float64{&x.F64, &x.ValF} {
		if *f != *f || math.IsInf(*f, 0) || *f != 0 && (math.Abs(*f) >= 1e126 || math.Abs(*f) < 1e-130) {
			*f = 1
		}
	}
	x.ValF = math.Abs(x.ValF)
	if f := float64(x.F32); f != f || math.IsInf(f, 0) || f != 0 && math.Abs(f) < 1e-130 {
		x.F32 = 1
	}
	for i := range x.List {
		x.List[i] = cleanItem(x.List[i])
	}
	return cleanScalars(x)
}

// cleanScalars replaces the values of x's lists and maps of scalars that
// fail to encode.
func cleanScalars(x opItem) opItem {
	for i, s := range x.Strs {
		if !utf8.ValidString(string(s)) {
			x.Strs[i] = "clean"
		}
	}
	if x.Map != nil {
		m := make(map[string]string, len(x.Map))
		for k, v := range x.Map {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				k, v = "clean"+strconv.Itoa(len(m)), "clean"
			}
			m[k] = v
		}
		x.Map = m
	}
	for k, f := range x.F32s {
		if f != f || math.IsInf(float64(f), 0) {
			x.F32s[k] = 1
		}
	}
	return x
}

// randomAV returns a random attribute value: absent, NULL, a value of any
// type, or a number text at the edges.
func randomAV(r *rand.Rand, depth int) types.AttributeValue {
	switch r.IntN(12) {
	case 0:
		return nil
	case 1:
		return &types.AttributeValueMemberNULL{Value: true}
	case 2:
		return &types.AttributeValueMemberS{Value: randomString(r)}
	case 3:
		return &types.AttributeValueMemberBOOL{Value: r.IntN(2) == 0}
	case 4:
		return &types.AttributeValueMemberSS{Value: []string{"a"}}
	case 5:
		if depth > 0 {
			return &types.AttributeValueMemberL{Value: []types.AttributeValue{
				randomAV(r, 0),
				&types.AttributeValueMemberNULL{Value: true},
				&types.AttributeValueMemberM{Value: randomMap(r, depth-1)},
			}}
		}
	case 7:
		return &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"k": randomAV(r, 0), "l": randomAV(r, 0), "n": &types.AttributeValueMemberN{Value: randomNumber(r)},
		}}
	case 8:
		return &types.AttributeValueMemberL{Value: []types.AttributeValue{randomAV(r, 0), randomAV(r, 0)}}
	case 6:
		if depth > 0 {
			return &types.AttributeValueMemberM{Value: randomMap(r, depth-1)}
		}
	}
	return &types.AttributeValueMemberN{Value: randomNumber(r)}
}

var numberEdges = []string{"0", "-0", "007", "-1", "+5", "127", "128", "-128", "-129", "255", "256",
	"32767", "32768", "65535", "65536", "2147483647", "2147483648", "-2147483649", "4294967295", "4294967296",
	"999999999999999999", "1234567890123456789", "9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
	"1e3", "1E+2", "100.0", "1.5", "-0.5", "3.5e38", "1e-50", "1e400", "", "abc", "1_0", "NaN", "Infinity"}

func randomNumber(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return numberEdges[r.IntN(len(numberEdges))]
	}
	return strconv.FormatInt(r.Int64()>>r.IntN(64)*int64(1-2*r.IntN(2)), 10)
}

var opNames = []string{"s", "l", "p", "b", "i", "i8", "i16", "i32", "i64", "u", "u8", "u16", "u32", "u64",
	"f32", "f64", "defs", "omiti", "reqp", "valf", "plain", "strs", "map", "flags", "f32s", "list"}

// randomMap returns an attribute map with a value, or none, for each of
// opItem's names: any value at all in half the maps, and in the others a
// value of the field's type, valid for it but in its variants (leading
// zeros, exponents, "-0", NULL...), so that decoding often succeeds.
func randomMap(r *rand.Rand, depth int) map[string]types.AttributeValue {
	return randomMapOf(r, depth, r.IntN(2) == 0)
}

// randomMapOf is randomMap, with any values at all when chaos is set.
func randomMapOf(r *rand.Rand, depth int, chaos bool) map[string]types.AttributeValue {
	m := make(map[string]types.AttributeValue)
	for _, n := range opNames {
		var av types.AttributeValue
		if chaos || r.IntN(100) == 0 {
			av = randomAV(r, depth)
		} else {
			av = plausibleAV(r, n, depth)
		}
		if av != nil {
			m[n] = av
		}
	}
	return m
}

// validInts are integer texts every integer field holds.
var validInts = []string{"0", "00", "007", "1e2", "1E+1", "100.0", "5", "127"}

// plausibleAV returns a value of the type of the field stored as name.
func plausibleAV(r *rand.Rand, name string, depth int) types.AttributeValue {
	switch name {
	case "s", "l", "p", "defs", "reqp":
		if name != "reqp" && r.IntN(8) == 0 {
			return nil
		}
		return &types.AttributeValueMemberS{Value: randomString(r)}
	case "b":
		return &types.AttributeValueMemberBOOL{Value: r.IntN(2) == 0}
	case "f32", "f64", "valf":
		return &types.AttributeValueMemberN{Value: strconv.FormatFloat(r.NormFloat64()*1e3, 'g', -1, 32)}
	case "plain":
		return &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberN{Value: validInts[r.IntN(len(validInts))]},
			&types.AttributeValueMemberNULL{Value: true},
		}}
	case "strs":
		return &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberS{Value: randomString(r)},
			&types.AttributeValueMemberNULL{Value: true},
		}}
	case "map", "flags", "f32s":
		v := map[string]types.AttributeValue{"z": &types.AttributeValueMemberNULL{Value: true}}
		for _, k := range []string{"a", "b", randomString(r)} {
			switch name {
			case "map":
				v[k] = &types.AttributeValueMemberS{Value: randomString(r)}
			case "flags":
				v[k] = &types.AttributeValueMemberBOOL{Value: r.IntN(2) == 0}
			default:
				v[k] = &types.AttributeValueMemberN{Value: strconv.FormatFloat(r.NormFloat64(), 'g', -1, 32)}
			}
		}
		return &types.AttributeValueMemberM{Value: v}
	case "list":
		if depth == 0 || r.IntN(4) == 0 {
			return nil
		}
		l := make([]types.AttributeValue, r.IntN(3))
		for i := range l {
			l[i] = &types.AttributeValueMemberM{Value: randomMapOf(r, depth-1, false)}
		}
		return &types.AttributeValueMemberL{Value: l}
	}
	if r.IntN(8) == 0 {
		return &types.AttributeValueMemberNULL{Value: true}
	}
	if r.IntN(2) == 0 {
		return &types.AttributeValueMemberN{Value: strconv.Itoa(r.IntN(128))}
	}
	return &types.AttributeValueMemberN{Value: validInts[r.IntN(len(validInts))]}
}

// sameItem compares two items field by field, NaN equal to NaN.
func sameItem(t *testing.T, what string, got, want opItem) {
	t.Helper()
	var n func(x opItem) opItem
	n = func(x opItem) opItem {
		if x.F32 != x.F32 {
			x.F32 = 0.125
		}
		if x.F64 != x.F64 {
			x.F64 = 0.125
		}
		if x.ValF != x.ValF {
			x.ValF = 0.125
		}
		if x.List != nil {
			l := make([]opItem, len(x.List))
			for i := range x.List {
				l[i] = n(x.List[i])
			}
			x.List = l
		}
		return x
	}
	if g, w := n(got), n(want); !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: fast path gave\n%+v\ngeneral path\n%+v", what, g, w)
	}
}

// sameErr compares the errors of the two paths. A map attribute holding
// several bad values may report any of them (maps have no order): for
// those, the errors need only agree on the map attribute.
func sameErr(t *testing.T, what string, got, want error) {
	t.Helper()
	var g, w *attr.Error
	if errors.As(got, &g) && errors.As(want, &w) && g.Attr != w.Attr {
		if pg, ok := mapPath(g.Attr); ok && pg == strings.Join(strings.SplitAfterN(w.Attr, ".", strings.Count(pg, ".")+1)[:strings.Count(pg, ".")], "") {
			return
		}
	}
	// The messages name the model: opItem on one side, opRef on the other.
	if (got == nil) != (want == nil) || got != nil && got.Error() != strings.ReplaceAll(want.Error(), "opRef", "opItem") {
		t.Fatalf("%s: fast path error %v, general path %v", what, got, want)
	}
}

func TestSchemaFastPathsMatchGeneral(t *testing.T) {
	fast, general := opSchemas(t)
	r := rand.New(rand.NewPCG(3, 4))
	t.Run("encode", func(t *testing.T) {
		ok := 0
		defer func() { checkCoverage(t, ok, 5000) }()
		for n := range 5000 {
			x := randomItem(r, 2)
			a, b := clone(x), clone(x)
			got, err := fast.Encode(&a)
			want, werr := general.Encode(&opRef{&b})
			what := "encode #" + strconv.Itoa(n)
			sameErr(t, what, err, werr)
			sameItem(t, what, a, b) // defaults written alike
			if err == nil {
				ok++
			}
			if err == nil && !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: fast path wrote\n%v\ngeneral path\n%v", what, got, want)
			}
		}
	})
	t.Run("decode", func(t *testing.T) {
		ok := 0
		defer func() { checkCoverage(t, ok, 20000) }()
		for n := range 20000 {
			m := randomMap(r, 2)
			var a, b opItem
			err := fast.Decode(m, &a)
			werr := general.Decode(m, &opRef{&b})
			what := "decode #" + strconv.Itoa(n)
			sameErr(t, what, err, werr)
			if err == nil {
				ok++
			}
			sameItem(t, what, a, b)
		}
	})
	t.Run("round trip", func(t *testing.T) {
		for n := range 2000 {
			x := randomItem(r, 2)
			m, err := fast.Encode(&x)
			if err != nil {
				continue
			}
			var a, b opItem
			err = fast.Decode(m, &a)
			werr := general.Decode(m, &opRef{&b})
			what := "round trip #" + strconv.Itoa(n)
			sameErr(t, what, err, werr)
			sameItem(t, what, a, b)
		}
	})
}

// checkCoverage fails a comparison whose random inputs mostly failed:
// they would compare errors only, not the values written.
func checkCoverage(t *testing.T, ok, n int) {
	t.Helper()
	t.Logf("%d of %d succeeded", ok, n)
	if !t.Failed() && ok < n/5 {
		t.Errorf("only %d of %d random inputs succeeded", ok, n)
	}
}

// mapPath returns the path p up to the first attribute of a map type
// ("list[1].flags."), and whether there is one.
func mapPath(p string) (string, bool) {
	parts := strings.SplitAfter(p, ".")
	for i, part := range parts {
		name, _, _ := strings.Cut(strings.TrimSuffix(part, "."), "[")
		if (name == "map" || name == "flags" || name == "f32s") && i+1 < len(parts) {
			return strings.Join(parts[:i+1], ""), true
		}
	}
	return "", false
}

// clone copies x deeply enough that encoding one copy (which writes
// defaults) leaves the other alone.
func clone(x opItem) opItem {
	if x.List != nil {
		l := make([]opItem, len(x.List))
		for i := range x.List {
			l[i] = clone(x.List[i])
		}
		x.List = l
	}
	return x
}

func TestListOfStructsFastPath(t *testing.T) {
	fast, _ := opSchemas(t)
	f, ok := fast.Field("list")
	if !ok {
		t.Fatal("no list field")
	}
	elem := func(s string) types.AttributeValue {
		return &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"s": &types.AttributeValueMemberS{Value: s}, "reqp": &types.AttributeValueMemberS{Value: "r"},
		}}
	}
	t.Run("empty list", func(t *testing.T) {
		is := is.New(t)
		x := opItem{List: []opItem{}}
		av, err := f.Encode(&x)
		is.NoErr(err)
		is.Equal(av, types.AttributeValue(&types.AttributeValueMemberL{Value: []types.AttributeValue{}}))
		var y opItem
		is.NoErr(f.Decode(av, &y))
		is.True(y.List != nil)
		is.Equal(len(y.List), 0)
	})
	t.Run("nil list is absent", func(t *testing.T) {
		is := is.New(t)
		av, err := f.Encode(&opItem{})
		is.NoErr(err)
		is.Equal(av, nil)
	})
	t.Run("NULL element is the zero value", func(t *testing.T) {
		is := is.New(t)
		var y opItem
		is.NoErr(f.Decode(&types.AttributeValueMemberL{Value: []types.AttributeValue{
			elem("a"), &types.AttributeValueMemberNULL{Value: true}, elem("c"),
		}}, &y))
		is.Equal(len(y.List), 3)
		is.Equal(y.List[0].S, "a")
		is.Equal(y.List[1].S, "")
		is.Equal(y.List[2].S, "c")
	})
	t.Run("element of the wrong type", func(t *testing.T) {
		var y opItem
		err := f.Decode(&types.AttributeValueMemberL{Value: []types.AttributeValue{
			elem("a"), &types.AttributeValueMemberS{Value: "b"},
		}}, &y)
		isAttrError(t, err, "opItem", "list[1]", attr.ErrType)
	})
	t.Run("error inside an element", func(t *testing.T) {
		var y opItem
		bad := elem("a")
		bad.(*types.AttributeValueMemberM).Value["i8"] = &types.AttributeValueMemberN{Value: "300"}
		err := f.Decode(&types.AttributeValueMemberL{Value: []types.AttributeValue{elem("a"), bad}}, &y)
		isAttrError(t, err, "opItem", "list[1].i8", attr.ErrNumberRange)
	})
}

func TestStructCodecNilValue(t *testing.T) {
	// The fast paths write at an offset from the item: a nil item must
	// take the general path, which reports it.
	is := is.New(t)
	c := attr.StructCodec(opFields(func(x *opItem) *opItem { return x }, nil, false)...)
	err := c.Decode(&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
		"s": &types.AttributeValueMemberS{Value: "a"},
	}}, nil)
	is.True(errors.Is(err, attr.ErrNoValue))
	av, err := c.Encode(nil)
	is.NoErr(err)
	is.Equal(av, nil)
}

func TestFastPathsNamedTypesAndPointers(t *testing.T) {
	// A named string type, a pointer to a string and numbers at the limits
	// of their sizes, through the fast paths both ways.
	is := is.New(t)
	fast, _ := opSchemas(t)
	p, rq := "ptr", ""
	x := opItem{S: "s", L: "label", P: &p, ReqP: &rq, B: true,
		I: math.MinInt, I8: math.MinInt8, I16: math.MaxInt16, I32: math.MinInt32, I64: math.MaxInt64,
		U: math.MaxUint, U8: math.MaxUint8, U16: math.MaxUint16, U32: math.MaxUint32, U64: math.MaxUint64,
		F32: math.MaxFloat32, F64: -0.5}
	m, err := fast.Encode(&x)
	is.NoErr(err)
	is.Equal(m["l"], types.AttributeValue(&types.AttributeValueMemberS{Value: "label"}))
	is.Equal(m["p"], types.AttributeValue(&types.AttributeValueMemberS{Value: "ptr"}))
	is.Equal(m["i"], types.AttributeValue(&types.AttributeValueMemberN{Value: "-9223372036854775808"}))
	is.Equal(m["i8"], types.AttributeValue(&types.AttributeValueMemberN{Value: "-128"}))
	is.Equal(m["u64"], types.AttributeValue(&types.AttributeValueMemberN{Value: "18446744073709551615"}))
	is.Equal(m["f32"], types.AttributeValue(&types.AttributeValueMemberN{Value: "3.4028235e+38"}))
	is.Equal(m["defs"], types.AttributeValue(&types.AttributeValueMemberS{Value: "dflt"}))
	_, present := m["omiti"]
	is.True(!present) // OmitEmpty
	var y opItem
	is.NoErr(fast.Decode(m, &y))
	is.True(y.P != x.P) // a new pointer
	is.Equal(*y.P, "ptr")
	x.DefS = "dflt" // Encode wrote the default into x
	y.P = x.P
	y.ReqP = x.ReqP
	is.Equal(y, x)

	x.F64 = math.NaN()
	_, err = fast.Encode(&x)
	isAttrError(t, err, "opItem", "f64", attr.ErrInvalidNumber)
	x.F64 = 0
	x.P = nil // absent
	m, err = fast.Encode(&x)
	is.NoErr(err)
	_, present = m["p"]
	is.True(!present)
	x.ReqP = nil
	_, err = fast.Encode(&x)
	isAttrError(t, err, "opItem", "reqp", attr.ErrRequired)
}
