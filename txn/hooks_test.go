package txn_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/txn"
)

// TestHooks checks that transactions go through the DB's hooks: the calls
// with their table and capacity, and the item events after a commit.
func TestHooks(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	var calls []gonamo.Call
	var saved, loaded []any
	var deleted []map[string]types.AttributeValue
	db := gonamo.New(dynamotest.New(), func(o *gonamo.Options) {
		o.Hooks.AfterCall = func(_ context.Context, c gonamo.Call) { calls = append(calls, c) }
		o.Hooks.Saved = func(_ context.Context, _ string, item any) { saved = append(saved, item) }
		o.Hooks.Loaded = func(_ context.Context, _ string, item any) { loaded = append(loaded, item) }
		o.Hooks.Deleted = func(_ context.Context, _ string, key map[string]types.AttributeValue) { deleted = append(deleted, key) }
	})
	bank, offices := bankTable(t, db), officeTable(t, db)
	calls = nil
	a, o := &BankStatement{UserID: "a"}, &Office{ID: "o"}
	is.NoErr(txn.Write(ctx, db, txn.Put(bank, a), txn.Put(offices, o)))
	is.Equal(saved, []any{a, o})
	is.NoErr(txn.Write(ctx, db, txn.Delete(bank, a), txn.Check(offices, o, visits.Eq(0))))
	is.Equal(len(saved), 2) // a check saves nothing
	is.Equal(len(deleted), 1)
	is.NoErr(txn.Read(ctx, db, txn.Get(offices, o)))
	is.Equal(loaded, []any{o})
	is.NoErr(txn.Read(ctx, db, txn.Get(offices, o, gonamo.Only[Office](visits))))

	is.Equal(len(calls), 4)
	is.Equal(calls[0].Op, "TransactWriteItems")
	is.Equal(calls[0].Table, "") // across tables
	is.True(len(calls[0].Consumed) == 2)
	is.Equal(calls[2].Op, "TransactGetItems")
	is.Equal(calls[2].Table, offices.Name())
	is.True(len(calls[2].Consumed) == 1)
}

// TestMaxActions commits a transaction of MaxActions writes, then reads
// them back in one read transaction.
func TestMaxActions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *gonamo.DB) {
		is := is.New(t)
		ctx := context.Background()
		bank := bankTable(t, db)
		ops := make([]txn.Op, txn.MaxActions)
		gets := make([]txn.ReadOp, txn.MaxActions)
		read := make([]BankStatement, txn.MaxActions)
		for i := range ops {
			ops[i] = txn.Put(bank, &BankStatement{UserID: fmt.Sprint(i), Balance: i})
			read[i].UserID = fmt.Sprint(i)
			gets[i] = txn.Get(bank, &read[i])
		}
		is.NoErr(txn.Write(ctx, db, ops...))
		is.NoErr(txn.Read(ctx, db, gets...))
		for i, b := range read {
			is.Equal(b.Balance, i)
		}
	})
}
