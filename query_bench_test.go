package gonamo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/iter"
)

// BenchmarkQueryPrefetch reads a 10-page query from dynamotest with 5 ms of
// injected latency per call, while the consumer spends 5 ms on each page:
// with prefetch (the default), page k+1 is fetched while page k is
// consumed, so a run takes about 5 + 10×5 = 55 ms against 10×(5+5) = 100 ms
// without. Compare the two with benchstat.
func BenchmarkQueryPrefetch(b *testing.B) {
	ctx := context.Background()
	fake := dynamotest.New()
	threads, err := threadsTable(gonamo.New(fake))
	if err != nil {
		b.Fatal(err)
	}
	if err := threads.Create(ctx); err != nil {
		b.Fatal(err)
	}
	for i := range 100 {
		if err := threads.Put(ctx, &Thread{Forum: "go", Subject: fmt.Sprintf("s%03d", i)}); err != nil {
			b.Fatal(err)
		}
	}
	fake.SetLatency("Query", 5*time.Millisecond)
	for _, prefetch := range []bool{false, true} {
		b.Run(fmt.Sprintf("prefetch=%v", prefetch), func(b *testing.B) {
			q := threads.Query(forum.Eq("go")).PageSize(10).Paging(func(o *iter.Options) { o.NoPrefetch = !prefetch })
			for b.Loop() {
				pages := 0
				for _, err := range q.Pages(ctx) {
					if err != nil {
						b.Fatal(err)
					}
					pages++
					time.Sleep(5 * time.Millisecond) // the consumer's work on the page
				}
				if pages < 10 {
					b.Fatalf("%d pages", pages)
				}
			}
		})
	}
}
