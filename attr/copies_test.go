package attr_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
)

// scribble overwrites every value reachable from m in place: strings,
// numbers, set members, bytes, list elements and map entries.
func scribble(m map[string]types.AttributeValue) {
	for k, v := range m {
		m[k] = scribbleValue(v)
	}
	m["scribbled"] = &types.AttributeValueMemberS{Value: "x"}
}

func scribbleValue(v types.AttributeValue) types.AttributeValue {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		x.Value = "scribbled"
	case *types.AttributeValueMemberN:
		x.Value = "-1"
	case *types.AttributeValueMemberBOOL:
		x.Value = !x.Value
	case *types.AttributeValueMemberB:
		for i := range x.Value {
			x.Value[i] ^= 0xff
		}
	case *types.AttributeValueMemberSS:
		for i := range x.Value {
			x.Value[i] = "scribbled"
		}
	case *types.AttributeValueMemberNS:
		for i := range x.Value {
			x.Value[i] = "-1"
		}
	case *types.AttributeValueMemberBS:
		for _, b := range x.Value {
			for i := range b {
				b[i] ^= 0xff
			}
		}
	case *types.AttributeValueMemberL:
		for i, e := range x.Value {
			x.Value[i] = scribbleValue(e)
		}
	case *types.AttributeValueMemberM:
		scribble(x.Value)
	}
	return v
}

// copyTags is a tag model of values that decode as copies.
type copyTags struct {
	ID      string              `dynamodbav:"id"`
	N       int                 `dynamodbav:"n"`
	Names   []string            `dynamodbav:"names,stringset"`
	Nums    map[int]struct{}    `dynamodbav:"nums,numberset"`
	Nick    *string             `dynamodbav:"nick"`
	Lines   []Line              `dynamodbav:"lines"`
	Meta    map[string][]string `dynamodbav:"meta"`
	Addr    Address             `dynamodbav:"addr"`
	Updated time.Time           `dynamodbav:"updated"`
}

// TestDecodeCopies checks what DecodeCopies reports, and that it is true:
// an item decoded by a schema that copies does not change when its
// attribute map is overwritten afterwards, and one decoded by a schema that
// does not copy does.
func TestDecodeCopies(t *testing.T) {
	is := is.New(t)
	copying, err := attr.NewSchema[Thread](forum, subject, views, score, tags, labels, ratings, updated,
		expires, nick, meta, lines, addr, price, pinned)
	is.NoErr(err)
	is.True(copying.DecodeCopies())
	is.True(!threadSchema(t).DecodeCopies()) // body is a []byte

	custom, err := attr.NewSchema[Thread](forum, attr.Custom("subject", func(t *Thread) *string { return &t.Subject }, attr.Codec[string](upper{})))
	is.NoErr(err)
	is.True(!custom.DecodeCopies())
	nested, err := attr.NewSchema[Thread](forum, attr.List("lines", func(t *Thread) *[]Line { return &t.Lines },
		attr.StructCodec[Line](attr.Custom("sku", func(l *Line) *string { return &l.SKU }, attr.Codec[string](upper{})), qty)))
	is.NoErr(err)
	is.True(!nested.DecodeCopies())

	tagged, err := attr.FromTags[copyTags]()
	is.NoErr(err)
	is.True(tagged.DecodeCopies())
	withBytes, err := attr.FromTags[rich]() // a binary set
	is.NoErr(err)
	is.True(!withBytes.DecodeCopies())

	t.Run("descriptors", func(t *testing.T) {
		is := is.New(t)
		want := fullThread()
		want.Body = nil
		m, err := copying.Encode(want)
		is.NoErr(err)
		var got Thread
		is.NoErr(copying.Decode(m, &got))
		scribble(m)
		equal(t, &got, want)
	})
	t.Run("tags", func(t *testing.T) {
		is := is.New(t)
		nick := "n"
		want := &copyTags{ID: "a", N: 3, Names: []string{"x", "y"}, Nums: map[int]struct{}{1: {}}, Nick: &nick,
			Lines: []Line{{"s", 1}}, Meta: map[string][]string{"k": {"v"}}, Addr: Address{City: "c", Codes: []string{"z"}},
			Updated: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
		m, err := tagged.Encode(want)
		is.NoErr(err)
		var got copyTags
		is.NoErr(tagged.Decode(m, &got))
		scribble(m)
		equal(t, &got, want)
	})
	t.Run("bytes are shared", func(t *testing.T) {
		is := is.New(t)
		s := threadSchema(t)
		m, err := s.Encode(fullThread())
		is.NoErr(err)
		var got Thread
		is.NoErr(s.Decode(m, &got))
		scribble(m)
		is.Equal(got.Body, []byte{0xff, 0xfe, 0xfd})
	})
}
