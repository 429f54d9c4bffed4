package wire_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest/internal/wire"
)

// The coercions below are those DynamoDB Local 3.3.1 applies (checked with
// curl): its JSON layer is Jackson with default settings.
func TestDecodeCoercesScalarsLikeDynamoDBLocal(t *testing.T) {
	tests := []struct {
		name  string
		op    string
		body  string
		check func(is *is.I, in any)
	}{
		{"number as string", "DescribeTable", `{"TableName":5}`, func(is *is.I, in any) {
			is.Equal(aws.ToString(in.(*dynamodb.DescribeTableInput).TableName), "5")
		}},
		{"boolean as string", "DescribeTable", `{"TableName":true}`, func(is *is.I, in any) {
			is.Equal(aws.ToString(in.(*dynamodb.DescribeTableInput).TableName), "true")
		}},
		{"numeric string as integer", "ListTables", `{"Limit":" 5"}`, func(is *is.I, in any) {
			is.Equal(aws.ToInt32(in.(*dynamodb.ListTablesInput).Limit), int32(5))
		}},
		{"fraction truncates", "ListTables", `{"Limit":2.9}`, func(is *is.I, in any) {
			is.Equal(aws.ToInt32(in.(*dynamodb.ListTablesInput).Limit), int32(2))
		}},
		{"exponent", "ListTables", `{"Limit":1e2}`, func(is *is.I, in any) {
			is.Equal(aws.ToInt32(in.(*dynamodb.ListTablesInput).Limit), int32(100))
		}},
		{"empty string is null", "ListTables", `{"Limit":""}`, func(is *is.I, in any) {
			is.Equal(in.(*dynamodb.ListTablesInput).Limit, (*int32)(nil))
		}},
		{"null member is absent", "ListTables", `{"Limit":null,"ExclusiveStartTableName":null}`, func(is *is.I, in any) {
			is.Equal(in, &dynamodb.ListTablesInput{})
		}},
		{"unknown members ignored", "ListTables", `{"Bogus":{"a":[1,{"b":null}]},"limit":3}`, func(is *is.I, in any) {
			is.Equal(in, &dynamodb.ListTablesInput{})
		}},
		{"trailing data ignored", "ListTables", `{"Limit":1} x`, func(is *is.I, in any) {
			is.Equal(aws.ToInt32(in.(*dynamodb.ListTablesInput).Limit), int32(1))
		}},
		{"duplicate member: last wins", "ListTables", `{"Limit":1,"Limit":2}`, func(is *is.I, in any) {
			is.Equal(aws.ToInt32(in.(*dynamodb.ListTablesInput).Limit), int32(2))
		}},
		{"boolean from string and integer", "GetItem", `{"ConsistentRead":"TRUE","Key":{"a":{"BOOL":0},"b":{"BOOL":2},"c":{"NULL":"true"}}}`, func(is *is.I, in any) {
			g := in.(*dynamodb.GetItemInput)
			is.Equal(aws.ToBool(g.ConsistentRead), true)
			is.Equal(g.Key["a"], types.AttributeValue(&types.AttributeValueMemberBOOL{Value: false}))
			is.Equal(g.Key["b"], types.AttributeValue(&types.AttributeValueMemberBOOL{Value: true}))
			is.Equal(g.Key["c"], types.AttributeValue(&types.AttributeValueMemberNULL{Value: true}))
		}},
		{"numbers in N, S and NS keep their text", "GetItem", `{"Key":{"n":{"N":1.50},"s":{"S":-0},"ns":{"NS":[1,"2"]}}}`, func(is *is.I, in any) {
			g := in.(*dynamodb.GetItemInput)
			is.Equal(g.Key["n"], types.AttributeValue(&types.AttributeValueMemberN{Value: "1.50"}))
			is.Equal(g.Key["s"], types.AttributeValue(&types.AttributeValueMemberS{Value: "-0"}))
			is.Equal(g.Key["ns"], types.AttributeValue(&types.AttributeValueMemberNS{Value: []string{"1", "2"}}))
		}},
		{"base64 with surrounding space", "GetItem", `{"Key":{"b":{"B":" AQ==\n"},"e":{"B":""}}}`, func(is *is.I, in any) {
			g := in.(*dynamodb.GetItemInput)
			is.Equal(g.Key["b"], types.AttributeValue(&types.AttributeValueMemberB{Value: []byte{1}}))
			is.Equal(g.Key["e"], types.AttributeValue(&types.AttributeValueMemberB{Value: []byte{}}))
		}},
		{"null union members ignored", "GetItem", `{"Key":{"a":{"S":"x","N":null,"Bogus":1}}}`, func(is *is.I, in any) {
			is.Equal(in.(*dynamodb.GetItemInput).Key["a"], types.AttributeValue(&types.AttributeValueMemberS{Value: "x"}))
		}},
		{"null attribute values are nil, for the DB to reject", "PutItem", `{"Item":{"a":null,"l":{"L":[null]},"m":{"M":{"k":null}}}}`, func(is *is.I, in any) {
			item := in.(*dynamodb.PutItemInput).Item
			v, ok := item["a"]
			is.True(ok)
			is.Equal(v, nil)
			is.Equal(item["l"], types.AttributeValue(&types.AttributeValueMemberL{Value: []types.AttributeValue{nil}}))
			is.Equal(item["m"], types.AttributeValue(&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k": nil}}))
		}},
		{"escapes and surrogates", "DescribeTable", `{"TableName":"\u00e9\ud83d\ude00\/\"\\\b\f\n\r\t\ud800x"}`, func(is *is.I, in any) {
			is.Equal(aws.ToString(in.(*dynamodb.DescribeTableInput).TableName), "é😀/\"\\\b\f\n\r\t\uFFFDx")
		}},
		{"invalid UTF-8 is replaced", "DescribeTable", "{\"TableName\":\"a\xffb\"}", func(is *is.I, in any) {
			is.Equal(aws.ToString(in.(*dynamodb.DescribeTableInput).TableName), "a\uFFFDb")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is := is.New(t)
			in, err := wire.DecodeInput(tt.op, []byte(tt.body))
			is.NoErr(err)
			tt.check(is, in)
		})
	}
}

func TestDecodeAttributeValueValidation(t *testing.T) {
	const (
		empty   = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
		several = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
	)
	// Messages as DynamoDB Local returns them for PutItem with Item {"x": value}.
	tests := []struct{ value, msg string }{
		{`{}`, empty},
		{`{"Q":"1"}`, empty},
		{`{"S":null}`, empty},
		{`{"L":null}`, empty},
		{`{"BOOL":""}`, empty},
		{`{"S":"a","N":"1"}`, several},
		{`{"L":[{"S":"a","N":"1"}]}`, several},
		{`{"M":{"q":{}}}`, empty},
		{`{"SS":["a",null]}`, "One or more parameter values were invalid: An string set may not have a null string as a member"},
		{`{"NS":["1",null]}`, "A value provided cannot be converted into a number"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			is := is.New(t)
			_, err := wire.DecodeInput("PutItem", []byte(`{"TableName":"t","Item":{"pk":{"S":"a"},"x":`+tt.value+`}}`))
			var ae smithy.APIError
			is.True(errors.As(err, &ae))
			is.Equal(ae.ErrorCode(), "ValidationException")
			is.Equal(ae.ErrorMessage(), tt.msg)
			is.Equal(ae.ErrorFault(), smithy.FaultClient)
		})
	}
}

func TestDecodeSerializationErrors(t *testing.T) {
	tests := []struct{ name, body string }{
		{"empty body", ``},
		{"blank body", " \n"},
		{"array body", `[]`},
		{"string body", `"x"`},
		{"null body", `null`},
		{"unterminated object", `{"TableName":"x"`},
		{"unterminated string", `{"TableName":"x`},
		{"missing colon", `{"TableName" "x"}`},
		{"trailing comma", `{"TableName":"x",}`},
		{"bare word", `{"TableName":x}`},
		{"object for string", `{"TableName":{}}`},
		{"array for string", `{"TableName":["abc"]}`},
		{"string for integer", `{"Limit":"abc"}`},
		{"fractional string for integer", `{"Limit":"2.5"}`},
		{"boolean for integer", `{"Limit":false}`},
		{"integer overflow", `{"Limit":99999999999}`},
		{"bad number", `{"Limit":01}`},
		{"bad escape", `{"TableName":"\q"}`},
		{"control character", "{\"TableName\":\"a\x01\"}"},
		{"object for list", `{"Item":{"a":{"L":{}}}}`},
		{"list for map", `{"Item":{"a":{"M":[]}}}`},
		{"object for S", `{"Item":{"a":{"S":{}}}}`},
		{"string for SS", `{"Item":{"a":{"SS":"a"}}}`},
		{"number for B", `{"Item":{"a":{"B":5}}}`},
		{"unpadded base64", `{"Item":{"a":{"B":"AQ"}}}`},
		{"space inside base64", `{"Item":{"a":{"B":"A Q=="}}}`},
		{"fractional boolean", `{"Item":{"a":{"BOOL":2.5}}}`},
		{"word for boolean", `{"Item":{"a":{"BOOL":"yes"}}}`},
		{"null in binary set", `{"Item":{"a":{"BS":["AQ==",null]}}}`},
		{"list for union", `{"Item":{"a":[]}}`},
		{"too deep", `{"Item":{"a":` + strings.Repeat(`{"L":[`, 600) + strings.Repeat(`]}`, 600) + `}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is := is.New(t)
			_, err := wire.DecodeInput("PutItem", []byte(tt.body))
			if err == nil {
				_, err = wire.DecodeInput("ListTables", []byte(tt.body))
			}
			var se *wire.SerializationError
			is.True(errors.As(err, &se))
			is.Equal(se.ErrorCode(), "SerializationException")
			is.Equal(se.ErrorFault(), smithy.FaultClient)
			is.True(se.ErrorMessage() != "")
		})
	}
}

// TestSerializationErrorsComeFirst: a ValidationException found early does
// not hide a malformed document, as DynamoDB parses before it validates.
func TestSerializationErrorsComeFirst(t *testing.T) {
	is := is.New(t)
	_, err := wire.DecodeInput("PutItem", []byte(`{"Item":{"a":{},"b":{"S":{}}}}`))
	var se *wire.SerializationError
	is.True(errors.As(err, &se))
}

func TestDecodeTimes(t *testing.T) {
	tests := []struct {
		doc  string
		want time.Time
	}{
		{`1700000000`, time.Unix(1700000000, 0)},
		{`1700000000.123`, time.Unix(1700000000, 123_000_000)},
		{`1700000000.123456789123`, time.Unix(1700000000, 123_456_789)},
		{`"1700000000.5"`, time.Unix(1700000000, 500_000_000)},
		{`-1.5`, time.Unix(-2, 500_000_000)},
		{`1.7e9`, time.Unix(1700000000, 0)},
		{`0.000`, time.Unix(0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			is := is.New(t)
			var got types.BillingModeSummary
			is.NoErr(wire.Unmarshal([]byte(`{"LastUpdateToPayPerRequestDateTime":`+tt.doc+`}`), &got))
			is.True(got.LastUpdateToPayPerRequestDateTime.Equal(tt.want))
			is.Equal(got.LastUpdateToPayPerRequestDateTime.Location(), time.UTC)
		})
	}
}

func TestDecodeFloats(t *testing.T) {
	is := is.New(t)
	var c types.Capacity
	is.NoErr(wire.Unmarshal([]byte(`{"CapacityUnits":"NaN","ReadCapacityUnits":"-Infinity","WriteCapacityUnits":"2.5"}`), &c))
	is.True(math.IsNaN(*c.CapacityUnits))
	is.True(math.IsInf(*c.ReadCapacityUnits, -1))
	is.Equal(*c.WriteCapacityUnits, 2.5)
}

// TestDecodeNeverPanics feeds mutations of valid documents to DecodeInput.
func TestDecodeNeverPanics(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte(`{}[]":,\ 0123456789.eE-+truefalsnlSNBLMQ`)
	for _, smp := range samples() {
		doc, err := wire.Marshal(smp.input)
		if err != nil {
			t.Fatal(err)
		}
		for range 300 {
			m := append([]byte(nil), doc...)
			for range 1 + r.IntN(4) {
				i := r.IntN(len(m))
				switch r.IntN(3) {
				case 0:
					m[i] = alphabet[r.IntN(len(alphabet))]
				case 1:
					m = append(m[:i], m[i+1:]...)
				default:
					m = m[:i]
				}
				if len(m) == 0 {
					break
				}
			}
			_, _ = wire.DecodeInput(smp.op, m) // must return, not panic
		}
	}
}

func FuzzDecodeInput(f *testing.F) {
	for _, smp := range samples() {
		doc, err := wire.Marshal(smp.input)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(smp.op, doc)
	}
	f.Fuzz(func(t *testing.T, op string, body []byte) {
		in, err := wire.DecodeInput(op, body)
		if err != nil {
			return
		}
		// Whatever decodes must encode, and decode again to the same value.
		doc, err := wire.Marshal(in)
		if err != nil {
			return // e.g. nil values inside unions are not representable
		}
		again, err := wire.DecodeInput(op, doc)
		if err != nil {
			t.Fatalf("re-decoding %s: %v", doc, err)
		}
		_ = again
	})
}

func BenchmarkDecodePutItem(b *testing.B) {
	doc, err := wire.Marshal(samples()[7].input)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := wire.DecodeInput("PutItem", doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalQueryOutput(b *testing.B) {
	out := &dynamodb.QueryOutput{Count: 100, ScannedCount: 100}
	for range 100 {
		out.Items = append(out.Items, richItem())
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := wire.Marshal(out); err != nil {
			b.Fatal(err)
		}
	}
}
