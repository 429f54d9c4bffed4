package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/stream"
)

// Run with:
//
//	go test -run '^$' -bench Stream -benchmem -count 6 > /tmp/stream.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /path /tmp/stream.txt
//
// Both paths read the same stream of streamRecords records of Medium (half
// inserts, half modifies with both images) and decode every key, new and
// old image into a Medium: path=aws with GetRecords and the SDK's
// attributevalue (FromDynamoDBStreamsMap, then UnmarshalMap), path=gonamo
// with a stream.Consumer. source=dynamotest reads from the in-memory fake,
// whose GetRecords copies every record; source=memory serves the fake's
// GetRecords pages again from memory, leaving the cost of the consumer
// and of decoding.

const streamRecords = 2000

// streamFixture is a Medium table with a stream holding streamRecords
// records on the fake.
type streamFixture struct {
	fake  *dynamotest.DB
	table *gonamo.Table[Medium]
	arn   string
}

func newStreamFixture(tb testing.TB) *streamFixture {
	tb.Helper()
	ctx := context.Background()
	s := must(NewMediumSchema())
	fields := s.Fields()
	fake := dynamotest.New()
	table := must(gonamo.NewTable(gonamo.New(fake), "medium", gonamo.Key(fields[0], fields[1]),
		gonamo.Attrs(fields[2:]...), gonamo.Stream[Medium](types.StreamViewTypeNewAndOldImages)))
	if err := table.Create(ctx); err != nil {
		tb.Fatal(err)
	}
	for i := range streamRecords {
		m := NewMedium()
		m.ID = fmt.Sprint("item-", i%(streamRecords/2))
		m.Version = int64(i)
		if err := table.Put(ctx, m); err != nil {
			tb.Fatal(err)
		}
	}
	out := must(fake.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table.Name())}))
	return &streamFixture{fake: fake, table: table, arn: aws.ToString(out.Table.LatestStreamArn)}
}

// memoryStream serves the pages a Client returned, again, from memory: one
// shard whose iterators are page numbers.
type memoryStream struct {
	arn   string
	shard streamtypes.Shard
	pages [][]streamtypes.Record
}

func recordStreamPages(tb testing.TB, f *streamFixture) *memoryStream {
	tb.Helper()
	ctx := context.Background()
	st := f.fake.Streams()
	d := must(st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(f.arn)}))
	m := &memoryStream{arn: f.arn, shard: d.StreamDescription.Shards[0]}
	it := must(st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(f.arn),
		ShardId: m.shard.ShardId, ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon})).ShardIterator
	for it != nil {
		out := must(st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it}))
		if len(out.Records) == 0 {
			break
		}
		m.pages = append(m.pages, out.Records)
		it = out.NextShardIterator
	}
	return m
}

func (m *memoryStream) DescribeStream(context.Context, *dynamodbstreams.DescribeStreamInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.DescribeStreamOutput, error) {
	return &dynamodbstreams.DescribeStreamOutput{StreamDescription: &streamtypes.StreamDescription{
		StreamArn: aws.String(m.arn), Shards: []streamtypes.Shard{m.shard}}}, nil
}

func (m *memoryStream) GetShardIterator(context.Context, *dynamodbstreams.GetShardIteratorInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error) {
	return &dynamodbstreams.GetShardIteratorOutput{ShardIterator: aws.String("0")}, nil
}

func (m *memoryStream) GetRecords(_ context.Context, in *dynamodbstreams.GetRecordsInput, _ ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error) {
	var page int
	fmt.Sscan(aws.ToString(in.ShardIterator), &page)
	out := &dynamodbstreams.GetRecordsOutput{NextShardIterator: aws.String(fmt.Sprint(page + 1))}
	if page < len(m.pages) {
		out.Records = m.pages[page]
	}
	return out, nil
}

// readAWS reads the stream's first shard with GetRecords and decodes every
// record with attributevalue; it returns how many records it read.
func readAWS(ctx context.Context, st stream.Client, arn string, sink func(key, newItem, oldItem *Medium)) (int, error) {
	d, err := st.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, sh := range d.StreamDescription.Shards {
		it, err := st.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: sh.ShardId,
			ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon})
		if err != nil {
			return n, err
		}
		next := it.ShardIterator
		for next != nil {
			out, err := st.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: next})
			if err != nil {
				return n, err
			}
			if len(out.Records) == 0 {
				break
			}
			for _, r := range out.Records {
				var key, newItem, oldItem *Medium
				for _, img := range []struct {
					m   map[string]streamtypes.AttributeValue
					dst **Medium
				}{{r.Dynamodb.Keys, &key}, {r.Dynamodb.NewImage, &newItem}, {r.Dynamodb.OldImage, &oldItem}} {
					if img.m == nil {
						continue
					}
					av, err := attributevalue.FromDynamoDBStreamsMap(img.m)
					if err != nil {
						return n, err
					}
					*img.dst = new(Medium)
					if err := attributevalue.UnmarshalMap(av, *img.dst); err != nil {
						return n, err
					}
				}
				sink(key, newItem, oldItem)
				n++
			}
			next = out.NextShardIterator
		}
	}
	return n, nil
}

// readGonamo reads the stream with a stream.Consumer.
func readGonamo(ctx context.Context, table *gonamo.Table[Medium], st stream.Client, arn string, sink func(key, newItem, oldItem *Medium)) (int, error) {
	c, err := stream.New(table, st, func(o *stream.Options) { o.StreamArn = arn; o.StopWhenCaughtUp = true })
	if err != nil {
		return 0, err
	}
	n := 0
	for r, err := range c.Records(ctx) {
		if err != nil {
			return n, err
		}
		sink(r.Key, r.New, r.Old)
		n++
	}
	return n, nil
}

var sinkMedium *Medium

func keep(key, newItem, oldItem *Medium) { sinkMedium = newItem }

func BenchmarkStream(b *testing.B) {
	ctx := context.Background()
	f := newStreamFixture(b)
	mem := recordStreamPages(b, f)
	sources := []struct {
		name string
		st   stream.Client
	}{{"dynamotest", f.fake.Streams()}, {"memory", mem}}
	for _, src := range sources {
		paths := []struct {
			name string
			read func() (int, error)
		}{
			{"aws", func() (int, error) { return readAWS(ctx, src.st, f.arn, keep) }},
			{"gonamo", func() (int, error) { return readGonamo(ctx, f.table, src.st, f.arn, keep) }},
		}
		for _, p := range paths {
			b.Run("source="+src.name+"/path="+p.name, func(b *testing.B) {
				total := 0
				for b.Loop() {
					n, err := p.read()
					if err != nil {
						b.Fatal(err)
					}
					if n != streamRecords {
						b.Fatalf("read %d records, want %d", n, streamRecords)
					}
					total += n
				}
				b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}

// TestStreamPathsAgree: both paths of the benchmark read the same records
// and decode them to the same items.
func TestStreamPathsAgree(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	f := newStreamFixture(t)
	mem := recordStreamPages(t, f)
	type decoded struct{ key, newItem, oldItem *Medium }
	for _, st := range []stream.Client{f.fake.Streams(), mem} {
		var viaAWS, viaGonamo []decoded
		n, err := readAWS(ctx, st, f.arn, func(k, nw, old *Medium) { viaAWS = append(viaAWS, decoded{k, nw, old}) })
		is.NoErr(err)
		is.Equal(n, streamRecords)
		n, err = readGonamo(ctx, f.table, st, f.arn, func(k, nw, old *Medium) { viaGonamo = append(viaGonamo, decoded{k, nw, old}) })
		is.NoErr(err)
		is.Equal(n, streamRecords)
		for i := range viaAWS {
			a, g := viaAWS[i], viaGonamo[i]
			is.Equal(a.key.ID, g.key.ID)
			is.Equal(a.key.Sort, g.key.Sort)
			is.Equal(*a.newItem, *g.newItem)
			is.Equal(a.oldItem == nil, g.oldItem == nil)
			if a.oldItem != nil {
				is.Equal(*a.oldItem, *g.oldItem)
			}
		}
	}
}
