package dynamotest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest"
)

// srvClient returns an SDK client for the endpoint url, as a user would
// configure it.
func srvClient(url string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(url),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
}

func srvCreateTable(ctx context.Context, c *dynamodb.Client, name string) error {
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		BillingMode:          types.BillingModePayPerRequest,
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
	})
	return err
}

func TestServerWithSDKClient(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := dynamotest.New()
	srv := dynamotest.NewServer(db)
	defer srv.Close()
	c := srvClient(srv.URL)

	is.NoErr(srvCreateTable(ctx, c, "things"))
	desc, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("things")})
	is.NoErr(err)
	is.Equal(aws.ToString(desc.Table.TableName), "things")
	is.True(desc.Table.CreationDateTime != nil)

	it := map[string]types.AttributeValue{
		"pk":  &types.AttributeValueMemberS{Value: "a"},
		"n":   &types.AttributeValueMemberN{Value: "1.5"},
		"b":   &types.AttributeValueMemberB{Value: []byte{0, 1}},
		"set": &types.AttributeValueMemberSS{Value: []string{"x", "y"}},
		"doc": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberBOOL{Value: true}, &types.AttributeValueMemberNULL{Value: true}}},
		}},
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("things"), Item: it})
	is.NoErr(err)
	got, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("things"), Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}}})
	is.NoErr(err)
	is.Equal(got.Item, it) // the item survives both directions of the wire

	q, err := c.Query(ctx, &dynamodb.QueryInput{
		TableName:                 aws.String("things"),
		KeyConditionExpression:    aws.String("pk = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: "a"}},
	})
	is.NoErr(err)
	is.Equal(q.Count, int32(1))
	is.Equal(q.Items[0], it)

	t.Run("conditional check failure carries the item", func(t *testing.T) {
		is := is.New(t)
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{
			TableName:                           aws.String("things"),
			Item:                                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}},
			ConditionExpression:                 aws.String("attribute_not_exists(pk)"),
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
		})
		var ccf *types.ConditionalCheckFailedException
		is.True(errors.As(err, &ccf))
		is.Equal(ccf.Item, it)
		is.Equal(ccf.ErrorMessage(), "The conditional request failed")
	})

	t.Run("validation error keeps code and message", func(t *testing.T) {
		is := is.New(t)
		in := &dynamodb.PutItemInput{
			TableName:           aws.String("things"),
			Item:                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}},
			ConditionExpression: aws.String("attribute_not_exists("),
		}
		_, direct := db.PutItem(ctx, in)
		var want smithy.APIError
		is.True(errors.As(direct, &want))
		_, err := c.PutItem(ctx, in)
		var ae smithy.APIError
		is.True(errors.As(err, &ae))
		is.Equal(ae.ErrorCode(), "ValidationException")
		is.Equal(ae.ErrorMessage(), want.ErrorMessage())
	})

	t.Run("missing table", func(t *testing.T) {
		is := is.New(t)
		_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("nope"), Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}}})
		var rnf *types.ResourceNotFoundException
		is.True(errors.As(err, &rnf))
	})

	t.Run("transaction canceled with reasons", func(t *testing.T) {
		is := is.New(t)
		_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
			{Put: &types.Put{
				TableName:                           aws.String("things"),
				Item:                                map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}},
				ConditionExpression:                 aws.String("attribute_not_exists(pk)"),
				ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
			}},
			{Put: &types.Put{TableName: aws.String("things"), Item: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "c"}}}},
		}})
		var tce *types.TransactionCanceledException
		is.True(errors.As(err, &tce))
		is.Equal(len(tce.CancellationReasons), 2)
		is.Equal(aws.ToString(tce.CancellationReasons[0].Code), "ConditionalCheckFailed")
		is.Equal(tce.CancellationReasons[0].Item, it)
		is.Equal(aws.ToString(tce.CancellationReasons[1].Code), "None")
	})
}

// srvResponse is a raw HTTP exchange with a JSON 1.0 endpoint.
type srvResponse struct {
	status int
	header http.Header
	body   []byte
	doc    map[string]any
}

func srvPost(t *testing.T, url string, header map[string]string, body string) srvResponse {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x")
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := srvResponse{status: resp.StatusCode, header: resp.Header, body: b}
	if err := json.Unmarshal(b, &r.doc); err != nil {
		t.Fatalf("response body %q: %v", b, err)
	}
	return r
}

func target(op string) map[string]string { return map[string]string{"X-Amz-Target": op} }

// srvFramingCases are raw requests whose answers must look like DynamoDB
// Local's. table is created beforehand and holds {"pk":"a","v":1}.
func srvFramingCases(table string) []struct {
	name   string
	header map[string]string
	body   string
} {
	return []struct {
		name   string
		header map[string]string
		body   string
	}{
		{"list tables", target("DynamoDB_20120810.ListTables"), `{"Limit":1}`},
		{"unknown operation", target("DynamoDB_20120810.Frobnicate"), `{}`},
		{"unknown service", target("Foo_20120810.ListTables"), `{}`},
		{"missing authentication", map[string]string{"X-Amz-Target": "DynamoDB_20120810.ListTables", "Authorization": ""}, `{}`},
		{"missing table", target("DynamoDB_20120810.DescribeTable"), `{"TableName":"wire_missing_table"}`},
		{"empty attribute value", target("DynamoDB_20120810.PutItem"), `{"TableName":"` + table + `","Item":{"pk":{}}}`},
		{"conditional check failed", target("DynamoDB_20120810.PutItem"),
			`{"TableName":"` + table + `","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}`},
		{"transaction canceled", target("DynamoDB_20120810.TransactWriteItems"),
			`{"TransactItems":[{"Put":{"TableName":"` + table + `","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},{"Put":{"TableName":"` + table + `","Item":{"pk":{"S":"c"}}}}]}`},
	}
}

func srvSeed(t *testing.T, url, table string) {
	t.Helper()
	r := srvPost(t, url, target("DynamoDB_20120810.CreateTable"), `{"TableName":"`+table+`","BillingMode":"PAY_PER_REQUEST",`+
		`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)
	if r.status != http.StatusOK {
		t.Fatalf("create table: %s", r.body)
	}
	r = srvPost(t, url, target("DynamoDB_20120810.PutItem"), `{"TableName":"`+table+`","Item":{"pk":{"S":"a"},"v":{"N":"1"}}}`)
	if r.status != http.StatusOK {
		t.Fatalf("put item: %s", r.body)
	}
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestServerFraming(t *testing.T) {
	srv := dynamotest.NewServer(dynamotest.New())
	defer srv.Close()
	srvSeed(t, srv.URL, "wire_framing")
	item := map[string]any{"pk": map[string]any{"S": "a"}, "v": map[string]any{"N": "1"}}
	tests := []struct {
		status int
		typ    string
		msg    string
		extra  map[string]any
	}{
		{200, "", "", map[string]any{"TableNames": []any{"wire_framing"}}},
		{400, "com.amazonaws.dynamodb.v20120810#UnknownOperationException", "An unknown operation was requested.", nil},
		{400, "com.amazonaws.dynamodb.v20120810#InvalidAction", "The action or operation requested is invalid. Verify that the action is typed correctly.", nil},
		{400, "com.amazonaws.dynamodb.v20120810#MissingAuthenticationToken", "Request must contain either a valid (registered) AWS access key ID or X.509 certificate.", nil},
		{400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "Cannot do operations on a non-existent table", nil},
		{400, "com.amazon.coral.validate#ValidationException", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes", nil},
		{400, "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "The conditional request failed", map[string]any{"Item": item}},
		{400, "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
			"Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]",
			map[string]any{"CancellationReasons": []any{
				map[string]any{"Code": "ConditionalCheckFailed", "Message": "The conditional request failed", "Item": item},
				map[string]any{"Code": "None"},
			}}},
	}
	for i, c := range srvFramingCases("wire_framing") {
		t.Run(c.name, func(t *testing.T) {
			is := is.New(t)
			want := tests[i]
			r := srvPost(t, srv.URL, c.header, c.body)
			is.Equal(r.status, want.status)
			is.Equal(r.header.Get("Content-Type"), "application/x-amz-json-1.0")
			is.True(uuidPattern.MatchString(r.header.Get("X-Amzn-Requestid")))
			is.Equal(r.header.Get("X-Amz-Crc32"), strconv.FormatUint(uint64(crc32.ChecksumIEEE(r.body)), 10))
			is.Equal(r.header.Get("Content-Length"), strconv.Itoa(len(r.body)))
			if want.typ != "" {
				is.Equal(r.doc["__type"], want.typ)
				is.Equal(r.doc["Message"], want.msg)
				delete(r.doc, "__type")
				delete(r.doc, "Message")
			}
			if want.extra == nil {
				want.extra = map[string]any{}
			}
			is.Equal(r.doc, want.extra)
		})
	}
}

func TestServerSerializationErrors(t *testing.T) {
	srv := dynamotest.NewServer(dynamotest.New())
	defer srv.Close()
	for _, body := range []string{``, `{`, `[]`, `{"ExclusiveStartTableName":{}}`, `{"Limit":"abc"}`} {
		t.Run(body, func(t *testing.T) {
			is := is.New(t)
			r := srvPost(t, srv.URL, target("DynamoDB_20120810.ListTables"), body)
			is.Equal(r.status, http.StatusBadRequest)
			is.Equal(r.doc["__type"], "com.amazon.coral.service#SerializationException")
			is.True(r.doc["Message"] != "")
		})
	}
}

func TestServerFaultStatus(t *testing.T) {
	tests := []struct {
		code   dynamotest.FaultCode
		status int
		typ    string
	}{
		{dynamotest.FaultInternalError, http.StatusInternalServerError, "com.amazonaws.dynamodb.v20120810#InternalServerError"},
		{dynamotest.FaultThrottling, http.StatusBadRequest, "com.amazonaws.dynamodb.v20120810#ThrottlingException"},
		{dynamotest.FaultThroughputExceeded, http.StatusBadRequest, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"},
	}
	for _, tt := range tests {
		t.Run(string(tt.code), func(t *testing.T) {
			is := is.New(t)
			db := dynamotest.New()
			srv := dynamotest.NewServer(db)
			defer srv.Close()
			db.InjectFault(dynamotest.Fault{Op: "ListTables", Code: tt.code, Next: 1})
			r := srvPost(t, srv.URL, target("DynamoDB_20120810.ListTables"), `{}`)
			is.Equal(r.status, tt.status)
			is.Equal(r.doc["__type"], tt.typ)
			r = srvPost(t, srv.URL, target("DynamoDB_20120810.ListTables"), `{}`)
			is.Equal(r.status, http.StatusOK) // the fault fired once
		})
	}
}

// TestServerFramingMatchesLocal sends the framing cases to DynamoDB Local
// (GONAMO_TEST_ENDPOINT) and to the server and compares status, error type,
// message and the other members of the answers.
func TestServerFramingMatchesLocal(t *testing.T) {
	endpoint := os.Getenv("GONAMO_TEST_ENDPOINT")
	if endpoint == "" {
		t.Skip("set GONAMO_TEST_ENDPOINT to a DynamoDB Local endpoint to compare with it")
	}
	srv := dynamotest.NewServer(dynamotest.New())
	defer srv.Close()
	const table = "wire_framing_local"
	srvSeed(t, srv.URL, table)
	srvSeed(t, endpoint, table)
	defer srvPost(t, endpoint, target("DynamoDB_20120810.DeleteTable"), `{"TableName":"`+table+`"}`)
	for _, c := range srvFramingCases(table) {
		if c.name == "list tables" {
			continue // Local holds other tables
		}
		t.Run(c.name, func(t *testing.T) {
			is := is.New(t)
			want := srvPost(t, endpoint, c.header, c.body)
			got := srvPost(t, srv.URL, c.header, c.body)
			is.Equal(got.status, want.status)
			is.Equal(got.doc, want.doc)
		})
	}
}

func ExampleNewServer() {
	srv := dynamotest.NewServer(dynamotest.New())
	defer srv.Close()
	ctx := context.Background()
	client := srvClient(srv.URL) // BaseEndpoint: srv.URL, any static credentials
	if err := srvCreateTable(ctx, client, "things"); err != nil {
		fmt.Println(err)
		return
	}
	out, err := client.ListTables(ctx, &dynamodb.ListTablesInput{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.TableNames)
	// Output: [things]
}

func ExampleNewHandler() {
	mux := http.NewServeMux()
	mux.Handle("/", dynamotest.NewHandler(dynamotest.New()))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{"TableName":"missing"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("Authorization", "any credentials will do")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body))
	// Output: 400 {"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","Message":"Cannot do operations on a non-existent table"}
}
