package attr_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
)

type measured struct {
	F   float64
	F32 float32
	At  time.Time
}

// TestFloatsRefuseNonDecimalText: strconv.ParseFloat takes "NaN", "Inf"
// and hexadecimal floats, which are no DynamoDB numbers; decoding refuses
// them, through the schema's fast path and the general one alike.
func TestFloatsRefuseNonDecimalText(t *testing.T) {
	is := is.New(t)
	f := attr.Number("f", func(m *measured) *float64 { return &m.F })
	f32 := attr.Number("f32", func(m *measured) *float32 { return &m.F32 })
	slow := attr.Number("f", func(m *measured) *float64 { return &m.F }, attr.Validate(func(float64) error { return nil }))
	at := attr.Epoch("at", func(m *measured) *time.Time { return &m.At })
	fast, err := attr.NewSchema[measured](f, f32, at)
	is.NoErr(err)
	general, err := attr.NewSchema[measured](slow)
	is.NoErr(err)
	for _, text := range []string{"NaN", "Inf", "-Infinity", "+inf", "0x1p2", "1_000", ""} {
		n := &types.AttributeValueMemberN{Value: text}
		for _, name := range []string{"f", "f32", "at"} {
			var m measured
			err := fast.Decode(map[string]types.AttributeValue{name: n}, &m)
			is.True(errors.Is(err, attr.ErrInvalidNumber)) // text, name
		}
		var m measured
		is.True(errors.Is(general.Decode(map[string]types.AttributeValue{"f": n}, &m), attr.ErrInvalidNumber))
	}
	var m measured
	is.NoErr(fast.Decode(map[string]types.AttributeValue{"f": &types.AttributeValueMemberN{Value: "-1.5E+3"},
		"at": &types.AttributeValueMemberN{Value: "1700000000.5"}}, &m))
	is.Equal(m.F, -1500.0)
	is.Equal(m.At.UnixMilli(), int64(1700000000500))
}

type shelf struct {
	Items []measured
	Tags  map[string]string
}

// TestTypedNilCollectionsAreTypeErrors: a typed nil L or M (a hand-built
// map can hold one) is a type error, not a panic.
func TestTypedNilCollectionsAreTypeErrors(t *testing.T) {
	is := is.New(t)
	items := attr.List("items", func(s *shelf) *[]measured { return &s.Items },
		attr.StructCodec(attr.Number("f", func(m *measured) *float64 { return &m.F })))
	tags := attr.Map("tags", func(s *shelf) *map[string]string { return &s.Tags }, attr.StringCodec[string]())
	schema, err := attr.NewSchema[shelf](items, tags)
	is.NoErr(err)
	var s shelf
	err = schema.Decode(map[string]types.AttributeValue{"items": &types.AttributeValueMemberL{Value: []types.AttributeValue{(*types.AttributeValueMemberM)(nil)}}}, &s)
	is.True(errors.Is(err, attr.ErrType))
	err = schema.Decode(map[string]types.AttributeValue{"tags": (*types.AttributeValueMemberM)(nil)}, &s)
	is.True(errors.Is(err, attr.ErrType))
	err = schema.Decode(map[string]types.AttributeValue{"items": (*types.AttributeValueMemberL)(nil)}, &s)
	is.True(errors.Is(err, attr.ErrType))
}
