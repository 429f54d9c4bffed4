package txn

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
)

// Read loads the objects of gets at once with a read transaction
// (TransactGetItems): a consistent snapshot of up to MaxActions items
// across tables. See ReadTx.Commit for the errors.
func Read(ctx context.Context, db *gonamo.DB, gets ...ReadOp) error {
	p, err := PrepareRead(db, gets...)
	if err != nil {
		return err
	}
	return p.Commit(ctx)
}

// ReadTx is a prepared read transaction. Every Commit loads the objects
// again (bloop's multiple commits). It is not safe for concurrent use.
type ReadTx struct {
	db      *gonamo.DB
	table   string
	gets    []*gonamo.PreparedGet
	objects []any
}

// PrepareRead renders gets into a read transaction to commit later. It
// returns an *InvalidError, before any call, when there are more than
// MaxActions, when the same item appears twice, when a read's table
// belongs to another DB than db, or when a read's arguments are invalid.
func PrepareRead(db *gonamo.DB, gets ...ReadOp) (*ReadTx, error) {
	if db == nil {
		return nil, &InvalidError{Index: -1, Err: errors.New("gonamo: nil DB")}
	}
	if len(gets) > MaxActions {
		return nil, &InvalidError{Index: MaxActions, Err: ErrTooMany}
	}
	p := &ReadTx{db: db, gets: make([]*gonamo.PreparedGet, len(gets)), objects: make([]any, len(gets))}
	seen := make(map[string]bool, len(gets))
	tables := map[string]bool{}
	for i, g := range gets {
		if err := check(db, g.db, g.err, g.prepare == nil); err != nil {
			return nil, &InvalidError{Index: i, Err: err}
		}
		pg, err := g.prepare()
		if err != nil {
			return nil, &InvalidError{Index: i, Err: err}
		}
		id := itemID(pg.Table, pg.Key)
		if seen[id] {
			return nil, &InvalidError{Index: i, Err: ErrDuplicate}
		}
		seen[id] = true
		tables[pg.Table] = true
		p.gets[i], p.objects[i], p.table = pg, g.object, pg.Table
	}
	if len(tables) > 1 {
		p.table = ""
	}
	return p, nil
}

// Commit reads the items and loads each into its object; the DB's Loaded
// hook runs for each. An empty transaction reads nothing and returns nil.
// When items are missing the error is a *NotFoundError listing them
// (errors.Is(err, gonamo.ErrNotFound) holds) and the others are loaded.
// A transaction DynamoDB canceled (a conflict with a write in progress)
// is a *CanceledError; other errors wrap the SDK's.
func (p *ReadTx) Commit(ctx context.Context) error {
	if len(p.gets) == 0 {
		return nil
	}
	items := make([]types.TransactGetItem, len(p.gets))
	for i, g := range p.gets {
		items[i] = g.Item
	}
	out, err := gonamo.Do(ctx, p.db, "TransactGetItems", p.table,
		func(ctx context.Context, capacity types.ReturnConsumedCapacity, o ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error) {
			return p.db.Client().TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: items, ReturnConsumedCapacity: capacity}, o...)
		}, func(o *dynamodb.TransactGetItemsOutput) []types.ConsumedCapacity { return o.ConsumedCapacity })
	if err != nil {
		var tce *types.TransactionCanceledException
		if !errors.As(err, &tce) {
			return fmt.Errorf("gonamo: transact get: %w", err)
		}
		ce := &CanceledError{Err: err, Reasons: make([]Reason, len(tce.CancellationReasons))}
		for i, cr := range tce.CancellationReasons {
			ce.Reasons[i] = Reason{Index: i, Code: deref(cr.Code), Message: deref(cr.Message), Item: cr.Item}
			if len(tce.CancellationReasons) == len(p.gets) {
				ce.Reasons[i].Table = p.gets[i].Table
			}
		}
		return ce
	}
	if len(out.Responses) != len(p.gets) {
		return fmt.Errorf("gonamo: transact get: %d responses for %d reads", len(out.Responses), len(p.gets))
	}
	var nf *NotFoundError
	for i, r := range out.Responses {
		g := p.gets[i]
		if r.Item == nil {
			if nf == nil {
				nf = &NotFoundError{}
			}
			nf.Missing = append(nf.Missing, Missing{Index: i, Table: g.Table, Key: g.Key, Object: p.objects[i]})
			continue
		}
		if err := g.Load(ctx, r.Item); err != nil {
			return err
		}
	}
	if nf != nil {
		return nf
	}
	return nil
}
