package dynamotest

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/btree"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/borrow"
	"github.com/gonamo/gonamo/internal/value"
)

// maxPageBytes is DynamoDB's 1 MB limit of data read by one Query or Scan.
const maxPageBytes = 1024 * 1024

// readReq is what Query and Scan share: where to read, how to filter and
// shape results, and where to resume.
type readReq struct {
	table     *string
	indexName *string
	filter    *string
	proj      *string
	exprInput
	selectMode types.Select
	limit      *int32
	consistent bool
	start      value.Item
	capacity   types.ReturnConsumedCapacity
}

// reader is a validated readReq bound to a table or index.
type reader struct {
	t      *table
	ix     *index // nil reads the table
	keys   keySchema
	filter *expr.Condition
	proj   *expr.Projection
	sel    types.Select
	limit  int
	cons   bool
	fetch  bool   // an LSI read that needs the table's full items
	start  *entry // ExclusiveStartKey as a store position; nil from the start
	cap    types.ReturnConsumedCapacity
	borrow bool // hand out stored items uncopied (see internal/borrow)
}

// page is the result of a read.
type page struct {
	items   []value.Item
	count   int32
	scanned int32
	last    value.Item
	usage   usage
}

// prepareRead validates what Query and Scan share. keyCond parses the key
// condition once the key schema is known (Query); nil for Scan.
func (db *DB) prepareRead(r readReq, ctx *expr.Context, isQuery bool) (*reader, error) {
	if r.limit != nil && *r.limit < 1 {
		return nil, validationf("Limit must be greater than or equal to 1")
	}
	switch r.selectMode {
	case "", types.SelectAllAttributes, types.SelectAllProjectedAttributes, types.SelectSpecificAttributes, types.SelectCount:
	default:
		return nil, validationf("Select must be ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, COUNT, or SPECIFIC_ATTRIBUTES")
	}
	rd := &reader{sel: r.selectMode, limit: int(aws.ToInt32(r.limit)), cons: r.consistent, cap: r.capacity}
	var err error
	if r.filter != nil {
		kind := expr.FilterExpression
		if rd.filter, err = ctx.Condition(kind, *r.filter); err != nil {
			return nil, err
		}
	}
	if rd.proj, err = projection(ctx, r.proj); err != nil {
		return nil, err
	}
	if rd.proj != nil {
		switch rd.sel {
		case "":
			rd.sel = types.SelectSpecificAttributes
		case types.SelectSpecificAttributes:
		case types.SelectCount:
			return nil, validationf("Cannot specify the ProjectionExpression when choosing to get only the Count")
		default:
			return nil, validationf("Cannot specify the ProjectionExpression when choosing to get %s", rd.sel)
		}
	} else if rd.sel == types.SelectSpecificAttributes {
		return nil, validationf("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES")
	}
	if rd.t, err = db.table(r.table); err != nil {
		return nil, err
	}
	rd.keys = rd.t.keys
	if r.indexName != nil {
		rd.ix = rd.t.index(*r.indexName)
		if rd.ix == nil {
			return nil, errIndexNotFound(rd.t.name, *r.indexName)
		}
		rd.keys = rd.ix.keys
		if rd.ix.global && rd.cons {
			return nil, validationf("Consistent reads are not supported on global secondary indexes")
		}
	}
	switch {
	case rd.sel == types.SelectAllProjectedAttributes && rd.ix == nil:
		return nil, validationf("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
	case rd.sel == types.SelectAllAttributes && rd.ix != nil && rd.ix.projection != types.ProjectionTypeAll:
		if rd.ix.global {
			return nil, validationf("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index %s because its projection type is not ALL", rd.ix.name)
		}
		rd.fetch = true
	}
	if rd.ix != nil && rd.ix.projection != types.ProjectionTypeAll {
		if err := rd.checkProjected(isQuery); err != nil {
			return nil, err
		}
	}
	if r.start != nil {
		if rd.start, err = rd.startEntry(r.start); err != nil {
			return nil, err
		}
	}
	return rd, nil
}

// checkProjected checks the filter and projection against what the index
// projects: a GSI cannot fetch other attributes (a ValidationException
// lists them), an LSI fetches the table's items instead, except for the
// filter of a query, which DynamoDB Local refuses as for a GSI.
func (rd *reader) checkProjected(isQuery bool) error {
	missing := func(paths []expr.Path) []string {
		var out []string
		for _, p := range paths {
			if name := p[0].Name; !rd.ix.projects(rd.t, name) && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
		slices.Sort(out)
		return out
	}
	if rd.proj != nil {
		if m := missing(rd.proj.Paths); len(m) > 0 {
			if rd.ix.global {
				return validationf("One or more parameter values were invalid: Global secondary index %s does not project [%s]", rd.ix.name, strings.Join(m, ", "))
			}
			rd.fetch = true
		}
	}
	if rd.filter != nil {
		if m := missing(rd.filter.Paths()); len(m) > 0 {
			if rd.ix.global || isQuery {
				return validationf("One or more parameter values were invalid: Secondary index %s does not project one or more filter attributes: [%s]", rd.ix.name, strings.Join(m, ", "))
			}
			rd.fetch = true
		}
	}
	return nil
}

// startEntry validates ExclusiveStartKey and turns it into a store position.
func (rd *reader) startEntry(esk value.Item) (*entry, error) {
	bad := func() error { return validationf("The provided starting key is invalid") }
	canon, err := value.CanonicalItem(esk)
	if err != nil {
		return nil, err
	}
	names := keyNames(rd.t.keys, rd.keys)
	if len(canon) != len(names) {
		if rd.ix != nil {
			return nil, bad()
		}
		return nil, validationf("Exclusive Start Key must have same size as table's key schema")
	}
	for name, typ := range names {
		v, ok := canon[name]
		if !ok {
			return nil, bad()
		}
		if value.TypeName(v) != string(typ) {
			return nil, validationf("Type mismatch for attribute to update")
		}
	}
	te, ok := makeEntry(rd.t.keys, canon)
	if !ok {
		return nil, bad()
	}
	if rd.ix == nil {
		te.id = primaryID(te.pk, te.rk)
		return te, nil
	}
	ie, ok := makeEntry(rd.ix.keys, canon)
	if !ok {
		return nil, bad()
	}
	ie.id = primaryID(te.pk, te.rk)
	return ie, nil
}

func (rd *reader) tree() (*btree.BTreeG[*entry], func(a, b *entry) bool) {
	if rd.ix != nil {
		return rd.ix.tree, lessIndex
	}
	return rd.t.order, lessTable
}

// visit reads entries offered by walk, applying Limit, the 1 MB limit, the
// filter and the projection, and records the last evaluated key. Like
// DynamoDB Local, the 1 MB limit counts the items that pass the filter, and
// a page that stops at a limit has a LastEvaluatedKey even when no item
// follows, except a query of a hash-only table (single), whose partition
// holds one item.
func (rd *reader) visit(walk func(yield func(*entry) bool), single bool) page {
	var p page
	read, matched := 0, 0
	walk(func(e *entry) bool {
		full := e.item
		if rd.fetch {
			if te := rd.t.items[e.id]; te != nil {
				full = te.item
			}
		}
		read += e.size
		p.scanned++
		if rd.filter == nil || rd.filter.Eval(full) {
			p.count++
			matched += e.size
			if rd.sel != types.SelectCount {
				p.items = append(p.items, rd.shape(full))
			}
		}
		if (rd.limit > 0 && int(p.scanned) >= rd.limit) || matched >= maxPageBytes {
			if !single {
				p.last = rd.lastKey(e)
			}
			return false
		}
		return true
	})
	units := float64((read + 4095) / 4096)
	if !rd.cons {
		units /= 2
	}
	if rd.ix == nil {
		p.usage.table = units
	} else {
		p.usage.addIndex(rd.ix, units)
	}
	return p
}

// shape returns the item the caller sees: a copy, or when it borrows, the
// stored item itself (or a map of its values, for an index projection).
func (rd *reader) shape(item value.Item) value.Item {
	if rd.proj != nil {
		return expr.Project(item, rd.proj.Paths)
	}
	if rd.ix != nil && rd.fetch && rd.sel != types.SelectAllAttributes && rd.ix.projection != types.ProjectionTypeAll {
		item = rd.ix.project(rd.t, item)
	}
	if rd.borrow {
		return item
	}
	return value.CloneItem(item)
}

// lastKey is the LastEvaluatedKey of an entry: table key plus index key.
func (rd *reader) lastKey(e *entry) value.Item {
	if rd.ix == nil {
		return value.CloneItem(keyOf(e.item, rd.t.keys))
	}
	return value.CloneItem(keyOf(e.item, rd.t.keys, rd.ix.keys))
}

func (rd *reader) output(p page) (items []value.Item, lek value.Item, cc *types.ConsumedCapacity) {
	items = p.items
	if items == nil && rd.sel != types.SelectCount {
		items = []value.Item{}
	}
	return items, p.last, p.usage.report(rd.t.name, rd.cap)
}

// Query reads the items of one partition of a table or index in range-key
// order, with DynamoDB's Limit, 1 MB page limit, filter and projection rules.
func (db *DB) Query(ctx context.Context, in *dynamodb.QueryInput, optFns ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	const op = "Query"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	orig := in
	in, err := legacyQuery(in)
	if err != nil {
		return nil, wrap(op, err)
	}
	if in.KeyConditionExpression == nil {
		return nil, wrap(op, validationf("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."))
	}
	ectx, err := newContext(exprInput{in.ExpressionAttributeNames, in.ExpressionAttributeValues}, true, true, "")
	if err != nil {
		return nil, wrap(op, err)
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	rd, err := db.prepareRead(readReq{table: in.TableName, indexName: in.IndexName, filter: in.FilterExpression, proj: in.ProjectionExpression,
		selectMode: in.Select, limit: in.Limit, consistent: aws.ToBool(in.ConsistentRead), start: in.ExclusiveStartKey, capacity: in.ReturnConsumedCapacity}, ectx, true)
	if err != nil {
		return nil, wrap(op, err)
	}
	rd.borrow = borrow.Allowed(ctx)
	if err := legacyQueryKeys(orig, rd.keys); err != nil {
		return nil, wrap(op, err)
	}
	kc, err := ectx.KeyCondition(*in.KeyConditionExpression, expr.KeySchema{HashName: rd.keys.hash, HashType: string(rd.keys.hashType), RangeName: rd.keys.rng, RangeType: string(rd.keys.rngType)})
	if err != nil {
		return nil, wrap(op, err)
	}
	if err := ectx.CheckUnused(); err != nil {
		return nil, wrap(op, err)
	}
	if rd.filter != nil {
		for _, p := range rd.filter.Paths() {
			if !rd.keys.isKey(p[0].Name) { // on an index, only its own keys (DynamoDB Local)
				continue
			}
			if len(p) > 1 {
				return nil, wrap(op, validationf("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s", p[0].Name))
			}
			return nil, wrap(op, validationf("Filter Expression can only contain non-primary key attributes: Primary key attribute: %s", p[0].Name))
		}
	}
	rng, err := rd.keyRange(kc)
	if err != nil {
		return nil, wrap(op, err)
	}
	forward := in.ScanIndexForward == nil || *in.ScanIndexForward
	if rd.start != nil && (!bytes.Equal(rd.start.pk, rng.pk) || rd.start.h != rng.h) {
		return nil, wrap(op, validationf("The provided starting key does not match the range key predicate"))
	}
	p := rd.visit(rd.queryWalk(rng, forward), rd.keys.rng == "" && rd.ix == nil)
	items, lek, cc := rd.output(p)
	return &dynamodb.QueryOutput{Items: items, Count: p.count, ScannedCount: p.scanned, LastEvaluatedKey: lek, ConsumedCapacity: cc}, nil
}

// keyRange is a key condition as bounds on store order within one partition.
type keyRange struct {
	h         uint64
	pk        []byte
	lo, hi    []byte // nil: unbounded
	loX, hiX  bool   // exclusive bounds
	prefix    []byte // begins_with
	hasPrefix bool
}

func (rd *reader) keyRange(kc *expr.KeyCondition) (keyRange, error) {
	mismatch := validationf("One or more parameter values were invalid: Condition parameter type does not match schema type")
	if value.TypeName(kc.HashValue) != string(rd.keys.hashType) {
		return keyRange{}, mismatch
	}
	if err := emptyKey(kc.HashValue, rd.keys.hash); err != nil {
		return keyRange{}, err
	}
	pk := value.OrderKey(kc.HashValue)
	r := keyRange{h: hashKey(rd.keys.hashType, pk), pk: pk}
	if kc.RangeName == "" {
		return r, nil
	}
	vals := make([][]byte, len(kc.RangeValues))
	for i, v := range kc.RangeValues {
		if value.TypeName(v) != string(rd.keys.rngType) {
			return keyRange{}, mismatch
		}
		vals[i] = value.OrderKey(v)
	}
	switch kc.RangeOp {
	case "=":
		r.lo, r.hi = vals[0], vals[0]
	case "<":
		r.hi, r.hiX = vals[0], true
	case "<=":
		r.hi = vals[0]
	case ">":
		r.lo, r.loX = vals[0], true
	case ">=":
		r.lo = vals[0]
	case "BETWEEN":
		if c, _ := value.Compare(kc.RangeValues[0], kc.RangeValues[1]); c > 0 {
			return keyRange{}, validationf("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {%s:%s}, upper bound operand: AttributeValue: {%s:%s}",
				value.TypeName(kc.RangeValues[0]), scalarText(kc.RangeValues[0]), value.TypeName(kc.RangeValues[1]), scalarText(kc.RangeValues[1]))
		}
		r.lo, r.hi = vals[0], vals[1]
	case "begins_with":
		if rd.keys.rngType == types.ScalarAttributeTypeN {
			return keyRange{}, validationf("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")
		}
		r.lo, r.prefix, r.hasPrefix = vals[0], vals[0], true
	}
	return r, nil
}

func scalarText(v types.AttributeValue) string {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		return x.Value
	case *types.AttributeValueMemberN:
		return x.Value
	case *types.AttributeValueMemberB:
		return string(x.Value)
	}
	return ""
}

// within reports where rk lies against the range: -1 before it, 0 inside,
// 1 after it (in ascending order).
func (r keyRange) within(rk []byte) int {
	if r.lo != nil {
		c := bytes.Compare(rk, r.lo)
		if c < 0 || (c == 0 && r.loX) {
			return -1
		}
	}
	if r.hasPrefix {
		if !bytes.HasPrefix(rk, r.prefix) {
			return 1
		}
		return 0
	}
	if r.hi != nil {
		c := bytes.Compare(rk, r.hi)
		if c > 0 || (c == 0 && r.hiX) {
			return 1
		}
	}
	return 0
}

// queryWalk walks one partition within the range, in either direction,
// starting after rd.start when set.
func (rd *reader) queryWalk(r keyRange, forward bool) func(yield func(*entry) bool) {
	tv, less := rd.tree()
	return func(yield func(*entry) bool) {
		visit := func(e *entry) bool {
			if e.h != r.h || !bytes.Equal(e.pk, r.pk) {
				// Only entries of other partitions sharing the hash can
				// precede ours in the walk; skip those, stop past ours.
				if e.h == r.h && (bytes.Compare(e.pk, r.pk) > 0) == !forward {
					return true
				}
				return false
			}
			if rd.start != nil {
				// Resume strictly after the start key in walk order.
				if forward && !less(rd.start, e) || !forward && !less(e, rd.start) {
					return true
				}
			}
			w := 0
			if rd.keys.rng != "" {
				w = r.within(e.rk)
			}
			switch {
			case w == 0:
				return yield(e)
			case (w < 0) == forward:
				return true // not yet inside the range
			default:
				return false // past the range
			}
		}
		if forward {
			pivot := &entry{h: r.h, pk: r.pk, rk: r.lo}
			if rd.start != nil {
				pivot = rd.start
			}
			tv.AscendGreaterOrEqual(pivot, visit)
			return
		}
		pivot := &entry{h: r.h, pk: append(append([]byte{}, r.pk...), 0)}
		if rd.start != nil {
			pivot = rd.start
		}
		tv.DescendLessOrEqual(pivot, visit)
	}
}
