package attr_test

import (
	"errors"
	"math"
	"net/netip"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

var errNegative = errors.New("negative")

type netipAddr = netip.Addr

func TestEncodeErrors(t *testing.T) {
	bad := string([]byte{'a', 0xff})
	strict := attr.StringSet("tags", func(t *Thread) *[]string { return &t.Tags }) // no OmitEmpty
	strictMap := attr.StringSetMap("labels", func(t *Thread) *map[string]struct{} { return &t.Labels })
	ints := attr.NumberSet("ratings", func(t *Thread) *[]int { return &t.Ratings })
	bins := attr.BinarySet("body", func(t *Thread) *[][]byte { return nil })
	required := attr.Pointer("nick", func(t *Thread) **string { return &t.Nick }, attr.StringCodec[string](), attr.Required)
	requiredEmpty := attr.String("forum", func(t *Thread) *string { return &t.Forum }, attr.OmitEmpty, attr.Required)
	positive := attr.Int("views", func(t *Thread) *int { return &t.Views },
		attr.Validate(func(v int) error {
			if v < 0 {
				return errNegative
			}
			return nil
		}))
	for _, tc := range []struct {
		name     string
		field    attr.Field[Thread]
		item     Thread
		path     string
		category error
		message  string
	}{
		{"nil set", strict, Thread{}, "tags", attr.ErrEmptySet, ""},
		{"empty set", strict, Thread{Tags: []string{}}, "tags", attr.ErrEmptySet,
			"gonamo/attr: Thread.tags: empty set: DynamoDB cannot store an empty set (omit it with OmitEmpty)"},
		{"empty map set", strictMap, Thread{Labels: map[string]struct{}{}}, "labels", attr.ErrEmptySet, ""},
		{"empty number set", attr.NumberSet("ratings", func(t *Thread) *[]int { return &t.Ratings }), Thread{}, "ratings", attr.ErrEmptySet, ""},
		{"duplicate", strict, Thread{Tags: []string{"a", "b", "a"}}, "tags", attr.ErrDuplicate,
			`gonamo/attr: Thread.tags: duplicate set element: "a"`},
		{"duplicate number", ints, Thread{Ratings: []int{1, 1}}, "ratings", attr.ErrDuplicate, ""},
		{"invalid UTF-8", forum, Thread{Forum: bad}, "forum", attr.ErrInvalidUTF8,
			`gonamo/attr: Thread.forum: invalid UTF-8: "a\xff"`},
		{"invalid UTF-8 in a set", strict, Thread{Tags: []string{"ok", bad}}, "tags", attr.ErrInvalidUTF8, ""},
		{"invalid UTF-8 map key", meta, Thread{Meta: map[string]string{bad: "x"}}, "meta.a\xff", attr.ErrInvalidUTF8, ""},
		{"invalid UTF-8 map value", meta, Thread{Meta: map[string]string{"k": bad}}, "meta.k", attr.ErrInvalidUTF8, ""},
		{"invalid UTF-8 in a list of structs", lines, Thread{Lines: []Line{{"a", 1}, {bad, 2}}}, "lines[1].sku", attr.ErrInvalidUTF8, ""},
		{"invalid UTF-8 in a struct", addr, Thread{Addr: Address{City: bad}}, "addr.city", attr.ErrInvalidUTF8, ""},
		{"invalid UTF-8 in a set in a struct", addr, Thread{Addr: Address{Codes: []string{bad}}}, "addr.codes", attr.ErrInvalidUTF8, ""},
		{"NaN", score, Thread{Score: math.NaN()}, "score", attr.ErrInvalidNumber,
			"gonamo/attr: Thread.score: invalid number: NaN"},
		{"+Inf", score, Thread{Score: math.Inf(1)}, "score", attr.ErrInvalidNumber, ""},
		{"-Inf", score, Thread{Score: math.Inf(-1)}, "score", attr.ErrInvalidNumber, ""},
		{"too large", score, Thread{Score: 1e126}, "score", attr.ErrNumberRange,
			"gonamo/attr: Thread.score: number out of range: 1e+126 outside DynamoDB's magnitudes 1e-130 to 9.99e125"},
		{"too small", score, Thread{Score: -1e-131}, "score", attr.ErrNumberRange, ""},
		{"float max", score, Thread{Score: math.MaxFloat64}, "score", attr.ErrNumberRange, ""},
		{"time after 9999", updated, Thread{Updated: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, "updated", attr.ErrTimeRange, ""},
		{"time before 0000", updated, Thread{Updated: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}, "updated", attr.ErrTimeRange, ""},
		{"required nil pointer", required, Thread{}, "nick", attr.ErrRequired,
			"gonamo/attr: Thread.nick: required attribute missing"},
		{"required omitted empty", requiredEmpty, Thread{}, "forum", attr.ErrRequired, ""},
		{"validation", positive, Thread{Views: -1}, "views", attr.ErrValidation,
			"gonamo/attr: Thread.views: validation failed: negative"},
		{"duplicate binary", attr.BinarySet("b", func(t *Thread) *[][]byte { return &[][]byte{{1}, {1}} }), Thread{}, "b", attr.ErrDuplicate, ""},
		{"empty binary set", attr.BinarySet("b", func(t *Thread) *[][]byte { return &[][]byte{} }), Thread{}, "b", attr.ErrEmptySet, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.field.Encode(&tc.item)
			isAttrError(t, err, "Thread", tc.path, tc.category)
			if tc.message != "" && err.Error() != tc.message {
				t.Errorf("message %q, want %q", err.Error(), tc.message)
			}
		})
	}
	t.Run("validation keeps the cause", func(t *testing.T) {
		_, err := positive.Encode(&Thread{Views: -1})
		is.New(t).True(errors.Is(err, errNegative))
	})
	t.Run("accessor returning nil is absent", func(t *testing.T) {
		av, err := bins.Encode(&Thread{})
		is := is.New(t)
		is.NoErr(err)
		is.Equal(av, nil)
	})
	t.Run("schema stops at the first error", func(t *testing.T) {
		s := threadSchema(t)
		item := fullThread()
		item.Score = math.NaN()
		m, err := s.Encode(item)
		isAttrError(t, err, "Thread", "score", attr.ErrInvalidNumber)
		is.New(t).Equal(m, nil)
	})
}

func TestDecodeErrors(t *testing.T) {
	int8s := attr.Number("n", func(t *Thread) *int8 { return new(int8) })
	uints := attr.Number("n", func(t *Thread) *uint { return new(uint) })
	float32s := attr.Number("n", func(t *Thread) *float32 { return new(float32) })
	epoch := attr.Epoch("n", func(t *Thread) *time.Time { return &t.Expires })
	req := attr.String("forum", func(t *Thread) *string { return &t.Forum }, attr.Required)
	nilAccessor := attr.String("forum", func(t *Thread) *string { return nil })
	for _, tc := range []struct {
		name     string
		field    attr.Field[Thread]
		av       types.AttributeValue
		path     string
		category error
		message  string
	}{
		{"S into a number", views, avS("3"), "views", attr.ErrType,
			"gonamo/attr: Thread.views: type mismatch: want N, got S"},
		{"N into a string", forum, avN("3"), "forum", attr.ErrType, ""},
		{"L into a set", tags, avL(), "tags", attr.ErrType, ""},
		{"NS into a string set", tags, avNS("1"), "tags", attr.ErrType, ""},
		{"SS into a number set", attr.NumberSet("n", func(t *Thread) *[]int { return &t.Ratings }), avSS("a"), "n", attr.ErrType, ""},
		{"M into a list", lines, avM(nil), "lines", attr.ErrType, ""},
		{"S into a struct", addr, avS("x"), "addr", attr.ErrType, ""},
		{"wrong type in a struct", addr, avM(map[string]types.AttributeValue{"zip": avS("x")}), "addr.zip", attr.ErrType, ""},
		{"wrong type in a list", lines, avL(avM(nil), avM(map[string]types.AttributeValue{"qty": avBool(true)})), "lines[1].qty", attr.ErrType, ""},
		{"wrong type in a map", meta, avM(map[string]types.AttributeValue{"k": avN("1")}), "meta.k", attr.ErrType, ""},
		{"S into a bool", pinned, avS("true"), "pinned", attr.ErrType, ""},
		{"S into binary", body, avS("x"), "body", attr.ErrType, ""},
		{"not a number", views, avN("abc"), "views", attr.ErrInvalidNumber, ""},
		{"not a float", score, avN("1.2.3"), "score", attr.ErrInvalidNumber, ""},
		{"not a decimal", price, avN("NaN"), "price", attr.ErrInvalidNumber, ""},
		{"overflow int8", int8s, avN("300"), "n", attr.ErrNumberRange, ""},
		{"overflow int8 in exponent form", int8s, avN("3E+2"), "n", attr.ErrNumberRange, ""},
		{"fraction into int", views, avN("1.5"), "views", attr.ErrNumberRange,
			"gonamo/attr: Thread.views: number out of range: 1.5 is not an integer"},
		{"negative into uint", uints, avN("-1"), "n", attr.ErrNumberRange, ""},
		{"negative exponent form into uint", uints, avN("-1E+1"), "n", attr.ErrNumberRange, ""},
		{"overflow uint", uints, avN("1E+30"), "n", attr.ErrNumberRange, ""},
		{"overflow float32", float32s, avN("1E+39"), "n", attr.ErrNumberRange, ""},
		{"bad time", updated, avS("yesterday"), "updated", attr.ErrType, ""},
		{"bad epoch", epoch, avN("x"), "n", attr.ErrInvalidNumber, ""},
		{"huge epoch", epoch, avN("1E+100"), "n", attr.ErrTimeRange, ""},
		{"required absent", req, nil, "forum", attr.ErrRequired, ""},
		{"required NULL", req, avNull(), "forum", attr.ErrRequired, ""},
		{"nil accessor result", nilAccessor, avS("x"), "forum", attr.ErrDescriptor, ""},
		{"decimal out of range", price, avN("1E+200"), "price", attr.ErrNumberRange, ""},
		{"bad text", attr.Text[Thread, netipAddr]("ip", func(t *Thread) *netipAddr { return new(netipAddr) }), avS("x"), "ip", attr.ErrType, ""},
		{"bad JSON", attr.JSON("j", func(t *Thread) *settings { return new(settings) }), avS("{"), "j", attr.ErrType, ""},
		{"JSON not S", attr.JSON("j", func(t *Thread) *settings { return new(settings) }), avN("1"), "j", attr.ErrType, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var th Thread
			err := tc.field.Decode(tc.av, &th)
			isAttrError(t, err, "Thread", tc.path, tc.category)
			if tc.message != "" && err.Error() != tc.message {
				t.Errorf("message %q, want %q", err.Error(), tc.message)
			}
		})
	}
}

func TestNilInputsNeverPanic(t *testing.T) {
	is := is.New(t)
	s := threadSchema(t)
	_, err := s.Encode(nil)
	is.True(errors.Is(err, attr.ErrNoValue))
	is.True(errors.Is(s.Decode(nil, nil), attr.ErrNoValue))

	var th Thread
	is.NoErr(s.Decode(nil, &th)) // a nil map: every field absent
	equal(t, th, Thread{})

	for _, f := range s.Fields() {
		_, err := f.Encode(nil)
		is.True(errors.Is(err, attr.ErrNoValue)) // Encode(nil)
		is.True(errors.Is(f.Decode(avS("x"), nil), attr.ErrNoValue))
		is.True(f.IsEmpty(nil))
	}

	// The zero descriptors fail cleanly.
	var zero attr.Attr[Thread, int]
	_, err = zero.Encode(&th)
	is.True(errors.Is(err, attr.ErrDescriptor))
	is.True(errors.Is(zero.Decode(avN("1"), &th), attr.ErrDescriptor))
	is.True(zero.IsEmpty(&th))
	is.Equal(zero.Name(), "")
	is.Equal(zero.TTL(), false)
	_, ok := zero.KeyType()
	is.True(!ok)
	is.True(zero.Path().Err() != nil)
	_, err = renderCond(zero.Eq(1))
	is.True(errors.Is(err, attr.ErrDescriptor))
	_, err = renderUpdate(zero.Set(1))
	is.True(errors.Is(err, attr.ErrDescriptor))
	var zs attr.StringAttr[Thread, string]
	_, err = renderCond(zs.BeginsWith("x"))
	is.True(errors.Is(err, attr.ErrDescriptor))
	var zl attr.ListAttr[Thread, int]
	_, err = renderCond(zl.Index(0).Eq(1))
	is.True(errors.Is(err, attr.ErrDescriptor))
	var zm attr.MapAttr[Thread, int]
	_, err = renderCond(zm.Key("k").Eq(1))
	is.True(errors.Is(err, attr.ErrDescriptor))
	_, err = renderCond(attr.Nested[Thread, Address, string](nil, city).Eq("x"))
	is.True(errors.Is(err, attr.ErrDescriptor))
}

func TestDescriptorMistakes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		fields []attr.Field[Thread]
		path   string
	}{
		{"empty name", []attr.Field[Thread]{attr.String("", func(t *Thread) *string { return &t.Forum })}, ""},
		{"nil accessor", []attr.Field[Thread]{attr.String[Thread, string]("forum", nil)}, "forum"},
		{"nil codec", []attr.Field[Thread]{attr.Custom[Thread, int]("n", func(t *Thread) *int { return &t.Views }, nil)}, "n"},
		{"nil list codec", []attr.Field[Thread]{attr.List[Thread, int]("n", func(t *Thread) *[]int { return &t.Ratings }, nil)}, "n"},
		{"nil map codec", []attr.Field[Thread]{attr.Map[Thread, string]("n", func(t *Thread) *map[string]string { return &t.Meta }, nil)}, "n"},
		{"nil pointer codec", []attr.Field[Thread]{attr.Pointer[Thread, string]("n", func(t *Thread) **string { return &t.Nick }, nil)}, "n"},
		{"duplicate names", []attr.Field[Thread]{forum, attr.String("forum", func(t *Thread) *string { return &t.Subject })}, "forum"},
		{"nested descriptor", []attr.Field[Thread]{attr.Nested(addr, city)}, "addr.city"},
		{"list element", []attr.Field[Thread]{ratings.Index(0)}, "ratings[0]"},
		{"zero descriptor", []attr.Field[Thread]{attr.Attr[Thread, int]{}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			s, err := attr.NewSchema(tc.fields...)
			is.Equal(s, nil)
			is.True(errors.Is(err, attr.ErrDescriptor)) // err
			var e *attr.Error
			is.True(errors.As(err, &e))
			is.Equal(e.Attr, tc.path)
			is.True(strings.HasPrefix(err.Error(), "gonamo/attr: "))
		})
	}
	t.Run("nil field", func(t *testing.T) {
		_, err := attr.NewSchema[Thread](forum, nil)
		is.New(t).True(errors.Is(err, attr.ErrDescriptor))
	})
	t.Run("nested mistake", func(t *testing.T) {
		bad := attr.Struct("addr", func(t *Thread) *Address { return &t.Addr }, city, city)
		s, err := attr.NewSchema[Thread](bad)
		is := is.New(t)
		is.NoErr(err) // the struct's mistake shows when it is used
		_, err = s.Encode(&Thread{})
		isAttrError(t, err, "Thread", "addr.city", attr.ErrDescriptor)
	})
	t.Run("nested descriptor from a bad struct field", func(t *testing.T) {
		badCity := attr.String("", func(a *Address) *string { return &a.City })
		_, err := renderCond(attr.Nested(addr, badCity).Eq("x"))
		is.New(t).True(errors.Is(err, attr.ErrDescriptor))
		elem := attr.List("xs", func(a *Address) *[]string { return &a.Codes }, attr.StringCodec[string]()).Index(0)
		_, err = renderCond(attr.Nested(addr, elem).Eq("x"))
		is.New(t).True(errors.Is(err, attr.ErrDescriptor))
	})
}

func TestErrorMessage(t *testing.T) {
	is := is.New(t)
	is.Equal((&attr.Error{Model: "M", Attr: "a.b", Err: attr.ErrRequired}).Error(), "gonamo/attr: M.a.b: required attribute missing")
	is.Equal((&attr.Error{Attr: "a", Err: attr.ErrType}).Error(), "gonamo/attr: a: type mismatch")
	is.Equal((&attr.Error{Model: "M", Err: attr.ErrType}).Error(), "gonamo/attr: M: type mismatch")
	is.Equal((&attr.Error{Err: errors.New("custom")}).Error(), "gonamo/attr: custom")
	is.Equal((&attr.Error{}).Error(), "gonamo/attr: unknown error")
	is.Equal((&attr.Error{Err: attr.ErrType}).Unwrap(), attr.ErrType)
}

type outer struct{ In *inner }

type inner struct{ X string }

// panicky is a codec with a bug.
type panicky struct{}

func (panicky) Encode(v *int) (types.AttributeValue, error) { panic("encode bug") }
func (panicky) Decode(av types.AttributeValue, v *int) error {
	var m map[string]int
	m["x"] = 1 // a runtime error
	return nil
}
func (panicky) IsEmpty(v *int) bool { panic("empty bug") }
func (panicky) Type() expr.Type     { return expr.TypeNumber }

func TestPanicsBecomeErrors(t *testing.T) {
	is := is.New(t)
	x := attr.String("x", func(o *outer) *string { return &o.In.X }) // follows a pointer of the item
	s, err := attr.NewSchema[outer](x)
	is.NoErr(err)

	m, err := s.Encode(&outer{In: &inner{"a"}})
	is.NoErr(err)
	equal(t, m, map[string]types.AttributeValue{"x": avS("a")})

	_, err = s.Encode(&outer{})
	isAttrError(t, err, "outer", "x", attr.ErrDescriptor)
	is.True(strings.Contains(err.Error(), "panic in the accessor or codec"))
	var re runtime.Error
	is.True(errors.As(err, &re)) // the runtime error is wrapped
	isAttrError(t, s.Decode(m, &outer{}), "outer", "x", attr.ErrDescriptor)
	_, err = x.Encode(&outer{})
	isAttrError(t, err, "outer", "x", attr.ErrDescriptor)
	isAttrError(t, x.Decode(avS("a"), &outer{}), "outer", "x", attr.ErrDescriptor)
	is.True(x.IsEmpty(&outer{}))

	bug := attr.Custom("n", func(o *outer) *int { return new(int) }, attr.Codec[int](panicky{}), attr.OmitEmpty)
	s, err = attr.NewSchema[outer](bug)
	is.NoErr(err)
	_, err = s.Encode(&outer{})
	isAttrError(t, err, "outer", "n", attr.ErrDescriptor)
	is.True(strings.Contains(err.Error(), "empty bug"))
	isAttrError(t, s.Decode(map[string]types.AttributeValue{"n": avN("1")}, &outer{}), "outer", "n", attr.ErrDescriptor)
}
