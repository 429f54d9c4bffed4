package stream

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
)

// doc is a model with nested values, as bench's Medium, for the
// benchmark of decoding records.
type doc struct {
	ID, Sort string
	N        int
	Score    float64
	At       time.Time
	Tags     []string
	Prefs    map[string]string
	Addr     struct{ Street, City string }
	Lines    []struct {
		SKU string
		Qty int
	}
}

func docSchema() (*attr.Schema[doc], error) {
	type addr = struct{ Street, City string }
	type line = struct {
		SKU string
		Qty int
	}
	return attr.NewSchema(
		attr.String("id", func(d *doc) *string { return &d.ID }),
		attr.String("sk", func(d *doc) *string { return &d.Sort }),
		attr.Int("n", func(d *doc) *int { return &d.N }),
		attr.Number("score", func(d *doc) *float64 { return &d.Score }),
		attr.Time("at", func(d *doc) *time.Time { return &d.At }),
		attr.StringSet("tags", func(d *doc) *[]string { return &d.Tags }),
		attr.Map("prefs", func(d *doc) *map[string]string { return &d.Prefs }, attr.StringCodec[string]()),
		attr.Struct("addr", func(d *doc) *addr { return &d.Addr },
			attr.String("street", func(a *addr) *string { return &a.Street }),
			attr.String("city", func(a *addr) *string { return &a.City })),
		attr.List("lines", func(d *doc) *[]line { return &d.Lines }, attr.StructCodec(
			attr.String("sku", func(l *line) *string { return &l.SKU }),
			attr.Int("qty", func(l *line) *int { return &l.Qty }))),
	)
}

// docRecords returns the stream records of n docs written twice, an
// insert and a modification with both images each, as the fake serves
// them.
func docRecords(b *testing.B, s *attr.Schema[doc], n int) []streamtypes.Record {
	ctx := context.Background()
	fake := dynamotest.New()
	fields := s.Fields()
	table, err := gonamo.NewTable(gonamo.New(fake), "docs", gonamo.Key(fields[0], fields[1]), gonamo.Attrs(fields[2:]...),
		gonamo.Stream[doc](types.StreamViewTypeNewAndOldImages))
	if err != nil {
		b.Fatal(err)
	}
	if err := table.Create(ctx); err != nil {
		b.Fatal(err)
	}
	for i := range 2 * n {
		d := &doc{ID: "doc-" + strconv.Itoa(i%n), Sort: "v", N: i, Score: 1.5, At: time.Unix(int64(i), 0).UTC(),
			Tags: []string{"a", "b"}, Prefs: map[string]string{"theme": "dark", "lang": "en"}}
		d.Addr.Street, d.Addr.City = "1 Main St", "Springfield"
		d.Lines = append(d.Lines, struct {
			SKU string
			Qty int
		}{"x", 1}, struct {
			SKU string
			Qty int
		}{"y", 2})
		if err := table.Put(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	var recs []streamtypes.Record
	c, err := New(table, fake.Streams(), func(o *Options) { o.StopWhenCaughtUp = true })
	if err != nil {
		b.Fatal(err)
	}
	for r, err := range c.Records(ctx) {
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, r.Raw)
	}
	if len(recs) != 2*n {
		b.Fatalf("%d records, want %d", len(recs), 2*n)
	}
	return recs
}

// BenchmarkDecodeRecord decodes inserts and modifications of docs: keys,
// new and old images.
func BenchmarkDecodeRecord(b *testing.B) {
	s, err := docSchema()
	if err != nil {
		b.Fatal(err)
	}
	recs := docRecords(b, s, 500)
	cv := newConverter(s)
	for b.Loop() {
		for i := range recs {
			if _, err := decodeRecord(s, cv, &recs[i], "shard", "arn"); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(recs)), "ns/record")
}
