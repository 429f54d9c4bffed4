package stream_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/stream"
)

// unionStreams serves the streams of two tables of one fake as the two
// open shards of a single stream, as DynamoDB serves a table with two
// partitions: each table's shards keep their lineage, and an iterator of
// either names its own stream.
type unionStreams struct {
	st         *dynamotest.Streams
	arns       [2]string
	shardOwner map[string]string
}

const unionArn = "arn:aws:dynamodb:us-east-1:000000000000:table/union/stream/2026-03-01T09:00:00.000"

func (u *unionStreams) DescribeStream(ctx context.Context, in *dynamodbstreams.DescribeStreamInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.DescribeStreamOutput, error) {
	d := &streamtypes.StreamDescription{StreamArn: aws.String(unionArn)}
	for _, arn := range u.arns {
		out, err := u.st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
		if err != nil {
			return nil, err
		}
		for _, sh := range out.StreamDescription.Shards {
			u.shardOwner[aws.ToString(sh.ShardId)] = arn
			d.Shards = append(d.Shards, sh)
		}
	}
	return &dynamodbstreams.DescribeStreamOutput{StreamDescription: d}, nil
}

func (u *unionStreams) GetShardIterator(ctx context.Context, in *dynamodbstreams.GetShardIteratorInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error) {
	cp := *in
	cp.StreamArn = aws.String(u.shardOwner[aws.ToString(in.ShardId)])
	return u.st.GetShardIterator(ctx, &cp, optFns...)
}

func (u *unionStreams) GetRecords(ctx context.Context, in *dynamodbstreams.GetRecordsInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error) {
	return u.st.GetRecords(ctx, in, optFns...)
}

// unionFixture has two tables "a" and "b" of Item on one fake whose
// streams a consumer of table a reads as one.
type unionFixture struct {
	*fixture
	b      *gonamo.Table[Item]
	client *unionStreams
}

func newUnion(t *testing.T) *unionFixture {
	t.Helper()
	f := newFixture(t, types.StreamViewTypeNewImage)
	b, err := gonamo.NewTable(f.items.DB(), "items_b", gonamo.Key(itemID), gonamo.Attrs(itemN, itemNote), gonamo.Stream[Item](types.StreamViewTypeNewImage))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Create(context.Background()); err != nil {
		t.Fatal(err)
	}
	u := &unionStreams{st: f.fake.Streams(), shardOwner: map[string]string{}}
	for i, name := range []string{f.items.Name(), b.Name()} {
		out, err := f.fake.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		if err != nil {
			t.Fatal(err)
		}
		u.arns[i] = aws.ToString(out.Table.LatestStreamArn)
	}
	return &unionFixture{fixture: f, b: b, client: u}
}

// TestOpenShardsMergedByCreationTime: records of two open shards come in
// creation time order, then sequence number order within one minute.
func TestOpenShardsMergedByCreationTime(t *testing.T) {
	is := is.New(t)
	u := newUnion(t)
	ctx := context.Background()
	var want []string
	for i := range 12 {
		tbl, name := u.items, "a"
		if i%3 == 0 {
			tbl, name = u.b, "b"
		}
		is.NoErr(tbl.Put(ctx, &Item{ID: fmt.Sprint(name, i), N: i}))
		want = append(want, fmt.Sprint(name, i))
		u.clock.Advance(time.Minute) // creation times are kept to the minute
		if i == 5 {
			_, err := u.fake.Streams().SplitShard(u.b.Name())
			is.NoErr(err)
		}
	}
	c, err := stream.New(u.items, u.client, caughtUp, func(o *stream.Options) {
		o.StreamArn = unionArn
		o.Limit = 2
	})
	is.NoErr(err)
	var got []string
	for _, r := range collect(t, c) {
		got = append(got, r.Key.ID)
	}
	is.Equal(strings.Join(got, " "), strings.Join(want, " "))
}

// TestHeartbeatKeepsLatestShardAlive: while a slow loop body works through
// one shard's records, the iterator of another shard started at the latest
// record, which has no position to be rebuilt from, is renewed, so that a
// record written to it meanwhile is not lost.
func TestHeartbeatKeepsLatestShardAlive(t *testing.T) {
	is := is.New(t)
	u := newUnion(t)
	ctx := context.Background()
	is.NoErr(u.b.Put(ctx, &Item{ID: "old"})) // before the start: not read
	c, err := stream.New(u.items, u.client, caughtUp, func(o *stream.Options) {
		o.StreamArn = unionArn
		o.Position = stream.Latest()
		o.Limit = 100
		o.Now = u.clock.Now
	})
	is.NoErr(err)
	is.Equal(len(collect(t, c)), 0)
	for i := range 5 {
		is.NoErr(u.items.Put(ctx, &Item{ID: fmt.Sprint("a", i)}))
	}
	var got []string
	for r, err := range c.Records(ctx) {
		is.NoErr(err)
		got = append(got, r.Key.ID)
		u.clock.Advance(6 * time.Minute)
		if len(got) == 4 {
			is.NoErr(u.b.Put(ctx, &Item{ID: "b-late"}))
		}
	}
	is.Equal(strings.Join(got, " "), "a0 a1 a2 a3 a4 b-late")
}
