package txn

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/gonamo/gonamo"
)

// Options configure Run.
type Options struct {
	// Token is the ClientRequestToken of the transaction, 1 to 36
	// characters; empty generates a random one per attempt. A token given
	// is sent on every attempt: DynamoDB applies a transaction at most once
	// per token within 10 minutes, so a request that reached DynamoDB but
	// whose answer was lost can be sent again safely. Tokens are shared by
	// all the tables of an account and region: another transaction with
	// the same token within those 10 minutes fails with the SDK's
	// *types.IdempotentParameterMismatchException. Only committed
	// transactions hold their token: a canceled one can be retried with it.
	Token string
	// MaxAttempts is how many times Run tries when the transaction fails
	// on a TransactionConflict (another transaction or write was touching
	// one of its items): 0 or 1 tries once.
	MaxAttempts int
	// Backoff gives the delay before each retry; nil uses an exponential
	// backoff with full jitter starting at 20ms and capped at one second.
	// Any of the SDK's retry.BackoffDelayer fits.
	Backoff retry.BackoffDelayer
}

// Tx collects the operations of the transaction Run commits.
type Tx struct {
	ops []Op
}

// Add adds ops to the transaction.
func (tx *Tx) Add(ops ...Op) { tx.ops = append(tx.ops, ops...) }

// Run calls fn to collect a write transaction's operations and commits
// them when fn returns nil; when fn returns an error nothing is sent and
// Run returns it. An empty transaction commits nothing.
//
// With Options.MaxAttempts above one, a transaction canceled by a
// TransactionConflict is tried again after a backoff, calling fn again
// with a new Tx: fn must build the operations afresh on each call, and
// reload what it read, since versioned objects may have moved (an
// operation whose version was stale fails with version.ErrConflict and is
// not retried). A write that failed on its own conditions is not retried
// either.
func Run(ctx context.Context, db *gonamo.DB, fn func(tx *Tx) error, opts ...func(*Options)) error {
	var o Options
	for _, f := range opts {
		f(&o)
	}
	backoff := o.Backoff
	if backoff == nil {
		backoff = jitter{base: 20 * time.Millisecond, max: time.Second}
	}
	for attempt := 1; ; attempt++ {
		var tx Tx
		if err := fn(&tx); err != nil {
			return err
		}
		p, err := PrepareWrite(db, tx.ops...)
		if err != nil {
			return err
		}
		if o.Token != "" {
			p.Token = o.Token
		}
		err = p.Commit(ctx)
		if err == nil || attempt >= o.MaxAttempts || !isConflict(err) {
			return err
		}
		d, derr := backoff.BackoffDelay(attempt, err)
		if derr != nil {
			return err
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

// jitter is the default backoff: a delay drawn uniformly below
// min(max, base·2^(attempt-1)).
type jitter struct{ base, max time.Duration }

func (j jitter) BackoffDelay(attempt int, _ error) (time.Duration, error) {
	d := j.max
	if attempt < 30 {
		d = min(j.max, j.base<<(attempt-1))
	}
	return rand.N(d + 1), nil
}
