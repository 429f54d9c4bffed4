package dynamotest_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/aws/smithy-go"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest"
)

// streamTable creates table name keyed by pk (S) with a stream of view
// type view, and returns the stream's ARN.
func streamTable(t tb, db *dynamotest.DB, name string, view types.StreamViewType) string {
	t.Helper()
	newTable(t, db, name, false, func(in *dynamodb.CreateTableInput) {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view}
	})
	out, err := db.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.Table.LatestStreamArn)
}

// shardsOf describes every shard of a stream, page by page.
func shardsOf(t tb, st *dynamotest.Streams, arn string) []streamtypes.Shard {
	t.Helper()
	var shards []streamtypes.Shard
	in := &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)}
	for {
		out, err := st.DescribeStream(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		shards = append(shards, out.StreamDescription.Shards...)
		if out.StreamDescription.LastEvaluatedShardId == nil {
			return shards
		}
		in.ExclusiveStartShardId = out.StreamDescription.LastEvaluatedShardId
	}
}

// iterator returns an iterator of the given type on a shard.
func shardIter(t tb, st *dynamotest.Streams, arn, shard string, typ streamtypes.ShardIteratorType, seq *string) *string {
	t.Helper()
	out, err := st.GetShardIterator(context.Background(), &dynamodbstreams.GetShardIteratorInput{
		StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: typ, SequenceNumber: seq,
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.ShardIterator
}

// readShard reads a shard from it until it is read to its end or returns
// nothing more, and returns its records and whether it ended.
func readShard(t tb, st *dynamotest.Streams, it *string) (recs []streamtypes.Record, ended bool) {
	t.Helper()
	for it != nil {
		out, err := st.GetRecords(context.Background(), &dynamodbstreams.GetRecordsInput{ShardIterator: it})
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, out.Records...)
		if len(out.Records) == 0 {
			return recs, out.NextShardIterator == nil
		}
		it = out.NextShardIterator
	}
	return recs, true
}

// readStream reads every shard of a stream from its trim horizon, parents
// before children, as a stream consumer does.
func readStream(t tb, st *dynamotest.Streams, arn string) []streamtypes.Record {
	t.Helper()
	var all []streamtypes.Record
	for _, sh := range shardsOf(t, st, arn) {
		recs, _ := readShard(t, st, shardIter(t, st, arn, aws.ToString(sh.ShardId), streamtypes.ShardIteratorTypeTrimHorizon, nil))
		all = append(all, recs...)
	}
	return all
}

func eventNames(recs []streamtypes.Record) string {
	var names []string
	for _, r := range recs {
		names = append(names, string(r.EventName)+":"+r.Dynamodb.Keys["pk"].(*streamtypes.AttributeValueMemberS).Value)
	}
	return strings.Join(names, " ")
}

func streamClock(c *fakeClock) func(*dynamotest.Options) {
	return func(o *dynamotest.Options) { o.Now = c.Now }
}

func TestStreamsRecordsFollowViewType(t *testing.T) {
	sv := func(v string) streamtypes.AttributeValue { return &streamtypes.AttributeValueMemberS{Value: v} }
	keys := map[string]streamtypes.AttributeValue{"pk": sv("a")}
	v1 := map[string]streamtypes.AttributeValue{"pk": sv("a"), "v": sv("one")}
	v2 := map[string]streamtypes.AttributeValue{"pk": sv("a"), "v": sv("two")}
	type images struct {
		newImage, oldImage map[string]streamtypes.AttributeValue
		size               *int64
	}
	tests := []struct {
		view types.StreamViewType
		want []images // INSERT, MODIFY, REMOVE
	}{
		{types.StreamViewTypeKeysOnly, []images{{nil, nil, aws.Int64(3)}, {nil, nil, aws.Int64(3)}, {nil, nil, aws.Int64(3)}}},
		{types.StreamViewTypeNewImage, []images{{v1, nil, aws.Int64(10)}, {v2, nil, aws.Int64(10)}, {nil, nil, aws.Int64(3)}}},
		{types.StreamViewTypeOldImage, []images{{nil, nil, aws.Int64(3)}, {nil, v1, aws.Int64(10)}, {nil, v2, aws.Int64(10)}}},
		{types.StreamViewTypeNewAndOldImages, []images{{v1, nil, aws.Int64(10)}, {v2, v1, aws.Int64(17)}, {nil, v2, aws.Int64(10)}}},
		{"BOGUS", []images{{nil, nil, nil}, {nil, nil, nil}, {nil, nil, nil}}}, // keys alone, as DynamoDB Local sends them
	}
	for _, tt := range tests {
		t.Run(string(tt.view), func(t *testing.T) {
			is := is.New(t)
			ctx := context.Background()
			db := dynamotest.New(func(o *dynamotest.Options) { o.Region = "eu-west-3" })
			arn := streamTable(t, db, "things", tt.view)
			put(t, db, "things", item{"pk": s("a"), "v": s("one")})
			put(t, db, "things", item{"pk": s("a"), "v": s("one")}) // changes nothing, emits nothing
			put(t, db, "things", item{"pk": s("a"), "v": s("two")})
			_, err := db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("things"), Key: item{"pk": s("a")}})
			is.NoErr(err)
			recs := readStream(t, db.Streams(), arn)
			is.Equal(eventNames(recs), "INSERT:a MODIFY:a REMOVE:a")
			wantView := streamtypes.StreamViewType(tt.view)
			if tt.view == "BOGUS" {
				wantView = "UNKNOWN_TO_SDK_VERSION"
			}
			for i, r := range recs {
				is.Equal(aws.ToString(r.EventSource), "aws:dynamodb")
				is.Equal(aws.ToString(r.EventVersion), "1.1")
				is.Equal(aws.ToString(r.AwsRegion), "eu-west-3")
				is.Equal(r.UserIdentity, (*streamtypes.Identity)(nil))
				is.Equal(r.Dynamodb.Keys, keys)
				is.Equal(r.Dynamodb.StreamViewType, wantView)
				is.Equal(r.Dynamodb.NewImage, tt.want[i].newImage)
				is.Equal(r.Dynamodb.OldImage, tt.want[i].oldImage)
				is.Equal(r.Dynamodb.SizeBytes, tt.want[i].size)
				is.Equal(aws.ToString(r.Dynamodb.SequenceNumber), fmt.Sprintf("%021d", i+1))
			}
		})
	}
}

func TestStreamsRecordMetadata(t *testing.T) {
	is := is.New(t)
	clock := &fakeClock{t: time.Date(2026, 3, 4, 5, 6, 7, 891_000_000, time.UTC)}
	db := dynamotest.New(streamClock(clock))
	arn := streamTable(t, db, "things", types.StreamViewTypeKeysOnly)
	put(t, db, "things", item{"pk": s("a")})
	clock.Advance(time.Minute)
	put(t, db, "things", item{"pk": s("b")})
	first := readStream(t, db.Streams(), arn)
	again := readStream(t, db.Streams(), arn)
	is.Equal(len(first), 2)
	is.Equal(*first[0].Dynamodb.ApproximateCreationDateTime, time.Date(2026, 3, 4, 5, 6, 0, 0, time.UTC)) // rounded down to the minute
	is.Equal(*first[1].Dynamodb.ApproximateCreationDateTime, time.Date(2026, 3, 4, 5, 7, 0, 0, time.UTC))
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	is.True(uuid.MatchString(aws.ToString(first[0].EventID)))
	is.True(aws.ToString(first[0].EventID) != aws.ToString(first[1].EventID))
	is.Equal(aws.ToString(again[0].EventID), aws.ToString(first[0].EventID)) // every read shows the same ID
}

func TestStreamsTTLDeletionsNameTheService(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	clock := &fakeClock{t: time.Unix(1_000_000, 0)}
	db := dynamotest.New(streamClock(clock))
	arn := streamTable(t, db, "things", types.StreamViewTypeOldImage)
	_, err := db.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("things"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	is.NoErr(err)
	put(t, db, "things", item{"pk": s("a"), "exp": ni(1_000_010)})
	put(t, db, "things", item{"pk": s("b")})
	_, err = db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("things"), Key: item{"pk": s("b")}})
	is.NoErr(err)
	clock.Advance(time.Minute)
	is.Equal(db.ExpireItems(), 1)
	recs := readStream(t, db.Streams(), arn)
	is.Equal(eventNames(recs), "INSERT:a INSERT:b REMOVE:b REMOVE:a")
	is.Equal(recs[2].UserIdentity, (*streamtypes.Identity)(nil)) // deleted by a user
	is.Equal(recs[3].UserIdentity, &streamtypes.Identity{Type: aws.String("Service"), PrincipalId: aws.String("dynamodb.amazonaws.com")})
}

func TestStreamsShardRecordsRollsOver(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := dynamotest.New(func(o *dynamotest.Options) { o.Streams.ShardRecords = 2 })
	st := db.Streams()
	arn := streamTable(t, db, "things", types.StreamViewTypeKeysOnly)
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		put(t, db, "things", item{"pk": s(k)})
	}
	shards := shardsOf(t, st, arn)
	is.Equal(len(shards), 3)
	ranges := func(sh streamtypes.Shard) string {
		r := sh.SequenceNumberRange
		return strings.TrimLeft(aws.ToString(r.StartingSequenceNumber), "0") + "-" + strings.TrimLeft(aws.ToString(r.EndingSequenceNumber), "0")
	}
	is.Equal(ranges(shards[0]), "1-2")
	is.Equal(ranges(shards[1]), "3-4")
	is.Equal(ranges(shards[2]), "5-") // open
	is.Equal(shards[0].ParentShardId, (*string)(nil))
	is.Equal(aws.ToString(shards[1].ParentShardId), aws.ToString(shards[0].ShardId))
	is.Equal(aws.ToString(shards[2].ParentShardId), aws.ToString(shards[1].ShardId))
	for i := 1; i < len(shards); i++ {
		is.True(aws.ToString(shards[i-1].ShardId) < aws.ToString(shards[i].ShardId)) // IDs increase
	}

	recs, ended := readShard(t, st, shardIter(t, st, arn, aws.ToString(shards[0].ShardId), streamtypes.ShardIteratorTypeTrimHorizon, nil))
	is.Equal(eventNames(recs), "INSERT:a INSERT:b")
	is.True(ended) // a closed shard ends
	recs, ended = readShard(t, st, shardIter(t, st, arn, aws.ToString(shards[2].ShardId), streamtypes.ShardIteratorTypeTrimHorizon, nil))
	is.Equal(eventNames(recs), "INSERT:e")
	is.True(!ended) // the open shard goes on
	is.Equal(eventNames(readStream(t, st, arn)), "INSERT:a INSERT:b INSERT:c INSERT:d INSERT:e")

	// The shard an iterator was taken on keeps its identity as it closes.
	it := shardIter(t, st, arn, aws.ToString(shards[2].ShardId), streamtypes.ShardIteratorTypeLatest, nil)
	put(t, db, "things", item{"pk": s("f")})
	recs, ended = readShard(t, st, it)
	is.Equal(eventNames(recs), "INSERT:f")
	is.True(ended)

	t.Run("paging and child filter", func(t *testing.T) {
		is := is.New(t)
		out, err := st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), Limit: aws.Int32(2)})
		is.NoErr(err)
		is.Equal(len(out.StreamDescription.Shards), 2)
		is.Equal(aws.ToString(out.StreamDescription.LastEvaluatedShardId), aws.ToString(shards[1].ShardId))
		out, err = st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), Limit: aws.Int32(2), ExclusiveStartShardId: out.StreamDescription.LastEvaluatedShardId})
		is.NoErr(err)
		is.Equal(len(out.StreamDescription.Shards), 2) // the shard closed by "f" and its child
		is.Equal(out.StreamDescription.LastEvaluatedShardId, (*string)(nil))
		out, err = st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn),
			ShardFilter: &streamtypes.ShardFilter{Type: streamtypes.ShardFilterTypeChildShards, ShardId: shards[0].ShardId}})
		is.NoErr(err)
		is.Equal(len(out.StreamDescription.Shards), 1)
		is.Equal(aws.ToString(out.StreamDescription.Shards[0].ShardId), aws.ToString(shards[1].ShardId))
	})
}

func TestStreamsSplitShard(t *testing.T) {
	is := is.New(t)
	db := dynamotest.New()
	st := db.Streams()
	arn := streamTable(t, db, "things", types.StreamViewTypeKeysOnly)
	put(t, db, "things", item{"pk": s("a")})
	child, err := st.SplitShard("things")
	is.NoErr(err)
	put(t, db, "things", item{"pk": s("b")})
	shards := shardsOf(t, st, arn)
	is.Equal(len(shards), 2)
	is.Equal(aws.ToString(shards[1].ShardId), child)
	is.Equal(aws.ToString(shards[1].ParentShardId), aws.ToString(shards[0].ShardId))
	is.Equal(aws.ToString(shards[0].SequenceNumberRange.EndingSequenceNumber), fmt.Sprintf("%021d", 1))
	is.Equal(aws.ToString(shards[1].SequenceNumberRange.StartingSequenceNumber), fmt.Sprintf("%021d", 2))
	is.Equal(eventNames(readStream(t, st, arn)), "INSERT:a INSERT:b")

	// Splitting a shard without records closes it empty, ending where it
	// starts as DynamoDB Local shows empty shards.
	_, err = st.SplitShard("things")
	is.NoErr(err)
	_, err = st.SplitShard("things")
	is.NoErr(err)
	shards = shardsOf(t, st, arn)
	is.Equal(len(shards), 4)
	empty := shards[2].SequenceNumberRange
	is.Equal(aws.ToString(empty.StartingSequenceNumber), fmt.Sprintf("%021d", 3))
	is.Equal(aws.ToString(empty.EndingSequenceNumber), fmt.Sprintf("%021d", 3))
	recs, ended := readShard(t, st, shardIter(t, st, arn, aws.ToString(shards[2].ShardId), streamtypes.ShardIteratorTypeTrimHorizon, nil))
	is.Equal(len(recs), 0)
	is.True(ended)

	t.Run("errors", func(t *testing.T) {
		is := is.New(t)
		_, err := st.SplitShard("missing")
		is.True(err != nil)
		newTable(t, db, "plain", false)
		_, err = st.SplitShard("plain")
		is.True(err != nil)
		is.True(strings.Contains(err.Error(), "no enabled stream"))
	})
}

func TestStreamsLifecycle(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	db := dynamotest.New(streamClock(clock))
	st := db.Streams()
	first := streamTable(t, db, "things", types.StreamViewTypeNewImage)
	is.Equal(first, "arn:aws:dynamodb:us-east-1:000000000000:table/things/stream/2026-01-01T00:00:00.000")
	put(t, db, "things", item{"pk": s("a")})
	clock.Advance(time.Second)
	_, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("things"), StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	is.NoErr(err)
	put(t, db, "things", item{"pk": s("b")}) // no stream, no record
	clock.Advance(time.Second)
	up, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("things"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	is.NoErr(err)
	second := aws.ToString(up.TableDescription.LatestStreamArn)
	is.True(second != first)
	put(t, db, "things", item{"pk": s("c")})
	newTable(t, db, "other", false, func(in *dynamodb.CreateTableInput) {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}
	})

	list, err := st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String("things")})
	is.NoErr(err)
	is.Equal(len(list.Streams), 2)
	is.Equal(aws.ToString(list.Streams[0].StreamArn), second) // newest first
	is.Equal(aws.ToString(list.Streams[1].StreamArn), first)
	list, err = st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{})
	is.NoErr(err)
	is.Equal(len(list.Streams), 3)

	d, err := st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(first)})
	is.NoErr(err)
	is.Equal(d.StreamDescription.StreamStatus, streamtypes.StreamStatusDisabled)
	is.Equal(d.StreamDescription.StreamViewType, streamtypes.StreamViewTypeNewImage)
	is.Equal(aws.ToString(d.StreamDescription.Shards[0].SequenceNumberRange.EndingSequenceNumber), fmt.Sprintf("%021d", 1))
	is.Equal(eventNames(readStream(t, st, first)), "INSERT:a")
	is.Equal(eventNames(readStream(t, st, second)), "INSERT:c")
	d, err = st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(second)})
	is.NoErr(err)
	is.Equal(d.StreamDescription.StreamStatus, streamtypes.StreamStatusEnabled)
	is.Equal(aws.ToString(d.StreamDescription.Shards[0].SequenceNumberRange.StartingSequenceNumber), fmt.Sprintf("%021d", 3))
	is.Equal(*d.StreamDescription.CreationRequestDateTime, clock.Now())
	is.Equal(d.StreamDescription.KeySchema, []streamtypes.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: streamtypes.KeyTypeHash}})

	// A disabled stream is served for 24 hours after its last record.
	clock.Advance(25 * time.Hour)
	_, err = st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(first)})
	var rnf *streamtypes.ResourceNotFoundException
	is.True(errors.As(err, &rnf))
	list, err = st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String("things")})
	is.NoErr(err)
	is.Equal(len(list.Streams), 1)

	// The streams of a deleted table are served, disabled, until 24 hours
	// after their last record, as DynamoDB Local does.
	put(t, db, "things", item{"pk": s("d")})
	_, err = db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("things")})
	is.NoErr(err)
	d, err = st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(second)})
	is.NoErr(err)
	is.Equal(d.StreamDescription.StreamStatus, streamtypes.StreamStatusDisabled)
	is.Equal(aws.ToString(d.StreamDescription.Shards[0].SequenceNumberRange.EndingSequenceNumber), fmt.Sprintf("%021d", 4))
	is.Equal(eventNames(readStream(t, st, second)), "INSERT:d") // c is trimmed
	list, err = st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String("things")})
	is.NoErr(err)
	is.Equal(len(list.Streams), 1)
	// A new table of the same name has streams of its own.
	streamTable(t, db, "things", types.StreamViewTypeKeysOnly)
	list, err = st.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String("things")})
	is.NoErr(err)
	is.Equal(len(list.Streams), 2)
	_, err = db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("things")})
	is.NoErr(err)
	clock.Advance(25 * time.Hour)
	_, err = st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(second)})
	is.True(errors.As(err, &rnf))
	is.Equal(rnf.ErrorMessage(), "Requested resource not found: Stream: "+second+" not found")
	var oe *smithy.OperationError
	is.True(errors.As(err, &oe))
	is.Equal(oe.ServiceID, "DynamoDB Streams")
	is.Equal(oe.OperationName, "DescribeStream")
}

func TestStreamsIteratorsExpire(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	db := dynamotest.New(streamClock(clock))
	st := db.Streams()
	arn := streamTable(t, db, "things", types.StreamViewTypeKeysOnly)
	put(t, db, "things", item{"pk": s("a")})
	shard := aws.ToString(shardsOf(t, st, arn)[0].ShardId)
	it := shardIter(t, st, arn, shard, streamtypes.ShardIteratorTypeTrimHorizon, nil)
	clock.Advance(15 * time.Minute)
	out, err := st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it})
	is.NoErr(err) // 15 minutes old: still valid
	is.Equal(len(out.Records), 1)
	clock.Advance(time.Millisecond)
	_, err = st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it})
	var expired *streamtypes.ExpiredIteratorException
	is.True(errors.As(err, &expired))
	// NextShardIterator is fresh.
	clock.Advance(10 * time.Minute)
	_, err = st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: out.NextShardIterator})
	is.NoErr(err)
}

func TestStreamsTrimAfter24Hours(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	db := dynamotest.New(streamClock(clock), func(o *dynamotest.Options) { o.Streams.ShardRecords = 2 })
	st := db.Streams()
	arn := streamTable(t, db, "things", types.StreamViewTypeKeysOnly)
	put(t, db, "things", item{"pk": s("a")})
	put(t, db, "things", item{"pk": s("b")}) // closes the first shard
	clock.Advance(24*time.Hour - time.Second)
	put(t, db, "things", item{"pk": s("c")})
	shards := shardsOf(t, st, arn)
	is.Equal(len(shards), 2)
	closed, open := shards[0].ShardId, aws.ToString(shards[1].ShardId)
	oldIt := shardIter(t, st, arn, aws.ToString(shards[0].ShardId), streamtypes.ShardIteratorTypeTrimHorizon, nil)

	clock.Advance(2 * time.Second) // a and b are older than 24 hours
	var trimmed *streamtypes.TrimmedDataAccessException
	_, err := st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: oldIt})
	is.True(errors.As(err, &trimmed))
	is.Equal(trimmed.ErrorMessage(), "The operation attempted to read past the oldest stream record in a shard.")
	shards = shardsOf(t, st, arn)
	is.Equal(len(shards), 1) // the closed shard is gone
	is.Equal(aws.ToString(shards[0].ShardId), open)
	_, err = st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: closed, ShardIteratorType: streamtypes.ShardIteratorTypeLatest})
	var rnf *streamtypes.ResourceNotFoundException
	is.True(errors.As(err, &rnf))
	is.Equal(eventNames(readStream(t, st, arn)), "INSERT:c")

	// In the open shard, the trim horizon moves past trimmed records.
	db2 := dynamotest.New(streamClock(clock))
	arn2 := streamTable(t, db2, "things", types.StreamViewTypeKeysOnly)
	put(t, db2, "things", item{"pk": s("a")})
	clock.Advance(24*time.Hour - time.Second)
	put(t, db2, "things", item{"pk": s("b")})
	shard2 := aws.ToString(shardsOf(t, db2.Streams(), arn2)[0].ShardId)
	atA := shardIter(t, db2.Streams(), arn2, shard2, streamtypes.ShardIteratorTypeAtSequenceNumber, aws.String(fmt.Sprintf("%021d", 1)))
	clock.Advance(2 * time.Second)
	_, err = db2.Streams().GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: atA})
	is.True(errors.As(err, &trimmed))
	_, err = db2.Streams().GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn2), ShardId: aws.String(shard2),
		ShardIteratorType: streamtypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String(fmt.Sprintf("%021d", 1))})
	is.True(errors.As(err, &trimmed))
	recs, _ := readShard(t, db2.Streams(), shardIter(t, db2.Streams(), arn2, shard2, streamtypes.ShardIteratorTypeTrimHorizon, nil))
	is.Equal(eventNames(recs), "INSERT:b")
}

func TestStreamsAtTimestamp(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	t0 := time.Unix(1_700_000_000, 0)
	clock := &fakeClock{t: t0}
	db := dynamotest.New(streamClock(clock))
	st := db.Streams()
	arn := streamTable(t, db, "things", types.StreamViewTypeKeysOnly)
	shard := aws.ToString(shardsOf(t, st, arn)[0].ShardId)
	for _, k := range []string{"a", "b", "c"} {
		put(t, db, "things", item{"pk": s(k)})
		clock.Advance(10 * time.Second)
	}
	at := func(ts time.Time) (string, error) {
		out, err := st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard),
			ShardIteratorType: streamtypes.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(ts)})
		if err != nil {
			return "", err
		}
		recs, _ := readShard(t, st, out.ShardIterator)
		return eventNames(recs), nil
	}
	for _, tt := range []struct {
		ts   time.Time
		want string
	}{
		{t0.Add(-time.Hour), "INSERT:a INSERT:b INSERT:c"},
		{t0, "INSERT:a INSERT:b INSERT:c"},
		{t0.Add(time.Second), "INSERT:b INSERT:c"},
		{t0.Add(20 * time.Second), "INSERT:c"},
		{t0.Add(25 * time.Second), ""},
	} {
		got, err := at(tt.ts)
		is.NoErr(err)
		is.Equal(got, tt.want)
	}
	_, err := at(clock.Now().Add(time.Second))
	var ae smithy.APIError
	is.True(errors.As(err, &ae))
	is.Equal(ae.ErrorCode(), "ValidationException")
}

func TestStreamsValidation(t *testing.T) {
	ctx := context.Background()
	db := dynamotest.New()
	st := db.Streams()
	arn := streamTable(t, db, "things", types.StreamViewTypeKeysOnly)
	shard := aws.ToString(shardsOf(t, st, arn)[0].ShardId)
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"unknown iterator type", func() error {
			_, err := st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: "FOO"})
			return err
		}, "1 validation error detected: Value 'FOO' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP]"},
		{"no iterator type", func() error {
			_, err := st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard)})
			return err
		}, "1 validation error detected: Value 'null' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP]"},
		{"timestamp missing", func() error {
			_, err := st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard), ShardIteratorType: streamtypes.ShardIteratorTypeAtTimestamp})
			return err
		}, "One or more parameter values were invalid: Invalid Timestamp"},
		{"sequence number not a number", func() error {
			_, err := st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: aws.String(shard),
				ShardIteratorType: streamtypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String("abcdefghijklmnopqrstu")})
			return err
		}, "Invalid SequenceNumber for the shard"},
		{"describe with an unknown filter", func() error {
			_, err := st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ShardFilter: &streamtypes.ShardFilter{Type: "PARENTS"}})
			return err
		}, "1 validation error detected: Value 'null' at 'shardFilter.type' failed to satisfy constraint: Member must be CHILD_SHARDS"},
		{"describe with a long start shard", func() error {
			_, err := st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ExclusiveStartShardId: aws.String(strings.Repeat("s", 66))})
			return err
		}, "1 validation error detected: Value '" + strings.Repeat("s", 66) + "' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length less than or equal to 65"},
		{"iterator of another format", func() error {
			_, err := st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(arn + "|001|bm90IGFuIGl0ZXJhdG9y")})
			return err
		}, "Invalid ShardIterator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is := is.New(t)
			var ae smithy.APIError
			is.True(errors.As(tt.call(), &ae))
			is.Equal(ae.ErrorCode(), "ValidationException")
			is.Equal(ae.ErrorMessage(), tt.want)
		})
	}
}

func TestStreamsGetRecordsStopsAtOneMegabyte(t *testing.T) {
	is := is.New(t)
	db := dynamotest.New()
	st := db.Streams()
	arn := streamTable(t, db, "things", types.StreamViewTypeNewImage)
	big := strings.Repeat("x", 300_000)
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		put(t, db, "things", item{"pk": s(k), "v": s(big)})
	}
	it := shardIter(t, st, arn, aws.ToString(shardsOf(t, st, arn)[0].ShardId), streamtypes.ShardIteratorTypeTrimHorizon, nil)
	out, err := st.GetRecords(context.Background(), &dynamodbstreams.GetRecordsInput{ShardIterator: it})
	is.NoErr(err)
	is.Equal(len(out.Records), 3) // a fourth would pass 1 MB
	out, err = st.GetRecords(context.Background(), &dynamodbstreams.GetRecordsInput{ShardIterator: out.NextShardIterator})
	is.NoErr(err)
	is.Equal(eventNames(out.Records), "INSERT:d INSERT:e")
}

func TestStreamsFaultsAndContext(t *testing.T) {
	is := is.New(t)
	db := dynamotest.New()
	db.InjectFault(dynamotest.Fault{Op: "ListStreams", Code: dynamotest.FaultInternalError, Next: 1})
	_, err := db.Streams().ListStreams(context.Background(), &dynamodbstreams.ListStreamsInput{})
	var ae smithy.APIError
	is.True(errors.As(err, &ae))
	is.Equal(ae.ErrorCode(), "InternalServerError")
	_, err = db.Streams().ListStreams(context.Background(), &dynamodbstreams.ListStreamsInput{})
	is.NoErr(err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = db.Streams().ListStreams(ctx, &dynamodbstreams.ListStreamsInput{})
	is.True(errors.Is(err, context.Canceled))
}

// goroutineTB reports failures from goroutines other than the test's,
// where t.Fatal must not be called.
type goroutineTB struct{ *testing.T }

func (g goroutineTB) Fatal(args ...any) {
	g.Error(args...)
	runtime.Goexit()
}

// TestStreamsConcurrentReadersAndWriters reads a stream while items are
// written and shards split; run it with -race.
func TestStreamsConcurrentReadersAndWriters(t *testing.T) {
	is := is.New(t)
	db := dynamotest.New(func(o *dynamotest.Options) { o.Streams.ShardRecords = 7 })
	st := db.Streams()
	arn := streamTable(t, db, "things", types.StreamViewTypeNewAndOldImages)
	g := goroutineTB{t}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := range 50 {
				put(g, db, "things", item{"pk": s(fmt.Sprintf("%d-%d", w, i))})
				if i%10 == 0 {
					if _, err := st.SplitShard("things"); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			readStream(g, st, arn)
		}
	})
	wg.Wait()
	is.Equal(len(readStream(t, st, arn)), 100)
}
