package dynamotest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest/internal/wire"
)

// The legacy tests run each case's request three ways and expect the same
// outcome, recorded from DynamoDB Local 3.3.1:
//
//   - translated by legacy* and sent to dynamotest (always);
//   - as written, with its legacy parameters, to DynamoDB Local;
//   - translated, to DynamoDB Local, which shows that the translation means
//     on DynamoDB what the legacy request means.
//
// The last two run when GONAMO_TEST_ENDPOINT names a DynamoDB Local
// endpoint. Every case starts from the fixture items below. To record a new
// case, write it with tr and out set to "?" and run the DynamoDB Local test
// with GONAMO_LEGACY_RECORD=1: it prints each case's translation and
// outcomes (RECORD lines) instead of checking them.

const (
	legacyTable    = "legacy_test"   // pk (S) hash, sk (N) range
	legacyHashOnly = "legacy_test_h" // pk (S) hash; GSI "gsi": g (S) hash, gr (N) range
)

// legacyKeys are the key schemas a Query reads, by table and index.
var legacyKeys = map[string]keySchema{
	legacyTable:             {hash: "pk", hashType: "S", rng: "sk", rngType: "N"},
	legacyHashOnly:          {hash: "pk", hashType: "S"},
	legacyHashOnly + "/gsi": {hash: "g", hashType: "S", rng: "gr", rngType: "N"},
}

var legacyTables = []string{
	`{"TableName":"legacy_test","BillingMode":"PAY_PER_REQUEST",
	  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
	  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]}`,
	`{"TableName":"legacy_test_h","BillingMode":"PAY_PER_REQUEST",
	  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
	  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"},{"AttributeName":"gr","AttributeType":"N"}],
	  "GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},{"AttributeName":"gr","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}`,
}

// legacyFixture holds the items every case starts from, by table.
var legacyFixture = map[string][]string{
	legacyTable: {
		`{"pk":{"S":"a"},"sk":{"N":"1"},"s":{"S":"hello"},"n":{"N":"5"},"ss":{"SS":["x","y"]},"ns":{"NS":["1","2"]},
		  "l":{"L":[{"S":"x"},{"N":"1"}]},"m":{"M":{"k":{"S":"v"}}},"t":{"BOOL":true},"z":{"NULL":true},"bin":{"B":"YWJj"}}`,
		`{"pk":{"S":"a"},"sk":{"N":"2"},"s":{"S":"help"},"n":{"N":"10"}}`,
		`{"pk":{"S":"a"},"sk":{"N":"3"},"s":{"S":"world"},"n":{"N":"-1"},"ss":{"SS":["z"]}}`,
		`{"pk":{"S":"b"},"sk":{"N":"1"},"s":{"S":"bye"}}`,
		`{"pk":{"S":"u"},"sk":{"N":"1"},"s":{"S":"hello"},"n":{"N":"5"},"ss":{"SS":["x","y"]},"ns":{"NS":["1","2"]},"l":{"L":[{"S":"x"}]}}`,
	},
	legacyHashOnly: {
		`{"pk":{"S":"h1"},"g":{"S":"x"},"gr":{"N":"1"},"n":{"N":"1"}}`,
		`{"pk":{"S":"h2"},"g":{"S":"x"},"gr":{"N":"2"},"n":{"N":"2"}}`,
	},
}

// legacyCase is a request with legacy parameters.
type legacyCase struct {
	name string
	op   string // GetItem, PutItem, DeleteItem, UpdateItem, Query, Scan or BatchGetItem
	in   string // the request as JSON; TableName defaults to legacy_test
	tr   string // the translation (legacyRenderTranslation), "" when it fails
	out  string // the outcome on DynamoDB Local (renderOutcome)
	fake string // the outcome on dynamotest, when it knowingly differs from out
}

// ---- rendering ----

func legacyRenderAV(av types.AttributeValue) string {
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		return "S:" + x.Value
	case *types.AttributeValueMemberN:
		return "N:" + x.Value
	case *types.AttributeValueMemberB:
		return "B:" + base64.StdEncoding.EncodeToString(x.Value)
	case *types.AttributeValueMemberBOOL:
		return fmt.Sprintf("BOOL:%t", x.Value)
	case *types.AttributeValueMemberNULL:
		return "NULL"
	case *types.AttributeValueMemberSS:
		return "SS:[" + strings.Join(slices.Sorted(slices.Values(x.Value)), " ") + "]"
	case *types.AttributeValueMemberNS:
		return "NS:[" + strings.Join(slices.Sorted(slices.Values(x.Value)), " ") + "]"
	case *types.AttributeValueMemberBS:
		var s []string
		for _, b := range x.Value {
			s = append(s, base64.StdEncoding.EncodeToString(b))
		}
		slices.Sort(s)
		return "BS:[" + strings.Join(s, " ") + "]"
	case *types.AttributeValueMemberL:
		var s []string
		for _, e := range x.Value {
			s = append(s, legacyRenderAV(e))
		}
		return "L:[" + strings.Join(s, " ") + "]"
	case *types.AttributeValueMemberM:
		return "M:" + legacyRenderItem(x.Value)
	}
	return fmt.Sprintf("?%T", av)
}

func legacyRenderItem(it map[string]types.AttributeValue) string {
	var s []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range it {
			if !yield(k) {
				return
			}
		}
	}) {
		s = append(s, k+"="+legacyRenderAV(it[k]))
	}
	return "{" + strings.Join(s, " ") + "}"
}

// legacyFixtureItems are the fixture items, decoded, by their rendering.
var legacyFixtureItems = func() map[string]string {
	out := map[string]string{}
	for _, items := range legacyFixture {
		for _, src := range items {
			it := legacyDecodeItem(src)
			name := legacyRenderAV(it["pk"])[2:]
			if sk, ok := it["sk"]; ok {
				name += "/" + legacyRenderAV(sk)[2:]
			}
			out[legacyRenderItem(it)] = name
		}
	}
	return out
}()

// legacyRenderRead renders a read item: a fixture item by its key ("a/1"),
// anything else in full.
func legacyRenderRead(it map[string]types.AttributeValue) string {
	s := legacyRenderItem(it)
	if name, ok := legacyFixtureItems[s]; ok {
		return name
	}
	return s
}

func legacyDecodeItem(src string) map[string]types.AttributeValue {
	var out dynamodb.GetItemOutput
	if err := wire.Unmarshal([]byte(`{"Item":`+src+`}`), &out); err != nil {
		panic(err)
	}
	return out.Item
}

func legacyRenderError(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode() + ": " + api.ErrorMessage()
	}
	return "error: " + err.Error()
}

// legacyRenderTranslation renders the expression parameters of a translated input
// with its placeholders, and fails when a legacy parameter is left.
func legacyRenderTranslation(t *testing.T, in any) string {
	t.Helper()
	var (
		parts  []string
		names  map[string]string
		values map[string]types.AttributeValue
	)
	add := func(label string, s *string) {
		if s != nil {
			parts = append(parts, label+": "+*s)
		}
	}
	legacyLeft := false
	switch x := in.(type) {
	case *dynamodb.GetItemInput:
		legacyLeft = x.AttributesToGet != nil
		add("proj", x.ProjectionExpression)
		names = x.ExpressionAttributeNames
	case *dynamodb.PutItemInput:
		legacyLeft = x.Expected != nil || x.ConditionalOperator != ""
		add("cond", x.ConditionExpression)
		names, values = x.ExpressionAttributeNames, x.ExpressionAttributeValues
	case *dynamodb.DeleteItemInput:
		legacyLeft = x.Expected != nil || x.ConditionalOperator != ""
		add("cond", x.ConditionExpression)
		names, values = x.ExpressionAttributeNames, x.ExpressionAttributeValues
	case *dynamodb.UpdateItemInput:
		legacyLeft = x.AttributeUpdates != nil || x.Expected != nil || x.ConditionalOperator != ""
		add("update", x.UpdateExpression)
		add("cond", x.ConditionExpression)
		names, values = x.ExpressionAttributeNames, x.ExpressionAttributeValues
	case *dynamodb.QueryInput:
		legacyLeft = x.KeyConditions != nil || x.QueryFilter != nil || x.AttributesToGet != nil || x.ConditionalOperator != ""
		add("key", x.KeyConditionExpression)
		add("filter", x.FilterExpression)
		add("proj", x.ProjectionExpression)
		names, values = x.ExpressionAttributeNames, x.ExpressionAttributeValues
	case *dynamodb.ScanInput:
		legacyLeft = x.ScanFilter != nil || x.AttributesToGet != nil || x.ConditionalOperator != ""
		add("filter", x.FilterExpression)
		add("proj", x.ProjectionExpression)
		names, values = x.ExpressionAttributeNames, x.ExpressionAttributeValues
	case *dynamodb.BatchGetItemInput:
		for _, tn := range legacySorted(x.RequestItems) {
			ka := x.RequestItems[tn]
			legacyLeft = legacyLeft || ka.AttributesToGet != nil
			add(tn+" proj", ka.ProjectionExpression)
			for _, k := range legacySorted(ka.ExpressionAttributeNames) {
				parts = append(parts, k+"="+ka.ExpressionAttributeNames[k])
			}
		}
	}
	if legacyLeft {
		t.Errorf("legacy parameters left in %#v", in)
	}
	for _, k := range legacySorted(names) {
		parts = append(parts, k+"="+names[k])
	}
	for _, k := range legacySorted(values) {
		parts = append(parts, k+"="+legacyRenderAV(values[k]))
	}
	return strings.Join(parts, "; ")
}

// ---- running ----

// legacyClient is what the cases call: *DB or *dynamodb.Client.
type legacyClient interface {
	CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	Scan(context.Context, *dynamodb.ScanInput, ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
}

var (
	_ legacyClient = (*DB)(nil)
	_ legacyClient = (*dynamodb.Client)(nil)
)

// legacyDecodeCase decodes a case's request, with TableName defaulting to
// legacy_test.
func legacyDecodeCase(t *testing.T, c legacyCase) any {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(c.in), &m); err != nil {
		t.Fatalf("case JSON: %v", err)
	}
	if _, ok := m["TableName"]; !ok && c.op != "BatchGetItem" {
		m["TableName"] = json.RawMessage(`"` + legacyTable + `"`)
	}
	body, _ := json.Marshal(m)
	in, err := wire.DecodeInput(c.op, body)
	if err != nil {
		t.Fatalf("decode %s: %v", c.op, err)
	}
	return in
}

// legacyTranslate runs the legacy* function of the input's operation.
func legacyTranslate(in any) (any, error) {
	switch x := in.(type) {
	case *dynamodb.GetItemInput:
		return legacyGetItem(x)
	case *dynamodb.PutItemInput:
		return legacyPutItem(x)
	case *dynamodb.DeleteItemInput:
		return legacyDeleteItem(x)
	case *dynamodb.UpdateItemInput:
		return legacyUpdateItem(x)
	case *dynamodb.QueryInput:
		return legacyQuery(x)
	case *dynamodb.ScanInput:
		return legacyScan(x)
	case *dynamodb.BatchGetItemInput:
		return legacyBatchGetItem(x)
	}
	return nil, fmt.Errorf("no translation for %T", in)
}

// legacyWriteKey returns the key a write request targets.
func legacyWriteKey(in any) (*string, map[string]types.AttributeValue) {
	switch x := in.(type) {
	case *dynamodb.PutItemInput:
		key := map[string]types.AttributeValue{}
		for _, k := range []string{"pk", "sk"} {
			if v, ok := x.Item[k]; ok {
				key[k] = v
			}
		}
		return x.TableName, key
	case *dynamodb.DeleteItemInput:
		return x.TableName, x.Key
	case *dynamodb.UpdateItemInput:
		return x.TableName, x.Key
	}
	return nil, nil
}

// legacyRun sends an input to c and renders the outcome. orig is the request as
// written, for the checks dynamotest makes once it knows the key schema
// (legacyQueryKeys); nil when in is sent as written.
func legacyRun(ctx context.Context, c legacyClient, in, orig any) string {
	var (
		out any
		err error
	)
	switch x := in.(type) {
	case *dynamodb.GetItemInput:
		var o *dynamodb.GetItemOutput
		if o, err = c.GetItem(ctx, x); err == nil {
			if o.Item == nil {
				return "item: none"
			}
			return "item: " + legacyRenderRead(o.Item)
		}
	case *dynamodb.PutItemInput:
		var o *dynamodb.PutItemOutput
		if o, err = c.PutItem(ctx, x); err == nil {
			out = o.Attributes
		}
	case *dynamodb.DeleteItemInput:
		var o *dynamodb.DeleteItemOutput
		if o, err = c.DeleteItem(ctx, x); err == nil {
			out = o.Attributes
		}
	case *dynamodb.UpdateItemInput:
		var o *dynamodb.UpdateItemOutput
		if o, err = c.UpdateItem(ctx, x); err == nil {
			out = o.Attributes
		} else if orig != nil {
			err = legacyUpdateError(legacyUnwrap(err))
		}
	case *dynamodb.QueryInput:
		if q, ok := orig.(*dynamodb.QueryInput); ok {
			name := aws.ToString(x.TableName)
			if x.IndexName != nil {
				name += "/" + *x.IndexName
			}
			if keys, ok := legacyKeys[name]; ok {
				if err := legacyQueryKeys(q, keys); err != nil {
					return legacyRenderError(err)
				}
			}
		}
		var o *dynamodb.QueryOutput
		if o, err = c.Query(ctx, x); err == nil {
			return legacyRenderItems(o.Count, o.ScannedCount, o.Items, false)
		}
	case *dynamodb.ScanInput:
		var o *dynamodb.ScanOutput
		if o, err = c.Scan(ctx, x); err == nil {
			return legacyRenderItems(o.Count, o.ScannedCount, o.Items, true)
		}
	case *dynamodb.BatchGetItemInput:
		var o *dynamodb.BatchGetItemOutput
		if o, err = c.BatchGetItem(ctx, x); err == nil {
			var s []string
			for _, tn := range legacySorted(o.Responses) {
				s = append(s, tn+": "+legacyRenderItems(int32(len(o.Responses[tn])), 0, o.Responses[tn], true))
			}
			return strings.Join(s, "; ")
		}
	}
	if err != nil {
		return legacyRenderError(err)
	}
	// A write: what it returned and the item after it.
	table, key := legacyWriteKey(in)
	got, gerr := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: table, Key: key, ConsistentRead: aws.Bool(true)})
	if gerr != nil {
		return "get after write: " + legacyRenderError(gerr)
	}
	s := "ok"
	if m, _ := out.(map[string]types.AttributeValue); m != nil {
		s += " returned " + legacyRenderItem(m)
	}
	if got.Item == nil {
		return s + "; item: none"
	}
	return s + "; item: " + legacyRenderItem(got.Item)
}

// legacyUnwrap unwraps an operation error to its API error, as the operation
// sees it before wrapping.
func legacyUnwrap(err error) error {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api
	}
	return err
}

func legacyRenderItems(count, scanned int32, items []map[string]types.AttributeValue, sorted bool) string {
	s := make([]string, len(items))
	for i, it := range items {
		s[i] = legacyRenderRead(it)
	}
	if sorted {
		slices.Sort(s)
	}
	head := fmt.Sprintf("%d/%d", count, scanned)
	if len(s) == 0 {
		return head
	}
	return head + ": " + strings.Join(s, " ")
}

// legacySetUp creates the test tables on c, when create is set, and puts the
// fixture items, deleting any other item of the tables.
func legacySetUp(t *testing.T, ctx context.Context, c legacyClient, create bool) {
	t.Helper()
	if create {
		for _, src := range legacyTables {
			in, err := wire.DecodeInput("CreateTable", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.CreateTable(ctx, in.(*dynamodb.CreateTableInput)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, table := range legacySorted(legacyFixture) {
		o, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range o.Items {
			key := map[string]types.AttributeValue{"pk": it["pk"]}
			if sk, ok := it["sk"]; ok {
				key["sk"] = sk
			}
			if _, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: key}); err != nil {
				t.Fatal(err)
			}
		}
		for _, src := range legacyFixture[table] {
			if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: legacyDecodeItem(src)}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func legacyLocalClient(endpoint string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}, nil
		}),
		RetryMaxAttempts: 1,
	})
}

// TestLegacyCases checks each case's translation and its outcome on
// dynamotest.
func TestLegacyCases(t *testing.T) {
	ctx := context.Background()
	for _, c := range legacyCases {
		t.Run(c.op+"/"+c.name, func(t *testing.T) {
			is := is.New(t)
			in := legacyDecodeCase(t, c)
			tr, err := legacyTranslate(in)
			if err != nil {
				is.Equal(c.tr, "")                      // translation
				is.Equal(legacyRenderError(err), c.out) // error
				return
			}
			is.Equal(legacyRenderTranslation(t, tr), c.tr) // translation
			db := New()
			legacySetUp(t, ctx, db, true)
			want := c.out
			if c.fake != "" {
				want = c.fake
			}
			is.Equal(legacyRun(ctx, db, tr, in), want) // outcome on dynamotest
		})
	}
}

// TestLegacyCasesOnDynamoDBLocal checks that DynamoDB Local gives each
// case's outcome, for the legacy request and for its translation.
func TestLegacyCasesOnDynamoDBLocal(t *testing.T) {
	endpoint := os.Getenv("GONAMO_TEST_ENDPOINT")
	if endpoint == "" {
		t.Skip("set GONAMO_TEST_ENDPOINT to a DynamoDB Local endpoint to compare with it")
	}
	ctx := context.Background()
	c := legacyLocalClient(endpoint)
	for _, name := range []string{legacyTable, legacyHashOnly} {
		_, _ = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	}
	legacySetUp(t, ctx, c, true)
	t.Cleanup(func() {
		for _, name := range []string{legacyTable, legacyHashOnly} {
			_, _ = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
		}
	})
	record := os.Getenv("GONAMO_LEGACY_RECORD") != ""
	for _, tc := range legacyCases {
		t.Run(tc.op+"/"+tc.name, func(t *testing.T) {
			in := legacyDecodeCase(t, tc)
			legacySetUp(t, ctx, c, false)
			if record {
				rec := map[string]string{"op": tc.op, "name": tc.name, "out": legacyRun(ctx, c, in, nil)}
				if tr, err := legacyTranslate(in); err == nil {
					rec["tr"] = legacyRenderTranslation(t, tr)
					legacySetUp(t, ctx, c, false)
					rec["trout"] = legacyRun(ctx, c, tr, in)
					db := New()
					legacySetUp(t, ctx, db, true)
					rec["fake"] = legacyRun(ctx, db, tr, in)
				} else {
					rec["fake"] = legacyRenderError(err)
				}
				b, _ := json.Marshal(rec)
				fmt.Printf("RECORD %s\n", b)
				return
			}
			if got := legacyRun(ctx, c, in, nil); got != tc.out {
				t.Errorf("legacy request on DynamoDB Local:\n got %s\nwant %s", got, tc.out)
			}
			tr, err := legacyTranslate(in)
			if err != nil {
				return
			}
			legacySetUp(t, ctx, c, false)
			if got := legacyRun(ctx, c, tr, in); got != tc.out {
				t.Errorf("translated request on DynamoDB Local:\n got %s\nwant %s", got, tc.out)
			}
		})
	}
}

// legacyC renders a legacy condition: an operator and its values (JSON).
func legacyC(op string, vals ...string) string {
	if vals == nil {
		return `{"ComparisonOperator":"` + op + `"}`
	}
	return `{"ComparisonOperator":"` + op + `","AttributeValueList":[` + strings.Join(vals, ",") + `]}`
}

// legacyNumbers renders the values {"N":"from"} to {"N":"to"}.
func legacyNumbers(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf(`{"N":"%d"}`, i))
	}
	return out
}

const (
	legacyKeyA1  = `"Key":{"pk":{"S":"a"},"sk":{"N":"1"}}`
	legacyKeyU1  = `"Key":{"pk":{"S":"u"},"sk":{"N":"1"}}`
	legacyKeyU2  = `"Key":{"pk":{"S":"u"},"sk":{"N":"2"}}`
	legacyItemU1 = `"Item":{"pk":{"S":"u"},"sk":{"N":"1"},"s":{"S":"new"}}`
	legacyPkA    = `"pk":` + `{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}`
)

var legacyCases = []legacyCase{
	// GetItem: AttributesToGet.
	{name: "AttributesToGet", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["s","n","a.b"]}`, tr: "proj: #n0, #n1, #n2; #n0=s; #n1=n; #n2=a.b", out: "item: {n=N:5 s=S:hello}"},
	{name: "AttributesToGet missing attributes", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["nope","l[0]"]}`, tr: "proj: #n0, #n1; #n0=nope; #n1=l[0]", out: "item: {}"},
	{name: "AttributesToGet document path is a name", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["m.k"]}`, tr: "proj: #n0; #n0=m.k", out: "item: {}"},
	{name: "AttributesToGet empty is absent", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":[]}`, tr: "", out: "item: a/1"},
	{name: "AttributesToGet empty with ProjectionExpression", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":[],"ProjectionExpression":"s"}`, tr: "proj: s", out: "item: {s=S:hello}"},
	{name: "AttributesToGet with ProjectionExpression", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["s"],"ProjectionExpression":"s"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
	{name: "AttributesToGet with empty ProjectionExpression", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["s"],"ProjectionExpression":""}`, tr: "", out: "ValidationException: Invalid ProjectionExpression: The expression can not be empty;"},
	{name: "AttributesToGet duplicate", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["s","n","s"]}`, tr: "", out: "ValidationException: Cannot have two attributes with the same name"},
	{name: "AttributesToGet empty name", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["s",""]}`, tr: "", out: "ValidationException: Empty attribute name"},
	{name: "AttributesToGet duplicate before empty name", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["s","s",""]}`, tr: "", out: "ValidationException: Cannot have two attributes with the same name"},
	{name: "AttributesToGet duplicate before names", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["s","s"],"ExpressionAttributeNames":{"#a":"s"}}`, tr: "", out: "ValidationException: Cannot have two attributes with the same name"},
	{name: "AttributesToGet with names", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["s"],"ExpressionAttributeNames":{"#a":"s"}}`, tr: "", out: "ValidationException: ExpressionAttributeNames can only be specified when using expressions"},
	{name: "AttributesToGet with empty names", op: "GetItem", in: `{` + legacyKeyA1 + `,"AttributesToGet":["s"],"ExpressionAttributeNames":{}}`, tr: "proj: #n0; #n0=s", out: "item: {s=S:hello}"},
	{name: "AttributesToGet missing item", op: "GetItem", in: `{` + legacyKeyU2 + `,"AttributesToGet":["s"]}`, tr: "proj: #n0; #n0=s", out: "item: none"},

	// BatchGetItem: AttributesToGet per table.
	{name: "AttributesToGet with ProjectionExpression of another table", op: "BatchGetItem", in: `{"RequestItems":{
		"legacy_test":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}},{"pk":{"S":"a"},"sk":{"N":"2"}}],"AttributesToGet":["n","sk"]},
		"legacy_test_h":{"Keys":[{"pk":{"S":"h1"}}],"ProjectionExpression":"g"}}}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
	{name: "AttributesToGet", op: "BatchGetItem", in: `{"RequestItems":{
		"legacy_test":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}},{"pk":{"S":"a"},"sk":{"N":"2"}}],"AttributesToGet":["n","sk"]},
		"legacy_test_h":{"Keys":[{"pk":{"S":"h1"}}],"AttributesToGet":["g"],"ExpressionAttributeNames":{}}}}`, tr: "legacy_test proj: #n0, #n1; #n0=n; #n1=sk; legacy_test_h proj: #n0; #n0=g", out: "legacy_test: 2/0: {n=N:10 sk=N:2} {n=N:5 sk=N:1}; legacy_test_h: 1/0: {g=S:x}"},
	{name: "AttributesToGet and a table without", op: "BatchGetItem", in: `{"RequestItems":{
		"legacy_test":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"2"}}],"AttributesToGet":["n"]},
		"legacy_test_h":{"Keys":[{"pk":{"S":"h1"}}]}}}`, tr: "legacy_test proj: #n0; #n0=n", out: "legacy_test: 1/0: {n=N:10}; legacy_test_h: 1/0: h1"},
	{name: "names of another table", op: "BatchGetItem", in: `{"RequestItems":{
		"legacy_test":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}}],"AttributesToGet":["n","n"]},
		"legacy_test_h":{"Keys":[{"pk":{"S":"h1"}}],"ExpressionAttributeNames":{"#a":"n"}}}}`, tr: "", out: "ValidationException: ExpressionAttributeNames can only be specified when using expressions"},
	{name: "empty keys before AttributesToGet", op: "BatchGetItem", in: `{"RequestItems":{"legacy_test":{"Keys":[],"AttributesToGet":["n","n"]}}}`, tr: "", out: "ValidationException: The list of keys in RequestItems for BatchGetItem is required: legacy_test has empty list"},
	{name: "AttributesToGet duplicate", op: "BatchGetItem", in: `{"RequestItems":{"legacy_test":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}}],"AttributesToGet":["n","s","n"]}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Duplicate value in attribute name: n"},
	{name: "AttributesToGet empty name", op: "BatchGetItem", in: `{"RequestItems":{"legacy_test":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}}],"AttributesToGet":["n",""]}}}`, tr: "", out: "ValidationException: Empty attribute name"},
	{name: "AttributesToGet with names", op: "BatchGetItem", in: `{"RequestItems":{"legacy_test":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}}],"AttributesToGet":["n","n"],"ExpressionAttributeNames":{"#n":"n"}}}}`, tr: "", out: "ValidationException: ExpressionAttributeNames can only be specified when using expressions"},
	{name: "AttributesToGet with ProjectionExpression", op: "BatchGetItem", in: `{"RequestItems":{"legacy_test":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}}],"AttributesToGet":["n"],"ProjectionExpression":"n"}}}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
	{name: "AttributesToGet empty", op: "BatchGetItem", in: `{"RequestItems":{"legacy_test":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"2"}}],"AttributesToGet":[]}}}`, tr: "", out: "legacy_test: 1/0: a/2"},

	// PutItem: Expected.
	{name: "Expected Value holds", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Value":{"S":"hello"}}},"ReturnValues":"ALL_OLD"}`, tr: "cond: #n0 = :v0; #n0=s; :v0=S:hello", out: "ok returned {l=L:[S:x] n=N:5 ns=NS:[1 2] pk=S:u s=S:hello sk=N:1 ss=SS:[x y]}; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected Value fails", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Value":{"S":"bye"}}}}`, tr: "cond: #n0 = :v0; #n0=s; :v0=S:bye", out: "ConditionalCheckFailedException: The conditional request failed"},
	{name: "Expected Value of other type fails", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"n":{"Value":{"S":"5"}}}}`, tr: "cond: #n0 = :v0; #n0=n; :v0=S:5", out: "ConditionalCheckFailedException: The conditional request failed"},
	{name: "Expected Value on missing attribute fails", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"nope":{"Value":{"S":"hello"}}}}`, tr: "cond: #n0 = :v0; #n0=nope; :v0=S:hello", out: "ConditionalCheckFailedException: The conditional request failed"},
	{name: "Expected Value set", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"ss":{"Value":{"SS":["y","x"]}},"l":{"Value":{"L":[{"S":"x"}]}}}}`, tr: "cond: #n0 = :v0 AND #n1 = :v1; #n0=l; #n1=ss; :v0=L:[S:x]; :v1=SS:[x y]", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected Exists true with Value", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"n":{"Exists":true,"Value":{"N":"5.0"}}}}`, tr: "cond: #n0 = :v0; #n0=n; :v0=N:5.0", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected Exists false holds", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"nope":{"Exists":false}}}`, tr: "cond: attribute_not_exists(#n0); #n0=nope", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected Exists false fails", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":false}}}`, tr: "cond: attribute_not_exists(#n0); #n0=s", out: "ConditionalCheckFailedException: The conditional request failed"},
	{name: "Expected Exists false on new item", op: "PutItem", in: `{"Item":{"pk":{"S":"u"},"sk":{"N":"2"}},"Expected":{"pk":{"Exists":false}}}`, tr: "cond: attribute_not_exists(#n0); #n0=pk", out: "ok; item: {pk=S:u sk=N:2}"},
	{name: "Expected ComparisonOperator with Value", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"n":{"ComparisonOperator":"GT","Value":{"N":"4"}}}}`, tr: "cond: #n0 > :v0; #n0=n; :v0=N:4", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected ComparisonOperator with list", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"n":` + legacyC("BETWEEN", `{"N":"1"}`, `{"N":"4"}`) + `}}`, tr: "cond: #n0 BETWEEN :v0 AND :v1; #n0=n; :v0=N:1; :v1=N:4", out: "ConditionalCheckFailedException: The conditional request failed"},
	{name: "Expected NULL without values", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"nope":{"ComparisonOperator":"NULL"},"s":{"ComparisonOperator":"NOT_NULL"}}}`, tr: "cond: attribute_not_exists(#n0) AND attribute_exists(#n1); #n0=nope; #n1=s", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected AND by default", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Value":{"S":"hello"}},"n":{"Value":{"N":"6"}}}}`, tr: "cond: #n0 = :v0 AND #n1 = :v1; #n0=n; #n1=s; :v0=N:6; :v1=S:hello", out: "ConditionalCheckFailedException: The conditional request failed"},
	{name: "Expected AND", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Value":{"S":"hello"}},"n":{"Value":{"N":"5"}}},"ConditionalOperator":"AND"}`, tr: "cond: #n0 = :v0 AND #n1 = :v1; #n0=n; #n1=s; :v0=N:5; :v1=S:hello", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected OR", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Value":{"S":"hello"}},"n":{"Value":{"N":"6"}}},"ConditionalOperator":"OR"}`, tr: "cond: #n0 = :v0 OR #n1 = :v1; #n0=n; #n1=s; :v0=N:6; :v1=S:hello", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected OR with NOT_CONTAINS", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":` + legacyC("NOT_CONTAINS", `{"S":"ell"}`) + `,"nope":` + legacyC("NOT_CONTAINS", `{"S":"x"}`) + `},"ConditionalOperator":"OR"}`, tr: "cond: (attribute_exists(#n0) AND NOT contains(#n0, :v0)) OR (attribute_exists(#n1) AND NOT contains(#n1, :v1)); #n0=nope; #n1=s; :v0=S:x; :v1=S:ell", out: "ConditionalCheckFailedException: The conditional request failed"},
	{name: "Expected empty", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{}}`, tr: "", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected empty with ConditionExpression", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{},"ConditionExpression":"attribute_exists(s)"}`, tr: "cond: attribute_exists(s)", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},
	{name: "Expected with ConditionExpression", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":false}},"ConditionalOperator":"AND","ConditionExpression":"attribute_exists(s)"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected, ConditionalOperator} Expression parameters: {ConditionExpression}"},
	{name: "Expected with empty ConditionExpression", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":false}},"ConditionExpression":""}`, tr: "", out: "ValidationException: Invalid ConditionExpression: The expression can not be empty;"},
	{name: "ConditionalOperator with ConditionExpression", op: "PutItem", in: `{` + legacyItemU1 + `,"ConditionalOperator":"OR","ConditionExpression":"attribute_exists(s)"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ConditionalOperator} Expression parameters: {ConditionExpression}"},
	{name: "ConditionalOperator without Expected", op: "PutItem", in: `{` + legacyItemU1 + `,"ConditionalOperator":"AND"}`, tr: "", out: "ValidationException: ConditionalOperator cannot be used without Filter or Expected"},
	{name: "ConditionalOperator with one condition", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":false}},"ConditionalOperator":"OR"}`, tr: "", out: "ValidationException: ConditionalOperator can only be used when Filter or Expected has two or more elements"},
	{name: "ConditionalOperator invalid", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":false},"n":{"Exists":false}},"ConditionalOperator":"XOR"}`, tr: "", out: "InternalFailure: The request processing has failed because of an unknown error, exception or failure."},
	{name: "Expected Exists true without Value", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":true}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: s"},
	{name: "Expected nothing", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: s"},
	{name: "Expected Exists false with Value", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":false,"Value":{"SS":[]}}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: s"},
	{name: "Expected Exists and ComparisonOperator", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":true,"ComparisonOperator":"EQ","Value":{"S":"x"},"AttributeValueList":[{"S":"x"}]}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: s"},
	{name: "Expected Value and AttributeValueList", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"ComparisonOperator":"BAD","Value":{"S":"x"},"AttributeValueList":[]}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: s"},
	{name: "Expected Value and AttributeValueList without operator", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":false,"Value":{"S":"x"},"AttributeValueList":[{"S":"x"}]}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: s"},
	{name: "Expected AttributeValueList without operator", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":true,"AttributeValueList":[{"S":"x"}]}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: s"},
	{name: "Expected operator without values", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"ComparisonOperator":"EQ"}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: s"},
	{name: "Expected unknown operator without values", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"":{"ComparisonOperator":"BAD"}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: BAD for Attribute: "},
	{name: "Expected unknown operator", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"ComparisonOperator":"BAD","Value":{"S":"x"}}}}`, tr: "", out: "ValidationException: Comparison type does not exist in DynamoDB"},
	{name: "Expected invalid value before unknown operator", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"ComparisonOperator":"BAD","AttributeValueList":[{"N":"x"}]}}}`, tr: "", out: "ValidationException: A value provided cannot be converted into a number"},
	{name: "Expected empty name before operator", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"":{"ComparisonOperator":"BAD","Value":{"S":"x"}}}}`, tr: "", out: "ValidationException: Empty attribute name"},
	{name: "Expected empty name before count", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"":{"ComparisonOperator":"EQ","AttributeValueList":[]}}}`, tr: "", out: "ValidationException: Empty attribute name"},
	{name: "Expected Exists true without Value before empty name", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"":{"Exists":true}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: "},
	{name: "Expected wrong number of values", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"ComparisonOperator":"NULL","Value":{"S":"x"}}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator"},
	{name: "Expected type not valid", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":` + legacyC("BEGINS_WITH", `{"N":"1"}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"},
	{name: "Expected BETWEEN reversed", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"n":` + legacyC("BETWEEN", `{"N":"2"}`, `{"N":"1"}`) + `}}`, tr: "", out: "ValidationException: The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"},
	{name: "Expected with names", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":true}},"ExpressionAttributeNames":{"#a":"s"}}`, tr: "", out: "ValidationException: ExpressionAttributeNames can only be specified when using expressions"},
	{name: "Expected with values", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":false}},"ExpressionAttributeValues":{":a":{"S":"s"}}}`, tr: "", out: "ValidationException: ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"},
	{name: "Expected with empty names and values", op: "PutItem", in: `{` + legacyItemU1 + `,"Expected":{"s":{"Exists":true,"Value":{"S":"hello"}}},"ExpressionAttributeNames":{},"ExpressionAttributeValues":{}}`, tr: "cond: #n0 = :v0; #n0=s; :v0=S:hello", out: "ok; item: {pk=S:u s=S:new sk=N:1}"},

	// DeleteItem: Expected.
	{name: "Expected holds", op: "DeleteItem", in: `{` + legacyKeyU1 + `,"Expected":{"n":` + legacyC("IN", `{"N":"4"}`, `{"N":"5"}`) + `},"ReturnValues":"ALL_OLD"}`, tr: "cond: #n0 IN (:v0, :v1); #n0=n; :v0=N:4; :v1=N:5", out: "ok returned {l=L:[S:x] n=N:5 ns=NS:[1 2] pk=S:u s=S:hello sk=N:1 ss=SS:[x y]}; item: none"},
	{name: "Expected fails", op: "DeleteItem", in: `{` + legacyKeyU1 + `,"Expected":{"n":` + legacyC("LT", `{"N":"5"}`) + `}}`, tr: "cond: #n0 < :v0; #n0=n; :v0=N:5", out: "ConditionalCheckFailedException: The conditional request failed"},
	{name: "Expected on missing item", op: "DeleteItem", in: `{` + legacyKeyU2 + `,"Expected":{"n":{"Exists":false}}}`, tr: "cond: attribute_not_exists(#n0); #n0=n", out: "ok; item: none"},
	{name: "Expected before names", op: "DeleteItem", in: `{` + legacyKeyU1 + `,"Expected":{"s":{"Exists":true}},"ExpressionAttributeNames":{"#a":"s"}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: s"},
	{name: "Expected with values", op: "DeleteItem", in: `{` + legacyKeyU1 + `,"Expected":{"s":{"Exists":false}},"ExpressionAttributeValues":{":a":{"S":"s"}}}`, tr: "", out: "ValidationException: ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"},
	{name: "Expected with ConditionExpression", op: "DeleteItem", in: `{` + legacyKeyU1 + `,"Expected":{"s":{"Exists":false}},"ConditionalOperator":"OR","ConditionExpression":"attribute_exists(s)"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected, ConditionalOperator} Expression parameters: {ConditionExpression}"},

	// UpdateItem: AttributeUpdates and Expected.
	{name: "PUT", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT","Value":{"S":"new"}},"a.b":{"Action":"PUT","Value":{"N":"1"}}},"ReturnValues":"UPDATED_NEW"}`, tr: "update: SET #n0 = :v0, #n1 = :v1; #n0=a.b; #n1=s; :v0=N:1; :v1=S:new", out: "ok returned {a.b=N:1 s=S:new}; item: {a.b=N:1 l=L:[S:x] n=N:5 ns=NS:[1 2] pk=S:u s=S:new sk=N:1 ss=SS:[x y]}"},
	{name: "DELETE without value", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"DELETE"},"nope":{"Action":"DELETE"}},"ReturnValues":"UPDATED_OLD"}`, tr: "update: REMOVE #n0, #n1; #n0=nope; #n1=s", out: "ok returned {s=S:hello}; item: {l=L:[S:x] n=N:5 ns=NS:[1 2] pk=S:u sk=N:1 ss=SS:[x y]}"},
	{name: "DELETE from set", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"ss":{"Action":"DELETE","Value":{"SS":["x","q"]}},"ns":{"Action":"DELETE","Value":{"NS":["1","2"]}},"nope":{"Action":"DELETE","Value":{"SS":["x"]}}}}`, tr: "update: DELETE #n0 :v0, #n1 :v1, #n2 :v2; #n0=nope; #n1=ns; #n2=ss; :v0=SS:[x]; :v1=NS:[1 2]; :v2=SS:[q x]", out: "ok; item: {l=L:[S:x] n=N:5 pk=S:u s=S:hello sk=N:1 ss=SS:[y]}"},
	{name: "ADD", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"2.5"}},"ss":{"Action":"ADD","Value":{"SS":["z"]}},"nn":{"Action":"ADD","Value":{"N":"-1"}},"bs":{"Action":"ADD","Value":{"BS":["YQ=="]}}},"ReturnValues":"UPDATED_NEW"}`, tr: "update: ADD #n0 :v0, #n1 :v1, #n2 :v2, #n3 :v3; #n0=bs; #n1=n; #n2=nn; #n3=ss; :v0=BS:[YQ==]; :v1=N:2.5; :v2=N:-1; :v3=SS:[z]", out: "ok returned {bs=BS:[YQ==] n=N:7.5 nn=N:-1 ss=SS:[x y z]}; item: {bs=BS:[YQ==] l=L:[S:x] n=N:7.5 nn=N:-1 ns=NS:[1 2] pk=S:u s=S:hello sk=N:1 ss=SS:[x y z]}"},
	{name: "ADD to list", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"l":{"Action":"ADD","Value":{"L":[{"S":"y"},{"N":"2"}]}},"l2":{"Action":"ADD","Value":{"L":[{"S":"z"}]}}}}`, tr: "update: SET #n0 = list_append(if_not_exists(#n0, :v0), :v1), #n1 = list_append(if_not_exists(#n1, :v0), :v2); #n0=l; #n1=l2; :v0=L:[]; :v1=L:[S:y N:2]; :v2=L:[S:z]", out: "ok; item: {l=L:[S:x S:y N:2] l2=L:[S:z] n=N:5 ns=NS:[1 2] pk=S:u s=S:hello sk=N:1 ss=SS:[x y]}"},
	{name: "ADD on new item", op: "UpdateItem", in: `{` + legacyKeyU2 + `,"AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"3"}},"l":{"Action":"ADD","Value":{"L":[]}}},"ReturnValues":"ALL_NEW"}`, tr: "update: SET #n0 = list_append(if_not_exists(#n0, :v0), :v1) ADD #n1 :v2; #n0=l; #n1=n; :v0=L:[]; :v1=L:[]; :v2=N:3", out: "ok returned {l=L:[] n=N:3 pk=S:u sk=N:2}; item: {l=L:[] n=N:3 pk=S:u sk=N:2}"},
	{name: "all actions", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT","Value":{"S":"x"}},"n":{"Action":"DELETE"},"ns":{"Action":"ADD","Value":{"NS":["3"]}},"ss":{"Action":"DELETE","Value":{"SS":["x"]}}},"ReturnValues":"ALL_OLD"}`, tr: "update: SET #n2 = :v1 REMOVE #n0 ADD #n1 :v0 DELETE #n3 :v2; #n0=n; #n1=ns; #n2=s; #n3=ss; :v0=NS:[3]; :v1=S:x; :v2=SS:[x]", out: "ok returned {l=L:[S:x] n=N:5 ns=NS:[1 2] pk=S:u s=S:hello sk=N:1 ss=SS:[x y]}; item: {l=L:[S:x] ns=NS:[1 2 3] pk=S:u s=S:x sk=N:1 ss=SS:[y]}"},
	{name: "no Action does nothing", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Value":{"S":"x"}}},"ReturnValues":"ALL_NEW"}`, tr: "", out: "ok returned {l=L:[S:x] n=N:5 ns=NS:[1 2] pk=S:u s=S:hello sk=N:1 ss=SS:[x y]}; item: {l=L:[S:x] n=N:5 ns=NS:[1 2] pk=S:u s=S:hello sk=N:1 ss=SS:[x y]}"},
	{name: "no Action on new item", op: "UpdateItem", in: `{` + legacyKeyU2 + `,"AttributeUpdates":{"s":{"Value":{"S":"x"}}}}`, tr: "", out: "ok; item: {pk=S:u sk=N:2}"},
	{name: "empty AttributeUpdates", op: "UpdateItem", in: `{` + legacyKeyU2 + `,"AttributeUpdates":{}}`, tr: "", out: "ok; item: {pk=S:u sk=N:2}"},
	{name: "Expected holds", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT","Value":{"S":"x"}}},"Expected":{"s":{"Value":{"S":"hello"}}}}`, tr: "update: SET #n0 = :v1; cond: #n0 = :v0; #n0=s; :v0=S:hello; :v1=S:x", out: "ok; item: {l=L:[S:x] n=N:5 ns=NS:[1 2] pk=S:u s=S:x sk=N:1 ss=SS:[x y]}"},
	{name: "Expected fails", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT","Value":{"S":"x"}}},"Expected":{"s":{"Exists":false}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}`, tr: "update: SET #n0 = :v0; cond: attribute_not_exists(#n0); #n0=s; :v0=S:x", out: "ConditionalCheckFailedException: The conditional request failed"},
	{name: "Expected alone", op: "UpdateItem", in: `{` + legacyKeyU2 + `,"Expected":{"s":{"Exists":false}}}`, tr: "cond: attribute_not_exists(#n0); #n0=s", out: "ok; item: {pk=S:u sk=N:2}"},
	{name: "PUT without value", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT"}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified"},
	{name: "ADD without value", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"n":{"Action":"ADD"}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified"},
	{name: "no Action without value", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"n":{}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified"},
	{name: "ADD string", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"ADD","Value":{"S":"x"}}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ADD action is not supported for the type STRING"},
	{name: "ADD map", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"ADD","Value":{"M":{}}}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ADD action is not supported for the type MAP"},
	{name: "ADD boolean", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"ADD","Value":{"BOOL":true}}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ADD action is not supported for the type BOOLEAN"},
	{name: "DELETE number", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"n":{"Action":"DELETE","Value":{"N":"1"}}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: DELETE action with value is not supported for the type NUMBER"},
	{name: "DELETE list", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"l":{"Action":"DELETE","Value":{"L":[{"S":"x"}]}}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: DELETE action with value is not supported for the type LIST"},
	{name: "DELETE binary", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"l":{"Action":"DELETE","Value":{"B":"YQ=="}}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: DELETE action with value is not supported for the type BINARY"},
	{name: "invalid Action", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"BAD","Value":{"N":"x"}}}}`, tr: "", out: "ValidationException: Member must satisfy enum value set: [ADD, DELETE, PUT]"},
	{name: "empty name", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"":{"Action":"BAD"}}}`, tr: "", out: "ValidationException: Empty attribute name"},
	{name: "invalid value", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT","Value":{"SS":[]}}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: An string set  may not be empty"},
	{name: "key attribute", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"pk":{"Action":"PUT","Value":{"S":"x"}}}}`, tr: "update: SET #n0 = :v0; #n0=pk; :v0=S:x", out: "ValidationException: One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"},
	{name: "key attribute DELETE", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"sk":{"Action":"DELETE"}}}`, tr: "update: REMOVE #n0; #n0=sk", out: "ValidationException: One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key"},
	{name: "ADD number to string", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"ADD","Value":{"N":"1"}}}}`, tr: "update: ADD #n0 :v0; #n0=s; :v0=N:1", out: "ValidationException: Type mismatch for attribute to update"},
	{name: "ADD number set to string set", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"ss":{"Action":"ADD","Value":{"NS":["1"]}}}}`, tr: "update: ADD #n0 :v0; #n0=ss; :v0=NS:[1]", out: "ValidationException: Type mismatch for attribute to update"},
	{name: "ADD list to string", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"ADD","Value":{"L":[]}}}}`, tr: "update: SET #n0 = list_append(if_not_exists(#n0, :v0), :v1); #n0=s; :v0=L:[]; :v1=L:[]", out: "ValidationException: Type mismatch for attribute to update"},
	{name: "DELETE number set from string set", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"ss":{"Action":"DELETE","Value":{"NS":["1"]}}}}`, tr: "update: DELETE #n0 :v0; #n0=ss; :v0=NS:[1]", out: "ValidationException: Type mismatch for attribute to update"},
	{name: "DELETE set from string", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"DELETE","Value":{"SS":["hello"]}}}}`, tr: "update: DELETE #n0 :v0; #n0=s; :v0=SS:[hello]", out: "ValidationException: Type mismatch for attribute to update"},
	{name: "ADD overflow", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"9.9999999999999999999999999999999999999E+125"}}}}`, tr: "update: ADD #n0 :v0; #n0=n; :v0=N:9.9999999999999999999999999999999999999E+125", out: "ValidationException: DynamoDB only supports precision up to 38 digits"},
	{name: "PUT number too large", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"n":{"Action":"PUT","Value":{"N":"1E+126"}}}}`, tr: "", out: "ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range"},
	{name: "ADD to number set on missing item", op: "UpdateItem", in: `{` + legacyKeyU2 + `,"AttributeUpdates":{"ns":{"Action":"ADD","Value":{"NS":["1"]}},"ss":{"Action":"DELETE","Value":{"SS":["a"]}},"s":{"Action":"DELETE"}},"ReturnValues":"UPDATED_NEW"}`, tr: "update: REMOVE #n1 ADD #n0 :v0 DELETE #n2 :v1; #n0=ns; #n1=s; #n2=ss; :v0=NS:[1]; :v1=SS:[a]", out: "ok returned {ns=NS:[1]}; item: {ns=NS:[1] pk=S:u sk=N:2}"},
	{name: "Expected and AttributeUpdates share placeholders", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"1"}},"s":{"Action":"DELETE"}},"Expected":{"n":{"Value":{"N":"5"}},"s":` + legacyC("BEGINS_WITH", `{"S":"he"}`) + `},"ReturnValues":"UPDATED_OLD"}`, tr: "update: REMOVE #n1 ADD #n0 :v2; cond: #n0 = :v0 AND begins_with(#n1, :v1); #n0=n; #n1=s; :v0=N:5; :v1=S:he; :v2=N:1", out: "ok returned {n=N:5 s=S:hello}; item: {l=L:[S:x] n=N:6 ns=NS:[1 2] pk=S:u sk=N:1 ss=SS:[x y]}"},
	{name: "Expected before ConditionalOperator and AttributeUpdates", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT"}},"Expected":{"s":{"Exists":true}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: s"},
	{name: "ConditionalOperator before AttributeUpdates", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT"}},"ConditionalOperator":"AND"}`, tr: "", out: "ValidationException: ConditionalOperator cannot be used without Filter or Expected"},
	{name: "Expected before names", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"Expected":{"s":{"Exists":true}},"ExpressionAttributeNames":{"#a":"x"}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: s"},
	{name: "names before AttributeUpdates", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT"}},"ExpressionAttributeNames":{"#a":"x"}}`, tr: "", out: "ValidationException: ExpressionAttributeNames can only be specified when using expressions"},
	{name: "AttributeUpdates with values", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"s":{"Action":"PUT","Value":{"S":"x"}}},"ExpressionAttributeValues":{":a":{"S":"x"}}}`, tr: "", out: "ValidationException: ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null"},
	{name: "all legacy with expressions", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"x":{"Action":"PUT","Value":{"S":"1"}}},"Expected":{"a":{"Exists":false}},"ConditionalOperator":"OR",
		"ConditionExpression":"attribute_not_exists(a)","UpdateExpression":"SET y = :y","ExpressionAttributeValues":{":y":{"S":"a"}}}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates, Expected, ConditionalOperator} Expression parameters: {UpdateExpression, ConditionExpression}"},
	{name: "AttributeUpdates with ConditionExpression", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"x":{"Action":"PUT","Value":{"S":"1"}}},"ConditionExpression":"attribute_exists(s)"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {ConditionExpression}"},
	{name: "Expected with UpdateExpression", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"Expected":{"a":{"Exists":false}},"UpdateExpression":"REMOVE s"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {UpdateExpression}"},
	{name: "AttributeUpdates with empty UpdateExpression", op: "UpdateItem", in: `{` + legacyKeyU1 + `,"AttributeUpdates":{"x":{"Action":"DELETE"}},"UpdateExpression":""}`, tr: "", out: "ValidationException: Invalid UpdateExpression: The expression can not be empty;"},
	// Scan: ScanFilter, every operator.
	{name: "EQ string", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("EQ", `{"S":"hello"}`) + `}}`, tr: "filter: #n0 = :v0; #n0=s; :v0=S:hello", out: "2/5: a/1 u/1"},
	{name: "EQ number", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("EQ", `{"N":"5.00"}`) + `}}`, tr: "filter: #n0 = :v0; #n0=n; :v0=N:5.00", out: "2/5: a/1 u/1"},
	{name: "EQ set", op: "Scan", in: `{"ScanFilter":{"ss":` + legacyC("EQ", `{"SS":["y","x"]}`) + `}}`, tr: "filter: #n0 = :v0; #n0=ss; :v0=SS:[x y]", out: "2/5: a/1 u/1"},
	{name: "EQ list", op: "Scan", in: `{"ScanFilter":{"l":` + legacyC("EQ", `{"L":[{"S":"x"},{"N":"1"}]}`) + `}}`, tr: "filter: #n0 = :v0; #n0=l; :v0=L:[S:x N:1]", out: "1/5: a/1"},
	{name: "EQ map", op: "Scan", in: `{"ScanFilter":{"m":` + legacyC("EQ", `{"M":{"k":{"S":"v"}}}`) + `}}`, tr: "filter: #n0 = :v0; #n0=m; :v0=M:{k=S:v}", out: "1/5: a/1"},
	{name: "EQ bool", op: "Scan", in: `{"ScanFilter":{"t":` + legacyC("EQ", `{"BOOL":true}`) + `}}`, tr: "filter: #n0 = :v0; #n0=t; :v0=BOOL:true", out: "1/5: a/1"},
	{name: "EQ null", op: "Scan", in: `{"ScanFilter":{"z":` + legacyC("EQ", `{"NULL":true}`) + `}}`, tr: "filter: #n0 = :v0; #n0=z; :v0=NULL", out: "1/5: a/1"},
	{name: "EQ other type", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("EQ", `{"S":"5"}`) + `}}`, tr: "filter: #n0 = :v0; #n0=n; :v0=S:5", out: "0/5"},
	{name: "NE includes missing", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("NE", `{"N":"5"}`) + `}}`, tr: "filter: #n0 <> :v0; #n0=n; :v0=N:5", out: "3/5: a/2 a/3 b/1"},
	{name: "NE other type", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("NE", `{"N":"5"}`) + `}}`, tr: "filter: #n0 <> :v0; #n0=s; :v0=N:5", out: "5/5: a/1 a/2 a/3 b/1 u/1"},
	{name: "NE set", op: "Scan", in: `{"ScanFilter":{"ss":` + legacyC("NE", `{"SS":["x","y"]}`) + `}}`, tr: "filter: #n0 <> :v0; #n0=ss; :v0=SS:[x y]", out: "3/5: a/2 a/3 b/1"},
	{name: "LT", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("LT", `{"N":"5"}`) + `}}`, tr: "filter: #n0 < :v0; #n0=n; :v0=N:5", out: "1/5: a/3"},
	{name: "LE", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("LE", `{"N":"5"}`) + `}}`, tr: "filter: #n0 <= :v0; #n0=n; :v0=N:5", out: "3/5: a/1 a/3 u/1"},
	{name: "GT", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("GT", `{"S":"help"}`) + `}}`, tr: "filter: #n0 > :v0; #n0=s; :v0=S:help", out: "1/5: a/3"},
	{name: "GE", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("GE", `{"S":"help"}`) + `}}`, tr: "filter: #n0 >= :v0; #n0=s; :v0=S:help", out: "2/5: a/2 a/3"},
	{name: "GT other type", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("GT", `{"N":"1"}`) + `}}`, tr: "filter: #n0 > :v0; #n0=s; :v0=N:1", out: "0/5"},
	{name: "GE binary", op: "Scan", in: `{"ScanFilter":{"bin":` + legacyC("GE", `{"B":"YWI="}`) + `}}`, tr: "filter: #n0 >= :v0; #n0=bin; :v0=B:YWI=", out: "1/5: a/1"},
	{name: "NOT_NULL", op: "Scan", in: `{"ScanFilter":{"ss":` + legacyC("NOT_NULL") + `}}`, tr: "filter: attribute_exists(#n0); #n0=ss", out: "3/5: a/1 a/3 u/1"},
	{name: "NULL", op: "Scan", in: `{"ScanFilter":{"ss":` + legacyC("NULL") + `}}`, tr: "filter: attribute_not_exists(#n0); #n0=ss", out: "2/5: a/2 b/1"},
	{name: "NULL with empty list", op: "Scan", in: `{"ScanFilter":{"z":{"ComparisonOperator":"NULL","AttributeValueList":[]}}}`, tr: "filter: attribute_not_exists(#n0); #n0=z", out: "4/5: a/2 a/3 b/1 u/1"},
	{name: "CONTAINS substring", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("CONTAINS", `{"S":"el"}`) + `}}`, tr: "filter: contains(#n0, :v0); #n0=s; :v0=S:el", out: "3/5: a/1 a/2 u/1"},
	{name: "CONTAINS set member", op: "Scan", in: `{"ScanFilter":{"ss":` + legacyC("CONTAINS", `{"S":"x"}`) + `}}`, tr: "filter: contains(#n0, :v0); #n0=ss; :v0=S:x", out: "2/5: a/1 u/1"},
	{name: "CONTAINS number set member", op: "Scan", in: `{"ScanFilter":{"ns":` + legacyC("CONTAINS", `{"N":"2.0"}`) + `}}`, tr: "filter: contains(#n0, :v0); #n0=ns; :v0=N:2.0", out: "2/5: a/1 u/1"},
	{name: "CONTAINS list element", op: "Scan", in: `{"ScanFilter":{"l":` + legacyC("CONTAINS", `{"N":"1"}`) + `}}`, tr: "filter: contains(#n0, :v0); #n0=l; :v0=N:1", out: "1/5: a/1"},
	{name: "CONTAINS binary", op: "Scan", in: `{"ScanFilter":{"bin":` + legacyC("CONTAINS", `{"B":"Yg=="}`) + `}}`, tr: "filter: contains(#n0, :v0); #n0=bin; :v0=B:Yg==", out: "1/5: a/1"},
	{name: "CONTAINS number in number", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("CONTAINS", `{"N":"5"}`) + `}}`, tr: "filter: contains(#n0, :v0); #n0=n; :v0=N:5", out: "0/5"},
	{name: "CONTAINS bool", op: "Scan", in: `{"ScanFilter":{"l":` + legacyC("CONTAINS", `{"BOOL":true}`) + `}}`, tr: "filter: contains(#n0, :v0); #n0=l; :v0=BOOL:true", out: "0/5"},
	{name: "CONTAINS null", op: "Scan", in: `{"ScanFilter":{"z":` + legacyC("CONTAINS", `{"NULL":true}`) + `}}`, tr: "filter: contains(#n0, :v0); #n0=z; :v0=NULL", out: "0/5"},
	{name: "NOT_CONTAINS substring", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("NOT_CONTAINS", `{"S":"el"}`) + `}}`, tr: "filter: attribute_exists(#n0) AND NOT contains(#n0, :v0); #n0=s; :v0=S:el", out: "2/5: a/3 b/1"},
	{name: "NOT_CONTAINS excludes missing", op: "Scan", in: `{"ScanFilter":{"ss":` + legacyC("NOT_CONTAINS", `{"S":"x"}`) + `}}`, tr: "filter: attribute_exists(#n0) AND NOT contains(#n0, :v0); #n0=ss; :v0=S:x", out: "1/5: a/3"},
	{name: "NOT_CONTAINS other type", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("NOT_CONTAINS", `{"S":"x"}`) + `}}`, tr: "filter: attribute_exists(#n0) AND NOT contains(#n0, :v0); #n0=n; :v0=S:x", out: "4/5: a/1 a/2 a/3 u/1"},
	{name: "BEGINS_WITH", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("BEGINS_WITH", `{"S":"hel"}`) + `}}`, tr: "filter: begins_with(#n0, :v0); #n0=s; :v0=S:hel", out: "3/5: a/1 a/2 u/1"},
	{name: "BEGINS_WITH binary", op: "Scan", in: `{"ScanFilter":{"bin":` + legacyC("BEGINS_WITH", `{"B":"YQ=="}`) + `}}`, tr: "filter: begins_with(#n0, :v0); #n0=bin; :v0=B:YQ==", out: "1/5: a/1"},
	{name: "IN", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("IN", `{"N":"10"}`, `{"N":"-1"}`, `{"N":"7"}`) + `}}`, tr: "filter: #n0 IN (:v0, :v1, :v2); #n0=n; :v0=N:10; :v1=N:-1; :v2=N:7", out: "2/5: a/2 a/3"},
	{name: "IN strings", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("IN", `{"S":"bye"}`) + `}}`, tr: "filter: #n0 IN (:v0); #n0=s; :v0=S:bye", out: "1/5: b/1"},
	{name: "IN many values", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("IN", legacyNumbers(6, 250)...) + `}}`, tr: "filter: #n0 IN (:v0, :v1, :v2, :v3, :v4, :v5, :v6, :v7, :v8, :v9, :v10, :v11, :v12, :v13, :v14, :v15, :v16, :v17, :v18, :v19, :v20, :v21, :v22, :v23, :v24, :v25, :v26, :v27, :v28, :v29, :v30, :v31, :v32, :v33, :v34, :v35, :v36, :v37, :v38, :v39, :v40, :v41, :v42, :v43, :v44, :v45, :v46, :v47, :v48, :v49, :v50, :v51, :v52, :v53, :v54, :v55, :v56, :v57, :v58, :v59, :v60, :v61, :v62, :v63, :v64, :v65, :v66, :v67, :v68, :v69, :v70, :v71, :v72, :v73, :v74, :v75, :v76, :v77, :v78, :v79, :v80, :v81, :v82, :v83, :v84, :v85, :v86, :v87, :v88, :v89, :v90, :v91, :v92, :v93, :v94, :v95, :v96, :v97, :v98, :v99) OR #n0 IN (:v100, :v101, :v102, :v103, :v104, :v105, :v106, :v107, :v108, :v109, :v110, :v111, :v112, :v113, :v114, :v115, :v116, :v117, :v118, :v119, :v120, :v121, :v122, :v123, :v124, :v125, :v126, :v127, :v128, :v129, :v130, :v131, :v132, :v133, :v134, :v135, :v136, :v137, :v138, :v139, :v140, :v141, :v142, :v143, :v144, :v145, :v146, :v147, :v148, :v149, :v150, :v151, :v152, :v153, :v154, :v155, :v156, :v157, :v158, :v159, :v160, :v161, :v162, :v163, :v164, :v165, :v166, :v167, :v168, :v169, :v170, :v171, :v172, :v173, :v174, :v175, :v176, :v177, :v178, :v179, :v180, :v181, :v182, :v183, :v184, :v185, :v186, :v187, :v188, :v189, :v190, :v191, :v192, :v193, :v194, :v195, :v196, :v197, :v198, :v199) OR #n0 IN (:v200, :v201, :v202, :v203, :v204, :v205, :v206, :v207, :v208, :v209, :v210, :v211, :v212, :v213, :v214, :v215, :v216, :v217, :v218, :v219, :v220, :v221, :v222, :v223, :v224, :v225, :v226, :v227, :v228, :v229, :v230, :v231, :v232, :v233, :v234, :v235, :v236, :v237, :v238, :v239, :v240, :v241, :v242, :v243, :v244); #n0=n; :v0=N:6; :v1=N:7; :v10=N:16; :v100=N:106; :v101=N:107; :v102=N:108; :v103=N:109; :v104=N:110; :v105=N:111; :v106=N:112; :v107=N:113; :v108=N:114; :v109=N:115; :v11=N:17; :v110=N:116; :v111=N:117; :v112=N:118; :v113=N:119; :v114=N:120; :v115=N:121; :v116=N:122; :v117=N:123; :v118=N:124; :v119=N:125; :v12=N:18; :v120=N:126; :v121=N:127; :v122=N:128; :v123=N:129; :v124=N:130; :v125=N:131; :v126=N:132; :v127=N:133; :v128=N:134; :v129=N:135; :v13=N:19; :v130=N:136; :v131=N:137; :v132=N:138; :v133=N:139; :v134=N:140; :v135=N:141; :v136=N:142; :v137=N:143; :v138=N:144; :v139=N:145; :v14=N:20; :v140=N:146; :v141=N:147; :v142=N:148; :v143=N:149; :v144=N:150; :v145=N:151; :v146=N:152; :v147=N:153; :v148=N:154; :v149=N:155; :v15=N:21; :v150=N:156; :v151=N:157; :v152=N:158; :v153=N:159; :v154=N:160; :v155=N:161; :v156=N:162; :v157=N:163; :v158=N:164; :v159=N:165; :v16=N:22; :v160=N:166; :v161=N:167; :v162=N:168; :v163=N:169; :v164=N:170; :v165=N:171; :v166=N:172; :v167=N:173; :v168=N:174; :v169=N:175; :v17=N:23; :v170=N:176; :v171=N:177; :v172=N:178; :v173=N:179; :v174=N:180; :v175=N:181; :v176=N:182; :v177=N:183; :v178=N:184; :v179=N:185; :v18=N:24; :v180=N:186; :v181=N:187; :v182=N:188; :v183=N:189; :v184=N:190; :v185=N:191; :v186=N:192; :v187=N:193; :v188=N:194; :v189=N:195; :v19=N:25; :v190=N:196; :v191=N:197; :v192=N:198; :v193=N:199; :v194=N:200; :v195=N:201; :v196=N:202; :v197=N:203; :v198=N:204; :v199=N:205; :v2=N:8; :v20=N:26; :v200=N:206; :v201=N:207; :v202=N:208; :v203=N:209; :v204=N:210; :v205=N:211; :v206=N:212; :v207=N:213; :v208=N:214; :v209=N:215; :v21=N:27; :v210=N:216; :v211=N:217; :v212=N:218; :v213=N:219; :v214=N:220; :v215=N:221; :v216=N:222; :v217=N:223; :v218=N:224; :v219=N:225; :v22=N:28; :v220=N:226; :v221=N:227; :v222=N:228; :v223=N:229; :v224=N:230; :v225=N:231; :v226=N:232; :v227=N:233; :v228=N:234; :v229=N:235; :v23=N:29; :v230=N:236; :v231=N:237; :v232=N:238; :v233=N:239; :v234=N:240; :v235=N:241; :v236=N:242; :v237=N:243; :v238=N:244; :v239=N:245; :v24=N:30; :v240=N:246; :v241=N:247; :v242=N:248; :v243=N:249; :v244=N:250; :v25=N:31; :v26=N:32; :v27=N:33; :v28=N:34; :v29=N:35; :v3=N:9; :v30=N:36; :v31=N:37; :v32=N:38; :v33=N:39; :v34=N:40; :v35=N:41; :v36=N:42; :v37=N:43; :v38=N:44; :v39=N:45; :v4=N:10; :v40=N:46; :v41=N:47; :v42=N:48; :v43=N:49; :v44=N:50; :v45=N:51; :v46=N:52; :v47=N:53; :v48=N:54; :v49=N:55; :v5=N:11; :v50=N:56; :v51=N:57; :v52=N:58; :v53=N:59; :v54=N:60; :v55=N:61; :v56=N:62; :v57=N:63; :v58=N:64; :v59=N:65; :v6=N:12; :v60=N:66; :v61=N:67; :v62=N:68; :v63=N:69; :v64=N:70; :v65=N:71; :v66=N:72; :v67=N:73; :v68=N:74; :v69=N:75; :v7=N:13; :v70=N:76; :v71=N:77; :v72=N:78; :v73=N:79; :v74=N:80; :v75=N:81; :v76=N:82; :v77=N:83; :v78=N:84; :v79=N:85; :v8=N:14; :v80=N:86; :v81=N:87; :v82=N:88; :v83=N:89; :v84=N:90; :v85=N:91; :v86=N:92; :v87=N:93; :v88=N:94; :v89=N:95; :v9=N:15; :v90=N:96; :v91=N:97; :v92=N:98; :v93=N:99; :v94=N:100; :v95=N:101; :v96=N:102; :v97=N:103; :v98=N:104; :v99=N:105", out: "1/5: a/2"},
	{name: "BETWEEN", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("BETWEEN", `{"N":"-1"}`, `{"N":"5"}`) + `}}`, tr: "filter: #n0 BETWEEN :v0 AND :v1; #n0=n; :v0=N:-1; :v1=N:5", out: "3/5: a/1 a/3 u/1"},
	{name: "BETWEEN equal bounds", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("BETWEEN", `{"S":"bye"}`, `{"S":"bye"}`) + `}}`, tr: "filter: #n0 BETWEEN :v0 AND :v1; #n0=s; :v0=S:bye; :v1=S:bye", out: "1/5: b/1"},
	{name: "AND by default", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("BEGINS_WITH", `{"S":"h"}`) + `,"n":` + legacyC("GT", `{"N":"5"}`) + `}}`, tr: "filter: #n0 > :v0 AND begins_with(#n1, :v1); #n0=n; #n1=s; :v0=N:5; :v1=S:h", out: "1/5: a/2"},
	{name: "OR", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("EQ", `{"S":"bye"}`) + `,"n":` + legacyC("GT", `{"N":"5"}`) + `},"ConditionalOperator":"OR"}`, tr: "filter: #n0 > :v0 OR #n1 = :v1; #n0=n; #n1=s; :v0=N:5; :v1=S:bye", out: "2/5: a/2 b/1"},
	{name: "OR with NOT_CONTAINS and many IN values", op: "Scan", in: `{"ScanFilter":{"ss":` + legacyC("NOT_CONTAINS", `{"S":"x"}`) + `,"n":` + legacyC("IN", legacyNumbers(6, 110)...) + `},"ConditionalOperator":"OR"}`, tr: "filter: #n0 IN (:v0, :v1, :v2, :v3, :v4, :v5, :v6, :v7, :v8, :v9, :v10, :v11, :v12, :v13, :v14, :v15, :v16, :v17, :v18, :v19, :v20, :v21, :v22, :v23, :v24, :v25, :v26, :v27, :v28, :v29, :v30, :v31, :v32, :v33, :v34, :v35, :v36, :v37, :v38, :v39, :v40, :v41, :v42, :v43, :v44, :v45, :v46, :v47, :v48, :v49, :v50, :v51, :v52, :v53, :v54, :v55, :v56, :v57, :v58, :v59, :v60, :v61, :v62, :v63, :v64, :v65, :v66, :v67, :v68, :v69, :v70, :v71, :v72, :v73, :v74, :v75, :v76, :v77, :v78, :v79, :v80, :v81, :v82, :v83, :v84, :v85, :v86, :v87, :v88, :v89, :v90, :v91, :v92, :v93, :v94, :v95, :v96, :v97, :v98, :v99) OR #n0 IN (:v100, :v101, :v102, :v103, :v104) OR (attribute_exists(#n1) AND NOT contains(#n1, :v105)); #n0=n; #n1=ss; :v0=N:6; :v1=N:7; :v10=N:16; :v100=N:106; :v101=N:107; :v102=N:108; :v103=N:109; :v104=N:110; :v105=S:x; :v11=N:17; :v12=N:18; :v13=N:19; :v14=N:20; :v15=N:21; :v16=N:22; :v17=N:23; :v18=N:24; :v19=N:25; :v2=N:8; :v20=N:26; :v21=N:27; :v22=N:28; :v23=N:29; :v24=N:30; :v25=N:31; :v26=N:32; :v27=N:33; :v28=N:34; :v29=N:35; :v3=N:9; :v30=N:36; :v31=N:37; :v32=N:38; :v33=N:39; :v34=N:40; :v35=N:41; :v36=N:42; :v37=N:43; :v38=N:44; :v39=N:45; :v4=N:10; :v40=N:46; :v41=N:47; :v42=N:48; :v43=N:49; :v44=N:50; :v45=N:51; :v46=N:52; :v47=N:53; :v48=N:54; :v49=N:55; :v5=N:11; :v50=N:56; :v51=N:57; :v52=N:58; :v53=N:59; :v54=N:60; :v55=N:61; :v56=N:62; :v57=N:63; :v58=N:64; :v59=N:65; :v6=N:12; :v60=N:66; :v61=N:67; :v62=N:68; :v63=N:69; :v64=N:70; :v65=N:71; :v66=N:72; :v67=N:73; :v68=N:74; :v69=N:75; :v7=N:13; :v70=N:76; :v71=N:77; :v72=N:78; :v73=N:79; :v74=N:80; :v75=N:81; :v76=N:82; :v77=N:83; :v78=N:84; :v79=N:85; :v8=N:14; :v80=N:86; :v81=N:87; :v82=N:88; :v83=N:89; :v84=N:90; :v85=N:91; :v86=N:92; :v87=N:93; :v88=N:94; :v89=N:95; :v9=N:15; :v90=N:96; :v91=N:97; :v92=N:98; :v93=N:99; :v94=N:100; :v95=N:101; :v96=N:102; :v97=N:103; :v98=N:104; :v99=N:105", out: "2/5: a/2 a/3"},
	{name: "AND with many IN values", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("NOT_NULL") + `,"n":` + legacyC("IN", legacyNumbers(6, 110)...) + `}}`, tr: "filter: (#n0 IN (:v0, :v1, :v2, :v3, :v4, :v5, :v6, :v7, :v8, :v9, :v10, :v11, :v12, :v13, :v14, :v15, :v16, :v17, :v18, :v19, :v20, :v21, :v22, :v23, :v24, :v25, :v26, :v27, :v28, :v29, :v30, :v31, :v32, :v33, :v34, :v35, :v36, :v37, :v38, :v39, :v40, :v41, :v42, :v43, :v44, :v45, :v46, :v47, :v48, :v49, :v50, :v51, :v52, :v53, :v54, :v55, :v56, :v57, :v58, :v59, :v60, :v61, :v62, :v63, :v64, :v65, :v66, :v67, :v68, :v69, :v70, :v71, :v72, :v73, :v74, :v75, :v76, :v77, :v78, :v79, :v80, :v81, :v82, :v83, :v84, :v85, :v86, :v87, :v88, :v89, :v90, :v91, :v92, :v93, :v94, :v95, :v96, :v97, :v98, :v99) OR #n0 IN (:v100, :v101, :v102, :v103, :v104)) AND attribute_exists(#n1); #n0=n; #n1=s; :v0=N:6; :v1=N:7; :v10=N:16; :v100=N:106; :v101=N:107; :v102=N:108; :v103=N:109; :v104=N:110; :v11=N:17; :v12=N:18; :v13=N:19; :v14=N:20; :v15=N:21; :v16=N:22; :v17=N:23; :v18=N:24; :v19=N:25; :v2=N:8; :v20=N:26; :v21=N:27; :v22=N:28; :v23=N:29; :v24=N:30; :v25=N:31; :v26=N:32; :v27=N:33; :v28=N:34; :v29=N:35; :v3=N:9; :v30=N:36; :v31=N:37; :v32=N:38; :v33=N:39; :v34=N:40; :v35=N:41; :v36=N:42; :v37=N:43; :v38=N:44; :v39=N:45; :v4=N:10; :v40=N:46; :v41=N:47; :v42=N:48; :v43=N:49; :v44=N:50; :v45=N:51; :v46=N:52; :v47=N:53; :v48=N:54; :v49=N:55; :v5=N:11; :v50=N:56; :v51=N:57; :v52=N:58; :v53=N:59; :v54=N:60; :v55=N:61; :v56=N:62; :v57=N:63; :v58=N:64; :v59=N:65; :v6=N:12; :v60=N:66; :v61=N:67; :v62=N:68; :v63=N:69; :v64=N:70; :v65=N:71; :v66=N:72; :v67=N:73; :v68=N:74; :v69=N:75; :v7=N:13; :v70=N:76; :v71=N:77; :v72=N:78; :v73=N:79; :v74=N:80; :v75=N:81; :v76=N:82; :v77=N:83; :v78=N:84; :v79=N:85; :v8=N:14; :v80=N:86; :v81=N:87; :v82=N:88; :v83=N:89; :v84=N:90; :v85=N:91; :v86=N:92; :v87=N:93; :v88=N:94; :v89=N:95; :v9=N:15; :v90=N:96; :v91=N:97; :v92=N:98; :v93=N:99; :v94=N:100; :v95=N:101; :v96=N:102; :v97=N:103; :v98=N:104; :v99=N:105", out: "1/5: a/2"},
	{name: "empty ScanFilter", op: "Scan", in: `{"ScanFilter":{},"Select":"COUNT"}`, tr: "", out: "5/5"},
	{name: "AttributesToGet", op: "Scan", in: `{"AttributesToGet":["n","pk"],"ScanFilter":{"n":` + legacyC("NOT_NULL") + `}}`, tr: "filter: attribute_exists(#n0); proj: #n0, #n1; #n0=n; #n1=pk", out: "4/5: {n=N:-1 pk=S:a} {n=N:10 pk=S:a} {n=N:5 pk=S:a} {n=N:5 pk=S:u}"},
	{name: "AttributesToGet SPECIFIC_ATTRIBUTES", op: "Scan", in: `{"AttributesToGet":["sk"],"Select":"SPECIFIC_ATTRIBUTES","Limit":2}`, tr: "proj: #n0; #n0=sk", out: "2/2: {sk=N:1} {sk=N:1}"},
	{name: "AttributesToGet COUNT", op: "Scan", in: `{"AttributesToGet":["n","n"],"Select":"COUNT"}`, tr: "", out: "ValidationException: Cannot specify the AttributesToGet when choosing to get only the Count"},
	{name: "AttributesToGet ALL_ATTRIBUTES", op: "Scan", in: `{"AttributesToGet":["n"],"Select":"ALL_ATTRIBUTES"}`, tr: "", out: "ValidationException: Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES"},
	{name: "AttributesToGet ALL_PROJECTED_ATTRIBUTES", op: "Scan", in: `{"AttributesToGet":["n"],"Select":"ALL_PROJECTED_ATTRIBUTES"}`, tr: "", out: "ValidationException: Cannot specify the AttributesToGet when choosing to get ALL_PROJECTED_ATTRIBUTES"},
	{name: "AttributesToGet Limit before Select", op: "Scan", in: `{"AttributesToGet":["n"],"Select":"COUNT","Limit":0}`, tr: "", out: "ValidationException: Limit must be greater than or equal to 1"},
	{name: "AttributesToGet duplicate", op: "Scan", in: `{"AttributesToGet":["n","n"]}`, tr: "", out: "ValidationException: Cannot have two attributes with the same name"},
	{name: "SPECIFIC_ATTRIBUTES without AttributesToGet", op: "Scan", in: `{"AttributesToGet":[],"Select":"SPECIFIC_ATTRIBUTES"}`, tr: "", out: "ValidationException: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"},
	{name: "ScanFilter before Limit", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("GT") + `},"Limit":0}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the GT ComparisonOperator"},
	{name: "ScanFilter before AttributesToGet", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("GT") + `},"AttributesToGet":["n","n"]}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the GT ComparisonOperator"},
	{name: "ConditionalOperator before AttributesToGet", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("GT", `{"N":"1"}`) + `},"ConditionalOperator":"AND","AttributesToGet":["n","n"]}`, tr: "", out: "ValidationException: ConditionalOperator can only be used when Filter or Expected has two or more elements"},
	{name: "ConditionalOperator without ScanFilter", op: "Scan", in: `{"ScanFilter":{},"ConditionalOperator":"OR"}`, tr: "", out: "ValidationException: ConditionalOperator cannot be used without Filter or Expected"},
	{name: "ConditionalOperator invalid", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("GT", `{"N":"1"}`) + `,"s":` + legacyC("NULL") + `},"ConditionalOperator":"and"}`, tr: "", out: "InternalFailure: The request processing has failed because of an unknown error, exception or failure."},
	{name: "unknown operator", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("BAD", `{"N":"x"}`) + `}}`, tr: "", out: "ValidationException: Comparison type does not exist in DynamoDB"},
	{name: "invalid value before count", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("LE", `{"N":"x"}`, `{"N":"1"}`) + `}}`, tr: "", out: "ValidationException: A value provided cannot be converted into a number"},
	{name: "invalid set", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("LE", `{"SS":["a","a"]}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Input collection [a, a] contains duplicates"},
	{name: "EQ without values", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("EQ") + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"},
	{name: "NOT_NULL with a value", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("NOT_NULL", `{"N":"1"}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the NOT_NULL ComparisonOperator"},
	{name: "BETWEEN one value", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("BETWEEN", `{"N":"1"}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator"},
	{name: "IN without values", op: "Scan", in: `{"ScanFilter":{"n":{"ComparisonOperator":"IN","AttributeValueList":[]}}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the IN ComparisonOperator"},
	{name: "LE set", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("LE", `{"NS":["1"]}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ComparisonOperator LE is not valid for NS AttributeValue type"},
	{name: "GT bool", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("GT", `{"BOOL":true}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ComparisonOperator GT is not valid for BOOL AttributeValue type"},
	{name: "CONTAINS list", op: "Scan", in: `{"ScanFilter":{"l":` + legacyC("CONTAINS", `{"L":[]}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for L AttributeValue type"},
	{name: "NOT_CONTAINS set", op: "Scan", in: `{"ScanFilter":{"ss":` + legacyC("NOT_CONTAINS", `{"SS":["x"]}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ComparisonOperator NOT_CONTAINS is not valid for SS AttributeValue type"},
	{name: "BEGINS_WITH number", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("BEGINS_WITH", `{"N":"1"}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"},
	{name: "IN map", op: "Scan", in: `{"ScanFilter":{"m":` + legacyC("IN", `{"M":{}}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ComparisonOperator IN is not valid for M AttributeValue type"},
	{name: "IN mixed types", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("IN", `{"N":"1"}`, `{"S":"a"}`, `{"SS":["a"]}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type"},
	{name: "IN set after scalar", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("IN", `{"SS":["a"]}`, `{"N":"1"}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ComparisonOperator IN is not valid for SS AttributeValue type"},
	{name: "BETWEEN mixed types", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("BETWEEN", `{"N":"1"}`, `{"S":"2"}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type"},
	{name: "BETWEEN reversed", op: "Scan", in: `{"ScanFilter":{"s":` + legacyC("BETWEEN", `{"S":"b"}`, `{"S":"a"}`) + `}}`, tr: "", out: "ValidationException: The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"},
	{name: "empty name", op: "Scan", in: `{"ScanFilter":{"":` + legacyC("NULL") + `}}`, tr: "", out: "ValidationException: Empty attribute name"},
	{name: "count before empty name", op: "Scan", in: `{"ScanFilter":{"":` + legacyC("EQ") + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"},
	{name: "ScanFilter with FilterExpression", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("NULL") + `},"AttributesToGet":["n"],"ConditionalOperator":"AND","FilterExpression":"attribute_exists(n)","ProjectionExpression":"n"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet, ScanFilter, ConditionalOperator} Expression parameters: {ProjectionExpression, FilterExpression}"},
	{name: "ScanFilter with ProjectionExpression", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("NULL") + `},"ProjectionExpression":"n"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ScanFilter} Expression parameters: {ProjectionExpression}"},
	{name: "AttributesToGet with FilterExpression", op: "Scan", in: `{"AttributesToGet":["n"],"FilterExpression":"attribute_exists(n)"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {FilterExpression}"},
	{name: "ScanFilter with empty FilterExpression", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("NULL") + `},"FilterExpression":""}`, tr: "", out: "ValidationException: Invalid FilterExpression: The expression can not be empty;"},
	{name: "ScanFilter with names", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("EQ") + `},"ExpressionAttributeNames":{"#a":"n"}}`, tr: "", out: "ValidationException: ExpressionAttributeNames can only be specified when using expressions"},
	{name: "ScanFilter with values", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("NULL") + `},"ExpressionAttributeValues":{":a":{"N":"1"}}}`, tr: "", out: "ValidationException: ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null"},
	{name: "ScanFilter with empty names and values", op: "Scan", in: `{"ScanFilter":{"n":` + legacyC("NULL") + `},"ExpressionAttributeNames":{},"ExpressionAttributeValues":{}}`, tr: "filter: attribute_not_exists(#n0); #n0=n", out: "1/5: b/1"},

	// Query: KeyConditions, QueryFilter, AttributesToGet.
	{name: "hash key", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `}}`, tr: "key: #n0 = :v0; #n0=pk; :v0=S:a", out: "3/3: a/1 a/2 a/3"},
	{name: "range EQ", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("EQ", `{"N":"2"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 = :v1; #n0=pk; #n1=sk; :v0=S:a; :v1=N:2", out: "1/1: a/2"},
	{name: "range LT", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("LT", `{"N":"2"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 < :v1; #n0=pk; #n1=sk; :v0=S:a; :v1=N:2", out: "1/1: a/1"},
	{name: "range LE", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("LE", `{"N":"2"}`) + `},"ScanIndexForward":false}`, tr: "key: #n0 = :v0 AND #n1 <= :v1; #n0=pk; #n1=sk; :v0=S:a; :v1=N:2", out: "2/2: a/2 a/1"},
	{name: "range GT", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("GT", `{"N":"2"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 > :v1; #n0=pk; #n1=sk; :v0=S:a; :v1=N:2", out: "1/1: a/3"},
	{name: "range GE", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("GE", `{"N":"2"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 >= :v1; #n0=pk; #n1=sk; :v0=S:a; :v1=N:2", out: "2/2: a/2 a/3"},
	{name: "range BETWEEN", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("BETWEEN", `{"N":"2"}`, `{"N":"3"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 BETWEEN :v1 AND :v2; #n0=pk; #n1=sk; :v0=S:a; :v1=N:2; :v2=N:3", out: "2/2: a/2 a/3"},
	{name: "QueryFilter", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"QueryFilter":{"n":` + legacyC("GT", `{"N":"0"}`) + `,"ss":` + legacyC("NULL") + `},"ConditionalOperator":"OR"}`, tr: "key: #n0 = :v0; filter: #n1 > :v1 OR attribute_not_exists(#n2); #n0=pk; #n1=n; #n2=ss; :v0=S:a; :v1=N:0", out: "2/3: a/1 a/2"},
	{name: "AttributesToGet", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"AttributesToGet":["s","sk"],"Limit":2}`, tr: "key: #n0 = :v0; proj: #n1, #n2; #n0=pk; #n1=s; #n2=sk; :v0=S:a", out: "2/2: {s=S:hello sk=N:1} {s=S:help sk=N:2}"},
	{name: "index", op: "Query", in: `{"TableName":"legacy_test_h","IndexName":"gsi","KeyConditions":{"g":` + legacyC("EQ", `{"S":"x"}`) + `,"gr":` + legacyC("GE", `{"N":"2"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 >= :v1; #n0=g; #n1=gr; :v0=S:x; :v1=N:2", out: "1/1: h2"},
	{name: "index QueryFilter on table key", op: "Query", in: `{"TableName":"legacy_test_h","IndexName":"gsi","KeyConditions":{"g":` + legacyC("EQ", `{"S":"x"}`) + `},"QueryFilter":{"pk":` + legacyC("EQ", `{"S":"h1"}`) + `}}`, tr: "key: #n0 = :v0; filter: #n1 = :v1; #n0=g; #n1=pk; :v0=S:x; :v1=S:h1", out: "1/2: h1"},
	{name: "index QueryFilter on index key", op: "Query", in: `{"TableName":"legacy_test_h","IndexName":"gsi","KeyConditions":{"g":` + legacyC("EQ", `{"S":"x"}`) + `},"QueryFilter":{"gr":` + legacyC("EQ", `{"N":"1"}`) + `}}`, tr: "key: #n0 = :v0; filter: #n1 = :v1; #n0=g; #n1=gr; :v0=S:x; :v1=N:1", out: "ValidationException: QueryFilter can only contain non-primary key attributes: Primary key attribute: gr"},
	{name: "with FilterExpression", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"FilterExpression":"n > :v0","ExpressionAttributeValues":{":v0":{"N":"0"}}}`, tr: "key: #n0 = :v1; filter: n > :v0; #n0=pk; :v0=N:0; :v1=S:a", out: "2/3: a/1 a/2"},
	{name: "with ProjectionExpression", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"ProjectionExpression":"#n0, #n2","ExpressionAttributeNames":{"#n0":"s","#n2":"sk"}}`, tr: "key: #n1 = :v0; proj: #n0, #n2; #n0=s; #n1=pk; #n2=sk; :v0=S:a", out: "3/3: {s=S:hello sk=N:1} {s=S:help sk=N:2} {s=S:world sk=N:3}"},
	{name: "with ProjectionExpression and values", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"ProjectionExpression":"s","ExpressionAttributeValues":{":a":{"N":"0"}}}`, tr: "", out: "ValidationException: ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null"},
	{name: "with FilterExpression and unused values", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"FilterExpression":"n > :a","ExpressionAttributeValues":{":a":{"N":"0"},":b":{"N":"0"}}}`, tr: "key: #n0 = :v0; filter: n > :a; #n0=pk; :a=N:0; :b=N:0; :v0=S:a", out: "ValidationException: Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}"},
	{name: "with FilterExpression and empty names", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"FilterExpression":"n > :a","ExpressionAttributeValues":{":a":{"N":"0"}},"ExpressionAttributeNames":{}}`, tr: "", out: "ValidationException: ExpressionAttributeNames must not be empty"},
	{name: "with names", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"ExpressionAttributeNames":{"#a":"n"}}`, tr: "", out: "ValidationException: ExpressionAttributeNames can only be specified when using expressions"},
	{name: "with values", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"ExpressionAttributeValues":{":a":{"N":"0"}}}`, tr: "", out: "ValidationException: ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null"},
	{name: "names before KeyConditions", op: "Query", in: `{"KeyConditions":{"pk":` + legacyC("EQ") + `},"ExpressionAttributeNames":{"#a":"n"}}`, tr: "", out: "ValidationException: ExpressionAttributeNames can only be specified when using expressions"},
	{name: "empty KeyConditions with KeyConditionExpression", op: "Query", in: `{"KeyConditions":{},"KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"b"}}}`, tr: "key: pk = :a; :a=S:b", out: "1/1: b/1"},
	{name: "empty KeyConditions", op: "Query", in: `{"KeyConditions":{}}`, tr: "", out: "ValidationException: Conditions must be at least length 1"},
	{name: "KeyConditions with KeyConditionExpression", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"QueryFilter":{"n":` + legacyC("NULL") + `},"ConditionalOperator":"AND","AttributesToGet":["n"],"KeyConditionExpression":"pk = :a"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet, QueryFilter, ConditionalOperator, KeyConditions} Expression parameters: {KeyConditionExpression}"},
	{name: "KeyConditions with KeyConditionExpression and ProjectionExpression", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"ProjectionExpression":"n","KeyConditionExpression":"pk = :a"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {ProjectionExpression, KeyConditionExpression}"},
	{name: "QueryFilter with KeyConditionExpression", op: "Query", in: `{"QueryFilter":{"n":` + legacyC("NULL") + `},"KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"a"}}}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {QueryFilter} Expression parameters: {KeyConditionExpression}"},
	{name: "QueryFilter with FilterExpression", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"QueryFilter":{"n":` + legacyC("NULL") + `},"AttributesToGet":["n"],"FilterExpression":"attribute_exists(n)"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet, QueryFilter} Expression parameters: {FilterExpression}"},
	{name: "ConditionalOperator with ProjectionExpression", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"ConditionalOperator":"AND","ProjectionExpression":"n"}`, tr: "", out: "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ConditionalOperator} Expression parameters: {ProjectionExpression}"},
	{name: "ConditionalOperator without QueryFilter", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"ConditionalOperator":"AND"}`, tr: "", out: "ValidationException: ConditionalOperator cannot be used without Filter or Expected"},
	{name: "KeyConditions with empty KeyConditionExpression", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"KeyConditionExpression":""}`, tr: "", out: "ValidationException: Invalid KeyConditionExpression: The expression can not be empty;"},
	{name: "QueryFilter without KeyConditions", op: "Query", in: `{"QueryFilter":{"n":` + legacyC("EQ") + `}}`, tr: "", out: "ValidationException: Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."},
	{name: "AttributesToGet without KeyConditions", op: "Query", in: `{"AttributesToGet":["n","n"]}`, tr: "", out: "ValidationException: Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."},
	{name: "names before missing KeyConditions", op: "Query", in: `{"AttributesToGet":["n"],"ExpressionAttributeNames":{"#a":"n"}}`, tr: "", out: "ValidationException: ExpressionAttributeNames can only be specified when using expressions"},
	{name: "three conditions", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("EQ", `{"N":"1"}`) + `,"n":` + legacyC("EQ", `{"N":"1"}`) + `}}`, tr: "", out: "ValidationException: Conditions can be of length 1 or 2 only"},
	{name: "condition before length", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("EQ", `{"N":"1"}`) + `,"n":` + legacyC("EQ") + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"},
	{name: "KeyConditions before QueryFilter", op: "Query", in: `{"KeyConditions":{"pk":` + legacyC("EQ") + `},"QueryFilter":{"n":` + legacyC("BAD") + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"},
	{name: "KeyConditions before AttributesToGet", op: "Query", in: `{"KeyConditions":{"pk":` + legacyC("EQ") + `},"AttributesToGet":["s","s"]}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"},
	{name: "QueryFilter before AttributesToGet", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"QueryFilter":{"n":` + legacyC("EQ") + `},"AttributesToGet":["s","s"]}`, tr: "", out: "ValidationException: One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"},
	{name: "missing hash key", op: "Query", in: `{"KeyConditions":{"sk":` + legacyC("EQ", `{"N":"1"}`) + `}}`, tr: "key: #n0 = :v0; #n0=sk; :v0=N:1", out: "ValidationException: Query condition missed key schema element"},
	{name: "non-key attribute", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"n":` + legacyC("IN", `{"N":"1"}`) + `}}`, tr: "key: #n0 IN (:v0) AND #n1 = :v1; #n0=n; #n1=pk; :v0=N:1; :v1=S:a", out: "ValidationException: Query condition missed key schema element"},
	{name: "hash key GT", op: "Query", in: `{"KeyConditions":{"pk":` + legacyC("GT", `{"S":"a"}`) + `,"sk":` + legacyC("IN", `{"N":"1"}`) + `}}`, tr: "key: #n0 > :v0 AND #n1 IN (:v1); #n0=pk; #n1=sk; :v0=S:a; :v1=N:1", out: "ValidationException: Query key condition not supported"},
	{name: "hash key BETWEEN", op: "Query", in: `{"KeyConditions":{"pk":` + legacyC("BETWEEN", `{"S":"a"}`, `{"S":"b"}`) + `}}`, tr: "key: #n0 BETWEEN :v0 AND :v1; #n0=pk; :v0=S:a; :v1=S:b", out: "ValidationException: Query key condition not supported"},
	{name: "hash key NULL", op: "Query", in: `{"KeyConditions":{"pk":` + legacyC("NULL") + `,"sk":` + legacyC("IN", `{"N":"1"}`) + `}}`, tr: "key: attribute_not_exists(#n0) AND #n1 IN (:v0); #n0=pk; #n1=sk; :v0=N:1", out: "ValidationException: Only scalar types can be used as Hash Key values"},
	{name: "hash key type", op: "Query", in: `{"KeyConditions":{"pk":` + legacyC("EQ", `{"N":"1"}`) + `,"sk":` + legacyC("IN", `{"N":"1"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 IN (:v1); #n0=pk; #n1=sk; :v0=N:1; :v1=N:1", out: "ValidationException: One or more parameter values were invalid: Condition parameter type does not match schema type"},
	{name: "hash key empty", op: "Query", in: `{"KeyConditions":{"pk":` + legacyC("EQ", `{"S":""}`) + `,"sk":` + legacyC("GT", `{"S":"1"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 > :v1; #n0=pk; #n1=sk; :v0=S:; :v1=S:1", out: "ValidationException: One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
	{name: "range key NULL", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("NOT_NULL") + `}}`, tr: "key: #n0 = :v0 AND attribute_exists(#n1); #n0=pk; #n1=sk; :v0=S:a", out: "ValidationException: Only scalar types can be used as Range Key values"},
	{name: "range key IN", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("IN", `{"N":"1"}`, `{"N":"2"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 IN (:v1, :v2); #n0=pk; #n1=sk; :v0=S:a; :v1=N:1; :v2=N:2", out: "ValidationException: Attempted conditional constraint is not an indexable operation"},
	{name: "range key CONTAINS", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("CONTAINS", `{"N":"1"}`) + `}}`, tr: "key: #n0 = :v0 AND contains(#n1, :v1); #n0=pk; #n1=sk; :v0=S:a; :v1=N:1", out: "ValidationException: Attempted conditional constraint is not an indexable operation"},
	{name: "range key NOT_CONTAINS", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("NOT_CONTAINS", `{"N":"1"}`) + `}}`, tr: "key: #n0 = :v0 AND attribute_exists(#n1) AND NOT contains(#n1, :v1); #n0=pk; #n1=sk; :v0=S:a; :v1=N:1", out: "ValidationException: Attempted conditional constraint is not an indexable operation"},
	{name: "range key NE", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("NE", `{"N":"1"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 <> :v1; #n0=pk; #n1=sk; :v0=S:a; :v1=N:1", out: "InternalFailure: The request processing has failed because of an unknown error, exception or failure."},
	{name: "range key type", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("BEGINS_WITH", `{"S":"1"}`) + `}}`, tr: "key: #n0 = :v0 AND begins_with(#n1, :v1); #n0=pk; #n1=sk; :v0=S:a; :v1=S:1", out: "ValidationException: One or more parameter values were invalid: Condition parameter type does not match schema type"},
	{name: "range key BEGINS_WITH number", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("BEGINS_WITH", `{"N":"1"}`) + `}}`, tr: "", out: "ValidationException: One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"},
	{name: "range key BETWEEN reversed", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `,"sk":` + legacyC("BETWEEN", `{"N":"3"}`, `{"N":"2"}`) + `}}`, tr: "", out: "ValidationException: The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"},
	{name: "hash-only table with two conditions", op: "Query", in: `{"TableName":"legacy_test_h","KeyConditions":{"pk":` + legacyC("EQ", `{"S":"h1"}`) + `,"n":` + legacyC("EQ", `{"N":"1"}`) + `}}`, tr: "key: #n0 = :v0 AND #n1 = :v1; #n0=n; #n1=pk; :v0=N:1; :v1=S:h1", out: "ValidationException: Query key condition not supported"},
	{name: "index without its hash key", op: "Query", in: `{"TableName":"legacy_test_h","IndexName":"gsi","KeyConditions":{"pk":` + legacyC("EQ", `{"S":"h1"}`) + `}}`, tr: "key: #n0 = :v0; #n0=pk; :v0=S:h1", out: "ValidationException: Query condition missed key schema element"},
	{name: "QueryFilter on hash key", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"QueryFilter":{"pk":` + legacyC("EQ", `{"S":"a"}`) + `}}`, tr: "key: #n0 = :v0; filter: #n0 = :v1; #n0=pk; :v0=S:a; :v1=S:a", out: "ValidationException: QueryFilter can only contain non-primary key attributes: Primary key attribute: pk"},
	{name: "QueryFilter on range key", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"QueryFilter":{"sk":` + legacyC("EQ", `{"N":"1"}`) + `,"n":` + legacyC("NULL") + `}}`, tr: "key: #n0 = :v0; filter: attribute_not_exists(#n1) AND #n2 = :v1; #n0=pk; #n1=n; #n2=sk; :v0=S:a; :v1=N:1", out: "ValidationException: QueryFilter can only contain non-primary key attributes: Primary key attribute: sk"},
	{name: "key condition before QueryFilter on key", op: "Query", in: `{"KeyConditions":{"pk":` + legacyC("GT", `{"S":"a"}`) + `},"QueryFilter":{"pk":` + legacyC("EQ", `{"S":"a"}`) + `}}`, tr: "key: #n0 > :v0; filter: #n0 = :v1; #n0=pk; :v0=S:a; :v1=S:a", out: "ValidationException: Query key condition not supported"},
	{name: "AttributesToGet COUNT", op: "Query", in: `{"KeyConditions":{` + legacyPkA + `},"AttributesToGet":["n"],"Select":"COUNT"}`, tr: "", out: "ValidationException: Cannot specify the AttributesToGet when choosing to get only the Count"},
}

// TestLegacyFilterMatrixOnDynamoDBLocal compares, for every comparison
// operator and many operand types, which items a legacy ScanFilter selects
// on DynamoDB Local with what its translation selects on dynamotest, over
// items whose attribute x has every type (and one item without x).
func TestLegacyFilterMatrixOnDynamoDBLocal(t *testing.T) {
	endpoint := os.Getenv("GONAMO_TEST_ENDPOINT")
	if endpoint == "" {
		t.Skip("set GONAMO_TEST_ENDPOINT to a DynamoDB Local endpoint to compare with it")
	}
	const table = "legacy_matrix"
	ctx := context.Background()
	local := legacyLocalClient(endpoint)
	db := New()
	items := map[string]string{
		"s": `{"S":"abc"}`, "s0": `{"S":""}`, "n": `{"N":"5"}`, "b": `{"B":"YWJj"}`, "ss": `{"SS":["abc","b"]}`,
		"ns": `{"NS":["5","7"]}`, "bs": `{"BS":["YWJj","Yg=="]}`, "l": `{"L":[{"S":"abc"},{"N":"5"},{"BOOL":true},{"NULL":true}]}`,
		"m": `{"M":{"a":{"S":"abc"}}}`, "null": `{"NULL":true}`, "t": `{"BOOL":true}`, "f": `{"BOOL":false}`, "missing": "",
	}
	_, _ = local.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)})
	t.Cleanup(func() { _, _ = local.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)}) })
	for _, c := range []legacyClient{local, db} {
		if _, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName: aws.String(table), BillingMode: types.BillingModePayPerRequest,
			KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
			AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		}); err != nil {
			t.Fatal(err)
		}
		for pk, x := range items {
			src := `{"pk":{"S":"` + pk + `"}`
			if x != "" {
				src += `,"x":` + x
			}
			if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: legacyDecodeItem(src + "}")}); err != nil {
				t.Fatal(err)
			}
		}
	}
	values := []string{`{"S":"abc"}`, `{"S":"ab"}`, `{"S":"b"}`, `{"S":""}`, `{"N":"5"}`, `{"N":"6"}`, `{"N":"4"}`,
		`{"B":"YWI="}`, `{"B":"YWJj"}`, `{"SS":["abc","b"]}`, `{"SS":["abc"]}`, `{"NS":["5","7"]}`, `{"BS":["YWJj","Yg=="]}`,
		`{"L":[{"S":"abc"},{"N":"5"},{"BOOL":true},{"NULL":true}]}`, `{"M":{"a":{"S":"abc"}}}`, `{"NULL":true}`, `{"BOOL":true}`, `{"BOOL":false}`}
	var lists [][]string
	for _, op := range []string{"NULL", "NOT_NULL"} {
		lists = append(lists, []string{op})
	}
	for _, op := range []string{"EQ", "NE", "LE", "LT", "GE", "GT", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN"} {
		for _, v := range values {
			lists = append(lists, []string{op, v})
		}
	}
	for _, lo := range values {
		for _, hi := range values {
			lists = append(lists, []string{"BETWEEN", lo, hi})
		}
	}
	lists = append(lists, []string{"IN", `{"S":"abc"}`, `{"S":"b"}`}, []string{"IN", `{"N":"4"}`, `{"N":"5"}`}, []string{"IN", `{"B":"Yg=="}`, `{"B":"YWJj"}`})
	selected := func(c legacyClient, in *dynamodb.ScanInput) string {
		o, err := c.Scan(ctx, in)
		if err != nil {
			return legacyRenderError(err)
		}
		var pks []string
		for _, it := range o.Items {
			pks = append(pks, it["pk"].(*types.AttributeValueMemberS).Value)
		}
		slices.Sort(pks)
		return strings.Join(pks, " ")
	}
	for _, l := range lists {
		src := `{"TableName":"` + table + `","ScanFilter":{"x":` + legacyC(l[0], l[1:]...) + `}}`
		decoded, err := wire.DecodeInput("Scan", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		in := decoded.(*dynamodb.ScanInput)
		want := selected(local, in)
		var got string
		if tr, err := legacyScan(in); err != nil {
			got = legacyRenderError(err)
		} else {
			got = selected(db, tr)
		}
		if got != want {
			t.Errorf("%s:\n dynamotest     %s\n DynamoDB Local %s", src, got, want)
		}
	}
}

// TestLegacyUpdateMatrixOnDynamoDBLocal compares, for every action and
// many value types, what a legacy AttributeUpdates entry does on DynamoDB
// Local to an attribute x of every type (or none) with what its translation
// does on dynamotest.
func TestLegacyUpdateMatrixOnDynamoDBLocal(t *testing.T) {
	endpoint := os.Getenv("GONAMO_TEST_ENDPOINT")
	if endpoint == "" {
		t.Skip("set GONAMO_TEST_ENDPOINT to a DynamoDB Local endpoint to compare with it")
	}
	const table = "legacy_update_matrix"
	ctx := context.Background()
	local := legacyLocalClient(endpoint)
	db := New()
	_, _ = local.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)})
	t.Cleanup(func() { _, _ = local.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)}) })
	for _, c := range []legacyClient{local, db} {
		if _, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName: aws.String(table), BillingMode: types.BillingModePayPerRequest,
			KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
			AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	values := []string{`{"S":"abc"}`, `{"N":"5"}`, `{"B":"YWJj"}`, `{"SS":["abc","b"]}`, `{"NS":["5","7"]}`, `{"BS":["YWJj"]}`,
		`{"L":[{"S":"abc"}]}`, `{"M":{"a":{"S":"abc"}}}`, `{"NULL":true}`, `{"BOOL":true}`}
	existing := append([]string{"", `{"SS":["b"]}`, `{"NS":["7"]}`, `{"L":[]}`}, values...)
	var updates []string
	for _, v := range values {
		for _, action := range []string{"PUT", "ADD", "DELETE"} {
			updates = append(updates, `{"Action":"`+action+`","Value":`+v+`}`)
		}
	}
	updates = append(updates, `{"Action":"DELETE"}`)
	outcome := func(c legacyClient, in *dynamodb.UpdateItemInput, translated bool) string {
		o, err := c.UpdateItem(ctx, in)
		if err != nil {
			if translated {
				err = legacyUpdateError(legacyUnwrap(err))
			}
			return legacyRenderError(err)
		}
		return legacyRenderItem(o.Attributes)
	}
	for _, x := range existing {
		item := `{"pk":{"S":"k"}`
		if x != "" {
			item += `,"x":` + x
		}
		for _, u := range updates {
			src := `{"TableName":"` + table + `","Key":{"pk":{"S":"k"}},"ReturnValues":"ALL_NEW","AttributeUpdates":{"x":` + u + `}}`
			decoded, err := wire.DecodeInput("UpdateItem", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			in := decoded.(*dynamodb.UpdateItemInput)
			for _, c := range []legacyClient{local, db} {
				if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: legacyDecodeItem(item + "}")}); err != nil {
					t.Fatal(err)
				}
			}
			want := outcome(local, in, false)
			var got string
			if tr, err := legacyUpdateItem(in); err != nil {
				got = legacyRenderError(err)
			} else {
				got = outcome(db, tr, true)
			}
			if got != want {
				t.Errorf("x=%s, update %s:\n dynamotest     %s\n DynamoDB Local %s", x, u, got, want)
			}
		}
	}
}

func TestLegacyWithoutLegacyParametersIsUnchanged(t *testing.T) {
	is := is.New(t)
	get := &dynamodb.GetItemInput{TableName: aws.String("t"), ProjectionExpression: aws.String("a")}
	gotGet, err := legacyGetItem(get)
	is.NoErr(err)
	is.True(gotGet == get) // GetItem
	put := &dynamodb.PutItemInput{TableName: aws.String("t"), ConditionExpression: aws.String("attribute_exists(a)")}
	gotPut, err := legacyPutItem(put)
	is.NoErr(err)
	is.True(gotPut == put) // PutItem
	del := &dynamodb.DeleteItemInput{TableName: aws.String("t")}
	gotDel, err := legacyDeleteItem(del)
	is.NoErr(err)
	is.True(gotDel == del) // DeleteItem
	upd := &dynamodb.UpdateItemInput{TableName: aws.String("t"), UpdateExpression: aws.String("SET a = :a")}
	gotUpd, err := legacyUpdateItem(upd)
	is.NoErr(err)
	is.True(gotUpd == upd) // UpdateItem
	q := &dynamodb.QueryInput{TableName: aws.String("t"), KeyConditionExpression: aws.String("pk = :a")}
	gotQ, err := legacyQuery(q)
	is.NoErr(err)
	is.True(gotQ == q) // Query
	sc := &dynamodb.ScanInput{TableName: aws.String("t"), FilterExpression: aws.String("a = :a")}
	gotSc, err := legacyScan(sc)
	is.NoErr(err)
	is.True(gotSc == sc) // Scan
	bg := &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"t": {ProjectionExpression: aws.String("a")}}}
	gotBg, err := legacyBatchGetItem(bg)
	is.NoErr(err)
	is.True(gotBg == bg) // BatchGetItem
	ka := types.KeysAndAttributes{ProjectionExpression: aws.String("a")}
	gotKa, err := legacyKeysAndAttributes(ka)
	is.NoErr(err)
	is.Equal(gotKa.ProjectionExpression, ka.ProjectionExpression) // KeysAndAttributes
	is.NoErr(legacyQueryKeys(q, keySchema{hash: "pk", hashType: "S"}))
}

func TestLegacyTranslationLeavesInputAlone(t *testing.T) {
	is := is.New(t)
	in := &dynamodb.UpdateItemInput{
		TableName:        aws.String("t"),
		AttributeUpdates: map[string]types.AttributeValueUpdate{"a": {Action: types.AttributeActionPut, Value: &types.AttributeValueMemberS{Value: "x"}}},
		Expected:         map[string]types.ExpectedAttributeValue{"a": {Exists: aws.Bool(false)}},
	}
	out, err := legacyUpdateItem(in)
	is.NoErr(err)
	is.True(out != in)
	is.Equal(len(in.AttributeUpdates), 1)       // input keeps its AttributeUpdates
	is.Equal(len(in.Expected), 1)               // input keeps its Expected
	is.True(in.UpdateExpression == nil)         // input gets no UpdateExpression
	is.True(in.ExpressionAttributeNames == nil) // input gets no names
	is.Equal(aws.ToString(out.TableName), "t")  // the copy keeps the other fields
	is.Equal(aws.ToString(out.UpdateExpression), "SET #n0 = :v0")
	is.Equal(aws.ToString(out.ConditionExpression), "attribute_not_exists(#n0)")

	q := &dynamodb.QueryInput{
		TableName:                 aws.String("t"),
		KeyConditions:             map[string]types.Condition{"pk": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{&types.AttributeValueMemberS{Value: "a"}}}},
		FilterExpression:          aws.String("#n0 > :v0"),
		ExpressionAttributeNames:  map[string]string{"#n0": "n"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":v0": &types.AttributeValueMemberN{Value: "1"}},
	}
	tq, err := legacyQuery(q)
	is.NoErr(err)
	is.Equal(len(q.ExpressionAttributeNames), 1)  // the request's names are copied, not extended
	is.Equal(len(q.ExpressionAttributeValues), 1) // the request's values are copied, not extended
	is.Equal(len(tq.ExpressionAttributeNames), 2)
	is.Equal(len(tq.ExpressionAttributeValues), 2)
}

func TestLegacyPlaceholdersAvoidTheRequests(t *testing.T) {
	is := is.New(t)
	eq := func(v string) types.Condition {
		return types.Condition{ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{&types.AttributeValueMemberS{Value: v}}}
	}
	// #n1 and :v1 appear in the expressions only (an undefined placeholder
	// must stay undefined, so that the request fails as it would on DynamoDB).
	in := &dynamodb.QueryInput{
		KeyConditions:             map[string]types.Condition{"pk": eq("a"), "sk": eq("b")},
		FilterExpression:          aws.String("#n0 = :v0 AND #n1 = :v1"),
		ProjectionExpression:      aws.String("#n2"),
		ExpressionAttributeNames:  map[string]string{"#n0": "x", "#n2": "y"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":v0": &types.AttributeValueMemberS{Value: "c"}},
	}
	out, err := legacyQuery(in)
	is.NoErr(err)
	is.Equal(aws.ToString(out.KeyConditionExpression), "#n3 = :v2 AND #n4 = :v3")
	is.Equal(out.ExpressionAttributeNames, map[string]string{"#n0": "x", "#n2": "y", "#n3": "pk", "#n4": "sk"})
	is.Equal(len(out.ExpressionAttributeValues), 3)
	is.Equal(aws.ToString(out.FilterExpression), "#n0 = :v0 AND #n1 = :v1") // the request's own expressions stay
}

// The SDK refuses a Condition without ComparisonOperator before sending
// it; over HTTP (NewServer) DynamoDB Local answers as checked here.
func TestLegacyConditionWithoutOperator(t *testing.T) {
	is := is.New(t)
	_, err := legacyScan(&dynamodb.ScanInput{ScanFilter: map[string]types.Condition{"n": {AttributeValueList: []types.AttributeValue{&types.AttributeValueMemberN{Value: "1"}}}}})
	is.Equal(legacyRenderError(err), "ValidationException: Comparison type does not exist in DynamoDB")
	_, err = legacyQuery(&dynamodb.QueryInput{KeyConditions: map[string]types.Condition{"pk": {}}})
	is.Equal(legacyRenderError(err), "ValidationException: Comparison type does not exist in DynamoDB")
}

func TestLegacyUpdateError(t *testing.T) {
	is := is.New(t)
	is.NoErr(legacyUpdateError(nil))
	other := validationf("The conditional request failed")
	is.Equal(legacyUpdateError(other), other) // other errors pass
	got := legacyUpdateError(validationf("An operand in the update expression has an incorrect data type"))
	is.Equal(legacyRenderError(got), "ValidationException: Type mismatch for attribute to update")
}

func TestLegacyErrorsAreAPIErrors(t *testing.T) {
	is := is.New(t)
	_, err := legacyScan(&dynamodb.ScanInput{ScanFilter: map[string]types.Condition{"n": {ComparisonOperator: types.ComparisonOperatorEq}}})
	var api *smithy.GenericAPIError
	is.True(errors.As(err, &api))
	is.Equal(api.Code, "ValidationException")
	is.Equal(api.Fault, smithy.FaultClient)
	is.Equal(legacyRenderError(errLegacyInternal()), "InternalFailure: The request processing has failed because of an unknown error, exception or failure.")
	is.True(errors.As(errLegacyInternal(), &api))
	is.Equal(api.Fault, smithy.FaultServer) // NewServer answers 500, as DynamoDB Local does
}

// TestLegacyQueryKeys covers key schemas the case tables lack; the
// messages are DynamoDB Local's.
func TestLegacyQueryKeys(t *testing.T) {
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	cond := func(op types.ComparisonOperator, vs ...types.AttributeValue) types.Condition {
		return types.Condition{ComparisonOperator: op, AttributeValueList: vs}
	}
	stringRange := keySchema{hash: "pk", hashType: "S", rng: "sk", rngType: "S"}
	for _, c := range []struct {
		name string
		kc   map[string]types.Condition
		keys keySchema
		want string
	}{
		{"empty range key", map[string]types.Condition{"pk": cond("EQ", s("a")), "sk": cond("EQ", s(""))}, stringRange,
			"ValidationException: One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk"},
		{"empty range key prefix", map[string]types.Condition{"pk": cond("EQ", s("a")), "sk": cond("BEGINS_WITH", s(""))}, stringRange,
			"ValidationException: One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk"},
		{"string range key prefix", map[string]types.Condition{"pk": cond("EQ", s("a")), "sk": cond("BEGINS_WITH", s("x"))}, stringRange, ""},
		{"no values", map[string]types.Condition{"pk": cond("EQ")}, stringRange, ""}, // legacyQuery rejects it first
	} {
		t.Run(c.name, func(t *testing.T) {
			is := is.New(t)
			err := legacyQueryKeys(&dynamodb.QueryInput{KeyConditions: c.kc}, c.keys)
			if c.want == "" {
				is.NoErr(err)
				return
			}
			is.Equal(legacyRenderError(err), c.want)
		})
	}
}
