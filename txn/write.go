package txn

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/internal/value"
)

// MaxActions is the most actions (writes, or reads) DynamoDB accepts in
// one transaction.
const MaxActions = 100

// tokenWindow is how long DynamoDB recognises a ClientRequestToken.
const tokenWindow = 10 * time.Minute

// Write commits ops as one write transaction (TransactWriteItems): all of
// them are applied, or none. It is Run with a function adding ops and the
// default options. See WriteTx.Commit for the errors.
func Write(ctx context.Context, db *gonamo.DB, ops ...Op) error {
	p, err := PrepareWrite(db, ops...)
	if err != nil {
		return err
	}
	return p.Commit(ctx)
}

// WriteTx is a prepared write transaction (bloop's PreparedTransaction):
// its actions are rendered once, with the version values of the objects
// at that time, and a client request token is generated. It is not safe
// for concurrent use.
type WriteTx struct {
	// Token is the ClientRequestToken sent on every commit: 1 to 36
	// characters. PrepareWrite generates a random one; set it before the
	// first commit to use your own.
	Token string

	db        *gonamo.DB
	table     string
	writes    []*gonamo.PreparedWrite
	first     time.Time
	committed bool
	now       func() time.Time
}

// PrepareWrite renders ops into a write transaction to commit later. It
// returns an *InvalidError, before any call, when there are more than
// MaxActions, when the same item appears twice, when an operation's table
// belongs to another DB than db, or when an operation's arguments are
// invalid.
func PrepareWrite(db *gonamo.DB, ops ...Op) (*WriteTx, error) {
	if db == nil {
		return nil, &InvalidError{Index: -1, Err: errors.New("gonamo: nil DB")}
	}
	if len(ops) > MaxActions {
		return nil, &InvalidError{Index: MaxActions, Err: ErrTooMany}
	}
	p := &WriteTx{Token: newToken(), db: db, writes: make([]*gonamo.PreparedWrite, len(ops)), now: time.Now}
	seen := make(map[string]bool, len(ops))
	tables := map[string]bool{}
	for i, op := range ops {
		if err := check(db, op.db, op.err, op.prepare == nil); err != nil {
			return nil, &InvalidError{Index: i, Err: err}
		}
		w, err := op.prepare()
		if err != nil {
			return nil, &InvalidError{Index: i, Err: err}
		}
		id := itemID(w.Table, w.Key)
		if seen[id] {
			return nil, &InvalidError{Index: i, Err: ErrDuplicate}
		}
		seen[id] = true
		tables[w.Table] = true
		p.writes[i] = w
		p.table = w.Table
	}
	if len(tables) > 1 {
		p.table = ""
	}
	return p, nil
}

// check validates an operation of the transaction of db.
func check(db, opDB *gonamo.DB, opErr error, zero bool) error {
	switch {
	case opErr != nil:
		return opErr
	case zero:
		return errors.New("gonamo: zero operation")
	case opDB != db:
		return ErrOtherDB
	}
	return nil
}

// Commit sends the transaction. An empty transaction commits nothing and
// returns nil. On success every object written carries what the commit
// changed (a versioned object its new version) and the DB's Saved and
// Deleted hooks run.
//
// When DynamoDB cancels the transaction the error is a *CanceledError
// listing, per action, the reason and the stored item decoded as the
// action's *T; errors.Is(err, version.ErrConflict) holds when a versioned
// action conflicted. Other errors wrap the SDK's.
//
// Committing again sends the same request with the same token: within
// DynamoDB's 10-minute window of the first commit a transaction already
// committed is not applied again (and the objects are left as they are),
// one that failed is attempted again; after the window Commit returns an
// *InvalidError wrapping ErrTokenExpired without any call, since the
// versions captured at preparation are stale by then: prepare a new
// transaction.
func (p *WriteTx) Commit(ctx context.Context) error {
	if len(p.writes) == 0 {
		return nil
	}
	if n := len(p.Token); n < 1 || n > 36 {
		return &InvalidError{Index: -1, Err: fmt.Errorf("gonamo: client request token of %d characters, not 1 to 36", n)}
	}
	now := p.now()
	if p.first.IsZero() {
		p.first = now
	} else if now.Sub(p.first) >= tokenWindow {
		return &InvalidError{Index: -1, Err: ErrTokenExpired}
	}
	items := make([]types.TransactWriteItem, len(p.writes))
	for i, w := range p.writes {
		items[i] = w.Item
	}
	token := p.Token
	_, err := gonamo.Do(ctx, p.db, "TransactWriteItems", p.table,
		func(ctx context.Context, capacity types.ReturnConsumedCapacity, o ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
			return p.db.Client().TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{
				TransactItems: items, ClientRequestToken: &token, ReturnConsumedCapacity: capacity}, o...)
		}, func(o *dynamodb.TransactWriteItemsOutput) []types.ConsumedCapacity { return o.ConsumedCapacity })
	if err != nil {
		return p.failed(err)
	}
	if !p.committed {
		p.committed = true
		for _, w := range p.writes {
			w.Committed(ctx)
		}
	}
	return nil
}

// failed turns the error of TransactWriteItems into gonamo's.
func (p *WriteTx) failed(err error) error {
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		return fmt.Errorf("gonamo: transact write: %w", err)
	}
	ce := &CanceledError{Err: err, Reasons: make([]Reason, len(tce.CancellationReasons))}
	for i, cr := range tce.CancellationReasons {
		r := Reason{Index: i, Code: deref(cr.Code), Message: deref(cr.Message), Item: cr.Item}
		// DynamoDB lists one reason per action, except for a request
		// refused as a whole (a single ValidationError, say).
		if len(tce.CancellationReasons) == len(p.writes) {
			w := p.writes[i]
			r.Table, r.Kind = w.Table, w.Kind
			if cr.Item != nil {
				cur, derr := w.Current(cr.Item)
				if derr != nil {
					r.Errs = append(r.Errs, derr)
				} else {
					r.Current = cur
				}
			}
			if r.Code == "ConditionalCheckFailed" {
				r.Errs = append(r.Errs, w.Explain(cr.Item)...)
			}
		}
		ce.Reasons[i] = r
	}
	return ce
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// newToken returns a random UUID (version 4) as a client request token.
func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// itemID identifies the item of table with key, to find duplicates: the
// table name, then each key attribute's name, type and canonical value,
// in name order, each prefixed with its length.
func itemID(table string, key map[string]types.AttributeValue) string {
	b := make([]byte, 0, 64)
	b = field(b, table)
	names := make([]string, 0, 2)
	for name := range key {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		b = field(b, name)
		switch v := key[name].(type) {
		case *types.AttributeValueMemberS:
			b = field(append(b, 'S'), v.Value)
		case *types.AttributeValueMemberB:
			b = field(append(b, 'B'), string(v.Value))
		case *types.AttributeValueMemberN:
			// 1 and 1.0 are the same number, hence the same item.
			n, err := value.NormalizeNumber(v.Value)
			if err != nil {
				n = v.Value
			}
			b = field(append(b, 'N'), n)
		default: // not a key type: DynamoDB refuses it, any rendering will do
			b = field(b, fmt.Sprintf("%s%#v", value.TypeName(v), v))
		}
	}
	return string(b)
}

// field appends s to b, prefixed with its length.
func field(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}
