package dynamotest

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/borrow"
)

// Limits of the batch operations.
const (
	maxBatchGet      = 100
	maxBatchWrite    = 25
	maxBatchGetBytes = 16 * 1024 * 1024
)

// sortedTables returns the table names of a batch request in order, so that
// processing (and the fault generator's draws) are deterministic.
func sortedTables[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// BatchGetItem reads up to 100 items from one or more tables. Keys left
// unread (16 MB response limit, or SetUnprocessed) come back in
// UnprocessedKeys.
func (db *DB) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	const op = "BatchGetItem"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	if len(in.RequestItems) == 0 {
		return nil, wrap(op, validationf("BatchGetItem must have some requests set"))
	}
	n := 0
	for _, ka := range in.RequestItems {
		n += len(ka.Keys)
	}
	if n > maxBatchGet {
		return nil, wrap(op, validationf("Too many items requested for the BatchGetItem call"))
	}
	in, err := legacyBatchGetItem(in)
	if err != nil {
		return nil, wrap(op, err)
	}
	type tableReq struct {
		t    *table
		ka   types.KeysAndAttributes
		keys []keyAttr
		proj *expr.Projection
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	names := sortedTables(in.RequestItems)
	reqs := make([]tableReq, 0, len(names))
	for _, name := range names {
		ka := in.RequestItems[name]
		if len(ka.Keys) == 0 {
			return nil, wrap(op, validationf("The list of keys in RequestItems for BatchGetItem is required: %s has empty list", name))
		}
		pctx, err := newContext(exprInput{names: ka.ExpressionAttributeNames}, ka.ProjectionExpression != nil, false, "")
		if err != nil {
			return nil, wrap(op, err)
		}
		proj, err := projection(pctx, ka.ProjectionExpression)
		if err != nil {
			return nil, wrap(op, err)
		}
		if err := pctx.CheckUnused(); err != nil {
			return nil, wrap(op, err)
		}
		t, err := db.table(aws.String(name))
		if err != nil {
			return nil, wrap(op, err)
		}
		r := tableReq{t: t, ka: ka, proj: proj}
		seen := map[string]bool{}
		for _, k := range ka.Keys {
			key, err := t.checkKey(k)
			if err != nil {
				return nil, wrap(op, err)
			}
			if seen[key.id] {
				return nil, wrap(op, validationf("Provided list of item keys contains duplicates"))
			}
			seen[key.id] = true
			r.keys = append(r.keys, key)
		}
		reqs = append(reqs, r)
	}
	out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}, UnprocessedKeys: map[string]types.KeysAndAttributes{}}
	bytes := 0
	lend := borrow.Allowed(ctx)
	for _, r := range reqs {
		var u usage
		items := []map[string]types.AttributeValue{}
		var left []map[string]types.AttributeValue
		for i, key := range r.keys {
			if bytes >= maxBatchGetBytes || db.faults.leaveUnprocessed() {
				left = append(left, r.ka.Keys[i])
				continue
			}
			e := r.t.get(key.id)
			if e != nil { // DynamoDB Local charges nothing for a missing item here
				u.table += readUnits(e.size, aws.ToBool(r.ka.ConsistentRead))
			}
			if e != nil {
				bytes += e.size
				if r.proj == nil && lend {
					items = append(items, e.item) // see internal/borrow
				} else {
					items = append(items, project(e.item, r.proj))
				}
			}
		}
		out.Responses[r.t.name] = items
		if len(left) > 0 {
			ka := r.ka
			ka.Keys = left
			out.UnprocessedKeys[r.t.name] = ka
		}
		if cc := u.report(r.t.name, in.ReturnConsumedCapacity); cc != nil {
			out.ConsumedCapacity = append(out.ConsumedCapacity, *cc)
		}
	}
	return out, nil
}

// BatchWriteItem puts and deletes up to 25 items across tables, without
// conditions. Every request is validated before any is applied; requests
// left unprocessed (SetUnprocessed) come back in UnprocessedItems.
func (db *DB) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	const op = "BatchWriteItem"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	if len(in.RequestItems) == 0 {
		return nil, wrap(op, validationf("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null"))
	}
	n := 0
	for _, wr := range in.RequestItems {
		n += len(wr)
	}
	if n > maxBatchWrite {
		return nil, wrap(op, validationf("Too many items requested for the BatchWriteItem call"))
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	type pending struct {
		w  *write
		wr types.WriteRequest
	}
	var all [][]pending
	names := sortedTables(in.RequestItems)
	for _, name := range names {
		wrs := in.RequestItems[name]
		if len(wrs) == 0 {
			return nil, wrap(op, validationf("The batch write request list for a table cannot be null or empty: %s", name))
		}
		seen := map[string]bool{}
		var ps []pending
		for _, wr := range wrs {
			var r writeReq
			switch {
			case wr.PutRequest != nil && wr.DeleteRequest == nil:
				r = writeReq{kind: kindPut, table: aws.String(name), item: wr.PutRequest.Item}
			case wr.DeleteRequest != nil && wr.PutRequest == nil:
				r = writeReq{kind: kindDelete, table: aws.String(name), key: wr.DeleteRequest.Key}
			default:
				return nil, wrap(op, validationf("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"))
			}
			w, err := db.prepare(r)
			if err != nil {
				return nil, wrap(op, err)
			}
			if seen[w.id] {
				return nil, wrap(op, validationf("Provided list of item keys contains duplicates"))
			}
			seen[w.id] = true
			ps = append(ps, pending{w, wr})
		}
		all = append(all, ps)
	}
	out := &dynamodb.BatchWriteItemOutput{UnprocessedItems: map[string][]types.WriteRequest{}}
	for i, ps := range all {
		var u usage
		for _, p := range ps {
			if db.faults.leaveUnprocessed() {
				out.UnprocessedItems[names[i]] = append(out.UnprocessedItems[names[i]], p.wr)
				continue
			}
			if err := p.w.resolve(); err != nil {
				return nil, wrap(op, err)
			}
			if p.w.kind == kindDelete && p.w.old == nil {
				u.table += 2 // what DynamoDB Local charges for deleting a missing item in a batch
				continue
			}
			db.apply(p.w, &u)
		}
		if cc := u.report(names[i], in.ReturnConsumedCapacity); cc != nil {
			out.ConsumedCapacity = append(out.ConsumedCapacity, *cc)
		}
	}
	return out, nil
}
