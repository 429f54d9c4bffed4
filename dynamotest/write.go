package dynamotest

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/value"
)

// maxItemSize is DynamoDB's item size limit, 400 KB.
const maxItemSize = 400 * 1024

// keyAttr is a validated primary key: its attributes and store identity.
type keyAttr struct {
	item value.Item // the key attributes, canonical
	id   string
}

// checkKey validates a Key parameter (GetItem, DeleteItem, UpdateItem, ...)
// against the table's schema.
func (t *table) checkKey(key value.Item) (keyAttr, error) {
	want := 1
	if t.keys.rng != "" {
		want = 2
	}
	if len(key) != want {
		return keyAttr{}, validationf("The number of conditions on the keys is invalid")
	}
	canon, err := value.CanonicalItem(key)
	if err != nil {
		return keyAttr{}, err
	}
	if err := t.checkKeyAttrs(canon); err != nil {
		return keyAttr{}, err
	}
	e, _ := makeEntry(t.keys, canon)
	return keyAttr{item: canon, id: primaryID(e.pk, e.rk)}, nil
}

// checkKeyAttrs checks that item holds the table's key attributes with the
// schema's types and non-empty values, with DynamoDB Local's messages.
func (t *table) checkKeyAttrs(item value.Item) error {
	for _, k := range []struct {
		name string
		typ  types.ScalarAttributeType
	}{{t.keys.hash, t.keys.hashType}, {t.keys.rng, t.keys.rngType}} {
		if k.name == "" {
			continue
		}
		v, ok := item[k.name]
		if !ok {
			return validationf("One of the required keys was not given a value")
		}
		switch tn := value.TypeName(v); {
		case tn != "S" && tn != "N" && tn != "B":
			return validationf("Invalid attribute value type")
		case tn != string(k.typ):
			return validationf("One or more parameter values were invalid: Type mismatch for key")
		}
		if err := emptyKey(v, k.name); err != nil {
			return err
		}
	}
	return nil
}

func emptyKey(v types.AttributeValue, name string) error {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		if x.Value == "" {
			return validationf("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: %s", name)
		}
	case *types.AttributeValueMemberB:
		if len(x.Value) == 0 {
			return validationf("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: %s", name)
		}
	}
	return nil
}

// itemSize is the size DynamoDB Local holds against the item limit: the
// item plus, for each local secondary index the item is in, its index
// entry: the index's key attributes (the table's hash key and the index's
// range key, not the table's range key) and the projected non-key
// attributes, or the whole item for ALL. Global indexes do not count.
func (t *table) itemSize(item value.Item) int {
	n := value.ItemSize(item)
	for _, ix := range t.lsis {
		rng, ok := item[ix.keys.rng]
		if !ok {
			continue
		}
		if ix.projection == types.ProjectionTypeAll {
			n += value.ItemSize(item)
			continue
		}
		n += len(ix.keys.rng) + value.Size(rng)
		if h, ok := item[ix.keys.hash]; ok {
			n += len(ix.keys.hash) + value.Size(h)
		}
		for _, name := range ix.include {
			if v, ok := item[name]; ok {
				n += len(name) + value.Size(v)
			}
		}
	}
	return n
}

// checkItem validates a full item about to be stored: size and the types of
// the index key attributes it carries. update tells which size message
// DynamoDB uses.
func (t *table) checkItem(item value.Item, update bool) error {
	if t.itemSize(item) > maxItemSize {
		if update {
			return validationf("Item size to update has exceeded the maximum allowed size")
		}
		return validationf("Item size has exceeded the maximum allowed size")
	}
	for _, ix := range t.indexes() {
		for _, k := range []struct {
			name string
			typ  types.ScalarAttributeType
		}{{ix.keys.hash, ix.keys.hashType}, {ix.keys.rng, ix.keys.rngType}} {
			if k.name == "" || t.keys.isKey(k.name) {
				continue
			}
			v, ok := item[k.name]
			if !ok {
				continue
			}
			if value.TypeName(v) != string(k.typ) {
				return validationf("One or more parameter values were invalid: Type mismatch for Index Key")
			}
			if s, ok := v.(*types.AttributeValueMemberS); ok && s.Value == "" {
				return validationf("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: %s, IndexKey: %s", ix.name, k.name)
			}
			if b, ok := v.(*types.AttributeValueMemberB); ok && len(b.Value) == 0 {
				return validationf("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty binary value. IndexName: %s, IndexKey: %s", ix.name, k.name)
			}
		}
	}
	return nil
}

// get returns the stored entry with the key's identity, or nil.
func (t *table) get(id string) *entry { return t.items[id] }

// commit stores newItem (nil deletes) in place of the item with identity id,
// maintains every index and appends the change to the log. A write that
// changes nothing appends nothing. The caller holds db.mu and has validated
// newItem; stored items are never mutated afterwards, so the log shares them.
func (db *DB) commit(t *table, id string, newItem value.Item, ttl bool) {
	old := t.items[id]
	if old == nil && newItem == nil {
		return
	}
	if old != nil && newItem != nil && value.EqualItems(old.item, newItem) {
		return
	}
	if old != nil {
		t.order.Delete(old)
		delete(t.items, id)
		t.bytes -= int64(old.size)
		for _, ix := range t.indexes() {
			ix.remove(id)
		}
	}
	if newItem != nil {
		e, _ := makeEntry(t.keys, newItem)
		e.id = id
		e.size = value.ItemSize(newItem)
		t.order.ReplaceOrInsert(e)
		t.items[id] = e
		t.bytes += int64(e.size)
		for _, ix := range t.indexes() {
			ix.put(t, newItem, id)
		}
	}
	c := Change{Table: t.name, Time: db.now(), TTL: ttl}
	if t.stream != nil {
		c.stream, c.view = t.streamLabel, t.stream.StreamViewType
	}
	src := newItem
	switch {
	case old == nil:
		c.Event, c.New = EventInsert, newItem
		c.newSize = t.items[id].size
	case newItem == nil:
		c.Event, c.Old = EventRemove, old.item
		c.oldSize, src = old.size, old.item
	default:
		c.Event, c.Old, c.New = EventModify, old.item, newItem
		c.oldSize, c.newSize = old.size, t.items[id].size
	}
	c.Keys = keyOf(src, t.keys)
	c.keysSize = value.ItemSize(c.Keys)
	t.nextSeq++
	c.Seq = t.nextSeq
	t.log = append(t.log, c)
}

// exprInput gathers the expression parameters of one request.
type exprInput struct {
	names  map[string]string
	values map[string]types.AttributeValue
}

// newContext validates ExpressionAttributeNames/Values as DynamoDB does
// before any expression is parsed. namesUsable and valuesUsable tell whether
// the request has an expression that could use them; none completes the
// message naming the missing expressions for values.
func newContext(in exprInput, namesUsable, valuesUsable bool, none string) (*expr.Context, error) {
	if in.names != nil && len(in.names) == 0 {
		return nil, validationf("ExpressionAttributeNames must not be empty")
	}
	if in.values != nil && len(in.values) == 0 {
		return nil, validationf("ExpressionAttributeValues must not be empty")
	}
	if in.names != nil && !namesUsable {
		return nil, validationf("ExpressionAttributeNames can only be specified when using expressions")
	}
	if in.values != nil && !valuesUsable {
		return nil, validationf("ExpressionAttributeValues can only be specified when using expressions%s", none)
	}
	for k, v := range in.values {
		if _, err := value.Canonical(v); err != nil {
			return nil, validationf("ExpressionAttributeValues contains invalid value: %s for key %s", value.Message(err), k)
		}
	}
	return expr.NewContext(in.names, in.values), nil
}

// condition parses an optional ConditionExpression.
func condition(ctx *expr.Context, s *string) (*expr.Condition, error) {
	if s == nil {
		return nil, nil
	}
	return ctx.Condition(expr.ConditionExpression, *s)
}

// holds reports whether cond (nil holds always) is true of item (nil: absent).
func holds(cond *expr.Condition, item value.Item) bool {
	if cond == nil {
		return true
	}
	if item == nil {
		item = value.Item{}
	}
	return cond.Eval(item)
}

// failedCheck builds the ConditionalCheckFailedException of a write,
// carrying the item when ReturnValuesOnConditionCheckFailure is ALL_OLD.
func failedCheck(rv types.ReturnValuesOnConditionCheckFailure, old *entry) error {
	if rv == types.ReturnValuesOnConditionCheckFailureAllOld && old != nil {
		return errConditionFailed(value.CloneItem(old.item))
	}
	return errConditionFailed(nil)
}

func checkReturnOnFailure(rv types.ReturnValuesOnConditionCheckFailure) error {
	switch rv {
	case "", types.ReturnValuesOnConditionCheckFailureNone, types.ReturnValuesOnConditionCheckFailureAllOld:
		return nil
	}
	return validationf("1 validation error detected: Value '%s' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]", rv)
}

func itemOf(e *entry) value.Item {
	if e == nil {
		return nil
	}
	return e.item
}
