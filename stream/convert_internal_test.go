package stream

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/matryer/is"
)

func TestScalarsShareLayout(t *testing.T) {
	is := is.New(t)
	is.True(sameScalars) // the SDK's scalar members are read without copies
	is.True(!sameLayout(pair[streamtypes.AttributeValueMemberS, types.AttributeValueMemberBOOL]()))
	is.True(!sameLayout(pair[streamtypes.AttributeValueMemberL, types.AttributeValueMemberL]()))
	is.True(!sameLayout(pair[string, string]()))
}

// streamImage is an image with every type, nested.
func streamImage() map[string]streamtypes.AttributeValue {
	return map[string]streamtypes.AttributeValue{
		"s": &streamtypes.AttributeValueMemberS{Value: "x"}, "n": &streamtypes.AttributeValueMemberN{Value: "1.5"},
		"b": &streamtypes.AttributeValueMemberB{Value: []byte{1}}, "t": &streamtypes.AttributeValueMemberBOOL{Value: true},
		"z": &streamtypes.AttributeValueMemberNULL{Value: true}, "ss": &streamtypes.AttributeValueMemberSS{Value: []string{"a", "b"}},
		"ns": &streamtypes.AttributeValueMemberNS{Value: []string{"1"}}, "bs": &streamtypes.AttributeValueMemberBS{Value: [][]byte{{2}}},
		"l": &streamtypes.AttributeValueMemberL{Value: []streamtypes.AttributeValue{
			&streamtypes.AttributeValueMemberS{Value: "e"},
			&streamtypes.AttributeValueMemberM{Value: map[string]streamtypes.AttributeValue{"k": &streamtypes.AttributeValueMemberN{Value: "2"}}},
		}},
	}
}

func TestConverter(t *testing.T) {
	is := is.New(t)
	want := map[string]types.AttributeValue{
		"s": &types.AttributeValueMemberS{Value: "x"}, "n": &types.AttributeValueMemberN{Value: "1.5"},
		"b": &types.AttributeValueMemberB{Value: []byte{1}}, "t": &types.AttributeValueMemberBOOL{Value: true},
		"z": &types.AttributeValueMemberNULL{Value: true}, "ss": &types.AttributeValueMemberSS{Value: []string{"a", "b"}},
		"ns": &types.AttributeValueMemberNS{Value: []string{"1"}}, "bs": &types.AttributeValueMemberBS{Value: [][]byte{{2}}},
		"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberS{Value: "e"},
			&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k": &types.AttributeValueMemberN{Value: "2"}}},
		}},
	}
	for _, cast := range []bool{true, false} {
		saved := sameScalars
		sameScalars = cast
		var cv converter
		for range 40 { // past a slab
			got, err := cv.item(streamImage(), newPlace)
			is.NoErr(err)
			is.True(reflect.DeepEqual(got, want))
		}
		sameScalars = saved
	}
	var cv converter
	_, err := cv.item(map[string]streamtypes.AttributeValue{"bad": &streamtypes.UnknownUnionMember{Tag: "Q"}}, keysPlace)
	is.True(err != nil)
}

// convertRef is the general conversion the converter must equal: every
// value copied into a new one, as the SDK's FromDynamoDBStreams does, with
// the converter's error texts.
func convertRef(v streamtypes.AttributeValue) (types.AttributeValue, error) {
	switch v := v.(type) {
	case *streamtypes.AttributeValueMemberS:
		return &types.AttributeValueMemberS{Value: v.Value}, nil
	case *streamtypes.AttributeValueMemberN:
		return &types.AttributeValueMemberN{Value: v.Value}, nil
	case *streamtypes.AttributeValueMemberB:
		return &types.AttributeValueMemberB{Value: v.Value}, nil
	case *streamtypes.AttributeValueMemberBOOL:
		return &types.AttributeValueMemberBOOL{Value: v.Value}, nil
	case *streamtypes.AttributeValueMemberNULL:
		return &types.AttributeValueMemberNULL{Value: v.Value}, nil
	case *streamtypes.AttributeValueMemberSS:
		return &types.AttributeValueMemberSS{Value: v.Value}, nil
	case *streamtypes.AttributeValueMemberNS:
		return &types.AttributeValueMemberNS{Value: v.Value}, nil
	case *streamtypes.AttributeValueMemberBS:
		return &types.AttributeValueMemberBS{Value: v.Value}, nil
	case *streamtypes.AttributeValueMemberL:
		l := make([]types.AttributeValue, len(v.Value))
		for i, e := range v.Value {
			av, err := convertRef(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			l[i] = av
		}
		return &types.AttributeValueMemberL{Value: l}, nil
	case *streamtypes.AttributeValueMemberM:
		m := make(map[string]types.AttributeValue, len(v.Value))
		for k, e := range v.Value {
			av, err := convertRef(e)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			m[k] = av
		}
		return &types.AttributeValueMemberM{Value: m}, nil
	}
	return nil, fmt.Errorf("attribute value of unknown type %T", v)
}

// itemRef converts the attributes of m named in names (every one when
// names is nil) with convertRef.
func itemRef(names []string, m map[string]streamtypes.AttributeValue) (map[string]types.AttributeValue, error) {
	out := map[string]types.AttributeValue{}
	for k, v := range m {
		if names != nil && !slices.Contains(names, k) {
			continue
		}
		av, err := convertRef(v)
		if err != nil {
			return nil, fmt.Errorf("attribute %s: %w", k, err)
		}
		out[k] = av
	}
	return out, nil
}

// randomValues makes random stream attribute values of every type,
// nested lists and maps among them, empty and nil collections, and now
// and then a map large enough not to be pooled.
type randomValues struct {
	rng *rand.Rand
	bad bool // whether the image being made has its unknown member
}

func (g *randomValues) image() map[string]streamtypes.AttributeValue {
	g.bad = false
	n := g.rng.IntN(12)
	m := make(map[string]streamtypes.AttributeValue, n)
	for i := range n {
		m["a"+strconv.Itoa(i)] = g.value(0)
	}
	return m
}

func (g *randomValues) value(depth int) streamtypes.AttributeValue {
	k := g.rng.IntN(12)
	if depth > 3 && k >= 8 {
		k = g.rng.IntN(8)
	}
	switch k {
	case 0:
		return &streamtypes.AttributeValueMemberS{Value: "s" + strconv.Itoa(g.rng.IntN(100))}
	case 1:
		return &streamtypes.AttributeValueMemberN{Value: strconv.Itoa(g.rng.IntN(1000) - 500)}
	case 2:
		b := make([]byte, g.rng.IntN(4))
		for i := range b {
			b[i] = byte(g.rng.IntN(256))
		}
		return &streamtypes.AttributeValueMemberB{Value: b}
	case 3:
		return &streamtypes.AttributeValueMemberBOOL{Value: g.rng.IntN(2) == 0}
	case 4:
		return &streamtypes.AttributeValueMemberNULL{Value: true}
	case 5:
		return &streamtypes.AttributeValueMemberSS{Value: []string{"x", strconv.Itoa(g.rng.IntN(9))}}
	case 6:
		return &streamtypes.AttributeValueMemberNS{Value: []string{strconv.Itoa(g.rng.IntN(9))}}
	case 7:
		return &streamtypes.AttributeValueMemberBS{Value: [][]byte{{byte(g.rng.IntN(256))}}}
	case 8, 9:
		var l []streamtypes.AttributeValue // nil now and then
		n := g.rng.IntN(6)
		if g.rng.IntN(30) == 0 {
			n = 20 + g.rng.IntN(20) // past a block
		}
		if n > 0 || g.rng.IntN(2) == 0 {
			l = make([]streamtypes.AttributeValue, n)
		}
		for i := range l {
			l[i] = g.value(depth + 1)
		}
		return &streamtypes.AttributeValueMemberL{Value: l}
	case 10:
		if !g.bad && g.rng.IntN(50) == 0 {
			g.bad = true
			return &streamtypes.UnknownUnionMember{Tag: "Q"}
		}
		fallthrough
	default:
		var m map[string]streamtypes.AttributeValue // nil now and then
		if n := g.rng.IntN(6); n > 0 || g.rng.IntN(2) == 0 {
			if g.rng.IntN(40) == 0 {
				n = maxPooledMap + 1 + g.rng.IntN(10)
			}
			m = make(map[string]streamtypes.AttributeValue, n)
			for i := range n {
				m["k"+strconv.Itoa(i)] = g.value(depth + 1)
			}
		}
		return &streamtypes.AttributeValueMemberM{Value: m}
	}
}

// TestConverterMatchesGeneral: images converted one after the other by one
// converter, whose memory is reused, equal the general conversion of each,
// errors included, whether the scalars are cast or copied and whether
// attributes are filtered by name.
func TestConverterMatchesGeneral(t *testing.T) {
	is := is.New(t)
	g := &randomValues{rng: rand.New(rand.NewPCG(9, 9))}
	errs := 0
	for _, cast := range []bool{true, false} {
		saved := sameScalars
		sameScalars = cast
		for _, names := range [][]string{nil, {"a0", "a2", "a3", "a7", "a11", "zz"}} {
			cv := &converter{names: names}
			for i := range 3000 {
				img := g.image()
				want, wantErr := itemRef(names, img)
				got, err := cv.item(img, place(g.rng.IntN(int(places))))
				if wantErr != nil {
					errs++
					is.True(err != nil)
					is.Equal(err.Error(), wantErr.Error()) // the path to the unknown member
					continue
				}
				is.NoErr(err)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("image %d (cast %v, names %v): got %#v, want %#v", i, cast, names, got, want)
				}
			}
		}
		sameScalars = saved
	}
	is.True(errs > 0) // the unknown members were met
}

// TestConverterReuse: what one image holds does not leak into the next:
// maps and lists come back empty before being filled again.
func TestConverterReuse(t *testing.T) {
	is := is.New(t)
	var cv converter
	big := map[string]streamtypes.AttributeValue{}
	for i := range 3 * maxPooledMap {
		big["k"+strconv.Itoa(i)] = &streamtypes.AttributeValueMemberN{Value: strconv.Itoa(i)}
	}
	small := map[string]streamtypes.AttributeValue{"k1": &streamtypes.AttributeValueMemberS{Value: "one"}}
	for range 3 {
		got, err := cv.item(map[string]streamtypes.AttributeValue{"m": &streamtypes.AttributeValueMemberM{Value: big}}, newPlace)
		is.NoErr(err)
		is.Equal(len(got["m"].(*types.AttributeValueMemberM).Value), len(big))
		got, err = cv.item(map[string]streamtypes.AttributeValue{
			"m": &streamtypes.AttributeValueMemberM{Value: small},
			"l": &streamtypes.AttributeValueMemberL{},
			"n": &streamtypes.AttributeValueMemberM{},
		}, newPlace)
		is.NoErr(err)
		is.True(reflect.DeepEqual(got, map[string]types.AttributeValue{
			"m": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k1": &types.AttributeValueMemberS{Value: "one"}}},
			"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
			"n": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}},
		}))
	}
}
