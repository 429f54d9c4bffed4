package txn_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/txn"
	"github.com/gonamo/gonamo/version"
)

// setup returns a DB on the fake with the bank and offices tables, and
// the statements of alice (100) and bob (0).
func setup() (*gonamo.DB, *gonamo.Table[BankStatement], *gonamo.Table[Office]) {
	ctx := context.Background()
	db := gonamo.New(dynamotest.New())
	bank, err := gonamo.NewTable(db, "BankStatement", gonamo.Key(userID), gonamo.Attrs[BankStatement](balance, active))
	if err != nil {
		panic(err)
	}
	offices, err := gonamo.NewTable(db, "offices", gonamo.Key(officeID), gonamo.Attrs[Office](officeName, visits), version.Lock(officeVer))
	if err != nil {
		panic(err)
	}
	for _, err := range []error{bank.Create(ctx), offices.Create(ctx),
		bank.Put(ctx, &BankStatement{UserID: "alice", Balance: 100, Active: true}),
		bank.Put(ctx, &BankStatement{UserID: "bob", Active: true})} {
		if err != nil {
			panic(err)
		}
	}
	return db, bank, offices
}

// show prints the balances of alice and bob.
func show(bank *gonamo.Table[BankStatement]) {
	a, _ := bank.Get(context.Background(), &BankStatement{UserID: "alice"})
	b, _ := bank.Get(context.Background(), &BankStatement{UserID: "bob"})
	fmt.Println("alice", a.Balance, "bob", b.Balance)
}

func Example() {
	ctx := context.Background()
	db, bank, _ := setup()
	transfer := func(amount int) error {
		return txn.Write(ctx, db,
			txn.Update(bank, &BankStatement{UserID: "alice"}, balance.Add(-amount), gonamo.If(balance.Ge(amount))),
			txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(amount)),
		)
	}
	fmt.Println(transfer(60))
	show(bank)
	err := transfer(60)
	var ce *txn.CanceledError
	if errors.As(err, &ce) {
		for _, r := range ce.Reasons {
			fmt.Println(r.Index, r.Kind, r.Code)
		}
		fmt.Println("alice had", ce.Reasons[0].Current.(*BankStatement).Balance)
	}
	show(bank)
	// Output:
	// <nil>
	// alice 40 bob 60
	// 0 update ConditionalCheckFailed
	// 1 update None
	// alice had 40
	// alice 40 bob 60
}

func ExampleWrite() {
	ctx := context.Background()
	db, bank, offices := setup()
	office := &Office{ID: "paris", Name: "Paris"}
	err := txn.Write(ctx, db,
		txn.Put(offices, office),
		txn.Update(bank, &BankStatement{UserID: "alice"}, balance.Add(-10)),
	)
	fmt.Println(err, office.Version)
	// Output: <nil> 1
}

func ExamplePut() {
	ctx := context.Background()
	db, bank, _ := setup()
	err := txn.Write(ctx, db, txn.Put(bank, &BankStatement{UserID: "carol", Balance: 5}, gonamo.If(userID.NotExists())))
	fmt.Println(err)
	err = txn.Write(ctx, db, txn.Put(bank, &BankStatement{UserID: "alice"}, gonamo.If(userID.NotExists())))
	var ce *txn.CanceledError
	fmt.Println(errors.As(err, &ce), ce.Reasons[0].Code)
	// Output:
	// <nil>
	// true ConditionalCheckFailed
}

func ExampleSave() {
	ctx := context.Background()
	db, _, offices := setup()
	office := &Office{ID: "rome", Name: "Rome"}
	_ = offices.Put(ctx, office)
	office.Visits = 3
	fmt.Println(txn.Write(ctx, db, txn.Save(offices, office)), office.Version)
	// Output: <nil> 2
}

func ExampleUpdate() {
	ctx := context.Background()
	db, bank, _ := setup()
	err := txn.Write(ctx, db, txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Set(7).And(active.Set(false))))
	fmt.Println(err)
	show(bank)
	// Output:
	// <nil>
	// alice 100 bob 7
}

func ExampleDelete() {
	ctx := context.Background()
	db, bank, _ := setup()
	err := txn.Write(ctx, db, txn.Delete(bank, &BankStatement{UserID: "bob"}, gonamo.If(balance.Eq(0))))
	fmt.Println(err)
	_, err = bank.Get(ctx, &BankStatement{UserID: "bob"})
	fmt.Println(errors.Is(err, gonamo.ErrNotFound))
	// Output:
	// <nil>
	// true
}

func ExampleCheck() {
	ctx := context.Background()
	db, bank, _ := setup()
	// Credit bob only while alice's account is inactive.
	err := txn.Write(ctx, db,
		txn.Check(bank, &BankStatement{UserID: "alice"}, active.Eq(false)),
		txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(1)),
	)
	var ce *txn.CanceledError
	fmt.Println(errors.As(err, &ce), ce.Failed()[0].Kind)
	show(bank)
	// Output:
	// true check
	// alice 100 bob 0
}

func ExampleOp() {
	db, bank, _ := setup()
	// Ops are values: build them, then commit them together.
	var ops []txn.Op
	for _, id := range []string{"alice", "bob"} {
		ops = append(ops, txn.Update(bank, &BankStatement{UserID: id}, balance.Add(1)))
	}
	fmt.Println(txn.Write(context.Background(), db, ops...))
	show(bank)
	// Output:
	// <nil>
	// alice 101 bob 1
}

func ExampleGet() {
	ctx := context.Background()
	db, bank, _ := setup()
	alice := &BankStatement{UserID: "alice"}
	bob := &BankStatement{UserID: "bob"}
	err := txn.Read(ctx, db, txn.Get(bank, alice), txn.Get(bank, bob, gonamo.Only[BankStatement](balance)))
	fmt.Println(err, alice.Balance, alice.Active, bob.Balance, bob.Active)
	// Output: <nil> 100 true 0 false
}

func ExampleReadOp() {
	ctx := context.Background()
	db, bank, _ := setup()
	statements := []BankStatement{{UserID: "alice"}, {UserID: "bob"}}
	gets := make([]txn.ReadOp, len(statements))
	for i := range statements {
		gets[i] = txn.Get(bank, &statements[i])
	}
	fmt.Println(txn.Read(ctx, db, gets...), statements[0].Balance+statements[1].Balance)
	// Output: <nil> 100
}

func ExampleRead() {
	ctx := context.Background()
	db, bank, offices := setup()
	alice, nowhere := &BankStatement{UserID: "alice"}, &Office{ID: "nowhere"}
	err := txn.Read(ctx, db, txn.Get(bank, alice), txn.Get(offices, nowhere))
	fmt.Println(errors.Is(err, gonamo.ErrNotFound), alice.Balance)
	// Output: true 100
}

func ExampleRun() {
	ctx := context.Background()
	db, bank, _ := setup()
	err := txn.Run(ctx, db, func(tx *txn.Tx) error {
		// Read what the transaction depends on inside fn: it runs again
		// when a conflict is retried.
		alice, err := bank.Get(ctx, &BankStatement{UserID: "alice"}, gonamo.Consistent[BankStatement]())
		if err != nil {
			return err
		}
		half := alice.Balance / 2
		tx.Add(
			txn.Update(bank, alice, balance.Add(-half), gonamo.If(balance.Eq(alice.Balance))),
			txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(half)),
		)
		return nil
	}, func(o *txn.Options) { o.MaxAttempts = 3 })
	fmt.Println(err)
	show(bank)
	// Output:
	// <nil>
	// alice 50 bob 50
}

func ExampleTx() {
	db, bank, _ := setup()
	err := txn.Run(context.Background(), db, func(tx *txn.Tx) error {
		tx.Add(txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(5)))
		return nil
	})
	fmt.Println(err)
	show(bank)
	// Output:
	// <nil>
	// alice 100 bob 5
}

func ExampleTx_Add() {
	db, bank, _ := setup()
	err := txn.Run(context.Background(), db, func(tx *txn.Tx) error {
		for _, id := range []string{"carol", "dave"} {
			tx.Add(txn.Put(bank, &BankStatement{UserID: id}))
		}
		return nil
	})
	n, _, _ := bank.Scan().Count(context.Background())
	fmt.Println(err, n)
	// Output: <nil> 4
}

func ExampleOptions() {
	db, bank, _ := setup()
	deposit := func(tx *txn.Tx) error {
		tx.Add(txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(5)))
		return nil
	}
	token := func(o *txn.Options) { o.Token = "deposit-2026-11-23-bob" }
	// The same token within 10 minutes: DynamoDB applies it once.
	fmt.Println(txn.Run(context.Background(), db, deposit, token))
	fmt.Println(txn.Run(context.Background(), db, deposit, token))
	show(bank)
	// Output:
	// <nil>
	// <nil>
	// alice 100 bob 5
}

func ExamplePrepareWrite() {
	ctx := context.Background()
	db, _, offices := setup()
	office := &Office{ID: "oslo", Name: "Oslo"}
	p, err := txn.PrepareWrite(db, txn.Put(offices, office))
	fmt.Println(err, len(p.Token))
	fmt.Println(p.Commit(ctx), office.Version)
	// Output:
	// <nil> 36
	// <nil> 1
}

func ExampleWriteTx() {
	ctx := context.Background()
	db, bank, _ := setup()
	p, _ := txn.PrepareWrite(db, txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(10)))
	// A prepared transaction keeps its token: committed twice, it applies
	// once.
	fmt.Println(p.Commit(ctx), p.Commit(ctx))
	show(bank)
	// Output:
	// <nil> <nil>
	// alice 100 bob 10
}

func ExampleWriteTx_Commit() {
	ctx := context.Background()
	db, _, offices := setup()
	office := &Office{ID: "lima", Name: "Lima"}
	_ = offices.Put(ctx, office)
	stale := *office
	_ = offices.Save(ctx, office)
	p, _ := txn.PrepareWrite(db, txn.Delete(offices, &stale))
	err := p.Commit(ctx)
	fmt.Println(errors.Is(err, version.ErrConflict))
	// Output: true
}

func ExamplePrepareRead() {
	ctx := context.Background()
	db, bank, _ := setup()
	bob := &BankStatement{UserID: "bob"}
	rx, err := txn.PrepareRead(db, txn.Get(bank, bob))
	fmt.Println(err)
	_ = rx.Commit(ctx)
	fmt.Println(bob.Balance)
	_ = bank.Update(ctx, &BankStatement{UserID: "bob"}, balance.Add(3))
	_ = rx.Commit(ctx) // every commit reloads
	fmt.Println(bob.Balance)
	// Output:
	// <nil>
	// 0
	// 3
}

func ExampleReadTx() {
	ctx := context.Background()
	db, bank, _ := setup()
	alice := &BankStatement{UserID: "alice"}
	rx, _ := txn.PrepareRead(db, txn.Get(bank, alice))
	for range 2 {
		fmt.Println(rx.Commit(ctx), alice.Balance)
		_ = bank.Update(ctx, &BankStatement{UserID: "alice"}, balance.Add(1))
	}
	// Output:
	// <nil> 100
	// <nil> 101
}

func ExampleReadTx_Commit() {
	ctx := context.Background()
	db, bank, _ := setup()
	bob := &BankStatement{UserID: "bob"}
	rx, _ := txn.PrepareRead(db, txn.Get(bank, bob))
	_ = bank.Delete(ctx, &BankStatement{UserID: "bob"})
	err := rx.Commit(ctx)
	var nf *txn.NotFoundError
	fmt.Println(errors.As(err, &nf), nf.Missing[0].Object == bob)
	// Output: true true
}

func ExampleMaxActions() {
	db, bank, _ := setup()
	ops := make([]txn.Op, txn.MaxActions+1)
	for i := range ops {
		ops[i] = txn.Put(bank, &BankStatement{UserID: fmt.Sprint("user", i)})
	}
	err := txn.Write(context.Background(), db, ops...)
	fmt.Println(errors.Is(err, txn.ErrTooMany))
	// Output: true
}

func ExampleErrTooMany() {
	db, bank, _ := setup()
	gets := make([]txn.ReadOp, txn.MaxActions+1)
	for i := range gets {
		gets[i] = txn.Get(bank, &BankStatement{UserID: fmt.Sprint("user", i)})
	}
	err := txn.Read(context.Background(), db, gets...)
	fmt.Println(err)
	// Output: gonamo: invalid transaction: action 100: more than 100 actions in a transaction
}

func ExampleErrDuplicate() {
	db, bank, _ := setup()
	err := txn.Write(context.Background(), db,
		txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(1)),
		txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(2)),
	)
	fmt.Println(errors.Is(err, txn.ErrDuplicate))
	fmt.Println(err)
	// Output:
	// true
	// gonamo: invalid transaction: action 1: an item appears twice in a transaction
}

func ExampleErrOtherDB() {
	db, _, _ := setup()
	_, bank, _ := setup() // a table of another DB
	err := txn.Write(context.Background(), db, txn.Put(bank, &BankStatement{UserID: "carol"}))
	fmt.Println(errors.Is(err, txn.ErrOtherDB))
	// Output: true
}

func ExampleErrTokenExpired() {
	ctx := context.Background()
	db, bank, _ := setup()
	p, _ := txn.PrepareWrite(db, txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(1)))
	err := p.Commit(ctx)
	// ... more than 10 minutes later, p.Commit(ctx) returns an error
	// for which errors.Is(err, txn.ErrTokenExpired) holds: prepare again.
	if errors.Is(err, txn.ErrTokenExpired) {
		p, _ = txn.PrepareWrite(db, txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(1)))
		err = p.Commit(ctx)
	}
	fmt.Println(err)
	fmt.Println(txn.ErrTokenExpired)
	// Output:
	// <nil>
	// gonamo: transaction token expired
}

func ExampleInvalidError() {
	db, bank, _ := setup()
	err := txn.Write(context.Background(), db,
		txn.Put(bank, &BankStatement{UserID: "carol"}),
		txn.Delete(bank, &BankStatement{}), // no key
	)
	var ie *txn.InvalidError
	fmt.Println(errors.As(err, &ie), ie.Index, errors.Is(err, gonamo.ErrMissingKey))
	// Output: true 1 true
}

func ExampleCanceledError() {
	ctx := context.Background()
	db, _, offices := setup()
	mine := &Office{ID: "kyiv", Name: "Kyiv"}
	_ = offices.Put(ctx, mine)
	theirs := *mine
	_ = offices.Save(ctx, &theirs) // version 2 now

	mine.Name = "Kiev"
	err := txn.Write(ctx, db, txn.Save(offices, mine))
	var ce *txn.CanceledError
	var sdk *types.TransactionCanceledException
	fmt.Println(errors.As(err, &ce), errors.As(err, &sdk), errors.Is(err, version.ErrConflict))
	fmt.Println(err)
	// Output:
	// true true true
	// gonamo: transaction canceled; action 0 (save on offices): ConditionalCheckFailed: The conditional request failed: gonamo/version: version conflict: local version 1, stored 2
}

func ExampleCanceledError_Failed() {
	ctx := context.Background()
	db, bank, _ := setup()
	err := txn.Write(ctx, db,
		txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(1)),
		txn.Check(bank, &BankStatement{UserID: "alice"}, balance.Gt(1000)),
	)
	var ce *txn.CanceledError
	if errors.As(err, &ce) {
		for _, r := range ce.Failed() {
			fmt.Println(r.Index, r.Table, r.Code)
		}
	}
	// Output: 1 BankStatement ConditionalCheckFailed
}

func ExampleReason() {
	ctx := context.Background()
	db, _, offices := setup()
	stale := &Office{ID: "rome", Name: "Rome"}
	_ = offices.Put(ctx, &Office{ID: "rome", Name: "Roma"})
	err := txn.Write(ctx, db, txn.Put(offices, stale)) // version 0: must not exist
	var ce *txn.CanceledError
	errors.As(err, &ce)
	r := ce.Reasons[0]
	fmt.Println(r.Code, r.Current.(*Office).Name)
	var conflict *version.ConflictError
	fmt.Println(errors.As(r.Errs[0], &conflict), conflict.Stored)
	// Output:
	// ConditionalCheckFailed Roma
	// true 1
}

func ExampleNotFoundError() {
	ctx := context.Background()
	db, bank, _ := setup()
	carol, alice := &BankStatement{UserID: "carol"}, &BankStatement{UserID: "alice"}
	err := txn.Read(ctx, db, txn.Get(bank, carol), txn.Get(bank, alice))
	fmt.Println(err)
	// Output: gonamo: not found: 1 of the transaction's items: 0 (BankStatement)
}

func ExampleMissing() {
	ctx := context.Background()
	db, bank, _ := setup()
	err := txn.Read(ctx, db, txn.Get(bank, &BankStatement{UserID: "alice"}), txn.Get(bank, &BankStatement{UserID: "carol"}))
	var nf *txn.NotFoundError
	errors.As(err, &nf)
	for _, m := range nf.Missing {
		fmt.Println(m.Index, m.Table, m.Key["user_id"].(*types.AttributeValueMemberS).Value, m.Object.(*BankStatement).UserID)
	}
	// Output: 1 BankStatement carol carol
}

func ExampleInvalidError_Error() {
	db, bank, _ := setup()
	err := txn.Write(context.Background(), db, txn.Delete(bank, &BankStatement{}))
	var ie *txn.InvalidError
	errors.As(err, &ie)
	fmt.Println(ie.Error() != "", ie.Index)
	// Output: true 0
}

func ExampleInvalidError_Unwrap() {
	db, bank, _ := setup()
	err := txn.Write(context.Background(), db, txn.Delete(bank, &BankStatement{}))
	var ie *txn.InvalidError
	errors.As(err, &ie)
	fmt.Println(errors.Is(ie.Unwrap(), gonamo.ErrMissingKey))
	// Output: true
}

func ExampleCanceledError_Error() {
	ctx := context.Background()
	db, bank, _ := setup()
	err := txn.Write(ctx, db, txn.Check(bank, &BankStatement{UserID: "alice"}, balance.Gt(1000)))
	fmt.Println(err.Error())
	// Output: gonamo: transaction canceled; action 0 (check on BankStatement): ConditionalCheckFailed: The conditional request failed.
}

func ExampleCanceledError_Unwrap() {
	ctx := context.Background()
	db, bank, _ := setup()
	err := txn.Write(ctx, db, txn.Check(bank, &BankStatement{UserID: "alice"}, balance.Gt(1000)))
	var ce *txn.CanceledError
	errors.As(err, &ce)
	var sdk *types.TransactionCanceledException
	fmt.Println(errors.As(ce.Unwrap()[0], &sdk))
	// Output: true
}

func ExampleNotFoundError_Error() {
	db, bank, _ := setup()
	err := txn.Read(context.Background(), db, txn.Get(bank, &BankStatement{UserID: "zed"}))
	var nf *txn.NotFoundError
	errors.As(err, &nf)
	fmt.Println(nf.Error())
	// Output: gonamo: not found: 1 of the transaction's items: 0 (BankStatement)
}

func ExampleNotFoundError_Unwrap() {
	db, bank, _ := setup()
	err := txn.Read(context.Background(), db, txn.Get(bank, &BankStatement{UserID: "zed"}))
	var nf *txn.NotFoundError
	errors.As(err, &nf)
	fmt.Println(nf.Unwrap() == gonamo.ErrNotFound)
	// Output: true
}

func ExampleCanceledError_ConditionFailed() {
	ctx := context.Background()
	db, bank, _ := setup()
	err := txn.Write(ctx, db, txn.Check(bank, &BankStatement{UserID: "alice"}, balance.Gt(1000)))
	var ce *txn.CanceledError
	errors.As(err, &ce)
	fmt.Println(ce.ConditionFailed(), gonamo.IsConditionFailed(err))
	// Output: true true
}
