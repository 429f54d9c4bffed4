package gonamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

// PreparedWrite is one write of a transaction, rendered by a Table's
// Prepare methods from the same typed arguments as the write sent alone
// (conditions, actions and the table's extensions, such as version
// checks, included). Package txn assembles them into TransactWriteItems.
type PreparedWrite struct {
	// Item is the write's part of the TransactWriteItems request.
	Item types.TransactWriteItem
	// Table is the table name as sent.
	Table string
	// Kind is the kind of write.
	Kind WriteKind
	// Key is the key of the item written.
	Key map[string]types.AttributeValue

	commit  func(context.Context)
	decode  func(map[string]types.AttributeValue) (any, error)
	explain func(map[string]types.AttributeValue) []error
}

// Committed runs what follows the commit of the transaction: the table's
// extensions update the local object (a versioned item gets its new
// version) and the Saved or Deleted hooks run.
func (p *PreparedWrite) Committed(ctx context.Context) {
	if p.commit != nil {
		p.commit(ctx)
	}
}

// Current decodes the stored item of a cancellation reason as a new *T of
// the write's table (returned as any).
func (p *PreparedWrite) Current(item map[string]types.AttributeValue) (any, error) {
	if p.decode == nil {
		return nil, fmt.Errorf("%w: PreparedWrite not made by a Table", ErrInvalidModel)
	}
	return p.decode(item)
}

// Explain returns the explanations of the table's extensions for a failed
// condition, given the stored item (nil when absent): version.ErrConflict
// for a versioned item whose version moved.
func (p *PreparedWrite) Explain(item map[string]types.AttributeValue) []error {
	if p.explain == nil {
		return nil
	}
	return p.explain(item)
}

// prepared wraps the write w of table t.
func (t *Table[T]) prepared(w *Write[T], key map[string]types.AttributeValue, item types.TransactWriteItem) *PreparedWrite {
	return &PreparedWrite{
		Item: item, Table: t.name, Kind: w.Kind, Key: key,
		commit: func(ctx context.Context) {
			w.commit()
			switch {
			case w.Kind == WriteDelete:
				if h := t.db.opts.Hooks.Deleted; h != nil {
					h(ctx, t.name, key)
				}
			case w.Kind != WriteCheck:
				if h := t.db.opts.Hooks.Saved; h != nil {
					h(ctx, t.name, w.Item)
				}
			}
		},
		decode: func(m map[string]types.AttributeValue) (any, error) {
			dst := new(T)
			if err := t.decode(m, dst); err != nil {
				return nil, err
			}
			return dst, nil
		},
		explain: func(m map[string]types.AttributeValue) []error {
			var out []error
			for _, e := range t.exts {
				if r := e.ExplainFailure(w, m); r != nil {
					out = append(out, r)
				}
			}
			return out
		},
	}
}

// txOptions checks the write options a transaction cannot honour.
func (t *Table[T]) txOptions(kind WriteKind, opts []WriteOption[T]) (writeConfig[T], error) {
	c := writeOptions(opts)
	if c.old != nil || c.new != nil {
		return c, &ValidationError{Model: t.schema.Model(), Err: fmt.Errorf("%w: a transaction's %s cannot return old or new values", ErrInvalidModel, kind)}
	}
	// In a transaction, the stored item of a failed condition comes in the
	// cancellation reasons when asked: ask for it always, so that
	// extensions can explain the failure and txn can decode it.
	c.onFailure = new(T)
	return c, nil
}

// PreparePut renders a Put for a transaction.
func (t *Table[T]) PreparePut(item *T, opts ...WriteOption[T]) (*PreparedWrite, error) {
	c, err := t.txOptions(WritePut, opts)
	if err != nil {
		return nil, err
	}
	in, w, err := t.putInput(item, &c)
	if err != nil {
		return nil, err
	}
	key, _ := t.key(item)
	return t.prepared(w, key, types.TransactWriteItem{Put: &types.Put{
		TableName: in.TableName, Item: in.Item, ConditionExpression: in.ConditionExpression,
		ExpressionAttributeNames: in.ExpressionAttributeNames, ExpressionAttributeValues: in.ExpressionAttributeValues,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}), nil
}

// PrepareSave renders a Save (a partial UpdateItem) for a transaction.
func (t *Table[T]) PrepareSave(item *T, opts ...WriteOption[T]) (*PreparedWrite, error) {
	c, err := t.txOptions(WriteSave, opts)
	if err != nil {
		return nil, err
	}
	in, w, err := t.saveInput(item, &c)
	if err != nil {
		return nil, err
	}
	return t.prepared(w, in.Key, types.TransactWriteItem{Update: &types.Update{
		TableName: in.TableName, Key: in.Key, UpdateExpression: in.UpdateExpression, ConditionExpression: in.ConditionExpression,
		ExpressionAttributeNames: in.ExpressionAttributeNames, ExpressionAttributeValues: in.ExpressionAttributeValues,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}), nil
}

// PrepareUpdate renders an Update with typed actions for a transaction.
func (t *Table[T]) PrepareUpdate(key *T, upd attr.Update[T], opts ...WriteOption[T]) (*PreparedWrite, error) {
	c, err := t.txOptions(WriteUpdate, opts)
	if err != nil {
		return nil, err
	}
	in, w, err := t.updateItemInput(key, upd, &c)
	if err != nil {
		return nil, err
	}
	if in.UpdateExpression == nil {
		return nil, &ValidationError{Model: t.schema.Model(), Err: fmt.Errorf("%w: a transaction's update needs at least one action", ErrInvalidModel)}
	}
	return t.prepared(w, in.Key, types.TransactWriteItem{Update: &types.Update{
		TableName: in.TableName, Key: in.Key, UpdateExpression: in.UpdateExpression, ConditionExpression: in.ConditionExpression,
		ExpressionAttributeNames: in.ExpressionAttributeNames, ExpressionAttributeValues: in.ExpressionAttributeValues,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}), nil
}

// PrepareDelete renders a Delete for a transaction.
func (t *Table[T]) PrepareDelete(key *T, opts ...WriteOption[T]) (*PreparedWrite, error) {
	c, err := t.txOptions(WriteDelete, opts)
	if err != nil {
		return nil, err
	}
	in, w, err := t.deleteInput(key, &c)
	if err != nil {
		return nil, err
	}
	return t.prepared(w, in.Key, types.TransactWriteItem{Delete: &types.Delete{
		TableName: in.TableName, Key: in.Key, ConditionExpression: in.ConditionExpression,
		ExpressionAttributeNames: in.ExpressionAttributeNames, ExpressionAttributeValues: in.ExpressionAttributeValues,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}), nil
}

// PrepareCheck renders a condition check of the item whose key fields are
// set in key, for a transaction: the transaction commits only if cond
// holds (and, on a versioned table, if the item is at key's version).
func (t *Table[T]) PrepareCheck(key *T, cond attr.Condition[T], opts ...WriteOption[T]) (*PreparedWrite, error) {
	c, err := t.txOptions(WriteCheck, opts)
	if err != nil {
		return nil, err
	}
	k, err := t.key(key)
	if err != nil {
		return nil, err
	}
	c.cond = c.cond.And(cond)
	w, err := t.prepareWrite(WriteCheck, key, &c)
	if err != nil {
		return nil, err
	}
	var b expr.Builder[T]
	ce, err := t.conditional(&b, &c, w)
	if err != nil {
		return nil, err
	}
	if ce == nil {
		return nil, &ValidationError{Model: t.schema.Model(), Err: fmt.Errorf("%w: a condition check needs a condition", ErrInvalidModel)}
	}
	return t.prepared(w, k, types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
		TableName: aws.String(t.name), Key: k, ConditionExpression: ce,
		ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}), nil
}

// PreparedGet is one read of a read transaction, rendered by
// Table.PrepareGet.
type PreparedGet struct {
	// Item is the read's part of the TransactGetItems request.
	Item types.TransactGetItem
	// Table is the table name as sent.
	Table string
	// Key is the key of the item read.
	Key map[string]types.AttributeValue

	load func(context.Context, map[string]types.AttributeValue) error
}

// Load decodes the item read into the object the read was prepared with;
// the Loaded hook runs.
func (p *PreparedGet) Load(ctx context.Context, item map[string]types.AttributeValue) error {
	if p.load == nil {
		return fmt.Errorf("%w: PreparedGet not made by a Table", ErrInvalidModel)
	}
	return p.load(ctx, item)
}

// PrepareGet renders a read of the item whose key fields are set in item,
// to be loaded into item itself, for a read transaction. Only (a
// projection) applies; reads in a transaction are always consistent.
func (t *Table[T]) PrepareGet(item *T, opts ...ReadOption[T]) (*PreparedGet, error) {
	var c readConfig[T]
	for _, o := range opts {
		o(&c)
	}
	k, err := t.key(item)
	if err != nil {
		return nil, err
	}
	g := &types.Get{TableName: aws.String(t.name), Key: k}
	if len(c.fields) > 0 {
		p, names, err := t.projection(c.fields)
		if err != nil {
			return nil, err
		}
		g.ProjectionExpression, g.ExpressionAttributeNames = &p, names
	}
	return &PreparedGet{Item: types.TransactGetItem{Get: g}, Table: t.name, Key: k,
		load: func(ctx context.Context, m map[string]types.AttributeValue) error {
			if err := t.checkRead(m); err != nil {
				return err
			}
			if err := t.decode(m, item); err != nil {
				return err
			}
			if h := t.db.opts.Hooks.Loaded; h != nil {
				h(ctx, t.name, item)
			}
			return nil
		}}, nil
}

// projection renders the ProjectionExpression of a read of the key and
// fields.
func (t *Table[T]) projection(fields []attr.Field[T]) (string, map[string]string, error) {
	var b expr.Builder[T]
	paths := []expr.Path{t.hash.Path()}
	if t.rng != nil {
		paths = append(paths, t.rng.Path())
	}
	named := map[string]bool{t.hash.Name(): true}
	if t.rng != nil {
		named[t.rng.Name()] = true
	}
	for _, f := range fields {
		if !named[f.Name()] {
			paths, named[f.Name()] = append(paths, f.Path()), true
		}
	}
	for _, name := range t.readAttrs() { // for CheckRead
		if !named[name] {
			paths, named[name] = append(paths, expr.Name(name)), true
		}
	}
	p, err := b.Projection(expr.Project[T](paths...))
	if err != nil {
		return "", nil, &ValidationError{Model: t.schema.Model(), Err: err}
	}
	return p, b.Names(), nil
}
