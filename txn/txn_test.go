package txn_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/internal/testenv"
	"github.com/gonamo/gonamo/txn"
	"github.com/gonamo/gonamo/version"
)

// BankStatement is PynamoDB's transaction example model.
type BankStatement struct {
	UserID  string
	Balance int
	Active  bool
}

var (
	userID  = attr.String("user_id", func(b *BankStatement) *string { return &b.UserID })
	balance = attr.Int("account_balance", func(b *BankStatement) *int { return &b.Balance })
	active  = attr.Bool("is_active", func(b *BankStatement) *bool { return &b.Active })
)

// Office is a versioned model, after PynamoDB's optimistic locking example.
type Office struct {
	ID      string
	Name    string
	Visits  int
	Version int64
}

var (
	officeID   = attr.String("office_id", func(o *Office) *string { return &o.ID })
	officeName = attr.String("name", func(o *Office) *string { return &o.Name })
	visits     = attr.Int("visits", func(o *Office) *int { return &o.Visits })
	officeVer  = version.Attr("version", func(o *Office) *int64 { return &o.Version })
)

// testDBs returns a DB on the fake and, with GONAMO_TEST_ENDPOINT, one on
// DynamoDB Local with a table prefix unique to the run and the test.
func testDBs(t *testing.T) map[string]*gonamo.DB {
	dbs := map[string]*gonamo.DB{"dynamotest": gonamo.New(dynamotest.New())}
	if c := testenv.Client(); c != nil {
		dbs["dynamodblocal"] = gonamo.New(c, func(o *gonamo.Options) { o.TableNamePrefix = testenv.Prefix("txn") })
	}
	return dbs
}

// create creates t's table and deletes it when the test ends.
func create[T any](tb testing.TB, t *gonamo.Table[T], err error) *gonamo.Table[T] {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
	if err := t.Create(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { t.DeleteTable(context.Background()) })
	return t
}

func bankTable(tb testing.TB, db *gonamo.DB) *gonamo.Table[BankStatement] {
	t, err := gonamo.NewTable(db, "BankStatement", gonamo.Key(userID), gonamo.Attrs[BankStatement](balance, active))
	return create(tb, t, err)
}

func officeTable(tb testing.TB, db *gonamo.DB) *gonamo.Table[Office] {
	t, err := gonamo.NewTable(db, "offices", gonamo.Key(officeID), gonamo.Attrs[Office](officeName, visits), version.Lock(officeVer))
	return create(tb, t, err)
}

// eachDB runs f on every test DB.
func eachDB(t *testing.T, f func(t *testing.T, db *gonamo.DB)) {
	for name, db := range testDBs(t) {
		t.Run(name, func(t *testing.T) { f(t, db) })
	}
}

func balances(t *testing.T, bank *gonamo.Table[BankStatement], ids ...string) []int {
	t.Helper()
	var out []int
	for _, id := range ids {
		b, err := bank.Get(context.Background(), &BankStatement{UserID: id}, gonamo.Consistent[BankStatement]())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b.Balance)
	}
	return out
}

// TestBankTransfer ports PynamoDB's transfer between two statements: the
// transfer succeeds, then a debit larger than the balance is canceled,
// with the cancellation reasons inspected and both balances unchanged.
func TestBankTransfer(t *testing.T) {
	eachDB(t, func(t *testing.T, db *gonamo.DB) {
		is := is.New(t)
		ctx := context.Background()
		bank := bankTable(t, db)
		is.NoErr(bank.Put(ctx, &BankStatement{UserID: "user1", Balance: 100, Active: true}))
		is.NoErr(bank.Put(ctx, &BankStatement{UserID: "user2", Active: true}))

		// Tokens are account-wide: unique to the run, as the DynamoDB Local
		// instance is shared.
		run := time.Now().UnixNano()
		transfer := func(amount int) error {
			return txn.Run(ctx, db, func(tx *txn.Tx) error {
				tx.Add(
					txn.Update(bank, &BankStatement{UserID: "user1"}, balance.Add(-amount), gonamo.If(balance.Ge(amount))),
					txn.Update(bank, &BankStatement{UserID: "user2"}, balance.Add(amount)),
				)
				return nil
			}, func(o *txn.Options) { o.Token = fmt.Sprintf("transfer-%d-%d", amount, run) })
		}
		is.NoErr(transfer(50))
		is.Equal(balances(t, bank, "user1", "user2"), []int{50, 50})

		err := transfer(60)
		var ce *txn.CanceledError
		is.True(errors.As(err, &ce))
		var sdk *types.TransactionCanceledException
		is.True(errors.As(err, &sdk)) // the SDK's exception stays reachable
		is.Equal(len(ce.Reasons), 2)
		r := ce.Reasons[0]
		is.Equal(r.Code, "ConditionalCheckFailed")
		is.Equal(r.Index, 0)
		is.Equal(r.Table, bank.Name())
		is.Equal(r.Kind, gonamo.WriteUpdate)
		is.Equal(r.Current.(*BankStatement), &BankStatement{UserID: "user1", Balance: 50, Active: true})
		is.Equal(ce.Reasons[1].Code, "None")
		is.Equal(ce.Reasons[1].Current, nil)
		is.Equal(len(ce.Failed()), 1)
		is.True(!errors.Is(err, version.ErrConflict))
		is.Equal(balances(t, bank, "user1", "user2"), []int{50, 50})
	})
}

// TestPynamoDBOperations ports PynamoDB's condition_check, delete, save
// and update in one transaction, then its TransactGet.
func TestPynamoDBOperations(t *testing.T) {
	eachDB(t, func(t *testing.T, db *gonamo.DB) {
		is := is.New(t)
		ctx := context.Background()
		bank := bankTable(t, db)
		for _, b := range []BankStatement{{UserID: "user1", Balance: 10, Active: true}, {UserID: "user2"}, {UserID: "user4", Balance: 1}} {
			is.NoErr(bank.Put(ctx, &b))
		}
		user3 := &BankStatement{UserID: "user3", Balance: 30}
		is.NoErr(txn.Write(ctx, db,
			txn.Check(bank, &BankStatement{UserID: "user1"}, active.Eq(true)),
			txn.Delete(bank, &BankStatement{UserID: "user2"}),
			txn.Put(bank, user3),
			txn.Update(bank, &BankStatement{UserID: "user4"}, balance.Set(500).And(active.Set(true))),
		))

		u1, u3, u4 := &BankStatement{UserID: "user1"}, &BankStatement{UserID: "user3"}, &BankStatement{UserID: "user4"}
		is.NoErr(txn.Read(ctx, db, txn.Get(bank, u1), txn.Get(bank, u3), txn.Get(bank, u4)))
		is.Equal(*u1, BankStatement{UserID: "user1", Balance: 10, Active: true})
		is.Equal(*u3, *user3)
		is.Equal(*u4, BankStatement{UserID: "user4", Balance: 500, Active: true})

		// The deleted item is missing; the others still load.
		u1, u2 := &BankStatement{UserID: "user1"}, &BankStatement{UserID: "user2", Balance: -1}
		err := txn.Read(ctx, db, txn.Get(bank, u1), txn.Get(bank, u2))
		is.True(errors.Is(err, gonamo.ErrNotFound))
		var nf *txn.NotFoundError
		is.True(errors.As(err, &nf))
		is.Equal(len(nf.Missing), 1)
		is.Equal(nf.Missing[0].Index, 1)
		is.Equal(nf.Missing[0].Table, bank.Name())
		is.Equal(nf.Missing[0].Object.(*BankStatement), u2)
		is.Equal(u2.Balance, -1) // untouched
		is.Equal(u1.Balance, 10)

		// A failed check cancels the whole transaction: nothing written.
		err = txn.Write(ctx, db,
			txn.Check(bank, &BankStatement{UserID: "user3"}, active.Eq(true)),
			txn.Update(bank, &BankStatement{UserID: "user4"}, balance.Add(1)),
		)
		var ce *txn.CanceledError
		is.True(errors.As(err, &ce))
		is.Equal(ce.Reasons[0].Code, "ConditionalCheckFailed")
		is.Equal(ce.Reasons[0].Kind, gonamo.WriteCheck)
		is.Equal(ce.Reasons[0].Current.(*BankStatement), user3)
		is.Equal(balances(t, bank, "user4"), []int{500})
	})
}

// TestOfficeTransactions ports the transaction part of PynamoDB's
// optimistic locking example: versioned writes in a transaction check and
// increment versions, a stale copy cancels the transaction with
// version.ErrConflict, and after a reload the transaction succeeds.
func TestOfficeTransactions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *gonamo.DB) {
		is := is.New(t)
		ctx := context.Background()
		offices, bank := officeTable(t, db), bankTable(t, db)
		paris, rome := &Office{ID: "paris", Name: "Paris"}, &Office{ID: "rome", Name: "Rome"}
		is.NoErr(txn.Write(ctx, db, txn.Put(offices, paris), txn.Save(offices, rome),
			txn.Put(bank, &BankStatement{UserID: "office-fund", Balance: 10})))
		is.Equal(paris.Version, int64(1)) // the local objects carry their versions
		is.Equal(rome.Version, int64(1))

		stale, err := offices.Get(ctx, &Office{ID: "paris"})
		is.NoErr(err)
		paris.Visits = 1
		is.NoErr(txn.Write(ctx, db, txn.Save(offices, paris), txn.Update(offices, rome, visits.Add(1))))
		is.Equal(paris.Version, int64(2))
		is.Equal(rome.Version, int64(2))

		// The stale copy's transaction is canceled; nothing is written.
		stale.Name = "Lutetia"
		err = txn.Write(ctx, db, txn.Save(offices, stale), txn.Update(bank, &BankStatement{UserID: "office-fund"}, balance.Add(-5)))
		is.True(errors.Is(err, version.ErrConflict))
		var ce *txn.CanceledError
		is.True(errors.As(err, &ce))
		is.Equal(ce.Reasons[0].Code, "ConditionalCheckFailed")
		is.Equal(ce.Reasons[0].Current.(*Office).Version, int64(2))
		var conflict *version.ConflictError
		is.True(errors.As(ce.Reasons[0].Errs[0], &conflict))
		is.Equal(conflict.Local, int64(1))
		is.Equal(conflict.Stored, int64(2))
		is.Equal(ce.Reasons[1].Code, "None")
		is.Equal(stale.Version, int64(1)) // unchanged on failure
		is.Equal(balances(t, bank, "office-fund"), []int{10})

		// A stale delete and a stale check conflict as well.
		err = txn.Write(ctx, db, txn.Delete(offices, stale))
		is.True(errors.Is(err, version.ErrConflict))
		err = txn.Write(ctx, db, txn.Check(offices, stale, visits.Ge(0)), txn.Update(bank, &BankStatement{UserID: "office-fund"}, balance.Add(-5)))
		is.True(errors.Is(err, version.ErrConflict))
		// NoCheck skips the version check (but still increments it).
		noCheck := &Office{ID: "rome", Name: "Roma"}
		is.NoErr(txn.Write(ctx, db, txn.Save(offices, noCheck, version.NoCheck[Office]())))
		is.Equal(noCheck.Version, int64(1))

		// Reloaded, the stale copy commits: read it transactionally.
		is.NoErr(txn.Read(ctx, db, txn.Get(offices, stale)))
		is.Equal(stale.Version, int64(2))
		stale.Name = "Lutetia"
		is.NoErr(txn.Write(ctx, db, txn.Save(offices, stale), txn.Check(offices, rome, visits.Eq(0), version.NoCheck[Office]())))
		is.Equal(stale.Version, int64(3))
		is.NoErr(txn.Write(ctx, db, txn.Delete(offices, stale)))
		_, err = offices.Get(ctx, &Office{ID: "paris"})
		is.True(errors.Is(err, gonamo.ErrNotFound))
	})
}
