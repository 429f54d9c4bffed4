package iter

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/internal/wait"
	"golang.org/x/time/rate"
)

// limiter charges the read units pages consume to a rate.Limiter (one
// token per unit) and makes the next request wait for them.
//
// Units are charged as soon as a page arrives, with ReserveN, since they are
// spent whatever happens next; the worker then waits for the reservation
// before its next request, which is what WaitN would do but also accounts
// for the last page of a run in a shared Limiter. Fractions of a unit (an
// eventually consistent read of 4 KB costs 0.5) are carried over to the
// next charge; a charge larger than the limiter's burst is reserved in
// burst-sized parts, which add up to the same wait.
type limiter struct {
	lim  *rate.Limiter
	mu   sync.Mutex
	owed float64 // units consumed but not yet charged, < 1
}

// newLimiter returns the limiter the options ask for, or nil.
func newLimiter(o *Options) *limiter {
	switch {
	case o.Limiter != nil:
		return &limiter{lim: o.Limiter}
	case o.ReadUnitsPerSecond > 0:
		burst := int(math.Min(math.Ceil(o.ReadUnitsPerSecond), math.MaxInt32))
		return &limiter{lim: rate.NewLimiter(rate.Limit(o.ReadUnitsPerSecond), max(burst, 1))}
	}
	return nil
}

// units returns the read units of a page's consumed capacity.
func units(c *types.ConsumedCapacity) float64 {
	switch {
	case c == nil:
		return 0
	case c.CapacityUnits != nil:
		return *c.CapacityUnits
	case c.ReadCapacityUnits != nil:
		return *c.ReadCapacityUnits
	}
	return 0
}

// charge reserves the units and returns when the next request may start.
func (l *limiter) charge(units float64) (time.Time, error) {
	now := time.Now()
	if l == nil || !(units > 0) || math.IsInf(units, 0) {
		return now, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.owed += units
	whole := math.Floor(l.owed)
	l.owed -= whole
	if whole == 0 || l.lim.Limit() == rate.Inf {
		return now, nil
	}
	if l.lim.Limit() <= 0 {
		return now, fmt.Errorf("%w: rate limiter with limit %v allows no read", ErrInvalidOptions, l.lim.Limit())
	}
	burst := l.lim.Burst()
	if burst < 1 {
		return now, fmt.Errorf("%w: rate limiter burst %d cannot hold a read unit", ErrInvalidOptions, burst)
	}
	ready := now
	for whole > 0 {
		n := int(math.Min(whole, float64(burst)))
		r := l.lim.ReserveN(now, n)
		if !r.OK() {
			return now, fmt.Errorf("%w: rate limiter (limit %v, burst %d) cannot grant %d read units", ErrInvalidOptions, l.lim.Limit(), burst, n)
		}
		ready = now.Add(min(r.DelayFrom(now), maxDelay))
		whole -= float64(n)
	}
	return ready, nil
}

// maxDelay caps a wait, so that adding it to the time cannot overflow.
const maxDelay = 100 * 365 * 24 * time.Hour

// sleepUntil waits until t or until ctx is done.
func sleepUntil(ctx context.Context, t time.Time) error {
	return wait.For(ctx, time.Until(t))
}
