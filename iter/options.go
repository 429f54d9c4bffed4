package iter

import (
	"fmt"
	"math"
	"time"

	"golang.org/x/time/rate"
)

// maxSegments is DynamoDB's largest TotalSegments.
const maxSegments = 1_000_000

// Options tune an Iterator. The zero value reads everything, one DynamoDB
// page at a time (up to 1 MB each), with prefetch, no rate limit and
// unsigned cursors. New and Parallel take functions that set them, in the
// style of the AWS SDK:
//
//	it := iter.New(ctx, fetch, func(o *iter.Options) { o.PageSize = 100; o.Limit = 20 })
type Options struct {
	// PageSize is the Limit of each request (items evaluated per request,
	// before any filter). 0 leaves it to DynamoDB (1 MB per page) unless
	// Limit is set, in which case each request asks for the number of items
	// still missing; with a selective filter, set PageSize to read fewer,
	// larger pages.
	PageSize int32
	// Limit caps the number of items a run yields (0: no cap). A page view
	// is cut at the cap. Pages that cannot be needed are not prefetched.
	Limit int
	// NoPrefetch turns prefetch off: the next page is requested only after
	// the consumer is done with the current one. By default the next page
	// is fetched while the consumer works on the current one (one page
	// ahead per segment, never more).
	NoPrefetch bool
	// ReadUnitsPerSecond caps the read capacity the run consumes, like
	// PynamoDB's rate_limit: after each page, the next request waits until
	// the units the page consumed (Page.Consumed) fit in the rate. 0: no
	// cap. The first request never waits; a burst of one second's units is
	// allowed.
	ReadUnitsPerSecond float64
	// Limiter, if set, is used instead of ReadUnitsPerSecond, so that
	// several iterators (or other code) can share one capacity budget. Each
	// token is one read capacity unit.
	Limiter *rate.Limiter
	// Cursor starts the run just after the position it records (see
	// Iterator.Cursor); "" starts at the beginning. Every run of the
	// Iterator starts there.
	Cursor string
	// Scope binds cursors to what is iterated, for instance "table/index":
	// a cursor made under another scope is refused with a *CursorError
	// (CursorWrongScope).
	Scope string
	// Signer, if set, signs the cursors made and refuses cursors that it
	// did not sign. Set it when cursors travel through untrusted hands.
	// Without a Signer, cursors are not signed and signatures are not
	// checked.
	Signer *Signer
	// CursorTTL, if positive, makes cursors expire that long after they are
	// made, that is after Cursor first returns them (the expiry is covered
	// by the signature when there is a Signer).
	CursorTTL time.Duration
	// Now is the clock for cursor expiry; nil means time.Now.
	Now func() time.Time
	// Segment and TotalSegments make New run one segment of a parallel
	// scan (Segment in [0, TotalSegments)); its cursors record the segment
	// and are refused by another segment. Parallel sets them itself and
	// needs them zero.
	Segment, TotalSegments int
	// Workers bounds how many segments a Parallel scan reads at once (each
	// with one request in flight); 0 means all of them. New ignores it.
	Workers int
}

// check reports the first unusable option. segments is the argument of
// Parallel, or 0 for New.
func (o *Options) check(segments int) error {
	switch {
	case o.PageSize < 0:
		return optionsError("negative page size %d", o.PageSize)
	case o.Limit < 0:
		return optionsError("negative limit %d", o.Limit)
	case math.IsNaN(o.ReadUnitsPerSecond) || math.IsInf(o.ReadUnitsPerSecond, 0) || o.ReadUnitsPerSecond < 0:
		return optionsError("read units per second %v is not a finite number >= 0", o.ReadUnitsPerSecond)
	case o.CursorTTL < 0:
		return optionsError("negative cursor TTL %v", o.CursorTTL)
	case o.Workers < 0:
		return optionsError("negative workers %d", o.Workers)
	}
	if segments != 0 {
		if o.Segment != 0 || o.TotalSegments != 0 {
			return optionsError("Parallel sets Segment and TotalSegments itself")
		}
		if segments < 1 || segments > maxSegments {
			return optionsError("segments %d not in [1, %d]", segments, maxSegments)
		}
		return nil
	}
	switch {
	case o.TotalSegments < 0 || o.TotalSegments > maxSegments:
		return optionsError("total segments %d not in [0, %d]", o.TotalSegments, maxSegments)
	case o.TotalSegments == 0 && o.Segment != 0:
		return optionsError("segment %d without total segments", o.Segment)
	case o.TotalSegments > 0 && (o.Segment < 0 || o.Segment >= o.TotalSegments):
		return optionsError("segment %d not in [0, %d)", o.Segment, o.TotalSegments)
	}
	return nil
}

func optionsError(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidOptions}, args...)...)
}

// now reads the options' clock.
func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}
