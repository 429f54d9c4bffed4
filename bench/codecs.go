package bench

import (
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/guregu/dynamo/v2"

	"github.com/gonamo/gonamo/attr"
)

// Codec is one way of turning items of type T into attribute maps and back.
type Codec[T any] struct {
	// Name names the codec in benchmark and test names: hand, gonamo, aws,
	// guregu.
	Name string
	// Encode returns the attribute map of an item.
	Encode func(*T) (map[string]types.AttributeValue, error)
	// Decode stores an attribute map in an item.
	Decode func(map[string]types.AttributeValue, *T) error
}

// codecs returns the four codecs of T, the floor first.
func codecs[T any](s *attr.Schema[T], handEncode func(*T) (map[string]types.AttributeValue, error),
	handDecode func(map[string]types.AttributeValue, *T) error) []Codec[T] {
	return []Codec[T]{
		{Name: "hand", Encode: handEncode, Decode: handDecode},
		{Name: "gonamo", Encode: s.Encode, Decode: s.Decode},
		{
			Name:   "aws",
			Encode: func(v *T) (map[string]types.AttributeValue, error) { return attributevalue.MarshalMap(v) },
			Decode: func(m map[string]types.AttributeValue, v *T) error { return attributevalue.UnmarshalMap(m, v) },
		},
		{
			Name:   "guregu",
			Encode: func(v *T) (map[string]types.AttributeValue, error) { return dynamo.MarshalItem(v) },
			Decode: func(m map[string]types.AttributeValue, v *T) error { return dynamo.UnmarshalItem(m, v) },
		},
	}
}

// SmallCodecs returns the codecs of Small: hand (the floor), gonamo, aws
// and guregu, in this order.
func SmallCodecs() ([]Codec[Small], error) {
	s, err := NewSmallSchema()
	if err != nil {
		return nil, err
	}
	return codecs(s, HandEncodeSmall, HandDecodeSmall), nil
}

// MediumCodecs returns the codecs of Medium, in the order of SmallCodecs.
func MediumCodecs() ([]Codec[Medium], error) {
	s, err := NewMediumSchema()
	if err != nil {
		return nil, err
	}
	return codecs(s, HandEncodeMedium, HandDecodeMedium), nil
}

// LargeCodecs returns the codecs of Large, in the order of SmallCodecs.
func LargeCodecs() ([]Codec[Large], error) {
	s, err := NewLargeSchema()
	if err != nil {
		return nil, err
	}
	return codecs(s, HandEncodeLarge, HandDecodeLarge), nil
}

// Renderer is one way of rendering the expressions of the benchmark.
type Renderer struct {
	// Name names the renderer: hand, gonamo, aws.
	Name string
	// Render returns the expressions of in.
	Render func(in ExprInput) (Rendered, error)
}

// Renderers returns the renderers: hand (the floor), gonamo, gonamo-and
// and aws, in this order.
func Renderers() []Renderer {
	return []Renderer{
		{Name: "hand", Render: HandExpression},
		{Name: "gonamo", Render: GonamoExpression},
		{Name: "gonamo-and", Render: GonamoAndExpression},
		{Name: "aws", Render: AWSExpression},
	}
}
