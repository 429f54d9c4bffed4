package iter_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/iter"
)

// pagedFetch serves n prebuilt pages of size items each (segments of them
// for a parallel scan), sleeping latency per request.
func pagedFetch(n, size int, latency time.Duration) iter.Fetch[row] {
	pages := make([]iter.Page[row], n)
	for p := range pages {
		for i := range size {
			r := row{SK: p*size + i, Tag: []byte{1}}
			pages[p].Items = append(pages[p].Items, r)
			pages[p].Keys = append(pages[p].Keys, r.key())
		}
		pages[p].Count, pages[p].ScannedCount = int32(size), int32(size)
		if p < n-1 {
			pages[p].LastEvaluatedKey = map[string]types.AttributeValue{"page": &types.AttributeValueMemberN{Value: strconv.Itoa(p)}}
		}
	}
	return func(ctx context.Context, req iter.Request) (iter.Page[row], error) {
		if latency > 0 {
			time.Sleep(latency)
		}
		p := 0
		if k, ok := req.ExclusiveStartKey["page"].(*types.AttributeValueMemberN); ok {
			p, _ = strconv.Atoi(k.Value)
			p++
		}
		return pages[p], ctx.Err()
	}
}

// 10 pages at 5 ms each, with a consumer that spends 5 ms per page:
// sequential takes about 10 × (5 + 5) ms, prefetch about 5 + 10 × 5 ms.
func BenchmarkPrefetch(b *testing.B) {
	const pages, latency, work = 10, 5 * time.Millisecond, 5 * time.Millisecond
	for _, tc := range []struct {
		name       string
		noPrefetch bool
	}{{"sequential", true}, {"prefetch", false}} {
		b.Run(tc.name, func(b *testing.B) {
			fetch := pagedFetch(pages, 10, latency)
			for b.Loop() {
				it := iter.New(context.Background(), fetch, func(o *iter.Options) { o.NoPrefetch = tc.noPrefetch })
				n := 0
				for _, err := range it.All() {
					if err != nil {
						b.Fatal(err)
					}
					if n%10 == 0 {
						time.Sleep(work) // the consumer's work on the page
					}
					n++
				}
				if n != pages*10 {
					b.Fatal(n)
				}
			}
		})
	}
}

// The cost of the machinery per item: 100 pages of 100 items, no latency.
func BenchmarkAll(b *testing.B) {
	for _, tc := range []struct {
		name string
		opts func(*iter.Options)
	}{
		{"prefetch", func(*iter.Options) {}},
		{"sequential", func(o *iter.Options) { o.NoPrefetch = true }},
		{"rate limited", func(o *iter.Options) { o.ReadUnitsPerSecond = 1e9 }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			fetch := pagedFetch(100, 100, 0)
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				for _, err := range iter.New(context.Background(), fetch, tc.opts).All() {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != 10000 {
					b.Fatal(n)
				}
			}
		})
	}
}

func BenchmarkParallel(b *testing.B) {
	src := newSource(2000)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range iter.Parallel(context.Background(), src.fetch, 4, func(o *iter.Options) { o.PageSize = 100 }).All() {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 2000 {
			b.Fatal(n)
		}
	}
}

// Making a signed cursor after one item, and resuming from it.
func BenchmarkCursor(b *testing.B) {
	fetch := pagedFetch(2, 10, 0)
	opts := func(o *iter.Options) {
		o.Signer, o.Scope, o.CursorTTL, o.Limit = iter.NewSigner([]byte("0123456789abcdef0123456789abcdef")), "table/index", time.Hour, 1
	}
	var cursor string
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			it := iter.New(context.Background(), fetch, opts)
			for _, err := range it.All() {
				if err != nil {
					b.Fatal(err)
				}
			}
			cursor = it.Cursor()
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, err := range iter.New(context.Background(), fetch, opts, func(o *iter.Options) { o.Cursor = cursor }).All() {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
