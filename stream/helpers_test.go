package stream_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/stream"
)

var _ stream.Client = (*dynamotest.Streams)(nil)

// Item is the model of the tests: a counter per key, so that the order of
// one key's records shows in N.
type Item struct {
	ID   string
	N    int
	Note string
}

var (
	itemID   = attr.String("id", func(i *Item) *string { return &i.ID })
	itemN    = attr.Int("n", func(i *Item) *int { return &i.N })
	itemNote = attr.String("note", func(i *Item) *string { return &i.Note }, attr.OmitEmpty)
)

// clock is a settable clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// fixture is a table with a stream on a fake with a settable clock.
type fixture struct {
	clock *clock
	fake  *dynamotest.DB
	items *gonamo.Table[Item]
	// client counts the Streams calls that failed with an expired
	// iterator.
	client *countingClient
}

func newFixture(t testing.TB, view types.StreamViewType, optFns ...func(*dynamotest.Options)) *fixture {
	t.Helper()
	c := newClock()
	fake := dynamotest.New(append([]func(*dynamotest.Options){func(o *dynamotest.Options) { o.Now = c.Now }}, optFns...)...)
	items, err := gonamo.NewTable(gonamo.New(fake), "items", gonamo.Key(itemID), gonamo.Attrs(itemN, itemNote), gonamo.Stream[Item](view))
	if err != nil {
		t.Fatal(err)
	}
	if err := items.Create(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &fixture{clock: c, fake: fake, items: items, client: &countingClient{Client: fake.Streams()}}
}

func (f *fixture) put(t testing.TB, id string, n int) {
	t.Helper()
	if err := f.items.Put(context.Background(), &Item{ID: id, N: n}); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) del(t testing.TB, id string) {
	t.Helper()
	if err := f.items.Delete(context.Background(), &Item{ID: id}); err != nil {
		t.Fatal(err)
	}
}

// countingClient is a Client that counts the expired iterators and trimmed
// reads its calls met.
type countingClient struct {
	stream.Client
	expired, trimmed atomic.Int64
}

func (c *countingClient) count(err error) {
	var ex *streamtypes.ExpiredIteratorException
	var tr *streamtypes.TrimmedDataAccessException
	switch {
	case errors.As(err, &ex):
		c.expired.Add(1)
	case errors.As(err, &tr):
		c.trimmed.Add(1)
	}
}

func (c *countingClient) GetRecords(ctx context.Context, in *dynamodbstreams.GetRecordsInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error) {
	out, err := c.Client.GetRecords(ctx, in, optFns...)
	c.count(err)
	return out, err
}

func (c *countingClient) GetShardIterator(ctx context.Context, in *dynamodbstreams.GetShardIteratorInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error) {
	out, err := c.Client.GetShardIterator(ctx, in, optFns...)
	c.count(err)
	return out, err
}

// event is what a test checks of a record: the event and the counters of
// its images (-1 when absent).
type event struct {
	ID       string
	Event    stream.EventType
	Old, New int
}

func eventOf(r stream.Record[Item]) event {
	e := event{ID: r.Key.ID, Event: r.Event, Old: -1, New: -1}
	if r.Old != nil {
		e.Old = r.Old.N
	}
	if r.New != nil {
		e.New = r.New.N
	}
	return e
}

// collect reads a consumer until it is caught up (it must have
// StopWhenCaughtUp) and returns the records; the first error fails t.
func collect(t testing.TB, c *stream.Consumer[Item]) []stream.Record[Item] {
	t.Helper()
	var out []stream.Record[Item]
	for r, err := range c.Records(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func caughtUp(o *stream.Options) { o.StopWhenCaughtUp = true }

func describeInput(arn string) *dynamodbstreams.DescribeStreamInput {
	return &dynamodbstreams.DescribeStreamInput{StreamArn: &arn}
}
