package txn_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/txn"
)

// delays is a backoff that records the attempts it was asked about.
type delays struct{ attempts []int }

func (d *delays) BackoffDelay(attempt int, err error) (time.Duration, error) {
	d.attempts = append(d.attempts, attempt)
	return time.Millisecond, nil
}

// TestRunRetriesConflicts injects TransactionConflict cancellations and
// checks that Run calls fn again and commits once, up to MaxAttempts.
func TestRunRetriesConflicts(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	fake := dynamotest.New()
	db := gonamo.New(fake)
	bank := bankTable(t, db)
	is.NoErr(bank.Put(ctx, &BankStatement{UserID: "a", Balance: 10}))

	calls := 0
	deposit := func(tx *txn.Tx) error {
		calls++
		tx.Add(txn.Update(bank, &BankStatement{UserID: "a"}, balance.Add(1)))
		return nil
	}
	fake.InjectFault(dynamotest.Fault{Op: "TransactWriteItems", Code: dynamotest.FaultTransactionConflict, Next: 2})
	backoff := &delays{}
	is.NoErr(txn.Run(ctx, db, deposit, func(o *txn.Options) { o.MaxAttempts = 3; o.Backoff = backoff }))
	is.Equal(calls, 3)
	is.Equal(backoff.attempts, []int{1, 2})
	is.Equal(balances(t, bank, "a"), []int{11}) // applied once

	// Out of attempts: the conflict is returned, typed.
	calls = 0
	fake.InjectFault(dynamotest.Fault{Op: "TransactWriteItems", Code: dynamotest.FaultTransactionConflict, Next: 2})
	err := txn.Run(ctx, db, deposit, func(o *txn.Options) { o.MaxAttempts = 2 })
	var ce *txn.CanceledError
	is.True(errors.As(err, &ce))
	is.Equal(ce.Reasons[0].Code, "TransactionConflict")
	is.Equal(calls, 2)
	is.Equal(balances(t, bank, "a"), []int{11})

	// Without MaxAttempts, no retry.
	calls = 0
	fake.ClearFaults()
	fake.InjectFault(dynamotest.Fault{Op: "TransactWriteItems", Code: dynamotest.FaultTransactionConflict, Next: 1})
	is.True(errors.As(txn.Run(ctx, db, deposit), &ce))
	is.Equal(calls, 1)

	// A failed condition is not retried.
	calls = 0
	err = txn.Run(ctx, db, func(tx *txn.Tx) error {
		calls++
		tx.Add(txn.Update(bank, &BankStatement{UserID: "a"}, balance.Add(-100), gonamo.If(balance.Ge(100))))
		return nil
	}, func(o *txn.Options) { o.MaxAttempts = 5 })
	is.True(errors.As(err, &ce))
	is.Equal(calls, 1)

	// fn's error stops Run before any call.
	stop := errors.New("stop")
	is.Equal(txn.Run(ctx, db, func(tx *txn.Tx) error {
		tx.Add(txn.Put(bank, &BankStatement{UserID: "b"}))
		return stop
	}), stop)
	_, err = bank.Get(ctx, &BankStatement{UserID: "b"})
	is.True(errors.Is(err, gonamo.ErrNotFound))

	// A canceled context ends the backoff.
	fake.InjectFault(dynamotest.Fault{Op: "TransactWriteItems", Code: dynamotest.FaultTransactionConflict, Next: 1})
	cctx, cancel := context.WithCancel(ctx)
	calls = 0
	err = txn.Run(cctx, db, deposit, func(o *txn.Options) { o.MaxAttempts = 3; o.Backoff = slow{cancel} })
	is.True(errors.As(err, &ce))
	is.Equal(calls, 1)
}

// slow is a backoff of an hour that cancels the context of the Run.
type slow struct{ cancel func() }

func (s slow) BackoffDelay(int, error) (time.Duration, error) {
	s.cancel()
	return time.Hour, nil
}

// TestConflictException checks that a TransactionConflictException (the
// error an item write gets, here injected on the transaction) is retried
// and wraps the SDK's error otherwise.
func TestConflictException(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	var hookErrs []error
	left := 1
	db := gonamo.New(conflicting{dynamotest.New(), &left}, func(o *gonamo.Options) {
		o.Hooks.AfterCall = func(_ context.Context, c gonamo.Call) {
			if c.Op == "TransactWriteItems" {
				hookErrs = append(hookErrs, c.Err)
			}
		}
	})
	bank := bankTable(t, db)
	is.NoErr(txn.Run(ctx, db, func(tx *txn.Tx) error {
		tx.Add(txn.Put(bank, &BankStatement{UserID: "a"}))
		return nil
	}, func(o *txn.Options) { o.MaxAttempts = 2; o.Backoff = &delays{} }))
	is.Equal(len(hookErrs), 2)
	var tce *types.TransactionConflictException
	is.True(errors.As(hookErrs[0], &tce))
	is.NoErr(hookErrs[1])

	left = 1
	err := txn.Write(ctx, db, txn.Put(bank, &BankStatement{UserID: "b"}))
	is.True(errors.As(err, &tce))
	is.True(strings.HasPrefix(err.Error(), "gonamo: transact write: "))
}

// conflicting returns a TransactionConflictException from its first
// TransactWriteItems calls, as many as left says.
type conflicting struct {
	*dynamotest.DB
	left *int
}

func (c conflicting) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, o ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	if *c.left > 0 {
		*c.left--
		return nil, &types.TransactionConflictException{Message: aws.String("Transaction is ongoing for the item")}
	}
	return c.DB.TransactWriteItems(ctx, in, o...)
}
