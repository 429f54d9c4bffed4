package stream_test

import (
	"context"
	"errors"
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

	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/stream"
)

func keysOf(recs []stream.Record[Item]) string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Key.ID)
	}
	return strings.Join(out, " ")
}

func TestLatestReadsOnlyLaterChanges(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeKeysOnly, func(o *dynamotest.Options) { o.Streams.ShardRecords = 2 })
	for _, id := range []string{"a", "b", "c"} {
		f.put(t, id, 1)
	}
	c, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.Latest() })
	is.NoErr(err)
	is.Equal(keysOf(collect(t, c)), "")
	// A token taken before anything was read keeps the latest position.
	tok := c.Token()
	is.Equal(len(tok.Shards), 1)
	is.Equal(tok.Shards[0].Start, "latest")
	for _, id := range []string{"d", "e", "f"} {
		f.put(t, id, 1)
	}
	is.Equal(keysOf(collect(t, c)), "d e f")

	// A token taken after records were fetched but none yielded from their
	// shard resumes at the first of them.
	c2, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.Latest() })
	is.NoErr(err)
	is.Equal(keysOf(collect(t, c2)), "")
	f.put(t, "g", 1)
	f.put(t, "h", 1)
	for _, err := range c2.Records(context.Background()) {
		is.NoErr(err)
		break
	}
	resumed, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.AtToken(c2.Token()) })
	is.NoErr(err)
	is.Equal(keysOf(collect(t, resumed)), "h")
}

// TestTokenAtLatestLosesNothing resumes from a token taken at the latest
// position before any record arrived: the records written after it are
// read, those written more than LatestMargin before it are not.
func TestTokenAtLatestLosesNothing(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeKeysOnly)
	f.put(t, "old", 1)
	f.clock.Advance(2 * stream.LatestMargin)
	f.put(t, "recent", 1) // before the token, within the margin
	f.clock.Advance(time.Second)
	onClock := func(o *stream.Options) { o.Now = f.clock.Now } // the fake's clock, as LatestAt needs
	c, err := stream.New(f.items, f.client, caughtUp, onClock, func(o *stream.Options) { o.Position = stream.Latest() })
	is.NoErr(err)
	is.Equal(keysOf(collect(t, c)), "")
	tok := c.Token()
	is.Equal(tok.Shards[0].Start, "latest")
	is.Equal(tok.Shards[0].LatestAt, f.clock.Now())
	stored, err := stream.ParseToken(tok.String())
	is.NoErr(err)
	is.Equal(stored, tok)

	f.clock.Advance(time.Hour) // the consumer is down for an hour
	f.put(t, "a", 1)
	f.put(t, "b", 1)
	resumed, err := stream.New(f.items, f.client, caughtUp, onClock, func(o *stream.Options) { o.Position = stream.AtToken(stored) })
	is.NoErr(err)
	var got []stream.Record[Item]
	for r, err := range resumed.Records(context.Background()) {
		is.NoErr(err)
		got = append(got, r)
		break
	}
	is.Equal(keysOf(got), "recent")
	// The token of the resumed consumer goes on from there.
	again, err := stream.New(f.items, f.client, caughtUp, onClock, func(o *stream.Options) { o.Position = stream.AtToken(resumed.Token()) })
	is.NoErr(err)
	is.Equal(keysOf(collect(t, again)), "a b")
}

func TestAtTimeSkipsOlderRecords(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeKeysOnly, func(o *dynamotest.Options) { o.Streams.ShardRecords = 3 })
	for i := range 10 {
		f.put(t, fmt.Sprint("k", i), 1)
		f.clock.Advance(time.Minute)
	}
	since := f.clock.Now().Add(-4 * time.Minute) // the last four records
	c, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.AtTime(since) })
	is.NoErr(err)
	var got []stream.Record[Item]
	for r, err := range c.Records(context.Background()) {
		is.NoErr(err)
		got = append(got, r)
		break
	}
	is.Equal(keysOf(got), "k6")
	tok := c.Token()
	is.True(tok.Since.Equal(since))
	// Resuming goes on after k6 and does not yield what was skipped.
	resumed, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.AtToken(tok) })
	is.NoErr(err)
	is.Equal(keysOf(collect(t, resumed)), "k7 k8 k9")
	// A token taken while every shard is still seeking seeks again.
	c, err = stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.AtTime(f.clock.Now()) })
	is.NoErr(err)
	is.Equal(keysOf(collect(t, c)), "")
	f.put(t, "late", 1)
	resumed, err = stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.AtToken(c.Token()) })
	is.NoErr(err)
	is.Equal(keysOf(collect(t, resumed)), "late")
}

// trimmedFixture writes a, b, c, takes a token after a, lets 25 hours
// pass and writes d: a token after a lost b and c.
func trimmedFixture(t *testing.T) (*fixture, stream.Token) {
	t.Helper()
	f := newFixture(t, types.StreamViewTypeKeysOnly)
	for _, id := range []string{"a", "b", "c"} {
		f.put(t, id, 1)
	}
	c, err := stream.New(f.items, f.client, caughtUp)
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range c.Records(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	tok := c.Token()
	f.clock.Advance(25 * time.Hour)
	f.put(t, "d", 1)
	return f, tok
}

func TestTrimmedFailByDefault(t *testing.T) {
	is := is.New(t)
	f, tok := trimmedFixture(t)
	c, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.AtToken(tok) })
	is.NoErr(err)
	n := 0
	for _, err := range c.Records(context.Background()) {
		n++
		var te *stream.TrimmedError
		is.True(errors.As(err, &te))
		is.Equal(te.ShardID, tok.Shards[0].ShardID)
		is.Equal(te.After, tok.Shards[0].After)
		var sdk *streamtypes.TrimmedDataAccessException
		is.True(errors.As(err, &sdk)) // wraps DynamoDB's error
	}
	is.Equal(n, 1)
}

// trimOnce is a Client whose first GetRecords fails with a
// TrimmedDataAccessException, as DynamoDB Local's sometimes does when an
// iterator taken at the trim horizon of an empty shard is read.
type trimOnce struct {
	stream.Client
	done bool
}

func (c *trimOnce) GetRecords(ctx context.Context, in *dynamodbstreams.GetRecordsInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error) {
	if !c.done {
		c.done = true
		return nil, &streamtypes.TrimmedDataAccessException{Message: aws.String("The operation attempted to read past the oldest stream record in a shard.")}
	}
	return c.Client.GetRecords(ctx, in, optFns...)
}

// TestTrimmedBeforeAnyRecordRestarts: a shard read from its trim horizon
// that reports trimmed data before anything was read from it loses
// nothing, so even under TrimFail it is read again from its horizon.
func TestTrimmedBeforeAnyRecordRestarts(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeKeysOnly)
	f.put(t, "a", 1)
	f.put(t, "b", 1)
	c, err := stream.New(f.items, &trimOnce{Client: f.client}, caughtUp)
	is.NoErr(err)
	is.Equal(keysOf(collect(t, c)), "a b")

	// After a record was read, the same error is the policy's to handle.
	later := &trimOnce{Client: f.client, done: true}
	c, err = stream.New(f.items, later, caughtUp)
	is.NoErr(err)
	for _, err := range c.Records(context.Background()) {
		is.NoErr(err)
		break
	}
	later.done = false
	f.put(t, "c", 1)
	var te *stream.TrimmedError
	_, err = iterCollect(c)
	is.True(errors.As(err, &te))
}

// iterCollect reads c until it is caught up and returns its first error.
func iterCollect(c *stream.Consumer[Item]) ([]stream.Record[Item], error) {
	var out []stream.Record[Item]
	for r, err := range c.Records(context.Background()) {
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

func TestTrimmedContinueWarns(t *testing.T) {
	is := is.New(t)
	f, tok := trimmedFixture(t)
	var warnings []*stream.TrimmedError
	c, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) {
		o.Position = stream.AtToken(tok)
		o.Trimmed = stream.TrimContinue
		o.OnTrimmed = func(e *stream.TrimmedError) { warnings = append(warnings, e) }
	})
	is.NoErr(err)
	is.Equal(keysOf(collect(t, c)), "d")
	is.Equal(len(warnings), 1)
	is.Equal(warnings[0].ShardID, tok.Shards[0].ShardID)
}

func TestTokenOfVanishedShard(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeKeysOnly)
	f.put(t, "a", 1)
	c, err := stream.New(f.items, f.client, caughtUp)
	is.NoErr(err)
	collect(t, c)
	tok := c.Token()
	tok.Shards = append(tok.Shards, stream.ShardPosition{ShardID: "shardId-00000000000000000001-deadbeef", After: "000000000000000000001"})
	_, err = stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.AtToken(tok) })
	is.NoErr(err)
	c, _ = stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.AtToken(tok) })
	for _, err := range c.Records(context.Background()) {
		var te *stream.TrimmedError
		is.True(errors.As(err, &te))
		is.True(te.Gone)
	}
	var warned []string
	c, _ = stream.New(f.items, f.client, caughtUp, func(o *stream.Options) {
		o.Position = stream.AtToken(tok)
		o.Trimmed = stream.TrimContinue
		o.OnTrimmed = func(e *stream.TrimmedError) { warned = append(warned, e.ShardID) }
	})
	f.put(t, "b", 1)
	is.Equal(keysOf(collect(t, c)), "b")
	is.Equal(warned, []string{"shardId-00000000000000000001-deadbeef"})
}

func TestPollsUntilContextEnds(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeKeysOnly)
	c, err := stream.New(f.items, f.client, func(o *stream.Options) { o.PollMin, o.PollMax = time.Millisecond, 4*time.Millisecond })
	is.NoErr(err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for i := range 3 {
			time.Sleep(5 * time.Millisecond)
			if err := f.items.Put(context.Background(), &Item{ID: fmt.Sprint("k", i)}); err != nil {
				panic(err)
			}
		}
	}()
	var got []string
	var last error
	for r, err := range c.Records(ctx) {
		if err != nil {
			last = err
			continue
		}
		got = append(got, r.Key.ID)
		if len(got) == 3 {
			cancel()
		}
	}
	is.Equal(strings.Join(got, " "), "k0 k1 k2")
	is.True(errors.Is(last, context.Canceled))
}

func TestDecodeErrorConsumesRecord(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeNewImage)
	ctx := context.Background()
	f.put(t, "a", 1)
	_, err := f.fake.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(f.items.Name()), Item: map[string]types.AttributeValue{
		"id": &types.AttributeValueMemberS{Value: "bad"}, "n": &types.AttributeValueMemberS{Value: "not a number"},
	}})
	is.NoErr(err)
	f.put(t, "c", 1)
	c, err := stream.New(f.items, f.client, caughtUp)
	is.NoErr(err)
	var got []string
	var de *stream.DecodeError
	for r, err := range c.Records(ctx) {
		if err != nil {
			is.True(errors.As(err, &de))
			continue
		}
		got = append(got, r.Key.ID)
	}
	is.True(de != nil)
	is.Equal(de.Raw.Dynamodb.Keys["id"].(*streamtypes.AttributeValueMemberS).Value, "bad")
	is.Equal(strings.Join(got, " "), "a")
	is.Equal(keysOf(collect(t, c)), "c") // the loop goes on after the bad record
}

func TestStreamsErrorsAreWrapped(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeKeysOnly)
	f.put(t, "a", 1)
	f.fake.InjectFault(dynamotest.Fault{Op: "GetRecords", Code: dynamotest.FaultInternalError, Next: 1})
	c, err := stream.New(f.items, f.client, caughtUp)
	is.NoErr(err)
	n := 0
	for _, err := range c.Records(context.Background()) {
		n++
		is.True(err != nil)
		is.True(strings.HasPrefix(err.Error(), "gonamo: stream shard "))
	}
	is.Equal(n, 1)
	is.Equal(keysOf(collect(t, c)), "a") // the consumer kept its place
}
