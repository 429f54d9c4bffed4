package gonamo

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
	"github.com/gonamo/gonamo/internal/borrow"
)

// ReadOption configures Get and Load.
type ReadOption[T any] func(*readConfig[T])

type readConfig[T any] struct {
	consistent bool
	fields     []attr.Field[T]
}

// Consistent asks for a strongly consistent read.
func Consistent[T any]() ReadOption[T] { return func(c *readConfig[T]) { c.consistent = true } }

// Only reads just these attributes (and the key); the other fields of the
// result keep their zero values (or, for Load, their values).
func Only[T any](fields ...attr.Field[T]) ReadOption[T] {
	return func(c *readConfig[T]) { c.fields = append(c.fields, fields...) }
}

// WriteOption configures Put, Save, Update and Delete.
type WriteOption[T any] func(*writeConfig[T])

type writeConfig[T any] struct {
	cond      attr.Condition[T]
	old, new  *T
	onFailure *T
	flags     []any
	batched   bool // a BatchWriteItem request (see Write.Batched)
}

// If makes the write conditional: when cond does not hold, nothing is
// written and the error is a *ConditionFailedError. Several If options are
// combined with AND.
func If[T any](cond attr.Condition[T]) WriteOption[T] {
	return func(c *writeConfig[T]) { c.cond = c.cond.And(cond) }
}

// ReturnOld decodes the item as it was before the write into dst (bloop's
// sync="old"); dst is left untouched when there was no item.
func ReturnOld[T any](dst *T) WriteOption[T] { return func(c *writeConfig[T]) { c.old = dst } }

// ReturnNew decodes the item as it is after the write into dst (bloop's
// sync="new"), for Save and Update. It may be the item saved.
func ReturnNew[T any](dst *T) WriteOption[T] { return func(c *writeConfig[T]) { c.new = dst } }

// ReturnOnFailure asks DynamoDB for the current item when the condition
// fails and decodes it into dst, which the *ConditionFailedError also
// carries as Current.
func ReturnOnFailure[T any](dst *T) WriteOption[T] {
	return func(c *writeConfig[T]) { c.onFailure = dst }
}

func writeOptions[T any](opts []WriteOption[T]) writeConfig[T] {
	var c writeConfig[T]
	for _, o := range opts {
		o(&c)
	}
	return c
}

// key returns the key attributes of item, or a *ValidationError wrapping
// ErrMissingKey when one is absent.
func (t *Table[T]) key(item *T) (map[string]types.AttributeValue, error) {
	if item == nil {
		return nil, &ValidationError{Model: t.schema.Model(), Err: fmt.Errorf("%w: nil item", ErrMissingKey)}
	}
	key := make(map[string]types.AttributeValue, 2)
	for _, f := range []attr.Field[T]{t.hash, t.rng} {
		if f == nil {
			continue
		}
		av, err := f.Encode(item)
		if err != nil {
			return nil, &ValidationError{Model: t.schema.Model(), Attr: f.Name(), Err: err}
		}
		if av == nil || emptyKey(av) {
			return nil, &ValidationError{Model: t.schema.Model(), Attr: f.Name(), Err: ErrMissingKey}
		}
		key[f.Name()] = av
	}
	return key, nil
}

func emptyKey(av types.AttributeValue) bool {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return v.Value == ""
	case *types.AttributeValueMemberB:
		return len(v.Value) == 0
	}
	return false
}

// encode returns the attribute map of item with its key checked.
func (t *Table[T]) encode(item *T) (map[string]types.AttributeValue, error) {
	if _, err := t.key(item); err != nil {
		return nil, err
	}
	m, err := t.schema.Encode(item)
	if err != nil {
		return nil, &ValidationError{Model: t.schema.Model(), Attr: attrOf(err), Err: err}
	}
	if err := t.checkSize(m); err != nil {
		return nil, &ValidationError{Model: t.schema.Model(), Err: err}
	}
	return m, nil
}

// decode stores m into dst.
func (t *Table[T]) decode(m map[string]types.AttributeValue, dst *T) error {
	if err := t.schema.Decode(m, dst); err != nil {
		return &ValidationError{Model: t.schema.Model(), Attr: attrOf(err), Err: err}
	}
	return nil
}

func attrOf(err error) string {
	var ae *attr.Error
	if errors.As(err, &ae) {
		return ae.Attr
	}
	return ""
}

// Get reads the item whose key fields are set in key and returns it as a
// new *T; an error wrapping ErrNotFound when there is none.
func (t *Table[T]) Get(ctx context.Context, key *T, opts ...ReadOption[T]) (*T, error) {
	dst := new(T)
	if err := t.get(ctx, key, dst, opts); err != nil {
		return nil, err
	}
	return dst, nil
}

// Load reads the item whose key fields are set in item into item itself
// (bloop's load, PynamoDB's refresh); an error wrapping ErrNotFound when
// there is none, leaving item untouched.
func (t *Table[T]) Load(ctx context.Context, item *T, opts ...ReadOption[T]) error {
	return t.get(ctx, item, item, opts)
}

func (t *Table[T]) get(ctx context.Context, key, dst *T, opts []ReadOption[T]) error {
	var c readConfig[T]
	for _, o := range opts {
		o(&c)
	}
	k, err := t.key(key)
	if err != nil {
		return err
	}
	in := &dynamodb.GetItemInput{TableName: aws.String(t.name), Key: k, ConsistentRead: aws.Bool(c.consistent), ReturnConsumedCapacity: t.db.capacity()}
	if len(c.fields) > 0 {
		p, names, err := t.projection(c.fields)
		if err != nil {
			return err
		}
		in.ProjectionExpression, in.ExpressionAttributeNames = aws.String(p), names
	}
	callCtx := ctx
	if t.schema.DecodeCopies() {
		callCtx = borrow.Items(ctx) // the item is only checked and decoded
	}
	out, err := call(callCtx, t.db, "GetItem", t.name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
		return t.db.client.GetItem(ctx, in, o...)
	}, func(o *dynamodb.GetItemOutput) []types.ConsumedCapacity { return one(o.ConsumedCapacity) })
	if err != nil {
		return fmt.Errorf("gonamo: get from %s: %w", t.name, err)
	}
	if out.Item == nil {
		return fmt.Errorf("gonamo: get from %s: %w", t.name, ErrNotFound)
	}
	if err := t.checkRead(out.Item); err != nil {
		return err
	}
	if len(c.fields) > 0 {
		// Only the attributes read are decoded: the other fields keep
		// their values (zero for Get), and Required fields left out are
		// no error.
		for _, f := range append([]attr.Field[T]{t.hash, t.rng}, c.fields...) {
			if f == nil {
				continue
			}
			if err := f.Decode(out.Item[f.Name()], dst); err != nil {
				return &ValidationError{Model: t.schema.Model(), Attr: f.Name(), Err: err}
			}
		}
	} else if err := t.decode(out.Item, dst); err != nil {
		return err
	}
	if h := t.db.opts.Hooks.Loaded; h != nil {
		h(ctx, t.name, dst)
	}
	return nil
}

func one(c *types.ConsumedCapacity) []types.ConsumedCapacity {
	if c == nil {
		return nil
	}
	return []types.ConsumedCapacity{*c}
}

// conditional renders the write's condition, with the extensions' own,
// into b.
func (t *Table[T]) conditional(b *expr.Builder[T], c *writeConfig[T], w *Write[T]) (*string, error) {
	own, err := c.cond.Expr()
	var ext expr.Condition[T]
	if err == nil {
		ext, err = w.cond.Expr()
	}
	if err != nil {
		return nil, &ValidationError{Model: t.schema.Model(), Attr: attrOf(err), Err: err}
	}
	s, err := b.Condition(own, ext)
	if err != nil {
		return nil, &ValidationError{Model: t.schema.Model(), Err: err}
	}
	if s == "" {
		return nil, nil
	}
	return &s, nil
}

// onFailure is the ReturnValuesOnConditionCheckFailure of a write: the
// stored item when the caller or an extension wants it.
func (t *Table[T]) onFailure(c *writeConfig[T]) types.ReturnValuesOnConditionCheckFailure {
	if c.onFailure != nil || len(t.exts) > 0 {
		return types.ReturnValuesOnConditionCheckFailureAllOld
	}
	return ""
}

// writeErr turns a failed condition into a *ConditionFailedError, with the
// extensions' explanations.
func (t *Table[T]) writeErr(err error, c *writeConfig[T], w *Write[T]) error {
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		return fmt.Errorf("gonamo: %s on %s: %w", w.Kind, t.name, err)
	}
	return t.conditionFailed(err, ccf.Item, c.onFailure, w)
}

// conditionFailed builds the *ConditionFailedError of a write whose
// condition failed, given the stored item (nil if absent or not returned).
func (t *Table[T]) conditionFailed(err error, stored map[string]types.AttributeValue, dst *T, w *Write[T]) *ConditionFailedError {
	cf := &ConditionFailedError{Table: t.name, Err: err}
	if dst != nil {
		cf.Item = stored
		if stored != nil {
			if derr := t.decode(stored, dst); derr == nil {
				cf.Current = dst
			}
		}
	}
	for _, e := range t.exts {
		if r := e.ExplainFailure(w, stored); r != nil {
			cf.Reasons = append(cf.Reasons, r)
		}
	}
	return cf
}

// written runs what follows a successful write: the decoding of returned
// attributes, the extensions' commits and the hook.
func (t *Table[T]) written(ctx context.Context, w *Write[T], attrs map[string]types.AttributeValue, dsts ...*T) error {
	w.commit()
	for _, dst := range dsts {
		if dst != nil && attrs != nil {
			if err := t.decode(attrs, dst); err != nil {
				return err
			}
		}
	}
	if h := t.db.opts.Hooks.Saved; h != nil && w.Kind != WriteDelete {
		h(ctx, t.name, w.Item)
	}
	return nil
}

// Put writes item whole, replacing any item with its key (PutItem,
// PynamoDB's save).
func (t *Table[T]) Put(ctx context.Context, item *T, opts ...WriteOption[T]) error {
	c := writeOptions(opts)
	in, w, err := t.putInput(item, &c)
	if err != nil {
		return err
	}
	if c.old != nil {
		in.ReturnValues = types.ReturnValueAllOld
	}
	in.ReturnConsumedCapacity = t.db.capacity()
	out, err := call(ctx, t.db, "PutItem", t.name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
		return t.db.client.PutItem(ctx, in, o...)
	}, func(o *dynamodb.PutItemOutput) []types.ConsumedCapacity { return one(o.ConsumedCapacity) })
	if err != nil {
		return t.writeErr(err, &c, w)
	}
	return t.written(ctx, w, out.Attributes, c.old)
}

// putInput prepares the PutItem of item.
func (t *Table[T]) putInput(item *T, c *writeConfig[T]) (*dynamodb.PutItemInput, *Write[T], error) {
	if c.new != nil {
		return nil, nil, &ValidationError{Model: t.schema.Model(), Err: fmt.Errorf("%w: ReturnNew applies to Save and Update; the item put is the new item", ErrInvalidModel)}
	}
	if _, err := t.key(item); err != nil {
		return nil, nil, err
	}
	w, err := t.prepareWrite(WritePut, item, c)
	if err != nil {
		return nil, nil, err
	}
	m, err := t.encode(item)
	if err != nil {
		return nil, nil, err
	}
	if len(w.sets) > 0 {
		maps.Copy(m, w.sets)
		if err := t.checkSize(m); err != nil {
			return nil, nil, &ValidationError{Model: t.schema.Model(), Err: err}
		}
	}
	var b expr.Builder[T]
	cond, err := t.conditional(&b, c, w)
	if err != nil {
		return nil, nil, err
	}
	return &dynamodb.PutItemInput{TableName: aws.String(t.name), Item: m, ConditionExpression: cond,
		ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
		ReturnValuesOnConditionCheckFailure: t.onFailure(c)}, w, nil
}

// Save writes item's attributes with UpdateItem, as bloop's save: it SETs
// every attribute the model has a value for and REMOVEs those that are
// empty, and never touches attributes the model does not know.
func (t *Table[T]) Save(ctx context.Context, item *T, opts ...WriteOption[T]) error {
	c := writeOptions(opts)
	in, w, err := t.saveInput(item, &c)
	if err != nil {
		return err
	}
	return t.update(ctx, in, w, &c)
}

// saveInput prepares the UpdateItem of a Save.
func (t *Table[T]) saveInput(item *T, c *writeConfig[T]) (*dynamodb.UpdateItemInput, *Write[T], error) {
	key, err := t.key(item)
	if err != nil {
		return nil, nil, err
	}
	w, err := t.prepareWrite(WriteSave, item, c)
	if err != nil {
		return nil, nil, err
	}
	m, err := t.encode(item)
	if err != nil {
		return nil, nil, err
	}
	maps.Copy(m, w.sets)
	if err := t.checkSize(m); err != nil {
		return nil, nil, &ValidationError{Model: t.schema.Model(), Err: err}
	}
	// The actions are rendered as a list, never combined: And would copy
	// the actions gathered so far for each attribute.
	fields := t.schema.Fields()
	us := make([]expr.Update[T], 0, len(fields)+len(w.sets))
	for _, f := range fields {
		name := f.Name()
		if _, isKey := key[name]; isKey {
			continue
		}
		if av, ok := m[name]; ok {
			us = append(us, expr.Set(f.Path(), expr.Value[T](av)))
		} else {
			us = append(us, expr.Remove[T](f.Path()))
		}
	}
	for _, name := range sortedKeys(w.sets) {
		if _, known := t.schema.Field(name); !known {
			us = append(us, expr.Set(expr.Name(name), expr.Value[T](w.sets[name])))
		}
	}
	in, err := t.updateInput(key, c, w, us...)
	return in, w, err
}

// Update applies typed actions (views.Add(1), tags.Delete("old"), ...) to
// the item whose key fields are set in key, creating it when missing.
func (t *Table[T]) Update(ctx context.Context, key *T, upd attr.Update[T], opts ...WriteOption[T]) error {
	c := writeOptions(opts)
	in, w, err := t.updateItemInput(key, upd, &c)
	if err != nil {
		return err
	}
	return t.update(ctx, in, w, &c)
}

// updateItemInput prepares the UpdateItem of an Update.
func (t *Table[T]) updateItemInput(key *T, upd attr.Update[T], c *writeConfig[T]) (*dynamodb.UpdateItemInput, *Write[T], error) {
	k, err := t.key(key)
	if err != nil {
		return nil, nil, err
	}
	u, err := upd.Expr()
	if err != nil {
		return nil, nil, &ValidationError{Model: t.schema.Model(), Attr: attrOf(err), Err: err}
	}
	w, err := t.prepareWrite(WriteUpdate, key, c)
	if err != nil {
		return nil, nil, err
	}
	in, err := t.updateInput(k, c, w, w.appendSetActions([]expr.Update[T]{u})...)
	return in, w, err
}

// updateInput renders an UpdateItem of the actions of us with the write's
// condition.
func (t *Table[T]) updateInput(key map[string]types.AttributeValue, c *writeConfig[T], w *Write[T], us ...expr.Update[T]) (*dynamodb.UpdateItemInput, error) {
	var b expr.Builder[T]
	ue, err := b.Update(us...)
	if err != nil {
		return nil, &ValidationError{Model: t.schema.Model(), Err: err}
	}
	cond, err := t.conditional(&b, c, w)
	if err != nil {
		return nil, err
	}
	in := &dynamodb.UpdateItemInput{TableName: aws.String(t.name), Key: key, ConditionExpression: cond,
		ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
		ReturnValuesOnConditionCheckFailure: t.onFailure(c)}
	if ue != "" {
		in.UpdateExpression = aws.String(ue)
	}
	return in, nil
}

// update sends an UpdateItem of Save or Update.
func (t *Table[T]) update(ctx context.Context, in *dynamodb.UpdateItemInput, w *Write[T], c *writeConfig[T]) error {
	switch {
	case c.new != nil && c.old != nil:
		return &ValidationError{Model: t.schema.Model(), Err: fmt.Errorf("%w: ReturnOld and ReturnNew exclude each other", ErrInvalidModel)}
	case c.new != nil:
		in.ReturnValues = types.ReturnValueAllNew
	case c.old != nil:
		in.ReturnValues = types.ReturnValueAllOld
	}
	in.ReturnConsumedCapacity = t.db.capacity()
	out, err := call(ctx, t.db, "UpdateItem", t.name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
		return t.db.client.UpdateItem(ctx, in, o...)
	}, func(o *dynamodb.UpdateItemOutput) []types.ConsumedCapacity { return one(o.ConsumedCapacity) })
	if err != nil {
		return t.writeErr(err, c, w)
	}
	return t.written(ctx, w, out.Attributes, c.new, c.old)
}

// Delete deletes the item whose key fields are set in key. Deleting a
// missing item is not an error (use If to require it).
func (t *Table[T]) Delete(ctx context.Context, key *T, opts ...WriteOption[T]) error {
	c := writeOptions(opts)
	in, w, err := t.deleteInput(key, &c)
	if err != nil {
		return err
	}
	if c.old != nil {
		in.ReturnValues = types.ReturnValueAllOld
	}
	in.ReturnConsumedCapacity = t.db.capacity()
	out, err := call(ctx, t.db, "DeleteItem", t.name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
		return t.db.client.DeleteItem(ctx, in, o...)
	}, func(o *dynamodb.DeleteItemOutput) []types.ConsumedCapacity { return one(o.ConsumedCapacity) })
	if err != nil {
		return t.writeErr(err, &c, w)
	}
	if err := t.written(ctx, w, out.Attributes, c.old); err != nil {
		return err
	}
	if h := t.db.opts.Hooks.Deleted; h != nil {
		h(ctx, t.name, in.Key)
	}
	return nil
}

// deleteInput prepares the DeleteItem of key.
func (t *Table[T]) deleteInput(key *T, c *writeConfig[T]) (*dynamodb.DeleteItemInput, *Write[T], error) {
	if c.new != nil {
		return nil, nil, &ValidationError{Model: t.schema.Model(), Err: fmt.Errorf("%w: ReturnNew applies to Save and Update; a deleted item has no new value", ErrInvalidModel)}
	}
	k, err := t.key(key)
	if err != nil {
		return nil, nil, err
	}
	w, err := t.prepareWrite(WriteDelete, key, c)
	if err != nil {
		return nil, nil, err
	}
	var b expr.Builder[T]
	cond, err := t.conditional(&b, c, w)
	if err != nil {
		return nil, nil, err
	}
	return &dynamodb.DeleteItemInput{TableName: aws.String(t.name), Key: k, ConditionExpression: cond,
		ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
		ReturnValuesOnConditionCheckFailure: t.onFailure(c)}, w, nil
}
