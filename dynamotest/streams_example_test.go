package dynamotest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo/dynamotest"
)

// exampleStreamDB returns a DB whose clock stands at 2026-01-01 and a table
// "users" keyed by "id" with a stream of view type view; it returns the
// stream's ARN.
func exampleStreamDB(view types.StreamViewType, optFns ...func(*dynamotest.Options)) (*dynamotest.DB, string) {
	clock := time.Date(2026, 1, 1, 12, 30, 15, 0, time.UTC)
	db := dynamotest.New(append([]func(*dynamotest.Options){func(o *dynamotest.Options) { o.Now = func() time.Time { return clock } }}, optFns...)...)
	out, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String("users"),
		BillingMode:          types.BillingModePayPerRequest,
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		StreamSpecification:  &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view},
	})
	if err != nil {
		panic(err)
	}
	return db, aws.ToString(out.TableDescription.LatestStreamArn)
}

// firstShard returns the ID of a stream's first shard.
func firstShard(st *dynamotest.Streams, arn string) string {
	out, err := st.DescribeStream(context.Background(), &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	if err != nil {
		panic(err)
	}
	return aws.ToString(out.StreamDescription.Shards[0].ShardId)
}

// Code written against an interface of *dynamodbstreams.Client methods,
// such as a stream consumer, runs on a DB's Streams unchanged.
func ExampleStreams() {
	type RecordReader interface {
		GetShardIterator(context.Context, *dynamodbstreams.GetShardIteratorInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error)
		GetRecords(context.Context, *dynamodbstreams.GetRecordsInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error)
	}
	var _ RecordReader = (*dynamodbstreams.Client)(nil)

	db, arn := exampleStreamDB(types.StreamViewTypeKeysOnly)
	exampleUser(db, "ann", 30)
	var reader RecordReader = db.Streams()
	ctx := context.Background()
	it, err := reader.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{
		StreamArn: aws.String(arn), ShardId: aws.String(firstShard(db.Streams(), arn)), ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := reader.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it.ShardIterator})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(out.Records), out.Records[0].EventName)
	// Output: 1 INSERT
}

func ExampleDB_Streams() {
	db, arn := exampleStreamDB(types.StreamViewTypeNewAndOldImages)
	exampleUser(db, "ann", 30)
	exampleUser(db, "ann", 31)
	exampleUser(db, "ann", 31) // changes nothing: no record
	_, err := db.DeleteItem(context.Background(), &dynamodb.DeleteItemInput{TableName: aws.String("users"), Key: item{"id": s("ann")}})
	if err != nil {
		fmt.Println(err)
		return
	}
	st := db.Streams()
	it, err := st.GetShardIterator(context.Background(), &dynamodbstreams.GetShardIteratorInput{
		StreamArn: aws.String(arn), ShardId: aws.String(firstShard(st, arn)), ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := st.GetRecords(context.Background(), &dynamodbstreams.GetRecordsInput{ShardIterator: it.ShardIterator})
	if err != nil {
		fmt.Println(err)
		return
	}
	age := func(image map[string]streamtypes.AttributeValue) string {
		if image == nil {
			return "-"
		}
		return image["age"].(*streamtypes.AttributeValueMemberN).Value
	}
	for _, r := range out.Records {
		fmt.Println(*r.Dynamodb.SequenceNumber, r.EventName, age(r.Dynamodb.OldImage), age(r.Dynamodb.NewImage), *r.Dynamodb.SizeBytes)
	}
	// Output:
	// 000000000000000000001 INSERT - 30 15
	// 000000000000000000002 MODIFY 30 31 25
	// 000000000000000000003 REMOVE 31 - 15
}

func ExampleStreamOptions() {
	db, arn := exampleStreamDB(types.StreamViewTypeKeysOnly, func(o *dynamotest.Options) {
		o.Streams.ShardRecords = 2 // a new shard every two records
	})
	for _, id := range []string{"ann", "bob", "cyd"} {
		exampleUser(db, id, 30)
	}
	out, err := db.Streams().DescribeStream(context.Background(), &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, sh := range out.StreamDescription.Shards {
		r := sh.SequenceNumberRange
		end := aws.ToString(r.EndingSequenceNumber)
		if end == "" {
			end = "open"
		}
		fmt.Println(i, aws.ToString(r.StartingSequenceNumber), end, "parent:", sh.ParentShardId != nil)
	}
	// Output:
	// 0 000000000000000000001 000000000000000000002 parent: false
	// 1 000000000000000000003 open parent: true
}

func ExampleStreams_ListStreams() {
	db, _ := exampleStreamDB(types.StreamViewTypeKeysOnly)
	out, err := db.Streams().ListStreams(context.Background(), &dynamodbstreams.ListStreamsInput{TableName: aws.String("users")})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range out.Streams {
		fmt.Println(*s.TableName, *s.StreamLabel, *s.StreamArn)
	}
	// Output: users 2026-01-01T12:30:15.000 arn:aws:dynamodb:us-east-1:000000000000:table/users/stream/2026-01-01T12:30:15.000
}

func ExampleStreams_DescribeStream() {
	db, arn := exampleStreamDB(types.StreamViewTypeNewImage)
	exampleUser(db, "ann", 30)
	out, err := db.Streams().DescribeStream(context.Background(), &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := out.StreamDescription
	fmt.Println(d.StreamStatus, d.StreamViewType, *d.KeySchema[0].AttributeName, len(d.Shards))
	fmt.Println(*d.Shards[0].ShardId, *d.Shards[0].SequenceNumberRange.StartingSequenceNumber)
	// Output:
	// ENABLED NEW_IMAGE id 1
	// shardId-00000001767270615000-27f56fc7 000000000000000000001
}

func ExampleStreams_GetShardIterator() {
	db, arn := exampleStreamDB(types.StreamViewTypeKeysOnly)
	exampleUser(db, "ann", 30)
	exampleUser(db, "bob", 30)
	st := db.Streams()
	ctx := context.Background()
	// Read from just after the first record.
	it, err := st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{
		StreamArn:         aws.String(arn),
		ShardId:           aws.String(firstShard(st, arn)),
		ShardIteratorType: streamtypes.ShardIteratorTypeAfterSequenceNumber,
		SequenceNumber:    aws.String("000000000000000000001"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it.ShardIterator})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(out.Records), out.Records[0].Dynamodb.Keys["id"].(*streamtypes.AttributeValueMemberS).Value)
	// Output: 1 bob
}

func ExampleStreams_GetRecords() {
	db, arn := exampleStreamDB(types.StreamViewTypeKeysOnly)
	st := db.Streams()
	ctx := context.Background()
	it, err := st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{
		StreamArn: aws.String(arn), ShardId: aws.String(firstShard(st, arn)), ShardIteratorType: streamtypes.ShardIteratorTypeLatest,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Poll the open shard: records written since the iterator was taken
	// arrive, and NextShardIterator carries on from there.
	next := it.ShardIterator
	for _, id := range []string{"ann", "bob"} {
		exampleUser(db, id, 30)
		out, err := st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: next})
		if err != nil {
			fmt.Println(err)
			return
		}
		r := out.Records[0]
		fmt.Println(r.EventName, r.Dynamodb.Keys["id"].(*streamtypes.AttributeValueMemberS).Value, *r.EventSource, r.Dynamodb.ApproximateCreationDateTime.Format(time.TimeOnly))
		next = out.NextShardIterator
	}
	// Output:
	// INSERT ann aws:dynamodb 12:30:00
	// INSERT bob aws:dynamodb 12:30:00
}

func ExampleStreams_SplitShard() {
	db, arn := exampleStreamDB(types.StreamViewTypeKeysOnly)
	st := db.Streams()
	exampleUser(db, "ann", 30)
	child, err := st.SplitShard("users")
	if err != nil {
		fmt.Println(err)
		return
	}
	exampleUser(db, "bob", 30)
	out, err := st.DescribeStream(context.Background(), &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	if err != nil {
		fmt.Println(err)
		return
	}
	parent, newest := out.StreamDescription.Shards[0], out.StreamDescription.Shards[1]
	fmt.Println(*newest.ShardId == child, *newest.ParentShardId == *parent.ShardId)
	fmt.Println(*parent.SequenceNumberRange.EndingSequenceNumber, *newest.SequenceNumberRange.StartingSequenceNumber)
	// Output:
	// true true
	// 000000000000000000001 000000000000000000002
}
