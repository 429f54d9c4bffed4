package attr

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type tagLabel string

// tagScalars has a field of every kind the ops handle, plain and with
// omitempty, for TestTagFastPathsMatchGeneral.
type tagScalars struct {
	S   string   `dynamodbav:"s"`
	L   tagLabel `dynamodbav:"l"`
	B   bool     `dynamodbav:"b"`
	I   int      `dynamodbav:"i"`
	I8  int8     `dynamodbav:"i8"`
	I16 int16    `dynamodbav:"i16"`
	I32 int32    `dynamodbav:"i32"`
	I64 int64    `dynamodbav:"i64"`
	U   uint     `dynamodbav:"u"`
	U8  uint8    `dynamodbav:"u8"`
	U16 uint16   `dynamodbav:"u16"`
	U32 uint32   `dynamodbav:"u32"`
	U64 uint64   `dynamodbav:"u64"`
	F32 float32  `dynamodbav:"f32"`
	F64 float64  `dynamodbav:"f64"`
	P   *string  `dynamodbav:"p"`
	OS  string   `dynamodbav:"os,omitempty"`
	ON  int      `dynamodbav:"on,omitempty"`
	OB  bool     `dynamodbav:"ob,omitempty"`
}

// TestTagFastPathsMatchGeneral encodes random items and decodes random
// attribute maps with a tag schema, and with the same schema stripped of
// its ops: results and errors must be the same.
func TestTagFastPathsMatchGeneral(t *testing.T) {
	fast, err := FromTags[tagScalars]()
	if err != nil {
		t.Fatal(err)
	}
	general, _ := FromTags[tagScalars]()
	ops := 0
	for i := range general.impls {
		if fast.impls[i].op != opNone {
			ops++
		}
		general.impls[i].op, general.impls[i].enc = opNone, false
	}
	if ops != 18 {
		t.Fatalf("%d fields have ops, want 18 (all but the pointer)", ops)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 5000 {
		x := randomTagScalars(r)
		got, err := fast.Encode(&x)
		want, werr := general.Encode(&x)
		if fmt.Sprint(err) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("encode #%d of %+v: fast %v %v, general %v %v", n, x, got, err, want, werr)
		}
	}
	for n := range 20000 {
		m := randomTagMap(r)
		var a, b tagScalars
		err := fast.Decode(m, &a)
		werr := general.Decode(m, &b)
		if fmt.Sprint(err) != fmt.Sprint(werr) || !reflect.DeepEqual(a, b) {
			t.Fatalf("decode #%d of %v: fast %+v %v, general %+v %v", n, m, a, err, b, werr)
		}
	}
}

var tagStrings = []string{"", "a", "héllo", "\xff\xfe", "0"}

func randomTagScalars(r *rand.Rand) tagScalars {
	s := func() string { return tagStrings[r.IntN(len(tagStrings))] }
	f := []float64{0, 1.5, -2.25e300, math.NaN(), math.Inf(1), math.SmallestNonzeroFloat64}
	x := tagScalars{S: s(), L: tagLabel(s()), B: r.IntN(2) == 0, I: int(r.Int64()), I8: int8(r.Int()), I16: int16(r.Int()),
		I32: int32(r.Int()), I64: r.Int64() - r.Int64(), U: uint(r.Uint64()), U8: uint8(r.Uint32()), U16: uint16(r.Uint32()),
		U32: r.Uint32(), U64: r.Uint64(), F32: float32(f[r.IntN(len(f))]), F64: f[r.IntN(len(f))],
		OS: s(), ON: r.IntN(3) - 1, OB: r.IntN(2) == 0}
	if r.IntN(2) == 0 {
		p := s()
		x.P = &p
	}
	return x
}

func randomTagMap(r *rand.Rand) map[string]types.AttributeValue {
	numbers := []string{"0", "-1", "127", "128", "-129", "255", "256", "65535", "4294967296", "9223372036854775807",
		"9223372036854775808", "18446744073709551615", "-0", "1.5", "1e2", "3.4e38", "3.5e38", "1e-400", "abc", "", "0x10", "+5"}
	m := map[string]types.AttributeValue{}
	for _, name := range []string{"s", "l", "b", "i", "i8", "i16", "i32", "i64", "u", "u8", "u16", "u32", "u64", "f32", "f64", "p", "os", "on", "ob"} {
		switch r.IntN(8) {
		case 0: // absent
		case 1:
			m[name] = &types.AttributeValueMemberNULL{Value: true}
		case 2:
			m[name] = &types.AttributeValueMemberS{Value: tagStrings[r.IntN(len(tagStrings))]}
		case 3:
			m[name] = &types.AttributeValueMemberBOOL{Value: r.IntN(2) == 0}
		case 4:
			m[name] = &types.AttributeValueMemberSS{Value: []string{"x"}}
		default:
			v := numbers[r.IntN(len(numbers))]
			if r.IntN(4) == 0 {
				v = strconv.FormatInt(r.Int64N(1<<20)-1<<19, 10)
			}
			m[name] = &types.AttributeValueMemberN{Value: v}
		}
	}
	return m
}
