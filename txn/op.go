package txn

import (
	"errors"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
)

// errNilTable is the error of an operation built on a nil table.
var errNilTable = errors.New("gonamo: nil table")

// Op is one write of a write transaction: a Put, Save, Update, Delete or
// Check of a table, built from the same arguments as the write sent alone.
// It is rendered (conditions, actions and the table's extensions, such as
// version checks, included) when the transaction is prepared; its errors
// surface there, with the action's index. The zero Op is invalid.
type Op struct {
	db      *gonamo.DB
	err     error
	prepare func() (*gonamo.PreparedWrite, error)
}

// opOf returns the Op of table t rendered by prepare.
func opOf[T any](t *gonamo.Table[T], prepare func() (*gonamo.PreparedWrite, error)) Op {
	if t == nil {
		return Op{err: errNilTable}
	}
	return Op{db: t.DB(), prepare: prepare}
}

// Put writes item whole in the transaction, as Table.Put does.
func Put[T any](t *gonamo.Table[T], item *T, opts ...gonamo.WriteOption[T]) Op {
	return opOf(t, func() (*gonamo.PreparedWrite, error) { return t.PreparePut(item, opts...) })
}

// Save writes the attributes of item in the transaction with a partial
// UpdateItem, as Table.Save does.
func Save[T any](t *gonamo.Table[T], item *T, opts ...gonamo.WriteOption[T]) Op {
	return opOf(t, func() (*gonamo.PreparedWrite, error) { return t.PrepareSave(item, opts...) })
}

// Update applies the typed actions upd to the item whose key fields are set
// in key, in the transaction, as Table.Update does. On a versioned table
// the version is read from key, and key carries the new one after the
// commit.
func Update[T any](t *gonamo.Table[T], key *T, upd attr.Update[T], opts ...gonamo.WriteOption[T]) Op {
	return opOf(t, func() (*gonamo.PreparedWrite, error) { return t.PrepareUpdate(key, upd, opts...) })
}

// Delete deletes the item whose key fields are set in key, in the
// transaction, as Table.Delete does.
func Delete[T any](t *gonamo.Table[T], key *T, opts ...gonamo.WriteOption[T]) Op {
	return opOf(t, func() (*gonamo.PreparedWrite, error) { return t.PrepareDelete(key, opts...) })
}

// Check makes the transaction commit only if cond holds on the item whose
// key fields are set in key (a ConditionCheck; nothing is written to it).
// On a versioned table the item must also be at key's version, unless
// version.NoCheck is among opts.
func Check[T any](t *gonamo.Table[T], key *T, cond attr.Condition[T], opts ...gonamo.WriteOption[T]) Op {
	return opOf(t, func() (*gonamo.PreparedWrite, error) { return t.PrepareCheck(key, cond, opts...) })
}

// ReadOp is one read of a read transaction, built by Get. The zero ReadOp
// is invalid.
type ReadOp struct {
	db      *gonamo.DB
	err     error
	object  any
	prepare func() (*gonamo.PreparedGet, error)
}

// Get reads the item whose key fields are set in item into item itself, in
// a read transaction. Of the read options only gonamo.Only (a projection)
// applies: reads in a transaction are always strongly consistent.
func Get[T any](t *gonamo.Table[T], item *T, opts ...gonamo.ReadOption[T]) ReadOp {
	if t == nil {
		return ReadOp{err: errNilTable}
	}
	return ReadOp{db: t.DB(), object: item, prepare: func() (*gonamo.PreparedGet, error) { return t.PrepareGet(item, opts...) }}
}
