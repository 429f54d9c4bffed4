package stream_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/internal/testenv"
	"github.com/gonamo/gonamo/stream"
)

// localDB returns a DB on DynamoDB Local at GONAMO_TEST_ENDPOINT, with a
// table name prefix unique to the call, and its Streams client; nil, nil
// when the variable is unset.
func localDB() (*gonamo.DB, *dynamodbstreams.Client) {
	c := testenv.Client()
	if c == nil {
		return nil, nil
	}
	return gonamo.New(c, func(o *gonamo.Options) { o.TableNamePrefix = testenv.Prefix("stream") }), testenv.Streams()
}

// localFixture returns a fixture on DynamoDB Local, or skips t.
func localFixture(t *testing.T, view types.StreamViewType) *fixture {
	t.Helper()
	db, st := localDB()
	if db == nil {
		t.Skip("set GONAMO_TEST_ENDPOINT to run against DynamoDB Local")
	}
	items, err := gonamo.NewTable(db, "items", gonamo.Key(itemID), gonamo.Attrs(itemN, itemNote), gonamo.Stream[Item](view))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := items.Create(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = items.DeleteTable(context.Background()) })
	return &fixture{clock: newClock(), items: items, client: &countingClient{Client: st}}
}

// TestLocalMutationsAndToken is the ten-thousand mutation test made small
// for DynamoDB Local, which keeps one shard per stream: every record
// exactly once and in order per key across a restart from a JSON token,
// with a forced iterator rebuild.
func TestLocalMutationsAndToken(t *testing.T) {
	is := is.New(t)
	f := localFixture(t, types.StreamViewTypeNewAndOldImages)
	w := newWorkload(25)
	w.write(t, f, 200, 0)
	first, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Limit = 30 })
	is.NoErr(err)
	var recs []stream.Record[Item]
	var saved []byte
	for r, err := range first.Records(context.Background()) {
		is.NoErr(err)
		recs = append(recs, r)
		if len(recs) == 90 {
			saved, err = json.Marshal(first.Token())
			is.NoErr(err)
			break
		}
	}
	var tok stream.Token
	is.NoErr(json.Unmarshal(saved, &tok))
	is.Equal(tok.StreamArn, first.StreamArn())
	// The second consumer's clock runs 11 minutes a record: every read
	// rebuilds its iterator from the last sequence number.
	c := newClock()
	second, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) {
		o.Position = stream.AtToken(tok)
		o.Limit = 30
		o.Now = func() time.Time { c.Advance(11 * time.Minute); return c.Now() }
	})
	is.NoErr(err)
	recs = append(recs, collect(t, second)...)
	w.write(t, f, 100, 0)
	recs = append(recs, collect(t, second)...)
	w.check(t, recs)
	is.Equal(len(recs), 300)

	latest, err := stream.New(f.items, f.client, caughtUp, func(o *stream.Options) { o.Position = stream.Latest() })
	is.NoErr(err)
	is.Equal(len(collect(t, latest)), 0)
	f.put(t, "after-latest", 1)
	is.Equal(keysOf(collect(t, latest)), "after-latest")
}
