package wire_test

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest/internal/wire"
)

// call invokes one client method with an untyped input.
type call func(ctx context.Context, c *dynamodb.Client, in any) (any, error)

func method[In, Out any](m func(*dynamodb.Client, context.Context, *In, ...func(*dynamodb.Options)) (*Out, error)) call {
	return func(ctx context.Context, c *dynamodb.Client, in any) (any, error) {
		return m(c, ctx, in.(*In))
	}
}

var calls = map[string]call{
	"CreateTable":        method((*dynamodb.Client).CreateTable),
	"DeleteTable":        method((*dynamodb.Client).DeleteTable),
	"DescribeTable":      method((*dynamodb.Client).DescribeTable),
	"ListTables":         method((*dynamodb.Client).ListTables),
	"UpdateTable":        method((*dynamodb.Client).UpdateTable),
	"UpdateTimeToLive":   method((*dynamodb.Client).UpdateTimeToLive),
	"DescribeTimeToLive": method((*dynamodb.Client).DescribeTimeToLive),
	"PutItem":            method((*dynamodb.Client).PutItem),
	"GetItem":            method((*dynamodb.Client).GetItem),
	"UpdateItem":         method((*dynamodb.Client).UpdateItem),
	"DeleteItem":         method((*dynamodb.Client).DeleteItem),
	"Query":              method((*dynamodb.Client).Query),
	"Scan":               method((*dynamodb.Client).Scan),
	"BatchGetItem":       method((*dynamodb.Client).BatchGetItem),
	"BatchWriteItem":     method((*dynamodb.Client).BatchWriteItem),
	"TransactGetItems":   method((*dynamodb.Client).TransactGetItems),
	"TransactWriteItems": method((*dynamodb.Client).TransactWriteItems),
}

func newClient(url string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint:     aws.String(url),
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("test", "test", ""),
		RetryMaxAttempts: 1,
	})
}

// withoutMetadata returns a copy of the output struct behind v with its
// ResultMetadata cleared, for comparisons.
func withoutMetadata(v any) any {
	rv := reflect.ValueOf(v).Elem()
	cp := reflect.New(rv.Type())
	cp.Elem().Set(rv)
	if f := cp.Elem().FieldByName("ResultMetadata"); f.IsValid() {
		f.Set(reflect.ValueOf(middleware.Metadata{}))
	}
	return cp.Interface()
}

func TestEveryOperationIsCovered(t *testing.T) {
	is := is.New(t)
	var ops []string
	for _, smp := range samples() {
		ops = append(ops, smp.op)
		_, ok := calls[smp.op]
		is.True(ok) // a client method for every sample
	}
	is.Equal(len(ops), 17)
	is.Equal(len(wire.Operations()), 17)
	for _, op := range wire.Operations() {
		is.True(strings.Contains(strings.Join(ops, ","), op)) // a sample for every operation
	}
}

func TestRoundTrip(t *testing.T) {
	for _, smp := range samples() {
		for _, v := range []any{smp.input, smp.output} {
			name := smp.op + "/" + reflect.TypeOf(v).Elem().Name()
			t.Run(name, func(t *testing.T) {
				is := is.New(t)
				b, err := wire.Marshal(v)
				is.NoErr(err)
				got := reflect.New(reflect.TypeOf(v).Elem()).Interface()
				is.NoErr(wire.Unmarshal(b, got))
				is.Equal(got, v)
				again, err := wire.Marshal(got)
				is.NoErr(err)
				is.Equal(len(again), len(b)) // same document, up to map order
			})
		}
	}
}

// TestAgainstSDKClient runs every operation through the real SDK client
// against a server that records the request and answers with the marshaled
// sample output: the body the SDK sends must decode to the input it was
// given, and the SDK must decode our output to the value we marshaled.
func TestAgainstSDKClient(t *testing.T) {
	var mu sync.Mutex
	var gotTarget, gotType string
	var gotBody, reply []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		gotTarget, gotType, gotBody = r.Header.Get("X-Amz-Target"), r.Header.Get("Content-Type"), b
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		_, _ = w.Write(reply)
	}))
	defer srv.Close()
	client := newClient(srv.URL)

	for _, smp := range samples() {
		t.Run(smp.op, func(t *testing.T) {
			is := is.New(t)
			out, err := wire.Marshal(smp.output)
			is.NoErr(err)
			mu.Lock()
			reply = out
			mu.Unlock()

			res, err := calls[smp.op](context.Background(), client, smp.input)
			is.NoErr(err)

			mu.Lock()
			defer mu.Unlock()
			is.Equal(gotTarget, "DynamoDB_20120810."+smp.op)
			is.Equal(gotType, "application/x-amz-json-1.0")
			in, err := wire.DecodeInput(smp.op, gotBody)
			is.NoErr(err)
			is.Equal(in, smp.input)                    // what the SDK sent decodes to the input
			is.Equal(withoutMetadata(res), smp.output) // what we sent decodes to the output
			dec, err := wire.DecodeOutput(smp.op, out)
			is.NoErr(err)
			is.Equal(dec, smp.output)
		})
	}
}

// TestExceptionsAgainstSDKClient checks that the SDK reads MarshalError's
// bodies into its exception types, with their extra members.
func TestExceptionsAgainstSDKClient(t *testing.T) {
	tests := []struct {
		name      string
		typ       string
		exception error
		check     func(is *is.I, err error)
	}{
		{
			name:      "conditional check with item",
			typ:       "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
			exception: &types.ConditionalCheckFailedException{Message: aws.String("The conditional request failed"), Item: richItem()},
			check: func(is *is.I, err error) {
				var ccf *types.ConditionalCheckFailedException
				is.True(errors.As(err, &ccf))
				is.Equal(aws.ToString(ccf.Message), "The conditional request failed")
				is.Equal(ccf.Item, richItem())
			},
		},
		{
			name: "transaction canceled with reasons",
			typ:  "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
			exception: &types.TransactionCanceledException{
				Message: aws.String("Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]"),
				CancellationReasons: []types.CancellationReason{
					{Code: aws.String("ConditionalCheckFailed"), Message: aws.String("The conditional request failed"), Item: key()},
					{Code: aws.String("None")},
				},
			},
			check: func(is *is.I, err error) {
				var tce *types.TransactionCanceledException
				is.True(errors.As(err, &tce))
				is.Equal(len(tce.CancellationReasons), 2)
				is.Equal(aws.ToString(tce.CancellationReasons[0].Code), "ConditionalCheckFailed")
				is.Equal(tce.CancellationReasons[0].Item, key())
				is.Equal(aws.ToString(tce.CancellationReasons[1].Code), "None")
				is.True(strings.HasPrefix(aws.ToString(tce.Message), "Transaction cancelled"))
			},
		},
		{
			name:      "resource not found",
			typ:       "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
			exception: &types.ResourceNotFoundException{Message: aws.String("Cannot do operations on a non-existent table")},
			check: func(is *is.I, err error) {
				var rnf *types.ResourceNotFoundException
				is.True(errors.As(err, &rnf))
				is.Equal(rnf.ErrorMessage(), "Cannot do operations on a non-existent table")
			},
		},
		{
			name:      "validation (generic)",
			typ:       "com.amazon.coral.validate#ValidationException",
			exception: &smithy.GenericAPIError{Code: "ValidationException", Message: "One or more parameter values were invalid"},
			check: func(is *is.I, err error) {
				var ae smithy.APIError
				is.True(errors.As(err, &ae))
				is.Equal(ae.ErrorCode(), "ValidationException")
				is.Equal(ae.ErrorMessage(), "One or more parameter values were invalid")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is := is.New(t)
			var extra any = tt.exception
			if _, ok := tt.exception.(*smithy.GenericAPIError); ok {
				extra = nil
			}
			var ae smithy.APIError
			is.True(errors.As(tt.exception, &ae))
			body, err := wire.MarshalError(tt.typ, ae.ErrorMessage(), extra)
			is.NoErr(err)
			is.True(strings.HasPrefix(string(body), `{"__type":"`+tt.typ+`","Message":"`))
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/x-amz-json-1.0")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write(body)
			}))
			defer srv.Close()
			_, err = newClient(srv.URL).PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String("t"), Item: key()})
			is.True(err != nil)
			tt.check(is, err)
		})
	}
}

func TestMarshalWireNames(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"exception message is Message, ErrorCodeOverride dropped",
			&types.ResourceNotFoundException{Message: aws.String("m"), ErrorCodeOverride: aws.String("X")},
			`{"Message":"m"}`},
		{"throttling members are lower camel case",
			&types.ThrottlingException{ThrottlingReasons: []types.ThrottlingReason{{Reason: aws.String("r"), Resource: aws.String("arn")}}},
			`{"throttlingReasons":[{"reason":"r","resource":"arn"}]}`},
		{"streams record members are lower camel case",
			&streamtypes.Record{EventID: aws.String("1"), EventName: streamtypes.OperationTypeInsert, AwsRegion: aws.String("us-east-1")},
			`{"awsRegion":"us-east-1","eventID":"1","eventName":"INSERT"}`},
		{"streams record time and keys",
			&streamtypes.StreamRecord{ApproximateCreationDateTime: aws.Time(time.Unix(1700000000, 0)), Keys: map[string]streamtypes.AttributeValue{"k": &streamtypes.AttributeValueMemberN{Value: "1"}}},
			`{"ApproximateCreationDateTime":1700000000.000,"Keys":{"k":{"N":"1"}}}`},
		{"counts are always written, nil slices never",
			&dynamodb.QueryOutput{},
			`{"Count":0,"ScannedCount":0}`},
		{"empty slices are written",
			&dynamodb.ScanOutput{Items: []map[string]types.AttributeValue{}, Count: 3},
			`{"Count":3,"Items":[],"ScannedCount":0}`},
		{"time has millisecond precision, truncated",
			&types.BillingModeSummary{LastUpdateToPayPerRequestDateTime: aws.Time(time.Unix(1700000000, 123_999_999))},
			`{"LastUpdateToPayPerRequestDateTime":1700000000.123}`},
		{"time before the epoch",
			&types.BillingModeSummary{LastUpdateToPayPerRequestDateTime: aws.Time(time.Unix(-2, 500_000_000))},
			`{"LastUpdateToPayPerRequestDateTime":-1.500}`},
		{"floats",
			&types.Capacity{CapacityUnits: aws.Float64(0.5), ReadCapacityUnits: aws.Float64(1e21), WriteCapacityUnits: aws.Float64(math.Inf(1))},
			`{"CapacityUnits":0.5,"ReadCapacityUnits":1e+21,"WriteCapacityUnits":"Infinity"}`},
		{"whole floats as DynamoDB Local writes them",
			&types.ItemCollectionMetrics{SizeEstimateRangeGB: []float64{0, 1, -2, 1e-7}},
			`{"SizeEstimateRangeGB":[0.0,1.0,-2.0,1e-07]}`},
		{"nil binary is empty, nil list and map are empty",
			&types.PutRequest{Item: map[string]types.AttributeValue{"b": &types.AttributeValueMemberB{}}},
			`{"Item":{"b":{"B":""}}}`},
		{"nil L",
			&types.PutRequest{Item: map[string]types.AttributeValue{"l": &types.AttributeValueMemberL{}}},
			`{"Item":{"l":{"L":[]}}}`},
		{"nil M",
			&types.PutRequest{Item: map[string]types.AttributeValue{"m": &types.AttributeValueMemberM{}}},
			`{"Item":{"m":{"M":{}}}}`},
		{"string escapes",
			&types.AttributeDefinition{AttributeName: aws.String("a\"\\\n\x01\u2028\xff<>&")},
			`{"AttributeName":"a\"\\\n\u0001\u2028\ufffd<>&"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is := is.New(t)
			b, err := wire.Marshal(tt.v)
			is.NoErr(err)
			is.Equal(string(b), tt.want)
		})
	}
}

func TestMarshalErrors(t *testing.T) {
	is := is.New(t)
	_, err := wire.Marshal(nil)
	is.True(err != nil)
	_, err = wire.Marshal(&types.PutRequest{Item: map[string]types.AttributeValue{"x": &types.UnknownUnionMember{Tag: "Q"}}})
	is.True(err != nil) // unknown union members cannot be sent
	_, err = wire.Marshal(struct{ F func() }{})
	is.True(err != nil)
	_, err = wire.Marshal(struct{ M map[int]string }{})
	is.True(err != nil)
}

func TestMarshalError(t *testing.T) {
	is := is.New(t)
	b, err := wire.MarshalError("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "The conditional request failed",
		&types.ConditionalCheckFailedException{Message: aws.String("ignored"), Item: map[string]types.AttributeValue{"a": s("x")}})
	is.NoErr(err)
	is.Equal(string(b), `{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","Message":"The conditional request failed","Item":{"a":{"S":"x"}}}`)
	b, err = wire.MarshalError("com.amazon.coral.validate#ValidationException", "bad", nil)
	is.NoErr(err)
	is.Equal(string(b), `{"__type":"com.amazon.coral.validate#ValidationException","Message":"bad"}`)
}

func TestDecodeInputUnknownOperation(t *testing.T) {
	is := is.New(t)
	_, err := wire.DecodeInput("DescribeLimits", []byte(`{}`))
	is.True(err != nil)
	_, err = wire.DecodeOutput("Nope", []byte(`{}`))
	is.True(err != nil)
}

func TestUnmarshalNeedsPointer(t *testing.T) {
	is := is.New(t)
	is.True(wire.Unmarshal([]byte(`{}`), dynamodb.GetItemInput{}) != nil)
	is.True(wire.Unmarshal([]byte(`{}`), (*dynamodb.GetItemInput)(nil)) != nil)
	is.True(wire.Unmarshal([]byte(`{}`), nil) != nil)
}

func TestUnmarshalReadsBothMessageSpellings(t *testing.T) {
	is := is.New(t)
	for _, doc := range []string{`{"message":"m"}`, `{"Message":"m"}`} {
		var e types.ResourceNotFoundException
		is.NoErr(wire.Unmarshal([]byte(doc), &e))
		is.Equal(aws.ToString(e.Message), "m")
	}
	var r streamtypes.Record
	is.NoErr(wire.Unmarshal([]byte(`{"eventID":"1","dynamodb":{"Keys":{"k":{"S":"v"}},"SizeBytes":5}}`), &r))
	is.Equal(aws.ToString(r.EventID), "1")
	is.Equal(aws.ToInt64(r.Dynamodb.SizeBytes), int64(5))
	is.Equal(r.Dynamodb.Keys["k"], streamtypes.AttributeValue(&streamtypes.AttributeValueMemberS{Value: "v"}))
	var rec streamtypes.Record
	is.NoErr(wire.Unmarshal([]byte(`{"EventID":"1"}`), &rec)) // names are case-sensitive
	is.Equal(rec.EventID, (*string)(nil))
}
