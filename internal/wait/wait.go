// Package wait holds the one way gonamo's packages pause: for a duration,
// or until ctx ends, whichever comes first.
package wait

import (
	"context"
	"time"
)

// For waits for d or until ctx is done, and returns ctx's error if it is
// (also when d is not positive, without waiting).
func For(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
