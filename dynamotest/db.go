package dynamotest

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// Options configure a DB.
type Options struct {
	// Now is the DB's clock: it stamps table creation, change-log records,
	// TTL expiry and the idempotency window of ClientRequestToken.
	// Defaults to time.Now.
	Now func() time.Time
	// TableDelay keeps a created table (and a created index) in CREATING
	// state for this long on the DB's clock; zero makes tables ACTIVE at once.
	TableDelay time.Duration
	// Region and AccountID appear in ARNs. Defaults: "us-east-1", "000000000000".
	Region, AccountID string
	// Seed makes fault injection by rate and partial batch results
	// deterministic: the same seed and calls give the same failures.
	Seed uint64
	// Streams configures the DynamoDB Streams API (see DB.Streams).
	Streams StreamOptions
}

// DB is an in-memory DynamoDB. Its methods have the signatures of
// *dynamodb.Client's, so it satisfies any interface written for the SDK
// client. It is safe for concurrent use and every operation, transactions
// included, is atomic.
type DB struct {
	opts Options

	mu     sync.RWMutex
	tables map[string]*table
	tokens map[string]txToken // ClientRequestToken -> earlier transaction

	faults  faults
	streams streamState // SplitShard's splits, guarded by mu
}

// New returns an empty DB.
func New(optFns ...func(*Options)) *DB {
	o := Options{Now: time.Now, Region: "us-east-1", AccountID: "000000000000"}
	for _, f := range optFns {
		f(&o)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	db := &DB{opts: o, tables: map[string]*table{}, tokens: map[string]txToken{}}
	db.faults.rng = rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	return db
}

func (db *DB) now() time.Time { return db.opts.Now() }

// enter runs at the start of every operation: it honours the context and
// applies injected latency and faults.
func (db *DB) enter(ctx context.Context, op string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d := db.faults.latency(op); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	err := db.faults.fail(op)
	if cf, ok := err.(conflictFault); ok && !strings.HasPrefix(op, "Transact") {
		return cf.TransactionConflictException
	}
	return err
}
