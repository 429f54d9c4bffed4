package dynamotest_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/aws/smithy-go"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest"
)

// streamsAPI is the part of *dynamodbstreams.Client that *Streams has.
type streamsAPI interface {
	ListStreams(context.Context, *dynamodbstreams.ListStreamsInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.ListStreamsOutput, error)
	DescribeStream(context.Context, *dynamodbstreams.DescribeStreamInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.DescribeStreamOutput, error)
	GetShardIterator(context.Context, *dynamodbstreams.GetShardIteratorInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error)
	GetRecords(context.Context, *dynamodbstreams.GetRecordsInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error)
}

var (
	_ streamsAPI = (*dynamodbstreams.Client)(nil)
	_ streamsAPI = (*dynamotest.Streams)(nil)
)

// tableAPI is the part of *dynamodb.Client the stream scenario uses.
type tableAPI interface {
	CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	UpdateTable(context.Context, *dynamodb.UpdateTableInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error)
	DescribeTable(context.Context, *dynamodb.DescribeTableInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
	DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
}

var _ tableAPI = (*dynamotest.DB)(nil)

// streamsClients returns SDK clients for the endpoint url.
func streamsClients(url string) (*dynamodb.Client, *dynamodbstreams.Client) {
	creds := credentials.NewStaticCredentialsProvider("test", "test", "")
	return srvClient(url), dynamodbstreams.New(dynamodbstreams.Options{
		BaseEndpoint: aws.String(url), Region: "us-east-1", Credentials: creds,
	})
}

// streamTranscript records the answers of a scenario as JSON, to compare runs.
type streamTranscript struct {
	t     *testing.T
	steps []string
}

func (tr *streamTranscript) add(name string, out any, err error) {
	tr.t.Helper()
	if err != nil {
		var ae smithy.APIError
		if !errors.As(err, &ae) {
			tr.t.Fatalf("%s: %v", name, err)
		}
		tr.steps = append(tr.steps, fmt.Sprintf("%s: error %s: %s", name, ae.ErrorCode(), ae.ErrorMessage()))
		return
	}
	b, jerr := json.Marshal(out)
	if jerr != nil {
		tr.t.Fatalf("%s: %v", name, jerr)
	}
	tr.steps = append(tr.steps, name+": "+string(b))
}

var (
	reStreamARN   = regexp.MustCompile(`arn:aws:dynamodb:[a-z0-9-]+:\d{12}:table/[A-Za-z0-9_.-]+/stream/[0-9T:.-]+`)
	reShardID     = regexp.MustCompile(`shardId-\d{20}-[0-9a-f]{8}`)
	reUUID        = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`)
	reTime        = regexp.MustCompile(`"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"`)
	reApproxTime  = regexp.MustCompile(`"ApproximateCreationDateTime":"([^"]*)"`)
	reLabel       = regexp.MustCompile(`"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}"`)
	reSeq         = regexp.MustCompile(`\b\d{21}\b`)
	reRecordSeq   = regexp.MustCompile(`"SequenceNumber":"(\d{21})"`)
	reResultMeta  = regexp.MustCompile(`,?"ResultMetadata":\{\}`)
	reIteratorStr = regexp.MustCompile(`"(Next)?ShardIterator":"[^"]*"`)
)

// normalized returns the steps with what legitimately differs between
// endpoints replaced: the table name, stream ARNs, labels and shard IDs
// (numbered in order of appearance), event IDs, times (record times become
// <minute> when rounded down to the minute) and iterators.
// Sequence numbers become the rank of the first record at or after them,
// since DynamoDB Local numbers the records of all tables together.
func (tr *streamTranscript) normalized(table string) []string {
	all := strings.Join(tr.steps, "\n")
	var recs []uint64
	for _, m := range reRecordSeq.FindAllStringSubmatch(all, -1) {
		n, _ := strconv.ParseUint(m[1], 10, 64)
		recs = append(recs, n)
	}
	slices.Sort(recs)
	recs = slices.Compact(recs)
	all = reSeq.ReplaceAllStringFunc(all, func(s string) string {
		n, _ := strconv.ParseUint(s, 10, 64)
		i, _ := slices.BinarySearch(recs, n)
		return fmt.Sprintf("#%d", i)
	})
	for _, re := range []*regexp.Regexp{reStreamARN, reShardID} {
		seen := map[string]int{}
		all = re.ReplaceAllStringFunc(all, func(s string) string {
			if _, ok := seen[s]; !ok {
				seen[s] = len(seen)
			}
			return fmt.Sprintf("<%s%d>", s[:5], seen[s])
		})
	}
	all = reUUID.ReplaceAllString(all, "<uuid>")
	all = reApproxTime.ReplaceAllStringFunc(all, func(s string) string {
		at, err := time.Parse(time.RFC3339Nano, reApproxTime.FindStringSubmatch(s)[1])
		if err == nil && at.Truncate(time.Minute).Equal(at) {
			return `"ApproximateCreationDateTime":"<minute>"`
		}
		return s
	})
	all = reTime.ReplaceAllString(all, `"<time>"`)
	all = reLabel.ReplaceAllString(all, `"<label>"`)
	all = reIteratorStr.ReplaceAllString(all, `"${1}ShardIterator":"<iterator>"`)
	all = reResultMeta.ReplaceAllString(all, "")
	all = strings.ReplaceAll(all, table, "<table>")
	return strings.Split(all, "\n")
}

// forgeIterator builds an iterator in DynamoDB Local's format, which the
// fake shares, to test expiry and trimming without waiting.
func forgeIterator(arn, shard, seq string, created time.Time) *string {
	payload := fmt.Sprintf("%s|%s|%030d", shard, seq, created.UnixMilli())
	return aws.String(arn + "|001|" + base64.StdEncoding.EncodeToString([]byte(payload)))
}

// streamsScenario runs the same calls on any endpoint and records the
// answers: records of every event and view type, each iterator type,
// paging, disabling and re-enabling a stream, and DynamoDB Local's
// validation errors.
func streamsScenario(t *testing.T, db tableAPI, st streamsAPI, table string) *streamTranscript {
	t.Helper()
	ctx := context.Background()
	tr := &streamTranscript{t: t}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	key := func(pk string, sk int) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"pk": s(pk), "sk": ni(sk)}
	}
	_, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:   aws.String(table),
		BillingMode: types.BillingModePayPerRequest,
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
		},
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN},
		},
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages},
	})
	must(err)
	defer func() { _, _ = db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)}) }()

	a := map[string]types.AttributeValue{"pk": s("a"), "sk": ni(1), "v": s("x")}
	b := map[string]types.AttributeValue{
		"pk": s("b"), "sk": ni(2), "n": n("12.50"), "ss": &types.AttributeValueMemberSS{Value: []string{"p", "q"}},
		"bin": &types.AttributeValueMemberB{Value: []byte{1, 2, 3}}, "ok": &types.AttributeValueMemberBOOL{Value: true},
		"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{s("e"), &types.AttributeValueMemberNULL{Value: true}}},
		"m": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k": ni(7)}},
	}
	for _, it := range []map[string]types.AttributeValue{a, a, b} { // the second put changes nothing
		_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: it})
		must(err)
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(table), Key: key("a", 1), UpdateExpression: aws.String("SET v = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": s("y")},
	})
	must(err)
	for _, k := range []map[string]types.AttributeValue{key("a", 1), key("zz", 9)} { // the second deletes nothing
		_, err = db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: k})
		must(err)
	}

	desc, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	must(err)
	arn := aws.ToString(desc.Table.LatestStreamArn)
	tr.add("table stream", []any{desc.Table.StreamSpecification, desc.Table.LatestStreamArn, desc.Table.LatestStreamLabel}, nil)

	out, err := st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table)})
	tr.add("list streams", out, err)
	ds, err := st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	tr.add("describe stream", ds, err)
	must(err)
	shard := aws.ToString(ds.StreamDescription.Shards[0].ShardId)
	start := aws.ToString(ds.StreamDescription.Shards[0].SequenceNumberRange.StartingSequenceNumber)

	iter := func(name string, in *dynamodbstreams.GetShardIteratorInput) *string {
		t.Helper()
		in.StreamArn, in.ShardId = aws.String(arn), aws.String(shard)
		out, err := st.GetShardIterator(ctx, in)
		if err != nil {
			tr.add(name, nil, err)
			return nil
		}
		return out.ShardIterator
	}
	var records []streamtypes.Record
	read := func(name string, it *string, limit *int32) *string {
		t.Helper()
		out, err := st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it, Limit: limit})
		tr.add(name, out, err)
		if err != nil {
			return nil
		}
		records = append(records, out.Records...)
		return out.NextShardIterator
	}
	next := read("trim horizon, limit 2", iter("trim horizon", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon}), aws.Int32(2))
	next = read("the rest", next, nil)
	read("nothing new", next, nil)
	read("latest", iter("latest", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeLatest}), nil)
	if len(records) != 4 {
		t.Fatalf("got %d records, want 4", len(records))
	}
	second := records[1].Dynamodb.SequenceNumber
	read("at sequence number", iter("at", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: second}), aws.Int32(1))
	read("after sequence number", iter("after", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: second}), aws.Int32(1))
	read("at a future sequence number", iter("future", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String("000000000000009999999")}), nil)

	zero := aws.String("000000000000000000000")
	for _, c := range []struct {
		name string
		in   dynamodbstreams.GetShardIteratorInput
	}{
		{"unknown stream", dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn + "0"), ShardId: aws.String(shard), ShardIteratorType: streamtypes.ShardIteratorTypeLatest}},
		{"unknown shard", dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String("shardId-00000000000000000001-00000000"), ShardIteratorType: streamtypes.ShardIteratorTypeLatest}},
		{"short sequence number", dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: streamtypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String("12")}},
		{"long sequence number", dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: streamtypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String(strings.Repeat("1", 41))}},
		{"no sequence number", dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: streamtypes.ShardIteratorTypeAfterSequenceNumber}},
		{"needless sequence number", dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon, SequenceNumber: second}},
		{"sequence number before the shard", dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: streamtypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: zero}},
	} {
		_, err := st.GetShardIterator(ctx, &c.in)
		tr.add(c.name, nil, err)
	}
	for _, c := range []struct {
		name string
		in   dynamodbstreams.DescribeStreamInput
	}{
		{"describe: limit 0", dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), Limit: aws.Int32(0)}},
		{"describe: limit 101", dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), Limit: aws.Int32(101)}},
		{"describe: short start shard", dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ExclusiveStartShardId: aws.String("shardId-1")}},
		{"describe: start after the shard", dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ExclusiveStartShardId: aws.String(shard)}},
		{"describe: filter without type", dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ShardFilter: &streamtypes.ShardFilter{}}},
		{"describe: children", dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ShardFilter: &streamtypes.ShardFilter{Type: streamtypes.ShardFilterTypeChildShards, ShardId: aws.String(shard)}}},
		{"describe: unknown arn", dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn + "0")}},
	} {
		out, err := st.DescribeStream(ctx, &c.in)
		tr.add(c.name, out, err)
	}
	for _, l := range []int32{0, 101} {
		out, err := st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table), Limit: aws.Int32(l)})
		tr.add(fmt.Sprintf("list: limit %d", l), out, err)
	}
	now := time.Now()
	for _, c := range []struct {
		name  string
		it    *string
		limit *int32
	}{
		{"records: garbage", aws.String("garbage"), nil},
		{"records: limit 0", forgeIterator(arn, shard, start, now), aws.Int32(0)},
		{"records: limit 1001", forgeIterator(arn, shard, start, now), aws.Int32(1001)},
		{"records: expired", forgeIterator(arn, shard, start, now.Add(-16*time.Minute)), aws.Int32(0)},
		{"records: trimmed", forgeIterator(arn, shard, *zero, now), nil},
		{"records: other shard", forgeIterator(arn, "shardId-00000000000000000001-00000000", start, now), nil},
	} {
		out, err := st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: c.it, Limit: c.limit})
		tr.add(c.name, out, err)
	}

	// Disabling closes the stream's shard.
	_, err = db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String(table), StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	must(err)
	ds, err = st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	tr.add("disabled stream", ds, err)
	records = nil
	read("closed shard to its end", iter("closed trim horizon", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon}), nil)
	read("closed shard, limit 3", iter("closed trim horizon", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon}), aws.Int32(3))
	read("closed shard, latest", iter("closed latest", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeLatest}), nil)
	last := records[len(records)-1].Dynamodb.SequenceNumber
	read("closed shard, after the last", iter("after the last", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: last}), nil)
	iter("closed shard, beyond its end", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String("000000000000009999999")})

	// Enabling again makes a new stream.
	time.Sleep(5 * time.Millisecond) // a new label
	up, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String(table), StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	must(err)
	arn = aws.ToString(up.TableDescription.LatestStreamArn)
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{"pk": s("c"), "sk": ni(3), "v": s("z")}})
	must(err)
	out, err = st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table)})
	tr.add("two streams", out, err)
	out, err = st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table), Limit: aws.Int32(1)})
	tr.add("first page", out, err)
	if err == nil {
		out, err = st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table), Limit: aws.Int32(1), ExclusiveStartStreamArn: out.LastEvaluatedStreamArn})
		tr.add("second page", out, err)
	}
	ds, err = st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	tr.add("new stream", ds, err)
	must(err)
	shard = aws.ToString(ds.StreamDescription.Shards[0].ShardId)
	read("keys only", iter("new trim horizon", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon}), nil)

	// The streams of a deleted table are still served, disabled.
	_, err = db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)})
	must(err)
	out, err = st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table)})
	tr.add("streams of the deleted table", out, err)
	ds, err = st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	tr.add("stream of the deleted table", ds, err)
	read("records of the deleted table", iter("deleted trim horizon", &dynamodbstreams.GetShardIteratorInput{ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon}), nil)
	return tr
}

// emptyStreamScenario enables a stream, disables it before any write and
// enables another: the first stream is still listed and described.
func emptyStreamScenario(t *testing.T, db tableAPI, st streamsAPI, table string) *streamTranscript {
	t.Helper()
	ctx := context.Background()
	tr := &streamTranscript{t: t}
	created, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		BillingMode:          types.BillingModePayPerRequest,
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		StreamSpecification:  &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewImage},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _, _ = db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)}) }()
	first := created.TableDescription.LatestStreamArn
	_, err = db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String(table), StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	tr.add("disable", nil, err)
	time.Sleep(5 * time.Millisecond) // a new label
	up, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String(table), StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	tr.add("enable again", nil, err)
	if err != nil {
		return tr
	}
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{"pk": s("a")}})
	tr.add("put", nil, err)
	out, err := st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String(table)})
	tr.add("streams", out, err)
	for _, arn := range []*string{first, up.TableDescription.LatestStreamArn} {
		ds, err := st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: arn})
		tr.add("describe", ds, err)
	}
	return tr
}

// TestStreamsServerMatchesDirect runs the scenario on a DB directly and
// through NewServer with the SDK's clients: the wire must change nothing.
func TestStreamsServerMatchesDirect(t *testing.T) {
	is := is.New(t)
	local := func(o *dynamotest.Options) { o.Region = "ddblocal" }
	db := dynamotest.New(local)
	direct := streamsScenario(t, db, db.Streams(), "streams_direct").normalized("streams_direct")

	srv := dynamotest.NewServer(dynamotest.New(local))
	defer srv.Close()
	ddb, st := streamsClients(srv.URL)
	wire := streamsScenario(t, ddb, st, "streams_direct").normalized("streams_direct")
	is.Equal(len(wire), len(direct))
	for i := range direct {
		is.Equal(wire[i], direct[i])
	}
}

// TestStreamsMatchLocal runs the scenario on DynamoDB Local
// (GONAMO_TEST_ENDPOINT) and on NewServer and compares every answer.
func TestStreamsMatchLocal(t *testing.T) {
	endpoint := os.Getenv("GONAMO_TEST_ENDPOINT")
	if endpoint == "" {
		t.Skip("set GONAMO_TEST_ENDPOINT to a DynamoDB Local endpoint to compare with it")
	}
	for name, scenario := range map[string]func(*testing.T, tableAPI, streamsAPI, string) *streamTranscript{
		"streams": streamsScenario, "empty stream": emptyStreamScenario,
	} {
		t.Run(name, func(t *testing.T) {
			table := fmt.Sprintf("streams_local_%08x", rand.Uint32())
			ddb, st := streamsClients(endpoint)
			want := scenario(t, ddb, st, table).normalized(table)

			srv := dynamotest.NewServer(dynamotest.New(func(o *dynamotest.Options) { o.Region = "ddblocal" }))
			defer srv.Close()
			ddb, st = streamsClients(srv.URL)
			got := scenario(t, ddb, st, table).normalized(table)
			if len(got) != len(want) {
				t.Fatalf("got %d steps, want %d:\n%s\n---\n%s", len(got), len(want), strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("step %d:\n got %s\nwant %s", i, got[i], want[i])
				}
			}
		})
	}
}

// streamsRawCases are requests the SDK would refuse to send, answered by
// DynamoDB Local as shown.
var streamsRawCases = []struct {
	name, op, body string
}{
	{"iterator without shard", "GetShardIterator", `{}`},
	{"iterator without stream", "GetShardIterator", `{"ShardId":"shardId-00000000000000000001-00000000","ShardIteratorType":"LATEST"}`},
	{"iterator with empty stream", "GetShardIterator", `{"StreamArn":"","ShardId":"shardId-00000000000000000001-00000000","ShardIteratorType":"LATEST"}`},
	{"describe without stream", "DescribeStream", `{}`},
	{"describe empty stream", "DescribeStream", `{"StreamArn":""}`},
	{"describe bad stream", "DescribeStream", `{"StreamArn":"x"}`},
	{"records without iterator", "GetRecords", `{}`},
	{"records with empty iterator", "GetRecords", `{"ShardIterator":""}`},
	{"list for no table", "ListStreams", `{"TableName":""}`},
	{"unknown operation", "DescribeShards", `{}`},
}

// TestStreamsRawRequestsMatchLocal sends requests with missing members to
// DynamoDB Local (GONAMO_TEST_ENDPOINT) and to the server and compares the
// answers.
func TestStreamsRawRequestsMatchLocal(t *testing.T) {
	endpoint := os.Getenv("GONAMO_TEST_ENDPOINT")
	if endpoint == "" {
		t.Skip("set GONAMO_TEST_ENDPOINT to a DynamoDB Local endpoint to compare with it")
	}
	srv := dynamotest.NewServer(dynamotest.New())
	defer srv.Close()
	for _, c := range streamsRawCases {
		t.Run(c.name, func(t *testing.T) {
			is := is.New(t)
			h := target("DynamoDBStreams_20120810." + c.op)
			want := srvPost(t, endpoint, h, c.body)
			got := srvPost(t, srv.URL, h, c.body)
			is.Equal(got.status, want.status)
			is.Equal(got.doc, want.doc)
		})
	}
}
