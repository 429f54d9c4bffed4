package txn_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/txn"
)

// counted returns a DB on a fresh fake that counts its calls.
func counted(calls *int) *gonamo.DB {
	return gonamo.New(dynamotest.New(), func(o *gonamo.Options) {
		o.Hooks.BeforeCall = func(context.Context, string, string) { *calls++ }
	})
}

// TestInvalid checks that mistakes are typed errors before any call and
// that nothing is written.
func TestInvalid(t *testing.T) {
	ctx := context.Background()
	var calls int
	db := counted(&calls)
	bank := bankTable(t, db)
	other := bankTable(t, gonamo.New(dynamotest.New()))
	setup := calls
	var nilTable *gonamo.Table[BankStatement]
	many := make([]txn.Op, txn.MaxActions+1)
	manyGets := make([]txn.ReadOp, txn.MaxActions+1)
	for i := range many {
		many[i] = txn.Put(bank, &BankStatement{UserID: fmt.Sprint(i)})
		manyGets[i] = txn.Get(bank, &BankStatement{UserID: fmt.Sprint(i)})
	}
	cases := []struct {
		name  string
		ops   []txn.Op
		index int
		want  error
	}{
		{"too many", many, txn.MaxActions, txn.ErrTooMany},
		{"duplicate", []txn.Op{txn.Put(bank, &BankStatement{UserID: "a"}), txn.Update(bank, &BankStatement{UserID: "a"}, balance.Add(1))}, 1, txn.ErrDuplicate},
		{"other db", []txn.Op{txn.Put(bank, &BankStatement{UserID: "a"}), txn.Put(other, &BankStatement{UserID: "b"})}, 1, txn.ErrOtherDB},
		{"missing key", []txn.Op{txn.Delete(bank, &BankStatement{})}, 0, gonamo.ErrMissingKey},
		{"return values", []txn.Op{txn.Put(bank, &BankStatement{UserID: "a"}, gonamo.ReturnOld(&BankStatement{}))}, 0, gonamo.ErrInvalidModel},
		{"empty update", []txn.Op{txn.Update(bank, &BankStatement{UserID: "a"}, attr.Update[BankStatement]{})}, 0, gonamo.ErrInvalidModel},
		{"check without condition", []txn.Op{txn.Check(bank, &BankStatement{UserID: "a"}, attr.Condition[BankStatement]{})}, 0, gonamo.ErrInvalidModel},
		{"nil table", []txn.Op{txn.Put(nilTable, &BankStatement{UserID: "a"})}, 0, nil},
		{"zero op", []txn.Op{{}}, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			is := is.New(t)
			err := txn.Write(ctx, db, c.ops...)
			var ie *txn.InvalidError
			is.True(errors.As(err, &ie))
			is.Equal(ie.Index, c.index)
			if c.want != nil {
				is.True(errors.Is(err, c.want))
			}
		})
	}
	is := is.New(t)
	is.Equal(calls, setup) // no call

	err := txn.Read(ctx, db, manyGets...)
	is.True(errors.Is(err, txn.ErrTooMany))
	err = txn.Read(ctx, db, txn.Get(bank, &BankStatement{UserID: "a"}), txn.Get(bank, &BankStatement{UserID: "a"}))
	is.True(errors.Is(err, txn.ErrDuplicate))
	err = txn.Read(ctx, db, txn.Get(other, &BankStatement{UserID: "a"}))
	is.True(errors.Is(err, txn.ErrOtherDB))
	err = txn.Read(ctx, db, txn.Get(bank, &BankStatement{}))
	is.True(errors.Is(err, gonamo.ErrMissingKey))
	err = txn.Read(ctx, nil, txn.Get(bank, &BankStatement{UserID: "a"}))
	var ie *txn.InvalidError
	is.True(errors.As(err, &ie))
	is.Equal(ie.Index, -1)
	err = txn.Run(ctx, db, func(tx *txn.Tx) error { tx.Add(txn.Put(bank, &BankStatement{UserID: "t"})); return nil },
		func(o *txn.Options) { o.Token = "a-token-longer-than-thirty-six-characters" })
	is.True(errors.As(err, &ie))
	is.Equal(calls, setup)

	// Empty transactions do nothing.
	is.NoErr(txn.Write(ctx, db))
	is.NoErr(txn.Read(ctx, db))
	is.Equal(calls, setup)
}

// TestCanceledMessage checks the message of a cancellation whose reasons
// do not map to the actions (a request refused as a whole).
func TestCanceledMessage(t *testing.T) {
	is := is.New(t)
	ce := &txn.CanceledError{Reasons: []txn.Reason{{Index: 0, Code: "ValidationError", Message: "bad"}}}
	is.Equal(ce.Error(), "gonamo: transaction canceled; action 0: ValidationError: bad")
	ce = &txn.CanceledError{Reasons: []txn.Reason{{Index: 0, Code: "None"}, {Index: 1, Table: "t", Kind: gonamo.WriteDelete, Code: "ConditionalCheckFailed"}}}
	is.Equal(ce.Error(), "gonamo: transaction canceled; action 1 (delete on t): ConditionalCheckFailed")
}
