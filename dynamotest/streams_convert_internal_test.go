package dynamotest

import (
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo/internal/value"
)

// plainStreamValue is the conversion toStreamItem must match: one
// allocation per member.
func plainStreamValue(av types.AttributeValue) streamtypes.AttributeValue {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return &streamtypes.AttributeValueMemberS{Value: v.Value}
	case *types.AttributeValueMemberN:
		return &streamtypes.AttributeValueMemberN{Value: v.Value}
	case *types.AttributeValueMemberL:
		l := make([]streamtypes.AttributeValue, len(v.Value))
		for i, e := range v.Value {
			l[i] = plainStreamValue(e)
		}
		return &streamtypes.AttributeValueMemberL{Value: l}
	case *types.AttributeValueMemberM:
		m := make(map[string]streamtypes.AttributeValue, len(v.Value))
		for k, e := range v.Value {
			m[k] = plainStreamValue(e)
		}
		return &streamtypes.AttributeValueMemberM{Value: m}
	}
	return toStreamScalar(av)
}

func randomStoredValue(r *rand.Rand, depth int) types.AttributeValue {
	k := r.IntN(10)
	if depth > 3 && k >= 8 {
		k = 0
	}
	switch k {
	case 0, 1:
		return &types.AttributeValueMemberS{Value: "s" + strconv.Itoa(r.IntN(100))}
	case 2, 3:
		return &types.AttributeValueMemberN{Value: strconv.Itoa(r.IntN(1000))}
	case 4:
		return &types.AttributeValueMemberB{Value: []byte{byte(r.IntN(256)), 1}}
	case 5:
		return &types.AttributeValueMemberBOOL{Value: r.IntN(2) == 0}
	case 6:
		return &types.AttributeValueMemberNULL{Value: true}
	case 7:
		return &types.AttributeValueMemberSS{Value: []string{"a", "b"}}
	case 8:
		l := make([]types.AttributeValue, r.IntN(4))
		for i := range l {
			l[i] = randomStoredValue(r, depth+1)
		}
		return &types.AttributeValueMemberL{Value: l}
	default:
		return &types.AttributeValueMemberM{Value: randomStoredItem(r, depth+1)}
	}
}

func randomStoredItem(r *rand.Rand, depth int) value.Item {
	it := value.Item{}
	for i := range r.IntN(6) {
		it["a"+strconv.Itoa(i)] = randomStoredValue(r, depth)
	}
	return it
}

// TestToStreamItemMatchesPlainCopy converts random nested items with the
// arena and with one allocation per member, and checks that the copy
// shares nothing that can change with the item.
func TestToStreamItemMatchesPlainCopy(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for n := range 3000 {
		it := randomStoredItem(r, 0)
		before := value.CloneItem(it)
		got := toStreamItem(it)
		want := plainStreamValue(&types.AttributeValueMemberM{Value: it}).(*streamtypes.AttributeValueMemberM).Value
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("item #%d: got %v, want %v", n, got, want)
		}
		appendToLists(got)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("item #%d: appending to a list of the copy changed another", n)
		}
		scribbleStream(got)
		if !value.EqualItems(it, before) {
			t.Fatalf("item #%d: changing the copy changed the item", n)
		}
		if !reflect.DeepEqual(toStreamItem(it), want) {
			t.Fatalf("item #%d: changing a copy changed the next one", n)
		}
	}
}

// appendToLists appends to every list of m without keeping the result.
func appendToLists(m map[string]streamtypes.AttributeValue) {
	for _, v := range m {
		switch x := v.(type) {
		case *streamtypes.AttributeValueMemberL:
			_ = append(x.Value, &streamtypes.AttributeValueMemberS{Value: "appended"})
			for _, e := range x.Value {
				appendToLists(map[string]streamtypes.AttributeValue{"": e})
			}
		case *streamtypes.AttributeValueMemberM:
			appendToLists(x.Value)
		}
	}
}

// scribbleStream changes every value of a stream item in place and
// appends to its lists.
func scribbleStream(m map[string]streamtypes.AttributeValue) {
	for _, v := range m {
		switch x := v.(type) {
		case *streamtypes.AttributeValueMemberS:
			x.Value = "changed"
		case *streamtypes.AttributeValueMemberN:
			x.Value = "-1"
		case *streamtypes.AttributeValueMemberB:
			x.Value[0] ^= 0xff
		case *streamtypes.AttributeValueMemberL:
			for _, e := range x.Value {
				scribbleStream(map[string]streamtypes.AttributeValue{"": e})
			}
			x.Value = append(x.Value, &streamtypes.AttributeValueMemberS{Value: "appended"})
		case *streamtypes.AttributeValueMemberM:
			scribbleStream(x.Value)
		}
	}
}
