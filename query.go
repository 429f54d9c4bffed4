package gonamo

import (
	"context"
	"errors"
	"fmt"
	stditer "iter"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"golang.org/x/time/rate"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
	"github.com/gonamo/gonamo/internal/borrow"
	"github.com/gonamo/gonamo/iter"
)

// Query reads many items of a table or of one of its indexes: a DynamoDB
// Query (made by Table.Query or Index.Query) or Scan (made by Table.Scan or
// Index.Scan).
//
// A Query is an immutable value: every method that refines it returns a
// changed copy, so a base query can be shared and refined in several ways.
// Nothing is sent until a terminal method runs it (All, Pages, Iter,
// Count, First, One, Collect), and each run sends its requests anew. An
// invalid query (a key condition on the wrong attribute, a filter on an
// attribute an index does not project, a sort key condition on a scan...)
// is reported by the terminal method as a *ValidationError wrapping
// ErrInvalidQuery or ErrNotProjected, before any call.
type Query[T any] struct {
	t      *Table[T]
	ix     *indexDef // nil for the table itself
	scan   bool
	hash   attr.Condition[T]
	sort   attr.Condition[T]
	filter attr.Condition[T]
	sorted bool // SortKey was called
	nfilt  int  // Filter calls
	fields []attr.Field[T]
	desc   bool
	cons   bool
	paging []func(*iter.Options)
	par    int // Parallel's segments, 0 otherwise
	err    error
	// unfiltered drops the read extensions' filters and checks.
	unfiltered bool
}

// Query returns a query of the items whose hash key equals the value of
// hash, a condition made by the hash key's descriptor (forum.Eq("go")).
// Refine it with SortKey, Filter, Only and the paging methods, then run it
// with All, Pages, Count, First, One or Collect.
func (t *Table[T]) Query(hash attr.Condition[T]) Query[T] {
	return Query[T]{t: t, hash: hash}
}

// Scan returns a scan of the whole table. Refine it with Filter, Only,
// Segment or Parallel and the paging methods, then run it.
func (t *Table[T]) Scan() Query[T] { return Query[T]{t: t, scan: true} }

// with returns a copy of q changed by f; slices are clipped so that
// appends on the copy never write into q's.
func (q Query[T]) with(f func(*Query[T])) Query[T] {
	q.fields = slices.Clip(q.fields)
	q.paging = slices.Clip(q.paging)
	f(&q)
	return q
}

// fail records the first error of the query's construction.
func (q *Query[T]) fail(format string, args ...any) {
	if q.err == nil {
		q.err = fmt.Errorf("%w: "+format, append([]any{ErrInvalidQuery}, args...)...)
	}
}

// SortKey adds a condition on the sort key (of the table, or of the index
// queried): Eq, Lt, Le, Gt, Ge, Between or BeginsWith, made by the sort
// key's descriptor. A condition on another attribute, or of another kind,
// is an error; so is SortKey on a scan.
func (q Query[T]) SortKey(cond attr.Condition[T]) Query[T] {
	return q.with(func(q *Query[T]) {
		if q.scan {
			q.fail("a scan has no sort key condition; use Filter")
		}
		if q.sorted {
			q.fail("a query has one sort key condition")
		}
		q.sort, q.sorted = cond, true
	})
}

// Filter adds a condition the items must meet to be returned, evaluated by
// DynamoDB after reading them (they are still read and paid for). Several
// filters are combined with AND.
func (q Query[T]) Filter(cond attr.Condition[T]) Query[T] {
	return q.with(func(q *Query[T]) { q.filter, q.nfilt = q.filter.And(cond), q.nfilt+1 })
}

// Only reads just these attributes, and the key attributes, which cursors
// need; the other fields of the items keep their zero values. On an index,
// only attributes it projects may be named (see LocalIndex for strictness).
func (q Query[T]) Only(fields ...attr.Field[T]) Query[T] {
	return q.with(func(q *Query[T]) { q.fields = append(q.fields, fields...) })
}

// Consistent asks for strongly consistent reads; global secondary indexes
// do not offer them (an error).
func (q Query[T]) Consistent() Query[T] { return q.with(func(q *Query[T]) { q.cons = true }) }

// Descending returns the items in descending sort key order; a scan has no
// order (an error).
func (q Query[T]) Descending() Query[T] {
	return q.with(func(q *Query[T]) {
		if q.scan {
			q.fail("a scan has no order")
		}
		q.desc = true
	})
}

// Limit caps the number of items a run yields; the requests then ask for
// no more than the items still missing (unless PageSize is set).
func (q Query[T]) Limit(n int) Query[T] { return q.Paging(func(o *iter.Options) { o.Limit = n }) }

// PageSize sets the Limit of each request: the items DynamoDB evaluates
// per page, before any filter.
func (q Query[T]) PageSize(n int32) Query[T] {
	return q.Paging(func(o *iter.Options) { o.PageSize = n })
}

// From resumes the query just after the position a cursor records (see
// iter.Iterator.Cursor and iter.PageView.Cursor); "" starts at the
// beginning. A cursor of another table, index, or kind of read is refused
// with an *iter.CursorError.
func (q Query[T]) From(cursor string) Query[T] {
	return q.Paging(func(o *iter.Options) { o.Cursor = cursor })
}

// ReadRate caps the read capacity units the run consumes per second, as
// ConsumedCapacity reports them (PynamoDB's rate_limit).
func (q Query[T]) ReadRate(unitsPerSecond float64) Query[T] {
	return q.Paging(func(o *iter.Options) { o.ReadUnitsPerSecond = unitsPerSecond })
}

// SharedRate charges the run's read capacity to l, a limiter shared with
// other runs (each token is one read capacity unit).
func (q Query[T]) SharedRate(l *rate.Limiter) Query[T] {
	return q.Paging(func(o *iter.Options) { o.Limiter = l })
}

// Paging changes any of the iteration options (prefetch, cursor expiry,
// workers...); see iter.Options. The scope of cursors is the query's own
// and cannot be changed; the DB's CursorSigner and CursorTTL apply unless
// fn sets others.
func (q Query[T]) Paging(fn func(*iter.Options)) Query[T] {
	return q.with(func(q *Query[T]) { q.paging = append(q.paging, fn) })
}

// Segment makes the scan read only segment i of a parallel scan of total
// segments, with its own cursor; run one such scan per segment, each from
// its own goroutine or process.
func (q Query[T]) Segment(i, total int) Query[T] {
	return q.with(func(q *Query[T]) {
		if !q.scan {
			q.fail("only a scan has segments")
		}
		q.paging = append(q.paging, func(o *iter.Options) { o.Segment, o.TotalSegments = i, total })
	})
}

// Parallel makes the scan read its table in segments segments at once
// (at most workers at a time; 0 means all), merged into one run whose items
// come in no specified order and whose cursor records every segment.
func (q Query[T]) Parallel(segments, workers int) Query[T] {
	return q.with(func(q *Query[T]) {
		if !q.scan {
			q.fail("only a scan runs in parallel")
		}
		if segments < 1 {
			q.fail("parallel scan of %d segments", segments)
		}
		q.par = segments
		q.paging = append(q.paging, func(o *iter.Options) { o.Workers = workers })
	})
}

// Unfiltered returns q without the filters and checks the table's read
// extensions add (see ReadExtension): a query of a polymorphic variant's
// table then reads the items of every variant. Use it with Raw.
func (q Query[T]) Unfiltered() Query[T] { return q.with(func(q *Query[T]) { q.unfiltered = true }) }

// Raw returns the query's iterator over the items as DynamoDB returns
// them, undecoded, for code that decodes them itself (such as package
// polymorphic). Its cursors are those of the query.
func (q Query[T]) Raw(ctx context.Context) *iter.Iterator[map[string]types.AttributeValue] {
	p, err := q.plan()
	if err != nil {
		return iter.New(ctx, func(context.Context, iter.Request) (iter.Page[map[string]types.AttributeValue], error) {
			return iter.Page[map[string]types.AttributeValue]{}, err
		})
	}
	if q.par > 0 {
		return iter.Parallel(ctx, p.fetchRaw, q.par, p.iterOptions)
	}
	return iter.New(ctx, p.fetchRaw, p.iterOptions)
}

// Iter returns the query's iterator: All, Pages and Count views of its runs
// and the Cursor of the latest one. Each range over a view runs the query
// again, from the cursor given with From (the beginning if none).
func (q Query[T]) Iter(ctx context.Context) *iter.Iterator[T] {
	p, err := q.plan()
	if err != nil {
		return iter.New(ctx, func(context.Context, iter.Request) (iter.Page[T], error) {
			return iter.Page[T]{}, err
		})
	}
	return p.iterator(ctx, false)
}

// All runs the query and yields its items; an error is yielded once, as
// the last element. Breaking out of the loop stops the requests.
func (q Query[T]) All(ctx context.Context) stditer.Seq2[T, error] { return q.Iter(ctx).All() }

// Pages runs the query and yields its pages with their counts, consumed
// capacity and the cursor after each.
func (q Query[T]) Pages(ctx context.Context) stditer.Seq2[*iter.PageView[T], error] {
	return q.Iter(ctx).Pages()
}

// Collect runs the query and returns its items (those gathered before an
// error, with the error).
func (q Query[T]) Collect(ctx context.Context) ([]T, error) { return iter.Collect(q.All(ctx)) }

// First returns the first item: an error wrapping ErrNotFound when there
// is none. Without a filter it asks DynamoDB for one item only.
func (q Query[T]) First(ctx context.Context) (T, error) {
	if q.nfilt == 0 && !q.hasLimit() {
		q = q.Limit(1)
	}
	v, err := iter.First(q.All(ctx))
	return v, q.notFound(err)
}

// One returns the only item: an error wrapping ErrNotFound when there is
// none, ErrTooMany when there are several. Without a filter it asks
// DynamoDB for two items at most.
func (q Query[T]) One(ctx context.Context) (T, error) {
	if q.nfilt == 0 && !q.hasLimit() {
		q = q.Limit(2)
	}
	v, err := iter.One(q.All(ctx))
	return v, q.notFound(err)
}

// Count runs the query with Select COUNT and returns the number of items
// that match (count) and that DynamoDB evaluated before the filter
// (scanned), summed over every page. Limit stops the counting once count
// reaches it.
func (q Query[T]) Count(ctx context.Context) (count, scanned int64, err error) {
	q.fields = nil // COUNT returns no attributes
	p, err := q.plan()
	if err != nil {
		return 0, 0, err
	}
	return p.iterator(ctx, true).Count()
}

func (q Query[T]) hasLimit() bool {
	var o iter.Options
	for _, f := range q.paging {
		f(&o)
	}
	return o.Limit > 0
}

func (q Query[T]) notFound(err error) error {
	if errors.Is(err, iter.ErrNotFound) {
		return fmt.Errorf("gonamo: %s %s: %w", q.kind(), q.target(), errors.Join(ErrNotFound, err))
	}
	return err
}

func (q Query[T]) kind() string {
	if q.scan {
		return "scan"
	}
	return "query"
}

// target names what is read: "table" or "table/index".
func (q Query[T]) target() string {
	if q.ix != nil {
		return q.t.name + "/" + q.ix.name
	}
	return q.t.name
}

// plan is a validated query, ready to send.
type plan[T any] struct {
	q       Query[T]
	query   dynamodb.QueryInput
	scan    dynamodb.ScanInput
	keys    []string        // key attributes of each item: table's, then index's
	decode  []attr.Field[T] // the fields decoded; nil: the whole schema
	counter bool
	// borrow lets fetch read the items of an in-process dynamotest.DB
	// without copies: nothing keeps or changes them but the schema's
	// Decode, which copies (see internal/borrow).
	borrow bool
}

// plan validates q and renders its expressions.
func (q Query[T]) plan() (*plan[T], error) {
	t := q.t
	invalid := func(attrName string, err error) error {
		return &ValidationError{Model: t.schema.Model(), Attr: attrName, Err: err}
	}
	if q.err != nil {
		return nil, invalid("", q.err)
	}
	hashKey, rangeKey := t.def.hash, t.def.rng
	p := &plan[T]{q: q, keys: []string{t.def.hash.name}, borrow: t.schema.DecodeCopies()}
	if t.def.rng.name != "" {
		p.keys = append(p.keys, t.def.rng.name)
	}
	if q.ix != nil {
		hashKey, rangeKey = q.ix.hash, q.ix.rng
		for _, k := range []string{q.ix.hash.name, q.ix.rng.name} {
			if k != "" && !slices.Contains(p.keys, k) {
				p.keys = append(p.keys, k)
			}
		}
		if q.cons && q.ix.global {
			return nil, invalid("", fmt.Errorf("%w: global index %s has no consistent reads", ErrInvalidQuery, q.ix.name))
		}
	}

	var b expr.Builder[T]
	var keyCond *string
	if !q.scan {
		if err := keyTerm(q.hash, hashKey.name, "hash", attr.TermEq); err != nil {
			return nil, invalid(hashKey.name, err)
		}
		if q.sorted {
			if rangeKey.name == "" {
				return nil, invalid("", fmt.Errorf("%w: %s has no sort key", ErrInvalidQuery, q.target()))
			}
			if err := keyTerm(q.sort, rangeKey.name, "sort", attr.TermEq, attr.TermLt, attr.TermLe, attr.TermGt, attr.TermGe, attr.TermBetween, attr.TermBeginsWith); err != nil {
				return nil, invalid(rangeKey.name, err)
			}
		}
		kc, err := attr.KeyCondition(q.hash, q.sort)
		if err != nil {
			return nil, invalid(hashKey.name, fmt.Errorf("%w: %w", ErrInvalidQuery, err))
		}
		s, err := b.KeyCondition(kc)
		if err != nil {
			return nil, invalid("", fmt.Errorf("%w: %w", ErrInvalidQuery, err))
		}
		keyCond = &s
	}

	var filter *string
	if ext := t.readFilter(); !q.unfiltered && ext != nil {
		// DynamoDB refuses filters on the key attributes of a query; when
		// the extension's filter uses one (a discriminator as index key),
		// the key condition selects the items and CheckRead checks them.
		onKey := false
		for _, name := range t.readAttrs() {
			onKey = onKey || !q.scan && (name == hashKey.name || name == rangeKey.name)
		}
		if !onKey {
			q.filter, q.nfilt = q.filter.And(*ext), q.nfilt+1
		}
	}
	if q.nfilt > 0 {
		fe, err := q.filter.Expr()
		if err != nil {
			return nil, invalid(attrOf(err), err)
		}
		s, err := b.Condition(fe)
		if err != nil {
			return nil, invalid("", fmt.Errorf("%w: %w", ErrInvalidQuery, err))
		}
		for _, name := range topLevelNames(s, b.Names()) {
			if !q.scan && (name == hashKey.name || name == rangeKey.name) {
				return nil, invalid(name, fmt.Errorf("%w: a filter cannot use the key attribute %s; use the key condition", ErrInvalidQuery, name))
			}
			if err := q.projects(name, !q.scan); err != nil {
				return nil, invalid(name, err)
			}
		}
		filter = &s
	}

	var projection *string
	switch {
	case len(q.fields) > 0:
		paths := make([]expr.Path, 0, len(p.keys)+len(q.fields))
		for _, k := range p.keys {
			paths = append(paths, expr.Name(k))
		}
		p.decode = make([]attr.Field[T], 0, len(p.keys)+len(q.fields))
		for _, k := range p.keys {
			f, _ := t.schema.Field(k)
			p.decode = append(p.decode, f)
		}
		for _, f := range q.fields {
			if f == nil {
				return nil, invalid("", fmt.Errorf("%w: nil field in Only", ErrInvalidQuery))
			}
			sf, ok := t.schema.Field(f.Name())
			if !ok {
				return nil, invalid(f.Name(), fmt.Errorf("%w: %s is not an attribute of the model", ErrInvalidQuery, f.Name()))
			}
			if err := q.projects(f.Name(), false); err != nil {
				return nil, invalid(f.Name(), err)
			}
			if !slices.Contains(p.keys, f.Name()) && !slices.ContainsFunc(p.decode, func(d attr.Field[T]) bool { return d.Name() == f.Name() }) {
				paths = append(paths, f.Path())
				p.decode = append(p.decode, sf)
			}
		}
		if !q.unfiltered {
			for _, name := range t.readAttrs() { // for CheckRead
				if !slices.Contains(p.keys, name) && !slices.ContainsFunc(p.decode, func(f attr.Field[T]) bool { return f.Name() == name }) {
					paths = append(paths, expr.Name(name))
				}
			}
		}
		s, err := b.Projection(expr.Project[T](paths...))
		if err != nil {
			return nil, invalid("", fmt.Errorf("%w: %w", ErrInvalidQuery, err))
		}
		projection = &s
	case q.ix != nil && q.ix.projection != types.ProjectionTypeAll:
		// The index holds only some attributes: decode those, so that the
		// others keep their zero values rather than tripping Required.
		for _, f := range t.schema.Fields() {
			if q.ix.holds(&t.def, f.Name()) {
				p.decode = append(p.decode, f)
			}
		}
	}

	names, values := b.Names(), b.Values()
	var index *string
	if q.ix != nil {
		index = aws.String(q.ix.name)
	}
	if q.scan {
		p.scan = dynamodb.ScanInput{TableName: aws.String(t.name), IndexName: index, FilterExpression: filter,
			ProjectionExpression: projection, ExpressionAttributeNames: names, ExpressionAttributeValues: values}
		if q.cons {
			p.scan.ConsistentRead = aws.Bool(true)
		}
	} else {
		p.query = dynamodb.QueryInput{TableName: aws.String(t.name), IndexName: index, KeyConditionExpression: keyCond,
			FilterExpression: filter, ProjectionExpression: projection,
			ExpressionAttributeNames: names, ExpressionAttributeValues: values}
		if q.cons {
			p.query.ConsistentRead = aws.Bool(true)
		}
		if q.desc {
			p.query.ScanIndexForward = aws.Bool(false)
		}
	}
	return p, nil
}

// keyTerm checks that cond compares the key attribute name with one of ops.
func keyTerm[T any](cond attr.Condition[T], name, which string, ops ...attr.TermOp) error {
	if _, err := cond.Expr(); err != nil {
		return err
	}
	term, ok := cond.Term()
	if !ok {
		return fmt.Errorf("%w: the %s key condition must compare %s with a value, made by its descriptor", ErrInvalidQuery, which, name)
	}
	if term.Attr != name {
		return fmt.Errorf("%w: the %s key condition is on %s, not on the %s key %s", ErrInvalidQuery, which, term.Attr, which, name)
	}
	if !slices.Contains(ops, term.Op) {
		return fmt.Errorf("%w: %s on the %s key %s; DynamoDB allows %v", ErrInvalidQuery, term.Op, which, name, ops)
	}
	return nil
}

// projects returns an error wrapping ErrNotProjected when the query reads
// an index that does not hold the attribute name and must not fetch it: a
// global index, a strict local index, or any index for the filter of a
// query (inFilter), which DynamoDB refuses.
func (q Query[T]) projects(name string, inFilter bool) error {
	if q.ix == nil || q.ix.holds(&q.t.def, name) || (!q.ix.global && q.ix.loose && !inFilter) {
		return nil
	}
	what := "global"
	if !q.ix.global {
		what = "strict local"
		if q.ix.loose {
			what = "local"
		}
	}
	return fmt.Errorf("%w: %s index %s does not project %s", ErrNotProjected, what, q.ix.name, name)
}

// holds reports whether the index stores the attribute name.
func (ix *indexDef) holds(t *tableDef, name string) bool {
	switch {
	case ix.projection == types.ProjectionTypeAll:
		return true
	case name == t.hash.name || name == t.rng.name || name == ix.hash.name || name == ix.rng.name:
		return true
	}
	return slices.Contains(ix.include, name)
}

// topLevelNames returns the top-level attribute names a rendered expression
// uses: the names of the placeholders that start a path (not after a dot).
func topLevelNames(s string, names map[string]string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] != '#' || (i > 0 && s[i-1] == '.') {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == '_' || s[j] >= '0' && s[j] <= '9' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		if n, ok := names[s[i:j]]; ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
		i = j - 1
	}
	return out
}

// iterator returns the iterator of the plan's runs; counter selects
// Select COUNT.
func (p *plan[T]) iterator(ctx context.Context, counter bool) *iter.Iterator[T] {
	pc := *p
	pc.counter = counter
	if p.q.par > 0 {
		return iter.Parallel(ctx, pc.fetch, p.q.par, p.iterOptions)
	}
	return iter.New(ctx, pc.fetch, p.iterOptions)
}

// iterOptions sets the iteration options of the plan's runs.
func (p *plan[T]) iterOptions(o *iter.Options) {
	q := p.q
	o.Signer, o.CursorTTL = q.t.db.opts.CursorSigner, q.t.db.opts.CursorTTL
	for _, f := range q.paging {
		f(o)
	}
	o.Scope = q.kind() + ":" + q.target()
}

// send runs one request of the plan and returns its page of raw items.
func (p *plan[T]) send(ctx context.Context, req iter.Request) (iter.Page[map[string]types.AttributeValue], error) {
	t := p.q.t
	capacity := t.db.capacity()
	if req.ReturnConsumedCapacity {
		capacity = types.ReturnConsumedCapacityTotal
	}
	var limit, segment, total *int32
	if req.Limit > 0 {
		limit = aws.Int32(req.Limit)
	}
	if req.TotalSegments > 0 {
		segment, total = aws.Int32(req.Segment), aws.Int32(req.TotalSegments)
	}
	var selectKind types.Select
	if p.counter {
		selectKind = types.SelectCount
	}
	var page iter.Page[map[string]types.AttributeValue]
	var err error
	if p.q.scan {
		in := p.scan
		in.ExclusiveStartKey, in.Limit, in.Segment, in.TotalSegments, in.ReturnConsumedCapacity, in.Select = req.ExclusiveStartKey, limit, segment, total, capacity, selectKind
		var out *dynamodb.ScanOutput
		out, err = call(ctx, t.db, "Scan", t.name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
			return t.db.client.Scan(ctx, &in, o...)
		}, func(o *dynamodb.ScanOutput) []types.ConsumedCapacity { return one(o.ConsumedCapacity) })
		if err == nil {
			page = iter.Page[map[string]types.AttributeValue]{Items: out.Items, LastEvaluatedKey: out.LastEvaluatedKey,
				Count: out.Count, ScannedCount: out.ScannedCount, Consumed: out.ConsumedCapacity}
		}
	} else {
		in := p.query
		in.ExclusiveStartKey, in.Limit, in.ReturnConsumedCapacity, in.Select = req.ExclusiveStartKey, limit, capacity, selectKind
		var out *dynamodb.QueryOutput
		out, err = call(ctx, t.db, "Query", t.name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
			return t.db.client.Query(ctx, &in, o...)
		}, func(o *dynamodb.QueryOutput) []types.ConsumedCapacity { return one(o.ConsumedCapacity) })
		if err == nil {
			page = iter.Page[map[string]types.AttributeValue]{Items: out.Items, LastEvaluatedKey: out.LastEvaluatedKey,
				Count: out.Count, ScannedCount: out.ScannedCount, Consumed: out.ConsumedCapacity}
		}
	}
	if err != nil {
		return page, fmt.Errorf("gonamo: %s %s: %w", p.q.kind(), p.q.target(), err)
	}
	if p.counter {
		page.Items = nil
		return page, nil
	}
	// The items themselves serve as keys: iter keeps only p.keys of them
	// in cursors, which saves a map per item.
	page.Keys, page.KeyNames = page.Items, p.keys
	return page, nil
}

// fetchRaw runs one request and returns its items undecoded.
func (p *plan[T]) fetchRaw(ctx context.Context, req iter.Request) (iter.Page[map[string]types.AttributeValue], error) {
	return p.send(ctx, req)
}

// fetch runs one request and decodes its items.
func (p *plan[T]) fetch(ctx context.Context, req iter.Request) (iter.Page[T], error) {
	sendCtx := ctx
	if p.borrow {
		sendCtx = borrow.Items(ctx)
	}
	raw, err := p.send(sendCtx, req)
	page := iter.Page[T]{Keys: raw.Keys, KeyNames: raw.KeyNames, LastEvaluatedKey: raw.LastEvaluatedKey,
		Count: raw.Count, ScannedCount: raw.ScannedCount, Consumed: raw.Consumed}
	if err != nil || p.counter {
		return page, err
	}
	t := p.q.t
	page.Items = make([]T, len(raw.Items))
	loaded := t.db.opts.Hooks.Loaded
	// The keys are checked here, with the item at hand, rather than by
	// the iterator in a second pass over the page.
	page.KeysChecked = true
	for i, m := range raw.Items {
		if err := iter.CheckKey(m, p.keys); err != nil {
			return iter.Page[T]{}, fmt.Errorf("gonamo: %s %s: item %d has a key that cannot be put in a cursor: %w", p.q.kind(), p.q.target(), i, err)
		}
		if !p.q.unfiltered {
			if err := t.checkRead(m); err != nil {
				return iter.Page[T]{}, err
			}
		}
		if err := p.decodeItem(m, &page.Items[i]); err != nil {
			return iter.Page[T]{}, err
		}
		if loaded != nil {
			loaded(ctx, t.name, &page.Items[i])
		}
	}
	return page, nil
}

// decodeItem decodes m into dst: the whole schema, or only the fields the
// read returns.
func (p *plan[T]) decodeItem(m map[string]types.AttributeValue, dst *T) error {
	if p.decode == nil {
		return p.q.t.decode(m, dst)
	}
	for _, f := range p.decode {
		if err := f.Decode(m[f.Name()], dst); err != nil {
			return &ValidationError{Model: p.q.t.schema.Model(), Attr: f.Name(), Err: err}
		}
	}
	return nil
}
