package dynamotest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/borrow"
	"github.com/gonamo/gonamo/internal/value"
)

// writeKind tells what a write does to its item.
type writeKind int

const (
	kindPut writeKind = iota
	kindUpdate
	kindDelete
	kindCheck
)

func (k writeKind) String() string {
	return [...]string{"Put", "Update", "Delete", "ConditionCheck"}[k]
}

// writeReq is the common shape of PutItem, UpdateItem, DeleteItem and the
// transaction actions Put, Update, Delete and ConditionCheck.
type writeReq struct {
	kind   writeKind
	table  *string
	item   value.Item // Put
	key    value.Item // Update, Delete, ConditionCheck
	update *string
	cond   *string
	exprInput
	rvFail types.ReturnValuesOnConditionCheckFailure
}

// write is a validated writeReq bound to its table and item identity.
type write struct {
	writeReq
	t    *table
	id   string
	item value.Item // canonical Put item, or the key item
	cond *expr.Condition
	upd  *expr.Update

	old *entry     // the stored item before (resolve)
	new value.Item // the item after (resolve); nil deletes
}

// prepare validates a write request against its table. The caller holds db.mu.
func (db *DB) prepare(r writeReq) (*write, error) {
	none := ": ConditionExpression is null"
	anySet := r.cond != nil
	if r.kind == kindUpdate {
		none = ": UpdateExpression and ConditionExpression are null"
		anySet = anySet || r.update != nil
	}
	ctx, err := newContext(r.exprInput, anySet, anySet, none)
	if err != nil {
		return nil, err
	}
	w := &write{writeReq: r}
	if w.cond, err = condition(ctx, r.cond); err != nil {
		return nil, err
	}
	if r.update != nil {
		if w.upd, err = ctx.Update(*r.update); err != nil {
			return nil, err
		}
	}
	if r.kind == kindCheck && r.cond == nil {
		return nil, validationf("1 validation error detected: Value null at 'conditionExpression' failed to satisfy constraint: Member must not be null")
	}
	if err := ctx.CheckUnused(); err != nil {
		return nil, err
	}
	if w.t, err = db.table(r.table); err != nil {
		return nil, err
	}
	if r.kind == kindPut {
		if r.item == nil {
			return nil, validationf("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null")
		}
		if _, empty := r.item[""]; empty {
			return nil, validationf("Empty attribute name")
		}
		if w.item, err = value.CanonicalItem(r.item); err != nil {
			return nil, err
		}
		if err := w.t.checkKeyAttrs(w.item); err != nil {
			return nil, err
		}
		e, _ := makeEntry(w.t.keys, w.item)
		w.id = primaryID(e.pk, e.rk)
		return w, w.t.checkItem(w.item, false)
	}
	if r.key == nil {
		return nil, validationf("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null")
	}
	k, err := w.t.checkKey(r.key)
	if err != nil {
		return nil, err
	}
	w.item, w.id = k.item, k.id
	return w, nil
}

// checkKeyUpdate rejects an update of a key attribute. In a transaction
// DynamoDB reports it as the action's cancellation reason, elsewhere as a
// ValidationException.
func (w *write) checkKeyUpdate() error {
	if w.upd == nil {
		return nil
	}
	for _, p := range w.upd.Paths() {
		if w.t.keys.isKey(p[0].Name) {
			return validationf("One or more parameter values were invalid: Cannot update attribute %s. This attribute is part of the key", p[0].Name)
		}
	}
	return nil
}

// resolve evaluates the condition against the stored item and computes the
// item after the write, without storing it. It returns a
// ConditionalCheckFailedException or a ValidationException.
func (w *write) resolve() error {
	w.old = w.t.get(w.id)
	if !holds(w.cond, itemOf(w.old)) {
		return failedCheck(w.rvFail, w.old)
	}
	switch w.kind {
	case kindPut:
		w.new = w.item
	case kindDelete:
		w.new = nil
	case kindCheck:
		w.new = itemOf(w.old)
	case kindUpdate:
		base := itemOf(w.old)
		if base == nil {
			base = w.item
		}
		if w.upd == nil {
			w.new = base
			return nil
		}
		next, err := w.upd.Apply(base)
		if err != nil {
			return err
		}
		if err := w.t.checkItem(next, true); err != nil {
			return err
		}
		w.new = next
	}
	return nil
}

// apply stores the resolved write and accounts its capacity.
func (db *DB) apply(w *write, u *usage) {
	if u != nil && w.kind != kindCheck {
		u.write(w.t, itemOf(w.old), w.new)
	}
	if w.kind != kindCheck {
		db.commit(w.t, w.id, w.new, false)
	}
}

// writeOne runs a single-item write: validation, the condition, the write
// and its capacity, atomically.
func (db *DB) writeOne(ctx context.Context, op string, r writeReq, rv types.ReturnValue) (*write, *usage, error) {
	if err := db.enter(ctx, op); err != nil {
		return nil, nil, err
	}
	if err := checkWriteParams(rv, r.kind == kindUpdate, r.rvFail); err != nil {
		return nil, nil, err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	w, err := db.prepare(r)
	if err == nil {
		err = w.checkKeyUpdate()
	}
	if err == nil {
		err = w.resolve()
	}
	if err != nil {
		return nil, nil, err
	}
	var u usage
	db.apply(w, &u)
	return w, &u, nil
}

// oldItem returns a copy of the item a write replaced, for ReturnValues ALL_OLD.
func oldItem(w *write, rv types.ReturnValue) value.Item {
	if rv != types.ReturnValueAllOld || w.old == nil {
		return nil
	}
	return value.CloneItem(w.old.item)
}

// PutItem creates or replaces an item, optionally under a condition.
func (db *DB) PutItem(ctx context.Context, in *dynamodb.PutItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	const op = "PutItem"
	in, err := legacyPutItem(in)
	if err != nil {
		return nil, wrap(op, err)
	}
	w, u, err := db.writeOne(ctx, op, writeReq{kind: kindPut, table: in.TableName, item: in.Item, cond: in.ConditionExpression,
		exprInput: exprInput{in.ExpressionAttributeNames, in.ExpressionAttributeValues}, rvFail: in.ReturnValuesOnConditionCheckFailure}, in.ReturnValues)
	if err != nil {
		return nil, wrap(op, err)
	}
	return &dynamodb.PutItemOutput{Attributes: oldItem(w, in.ReturnValues), ConsumedCapacity: u.report(w.t.name, in.ReturnConsumedCapacity)}, nil
}

// DeleteItem deletes an item by key, optionally under a condition.
func (db *DB) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	const op = "DeleteItem"
	in, err := legacyDeleteItem(in)
	if err != nil {
		return nil, wrap(op, err)
	}
	w, u, err := db.writeOne(ctx, op, writeReq{kind: kindDelete, table: in.TableName, key: in.Key, cond: in.ConditionExpression,
		exprInput: exprInput{in.ExpressionAttributeNames, in.ExpressionAttributeValues}, rvFail: in.ReturnValuesOnConditionCheckFailure}, in.ReturnValues)
	if err != nil {
		return nil, wrap(op, err)
	}
	return &dynamodb.DeleteItemOutput{Attributes: oldItem(w, in.ReturnValues), ConsumedCapacity: u.report(w.t.name, in.ReturnConsumedCapacity)}, nil
}

// UpdateItem edits an item's attributes with an UpdateExpression, creating
// the item when it does not exist, optionally under a condition.
func (db *DB) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	const op = "UpdateItem"
	legacy := in.AttributeUpdates != nil
	in, err := legacyUpdateItem(in)
	if err != nil {
		return nil, wrap(op, err)
	}
	w, u, err := db.writeOne(ctx, op, writeReq{kind: kindUpdate, table: in.TableName, key: in.Key, update: in.UpdateExpression, cond: in.ConditionExpression,
		exprInput: exprInput{in.ExpressionAttributeNames, in.ExpressionAttributeValues}, rvFail: in.ReturnValuesOnConditionCheckFailure}, in.ReturnValues)
	if err != nil {
		if legacy {
			err = legacyUpdateError(err)
		}
		return nil, wrap(op, err)
	}
	out := &dynamodb.UpdateItemOutput{ConsumedCapacity: u.report(w.t.name, in.ReturnConsumedCapacity)}
	old := itemOf(w.old)
	switch in.ReturnValues {
	case types.ReturnValueAllOld:
		out.Attributes = value.CloneItem(old)
	case types.ReturnValueAllNew:
		out.Attributes = value.CloneItem(w.new)
	case types.ReturnValueUpdatedOld, types.ReturnValueUpdatedNew:
		src := w.new
		if in.ReturnValues == types.ReturnValueUpdatedOld {
			src = old
		}
		if src != nil && w.upd != nil {
			// Like DynamoDB Local: the whole top-level attribute of every
			// updated path that exists in the item before (UPDATED_OLD) or
			// after (UPDATED_NEW) the update.
			out.Attributes = value.Item{}
			for _, p := range w.upd.Paths() {
				if expr.Lookup(src, p) != nil {
					out.Attributes[p[0].Name] = value.Clone(src[p[0].Name])
				}
			}
		}
	}
	if len(out.Attributes) == 0 {
		out.Attributes = nil
	}
	return out, nil
}

// GetItem reads one item by key.
func (db *DB) GetItem(ctx context.Context, in *dynamodb.GetItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	const op = "GetItem"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	in, err := legacyGetItem(in)
	if err != nil {
		return nil, wrap(op, err)
	}
	pctx, err := newContext(exprInput{names: in.ExpressionAttributeNames}, in.ProjectionExpression != nil, false, "")
	if err != nil {
		return nil, wrap(op, err)
	}
	proj, err := projection(pctx, in.ProjectionExpression)
	if err != nil {
		return nil, wrap(op, err)
	}
	if err := pctx.CheckUnused(); err != nil {
		return nil, wrap(op, err)
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.table(in.TableName)
	if err != nil {
		return nil, wrap(op, err)
	}
	if in.Key == nil {
		return nil, wrap(op, validationf("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null"))
	}
	k, err := t.checkKey(in.Key)
	if err != nil {
		return nil, wrap(op, err)
	}
	e := t.get(k.id)
	u := usage{table: readUnits(sizeOf(e), aws.ToBool(in.ConsistentRead))}
	out := &dynamodb.GetItemOutput{ConsumedCapacity: u.report(t.name, in.ReturnConsumedCapacity)}
	switch {
	case e == nil:
	case proj == nil && borrow.Allowed(ctx):
		out.Item = e.item // lent: see internal/borrow
	default:
		out.Item = project(e.item, proj)
	}
	return out, nil
}

func sizeOf(e *entry) int {
	if e == nil {
		return 0
	}
	return e.size
}

// projection parses an optional ProjectionExpression.
func projection(ctx *expr.Context, s *string) (*expr.Projection, error) {
	if s == nil {
		return nil, nil
	}
	return ctx.Projection(*s)
}

// project returns a copy of item, limited to the projection when given.
func project(item value.Item, p *expr.Projection) value.Item {
	if p == nil {
		return value.CloneItem(item)
	}
	return expr.Project(item, p.Paths)
}

func checkWriteParams(rv types.ReturnValue, update bool, rvf types.ReturnValuesOnConditionCheckFailure) error {
	switch rv {
	case "", types.ReturnValueNone, types.ReturnValueAllOld:
	case types.ReturnValueAllNew, types.ReturnValueUpdatedOld, types.ReturnValueUpdatedNew:
		if !update {
			return validationf("Return values set to invalid value")
		}
	default:
		return validationf("Return values set to invalid value")
	}
	return checkReturnOnFailure(rvf)
}
