package txn_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/txn"
	"github.com/gonamo/gonamo/version"
)

// TestConcurrentVersionedTransactions has writers increment one versioned
// office in transactions that also log each visit, reloading and retrying
// on version conflicts: no increment is lost, every visit is logged once,
// and the version counts the writes.
func TestConcurrentVersionedTransactions(t *testing.T) {
	for name, db := range testDBs(t) {
		t.Run(name, func(t *testing.T) {
			writers, each := 20, 25
			if name != "dynamotest" {
				writers, each = 4, 5
			}
			is := is.New(t)
			ctx := context.Background()
			offices, log := officeTable(t, db), bankTable(t, db)
			is.NoErr(offices.Put(ctx, &Office{ID: "hq"}))
			var conflicts atomic.Int64
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			for w := range writers {
				wg.Go(func() {
					for i := range each {
						for {
							o, err := offices.Get(ctx, &Office{ID: "hq"}, gonamo.Consistent[Office]())
							if err != nil {
								errs <- err
								return
							}
							o.Visits++
							err = txn.Write(ctx, db, txn.Save(offices, o), txn.Put(log, &BankStatement{UserID: fmt.Sprint(w, "-", i)}))
							if err == nil {
								break
							}
							if !errors.Is(err, version.ErrConflict) && !isTransactionConflict(err) {
								errs <- err
								return
							}
							conflicts.Add(1)
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				is.NoErr(err)
			}
			o, err := offices.Get(ctx, &Office{ID: "hq"}, gonamo.Consistent[Office]())
			is.NoErr(err)
			is.Equal(o.Visits, writers*each)
			is.Equal(o.Version, int64(writers*each+1))
			n, _, err := log.Scan().Consistent().Count(ctx)
			is.NoErr(err)
			is.Equal(n, int64(writers*each))
			t.Logf("%d writes, %d conflicts", writers*each, conflicts.Load())
		})
	}
}

// isTransactionConflict reports a cancellation by TransactionConflict
// (DynamoDB Local reports concurrent transactions on one item so).
func isTransactionConflict(err error) bool {
	var ce *txn.CanceledError
	if errors.As(err, &ce) {
		for _, r := range ce.Failed() {
			if r.Code == "TransactionConflict" {
				return true
			}
		}
	}
	return false
}

// TestReadConflict checks that a read transaction canceled by a conflict
// is a *CanceledError naming its reads.
func TestReadConflict(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	fake := dynamotest.New()
	db := gonamo.New(fake)
	bank := bankTable(t, db)
	is.NoErr(bank.Put(ctx, &BankStatement{UserID: "a"}))
	fake.InjectFault(dynamotest.Fault{Op: "TransactGetItems", Code: dynamotest.FaultTransactionConflict, Next: 1})
	err := txn.Read(ctx, db, txn.Get(bank, &BankStatement{UserID: "a"}))
	var ce *txn.CanceledError
	is.True(errors.As(err, &ce))
	is.Equal(ce.Reasons[0].Code, "TransactionConflict")
	is.Equal(ce.Reasons[0].Table, bank.Name())
	is.Equal(ce.Reasons[0].Kind, gonamo.WriteKind(0))
	is.Equal(err.Error(), "gonamo: transaction canceled; action 0 (get on BankStatement): TransactionConflict: Transaction is ongoing for the item")
}
