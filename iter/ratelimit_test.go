package iter_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/iter"
	"github.com/matryer/is"
	"golang.org/x/time/rate"
)

// A limiter that practically never refills shows exactly what was charged.
func frozenLimiter(burst int) *rate.Limiter { return rate.NewLimiter(1e-9, burst) }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

func TestRateLimitCharges(t *testing.T) {
	cases := []struct {
		name        string
		rows        int
		pageSize    int32
		unitsPerRow float64
		parallel    int
		charged     float64
	}{
		// Pages of 3, 3, 3, 1 rows at 0.5 units each: 1.5+1.5+1.5+0.5.
		{name: "fractions carried over", rows: 10, pageSize: 3, unitsPerRow: 0.5, charged: 5},
		// 2.5 units: 2 charged, the half carried but never completed.
		{name: "fraction left", rows: 5, pageSize: 10, unitsPerRow: 0.5, charged: 2},
		// One page of 40 units with a burst of 100: reserved in one go.
		{name: "large page", rows: 40, unitsPerRow: 1, charged: 40},
		{name: "parallel share one limiter", rows: 30, pageSize: 2, unitsPerRow: 1, parallel: 3, charged: 30},
		{name: "no consumed capacity", rows: 10, pageSize: 3, charged: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			src := newSource(tc.rows)
			src.unitsPerRow = tc.unitsPerRow
			lim := frozenLimiter(100)
			opts := func(o *iter.Options) { o.Limiter, o.PageSize = lim, tc.pageSize }
			it := iter.New(context.Background(), src.fetch, opts)
			if tc.parallel > 0 {
				it = iter.Parallel(context.Background(), src.fetch, tc.parallel, opts)
			}
			got, err := iter.Collect(it.All())
			is.NoErr(err)
			is.Equal(len(got), tc.rows)
			is.True(near(lim.Tokens(), 100-tc.charged))
			for _, r := range src.requests {
				is.True(r.ReturnConsumedCapacity)
			}
		})
	}
}

func TestRateLimitSharedAcrossIterators(t *testing.T) {
	is := is.New(t)
	src := newSource(6)
	src.unitsPerRow = 1
	lim := frozenLimiter(20)
	for range 2 {
		_, err := iter.Collect(iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Limiter = lim }).All())
		is.NoErr(err)
	}
	is.True(near(lim.Tokens(), 8))
}

func TestRateLimitReadCapacityUnits(t *testing.T) {
	is := is.New(t)
	lim := frozenLimiter(10)
	read := 3.0
	fetch := func(context.Context, iter.Request) (iter.Page[int], error) {
		return iter.Page[int]{Consumed: &types.ConsumedCapacity{ReadCapacityUnits: &read}}, nil
	}
	_, err := iter.Collect(iter.New(context.Background(), fetch, func(o *iter.Options) { o.Limiter = lim }).All())
	is.NoErr(err)
	is.True(near(lim.Tokens(), 7))
}

// A page consuming more units than the burst is charged in parts and then
// waited for; the wait is cut short by cancellation, and the next request
// is never made.
func TestRateLimitWaitsBeforeNextRequest(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts func(*iter.Options)
	}{
		{"limiter beyond burst", func(o *iter.Options) { o.Limiter = frozenLimiter(1) }},
		{"read units per second", func(o *iter.Options) { o.ReadUnitsPerSecond = 0.001 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			src := newSource(10)
			src.unitsPerRow = 2
			var errs []error
			for v, err := range iter.New(ctx, src.fetch, tc.opts, func(o *iter.Options) { o.PageSize = 2 }).All() {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				if v.SK == 10 {
					// The prefetch is waiting for 4 units at a rate that
					// would take thousands of seconds.
					is.Equal(src.calls(), 1)
					cancel()
				}
			}
			is.Equal(len(errs), 1)
			is.True(errors.Is(errs[0], context.Canceled))
			is.Equal(src.calls(), 1)
		})
	}
}

func TestRateLimitBurstAboveLimiterBurst(t *testing.T) {
	is := is.New(t)
	src := newSource(20)
	src.unitsPerRow = 1
	// 10 units per page, burst 3, 2000 units/s: each wait is about 5 ms.
	lim := rate.NewLimiter(2000, 3)
	got, err := iter.Collect(iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Limiter = lim; o.PageSize = 10 }).All())
	is.NoErr(err)
	is.Equal(len(got), 20)
	// The balance recorded at the last charge, without the refill since
	// (TokensAt a time before it), is in debt: the last page's 10 units were
	// charged in full although the burst holds 3. Reading Tokens() instead
	// would depend on how long the machine took to get here.
	is.True(lim.TokensAt(time.Time{}) < 0)
}

func TestRateLimiterUnusable(t *testing.T) {
	is := is.New(t)
	src := newSource(10)
	src.unitsPerRow = 1
	for _, lim := range []*rate.Limiter{rate.NewLimiter(10, 0), rate.NewLimiter(0, 2)} {
		_, err := iter.Collect(iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Limiter = lim; o.PageSize = 3 }).All())
		is.True(errors.Is(err, iter.ErrInvalidOptions))
	}
	// An infinite limit charges nothing and never waits.
	lim := rate.NewLimiter(rate.Inf, 0)
	got, err := iter.Collect(iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Limiter = lim; o.PageSize = 3 }).All())
	is.NoErr(err)
	is.Equal(len(got), 10)
}
