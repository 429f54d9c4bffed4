package stream

import (
	"reflect"
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
			got, err := cv.item(streamImage())
			is.NoErr(err)
			is.True(reflect.DeepEqual(got, want))
		}
		sameScalars = saved
	}
	var cv converter
	_, err := cv.item(map[string]streamtypes.AttributeValue{"bad": &streamtypes.UnknownUnionMember{Tag: "Q"}})
	is.True(err != nil)
}

func TestCompareSeq(t *testing.T) {
	is := is.New(t)
	is.Equal(compareSeq("000000000000000000009", "10"), -1)
	is.Equal(compareSeq("10", "9"), 1)
	is.Equal(compareSeq("0010", "10"), 0)
	is.Equal(compareSeq("123", "124"), -1)
}
