package gonamo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	stditer "iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/internal/borrow"
	"github.com/gonamo/gonamo/internal/wait"
)

// ErrUnprocessed is the cause of a *BatchError whose requests DynamoDB kept
// returning as unprocessed (UnprocessedItems, UnprocessedKeys) until the
// batch's attempts were spent.
var ErrUnprocessed = errors.New("gonamo: batch requests left unprocessed")

// BatchOptions configure the batch operations: BatchWrite, BatchPut,
// BatchDelete, BatchGet and LoadAll. A batch cuts its requests into
// DynamoDB calls of at most 25 writes or 100 reads and retries, per call,
// the requests DynamoDB leaves unprocessed and the calls it throttles
// (ProvisionedThroughputExceeded, ThrottlingException, RequestLimitExceeded,
// InternalServerError), waiting between attempts. Other errors stop the
// batch at once.
type BatchOptions struct {
	// MaxAttempts is the most calls made for one chunk of requests, the
	// first included. Default 8.
	MaxAttempts int
	// BaseDelay is the wait after a chunk's first failed attempt; it doubles
	// with every further attempt up to MaxDelay. Defaults 50ms and 5s.
	BaseDelay, MaxDelay time.Duration
	// Jitter is the fraction (0 to 1) of each wait that is drawn at random,
	// so that concurrent clients do not retry in step. Default 1 ("full
	// jitter": a wait is uniform between 0 and its exponential bound).
	Jitter float64
	// Concurrency is the most chunks in flight at once. Default 1, which
	// runs the batch on the caller's goroutine. Above 1, the calls run on
	// worker goroutines, which call the DB's BeforeCall and AfterCall hooks
	// concurrently; the item hooks (Saved, Deleted, Loaded) and BatchGet's
	// iteration stay on the caller's goroutine.
	Concurrency int
	// ConsistentRead asks BatchGet and LoadAll for strongly consistent
	// reads.
	ConsistentRead bool

	sleep func(context.Context, time.Duration) error // the wait between attempts; tests replace it
}

// batchOptions applies optFns to the defaults and checks the result.
func batchOptions(optFns []func(*BatchOptions)) (*BatchOptions, error) {
	o := &BatchOptions{MaxAttempts: 8, BaseDelay: 50 * time.Millisecond, MaxDelay: 5 * time.Second, Jitter: 1, Concurrency: 1, sleep: wait.For}
	for _, f := range optFns {
		f(o)
	}
	bad := func(field, format string, args ...any) error {
		return &ValidationError{Model: "BatchOptions", Attr: field, Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidModel}, args...)...)}
	}
	switch {
	case o.MaxAttempts < 1:
		return nil, bad("MaxAttempts", "must be at least 1, not %d", o.MaxAttempts)
	case o.Concurrency < 1:
		return nil, bad("Concurrency", "must be at least 1, not %d", o.Concurrency)
	case o.BaseDelay < 0 || o.MaxDelay < 0:
		return nil, bad("BaseDelay", "delays must not be negative")
	case !(o.Jitter >= 0 && o.Jitter <= 1):
		return nil, bad("Jitter", "must be between 0 and 1, not %v", o.Jitter)
	}
	if o.sleep == nil {
		o.sleep = wait.For
	}
	return o, nil
}

// BatchOp says what a request of a batch does.
type BatchOp string

// The operations of batch requests.
const (
	BatchOpPut    BatchOp = "put"
	BatchOpDelete BatchOp = "delete"
	BatchOpGet    BatchOp = "get"
)

// BatchRequest is one request of a batch, as errors report it.
type BatchRequest struct {
	// Table is the table name as sent.
	Table string
	// Op is what the request does.
	Op BatchOp
	// Item is the *T given: the item put, or the key deleted or read (for
	// LoadAll, the item to load into).
	Item any
	// Key is the item's key attributes.
	Key map[string]types.AttributeValue
}

// BatchError reports the requests a batch did not carry out: those still
// unprocessed when their attempts were spent, those of a call that failed
// with an error that is not retried, and those not sent because the
// context ended. A request listed may have been carried out by a call
// whose response was lost; one not listed was. BatchError unwraps to the
// last cause: ErrUnprocessed, the SDK's error, or the context's error.
type BatchError struct {
	// Requests are the requests not carried out, in the order given, after
	// duplicates were merged.
	Requests []BatchRequest
	// Attempts is the most calls made for one chunk of requests.
	Attempts int
	// Err is the cause.
	Err error
}

// Error says how many requests were not carried out, and why.
func (e *BatchError) Error() string {
	what := "written"
	if len(e.Requests) > 0 && e.Requests[0].Op == BatchOpGet {
		what = "read"
	}
	return fmt.Sprintf("gonamo: batch: %d requests not %s after %d attempts: %v", len(e.Requests), what, e.Attempts, e.Err)
}

// Unwrap returns the cause.
func (e *BatchError) Unwrap() error { return e.Err }

// MissingError lists the items LoadAll found no stored item for, like
// bloop's MissingObjects; the items themselves are left untouched. It
// unwraps to ErrNotFound.
type MissingError struct {
	// Items are the requests of the missing items, in the order given.
	Items []BatchRequest
}

// Error lists the first missing keys.
func (e *MissingError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "gonamo: %d items not found:", len(e.Items))
	for i, r := range e.Items {
		if i == 3 {
			fmt.Fprintf(&b, " and %d more", len(e.Items)-i)
			break
		}
		fmt.Fprintf(&b, " %s %s", r.Table, keyText(r.Key))
	}
	return b.String()
}

// Unwrap returns ErrNotFound.
func (e *MissingError) Unwrap() error { return ErrNotFound }

// keyText renders a key for messages, attribute names sorted.
func keyText(key map[string]types.AttributeValue) string {
	var parts []string
	for name, av := range key {
		var v string
		switch x := av.(type) {
		case *types.AttributeValueMemberS:
			v = fmt.Sprintf("%q", x.Value)
		case *types.AttributeValueMemberN:
			v = x.Value
		case *types.AttributeValueMemberB:
			v = fmt.Sprintf("%x", x.Value)
		}
		parts = append(parts, name+"="+v)
	}
	if len(parts) == 2 && parts[0] > parts[1] {
		parts[0], parts[1] = parts[1], parts[0]
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// Unwritten returns the items of table t that err (a *BatchError of a
// write batch) lists as not written: the items of the puts and the keys of
// the deletes, as the *T given, in the order given.
func Unwritten[T any](err error, t *Table[T]) (puts, deletes []*T) {
	for _, r := range requestsOf(err, t.name) {
		item, ok := r.Item.(*T)
		if !ok {
			continue
		}
		switch r.Op {
		case BatchOpPut:
			puts = append(puts, item)
		case BatchOpDelete:
			deletes = append(deletes, item)
		}
	}
	return puts, deletes
}

// Unread returns the keys of table t that err (a *BatchError of BatchGet or
// LoadAll) lists as not read, as the *T given, in the order given.
func Unread[T any](err error, t *Table[T]) []*T {
	var keys []*T
	for _, r := range requestsOf(err, t.name) {
		if item, ok := r.Item.(*T); ok && r.Op == BatchOpGet {
			keys = append(keys, item)
		}
	}
	return keys
}

// Missing returns the items of table t that err (from LoadAll) lists as
// not found, as the *T given, in the order given.
func Missing[T any](err error, t *Table[T]) []*T {
	var me *MissingError
	if !errors.As(err, &me) {
		return nil
	}
	var items []*T
	for _, r := range me.Items {
		if item, ok := r.Item.(*T); ok && r.Table == t.name {
			items = append(items, item)
		}
	}
	return items
}

func requestsOf(err error, table string) []BatchRequest {
	var be *BatchError
	if !errors.As(err, &be) {
		return nil
	}
	var rs []BatchRequest
	for _, r := range be.Requests {
		if r.Table == table {
			rs = append(rs, r)
		}
	}
	return rs
}

// writeReq is one put or delete of a write batch.
type writeReq struct {
	BatchRequest
	id     string
	wr     types.WriteRequest
	commit func() // the extensions' OnCommit
}

// WriteOp is a set of puts or deletes on one table, made by Table.PutOp or
// Table.DeleteOp and run by DB.BatchWrite. Items are encoded, and checked,
// when the op is made; an op with a bad item carries its error, which
// BatchWrite returns before any call. A WriteOp is a value: it may be run
// several times, alone or with others.
type WriteOp struct {
	db   *DB
	keys keyNames
	reqs []writeReq
	err  error
}

// PutOp returns the puts of items (replacing any item with the same key,
// as Put does) for DB.BatchWrite.
func (t *Table[T]) PutOp(items ...*T) WriteOp {
	op := t.writeOp(len(items))
	for _, item := range items {
		m, err := t.encode(item)
		if err != nil {
			op.err = err
			return op
		}
		w, err := t.prepareWrite(WritePut, item, &writeConfig[T]{batched: true})
		if err != nil {
			op.err = err
			return op
		}
		if len(w.sets) > 0 {
			maps.Copy(m, w.sets)
			if err := t.checkSize(m); err != nil {
				op.err = &ValidationError{Model: t.schema.Model(), Err: err}
				return op
			}
		}
		key := map[string]types.AttributeValue{op.keys.hash: m[op.keys.hash]} // encode checked it
		if op.keys.rng != "" {
			key[op.keys.rng] = m[op.keys.rng]
		}
		op.reqs = append(op.reqs, writeReq{
			BatchRequest: BatchRequest{Table: t.name, Op: BatchOpPut, Item: item, Key: key},
			id:           keyID(t.name, op.keys, key),
			wr:           types.WriteRequest{PutRequest: &types.PutRequest{Item: m}},
			commit:       w.commit,
		})
	}
	return op
}

// DeleteOp returns the deletes of the items whose key fields are set in
// keys, for DB.BatchWrite. Deleting a missing item is not an error.
func (t *Table[T]) DeleteOp(keys ...*T) WriteOp {
	op := t.writeOp(len(keys))
	for _, item := range keys {
		key, err := t.key(item)
		if err != nil {
			op.err = err
			return op
		}
		w, err := t.prepareWrite(WriteDelete, item, &writeConfig[T]{batched: true})
		if err != nil {
			op.err = err
			return op
		}
		op.reqs = append(op.reqs, writeReq{
			BatchRequest: BatchRequest{Table: t.name, Op: BatchOpDelete, Item: item, Key: key},
			id:           keyID(t.name, op.keys, key),
			wr:           types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: key}},
			commit:       w.commit,
		})
	}
	return op
}

func (t *Table[T]) writeOp(n int) WriteOp {
	return WriteOp{db: t.db, keys: t.keyNames(), reqs: make([]writeReq, 0, n)}
}

func (t *Table[T]) keyNames() keyNames {
	k := keyNames{hash: t.hash.Name()}
	if t.rng != nil {
		k.rng = t.rng.Name()
	}
	return k
}

// BatchPut puts items with BatchWriteItem, as DB.BatchWrite does with
// t.PutOp(items...).
func (t *Table[T]) BatchPut(ctx context.Context, items []*T, optFns ...func(*BatchOptions)) error {
	return t.db.BatchWrite(ctx, []WriteOp{t.PutOp(items...)}, optFns...)
}

// BatchDelete deletes the items whose key fields are set in keys with
// BatchWriteItem, as DB.BatchWrite does with t.DeleteOp(keys...).
func (t *Table[T]) BatchDelete(ctx context.Context, keys []*T, optFns ...func(*BatchOptions)) error {
	return t.db.BatchWrite(ctx, []WriteOp{t.DeleteOp(keys...)}, optFns...)
}

// BatchWrite carries out the puts and deletes of ops, on one or several
// tables of db, with as many BatchWriteItem calls as needed (25 requests
// each), retrying what DynamoDB leaves unprocessed or throttles as
// BatchOptions say. Batch writes take no conditions and are not atomic.
//
// Several requests on one item (same table and key) are merged: the last
// one given wins, as if they had run in order. Bad input (a missing key,
// an item too large, an op of a table of another DB) is a
// *ValidationError, and nothing is written. The DB's Saved and Deleted
// hooks run for each request written. When some requests are not written,
// the error is a *BatchError listing exactly those (see Unwritten); the
// others are written.
func (db *DB) BatchWrite(ctx context.Context, ops []WriteOp, optFns ...func(*BatchOptions)) error {
	o, err := batchOptions(optFns)
	if err != nil {
		return err
	}
	var reqs []*writeReq
	at := map[string]int{} // id -> index in reqs
	tables := map[string]keyNames{}
	for i := range ops {
		op := &ops[i]
		if op.err != nil {
			return op.err
		}
		if op.db != db && len(op.reqs) > 0 {
			return &ValidationError{Model: "WriteOp", Err: fmt.Errorf("%w: the op's table %s belongs to another DB", ErrInvalidModel, op.reqs[0].Table)}
		}
		for j := range op.reqs {
			r := &op.reqs[j]
			tables[r.Table] = op.keys
			if k, dup := at[r.id]; dup {
				reqs[k] = r // the last request on an item wins
				continue
			}
			at[r.id] = len(reqs)
			reqs = append(reqs, r)
		}
	}
	do := func(ctx context.Context, pending []*writeReq) ([]*writeReq, []*writeReq, error) {
		return db.writeChunk(ctx, pending, tables)
	}
	left, attempts, err := runBatch(ctx, o, split(reqs, maxBatchWriteReq), do, func(r *writeReq) bool {
		if r.commit != nil {
			r.commit()
		}
		switch r.Op {
		case BatchOpPut:
			if h := db.opts.Hooks.Saved; h != nil {
				h(ctx, r.Table, r.Item)
			}
		case BatchOpDelete:
			if h := db.opts.Hooks.Deleted; h != nil {
				h(ctx, r.Table, r.Key)
			}
		}
		return true
	})
	if len(left) == 0 {
		return nil
	}
	unwritten := make([]BatchRequest, 0, len(left))
	for _, r := range inOrder(left, writeID, at) {
		unwritten = append(unwritten, r.BatchRequest)
	}
	return &BatchError{Requests: unwritten, Attempts: attempts, Err: err}
}

// writeChunk sends pending in one BatchWriteItem call and returns the
// requests left unprocessed and those written.
func (db *DB) writeChunk(ctx context.Context, pending []*writeReq, tables map[string]keyNames) (left, done []*writeReq, err error) {
	in := &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{}, ReturnConsumedCapacity: db.capacity()}
	byID := make(map[string]*writeReq, len(pending))
	for _, r := range pending {
		in.RequestItems[r.Table] = append(in.RequestItems[r.Table], r.wr)
		byID[r.id] = r
	}
	out, err := call(ctx, db, "BatchWriteItem", onlyTable(in.RequestItems), func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
		return db.client.BatchWriteItem(ctx, in, o...)
	}, func(o *dynamodb.BatchWriteItemOutput) []types.ConsumedCapacity { return o.ConsumedCapacity })
	if err != nil {
		return pending, nil, fmt.Errorf("gonamo: batch write: %w", err)
	}
	unprocessed := map[*writeReq]bool{}
	for table, wrs := range out.UnprocessedItems {
		for _, wr := range wrs {
			var m map[string]types.AttributeValue
			switch {
			case wr.PutRequest != nil:
				m = wr.PutRequest.Item
			case wr.DeleteRequest != nil:
				m = wr.DeleteRequest.Key
			}
			if r := byID[keyID(table, tables[table], m)]; r != nil {
				unprocessed[r] = true
			}
		}
	}
	for _, r := range pending {
		if unprocessed[r] {
			left = append(left, r)
		} else {
			done = append(done, r)
		}
	}
	return left, done, nil
}

// inOrder sorts rs into the order the requests were given to the batch,
// at holding each request's position by id.
func inOrder[R any](rs []*R, id func(*R) string, at map[string]int) []*R {
	slices.SortFunc(rs, func(a, b *R) int { return cmp.Compare(at[id(a)], at[id(b)]) })
	return rs
}

func writeID(r *writeReq) string { return r.id }
func getID(r *getReq) string     { return r.id }

// getReq is one key of a read batch, with the items to load it into.
type getReq struct {
	BatchRequest
	id   string
	dsts []any                                                  // every item given with this key
	load func(m map[string]types.AttributeValue, dst any) error // decodes into one of dsts
	keys keyNames
	// copies is the table schema's DecodeCopies: load keeps nothing of the
	// item, which may then be borrowed (see internal/borrow).
	copies bool
}

// getEvent is a key read: its item, or nil when there is none.
type getEvent struct {
	r    *getReq
	item map[string]types.AttributeValue
}

// LoadOp is a set of items of one table to load in place, made by
// Table.LoadOp and run by DB.LoadAll. Keys are checked when the op is
// made; an op with a bad key carries its error, which LoadAll returns
// before any call.
type LoadOp struct {
	db   *DB
	reqs []getReq
	err  error
}

// LoadOp returns the loads of items, each read by the key fields set in it
// and stored into it as Load does, for DB.LoadAll.
func (t *Table[T]) LoadOp(items ...*T) LoadOp {
	op := LoadOp{db: t.db, reqs: make([]getReq, 0, len(items))}
	keys := t.keyNames()
	load := func(m map[string]types.AttributeValue, dst any) error { return t.decode(m, dst.(*T)) }
	for _, item := range items {
		key, err := t.key(item)
		if err != nil {
			op.err = err
			return op
		}
		op.reqs = append(op.reqs, getReq{
			BatchRequest: BatchRequest{Table: t.name, Op: BatchOpGet, Item: item, Key: key},
			id:           keyID(t.name, keys, key), dsts: []any{item}, load: load, keys: keys,
			copies: t.schema.DecodeCopies(),
		})
	}
	return op
}

// LoadAll loads the items of ops in place, from one or several tables of
// db, with as many BatchGetItem calls as needed (100 keys each), like
// bloop's engine.load: each item is read by the key fields set in it and
// its fields are replaced as Load replaces them. Items with the same key
// are read once and all loaded. The DB's Loaded hook runs for each item
// loaded.
//
// Items with no stored item are left untouched and listed by a
// *MissingError (errors.Is(err, ErrNotFound); see Missing). Keys not read
// when the batch's attempts were spent, or the context ended, are listed
// by a *BatchError (see Unread), joined with the *MissingError when there
// are both. Bad keys are a *ValidationError, and nothing is read.
func (db *DB) LoadAll(ctx context.Context, ops []LoadOp, optFns ...func(*BatchOptions)) error {
	o, err := batchOptions(optFns)
	if err != nil {
		return err
	}
	var reqs []*getReq
	at := map[string]int{}
	for i := range ops {
		op := &ops[i]
		if op.err != nil {
			return op.err
		}
		if op.db != db && len(op.reqs) > 0 {
			return &ValidationError{Model: "LoadOp", Err: fmt.Errorf("%w: the op's table %s belongs to another DB", ErrInvalidModel, op.reqs[0].Table)}
		}
		for j := range op.reqs {
			r := op.reqs[j] // a copy: dsts of duplicates are merged below
			if k, dup := at[r.id]; dup {
				reqs[k].dsts = append(reqs[k].dsts, r.dsts...)
				continue
			}
			r.dsts = append([]any(nil), r.dsts...)
			at[r.id] = len(reqs)
			reqs = append(reqs, &r)
		}
	}
	var missing []BatchRequest
	missingAt := map[*getReq]bool{}
	var loadErr error
	left, attempts, err := runBatch(ctx, o, split(reqs, maxBatchGetKeys), db.getChunk(o.ConsistentRead), func(e getEvent) bool {
		if e.item == nil {
			missingAt[e.r] = true
			return true
		}
		for _, dst := range e.r.dsts {
			if loadErr = e.r.load(e.item, dst); loadErr != nil {
				return false
			}
			if h := db.opts.Hooks.Loaded; h != nil {
				h(ctx, e.r.Table, dst)
			}
		}
		return true
	})
	if loadErr != nil {
		return loadErr
	}
	for _, r := range reqs {
		if missingAt[r] {
			for _, dst := range r.dsts {
				br := r.BatchRequest
				br.Item = dst
				missing = append(missing, br)
			}
		}
	}
	var errs []error
	if len(left) > 0 {
		var unread []BatchRequest
		for _, r := range inOrder(left, getID, at) {
			for _, dst := range r.dsts {
				br := r.BatchRequest
				br.Item = dst
				unread = append(unread, br)
			}
		}
		errs = append(errs, &BatchError{Requests: unread, Attempts: attempts, Err: err})
	}
	if len(missing) > 0 {
		errs = append(errs, &MissingError{Items: missing})
	}
	return errors.Join(errs...)
}

// LoadAll loads items in place, as DB.LoadAll does with t.LoadOp(items...).
func (t *Table[T]) LoadAll(ctx context.Context, items []*T, optFns ...func(*BatchOptions)) error {
	return t.db.LoadAll(ctx, []LoadOp{t.LoadOp(items...)}, optFns...)
}

// BatchGet reads the items whose key fields are set in keys with as many
// BatchGetItem calls as needed (100 keys each), retrying what DynamoDB
// leaves unprocessed or throttles as BatchOptions say, and yields each item
// found as a new *T, in no particular order. Keys with no stored item are
// skipped; a key given twice is read and yielded once. The DB's Loaded hook
// runs for each item yielded.
//
// Bad keys are yielded as a *ValidationError before any call. When some
// keys are not read, the last value yielded is a *BatchError listing them
// (see Unread). Each range over the sequence reads the items again;
// breaking out of the loop stops the reads.
func (t *Table[T]) BatchGet(ctx context.Context, keys []*T, optFns ...func(*BatchOptions)) stditer.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		o, err := batchOptions(optFns)
		if err != nil {
			yield(nil, err)
			return
		}
		op := t.LoadOp(keys...)
		if op.err != nil {
			yield(nil, op.err)
			return
		}
		reqs := make([]*getReq, 0, len(op.reqs))
		at := make(map[string]int, len(op.reqs))
		for i := range op.reqs {
			r := &op.reqs[i]
			if _, dup := at[r.id]; dup {
				continue
			}
			at[r.id] = len(reqs)
			reqs = append(reqs, r)
		}
		stopped := false
		left, attempts, err := runBatch(ctx, o, split(reqs, maxBatchGetKeys), t.db.getChunk(o.ConsistentRead), func(e getEvent) bool {
			if e.item == nil {
				return true
			}
			v := new(T)
			if err := t.decode(e.item, v); err != nil {
				yield(nil, err)
				stopped = true
				return false
			}
			if h := t.db.opts.Hooks.Loaded; h != nil {
				h(ctx, t.name, v)
			}
			if !yield(v, nil) {
				stopped = true
				return false
			}
			return true
		})
		if !stopped && len(left) > 0 {
			unread := make([]BatchRequest, 0, len(left))
			for _, r := range inOrder(left, getID, at) {
				unread = append(unread, r.BatchRequest)
			}
			yield(nil, &BatchError{Requests: unread, Attempts: attempts, Err: err})
		}
	}
}

// getChunk returns the call of one BatchGetItem for runBatch.
func (db *DB) getChunk(consistent bool) func(context.Context, []*getReq) ([]*getReq, []getEvent, error) {
	return func(ctx context.Context, pending []*getReq) ([]*getReq, []getEvent, error) {
		in := &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{}, ReturnConsumedCapacity: db.capacity()}
		byID := make(map[string]*getReq, len(pending))
		tables := map[string]keyNames{}
		lend := true // the items are only decoded, by schemas that copy
		for _, r := range pending {
			lend = lend && r.copies
			ka := in.RequestItems[r.Table]
			ka.Keys = append(ka.Keys, r.Key)
			ka.ConsistentRead = aws.Bool(consistent)
			in.RequestItems[r.Table] = ka
			byID[r.id] = r
			tables[r.Table] = r.keys
		}
		if lend {
			ctx = borrow.Items(ctx)
		}
		out, err := call(ctx, db, "BatchGetItem", onlyTable(in.RequestItems), func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
			return db.client.BatchGetItem(ctx, in, o...)
		}, func(o *dynamodb.BatchGetItemOutput) []types.ConsumedCapacity { return o.ConsumedCapacity })
		if err != nil {
			return pending, nil, fmt.Errorf("gonamo: batch get: %w", err)
		}
		var evs []getEvent
		for table, items := range out.Responses {
			for _, item := range items {
				id := keyID(table, tables[table], item)
				if r := byID[id]; r != nil {
					evs = append(evs, getEvent{r: r, item: item})
					delete(byID, id)
				}
			}
		}
		unprocessed := map[*getReq]bool{}
		for table, ka := range out.UnprocessedKeys {
			for _, key := range ka.Keys {
				if r := byID[keyID(table, tables[table], key)]; r != nil {
					unprocessed[r] = true
				}
			}
		}
		var left []*getReq
		for _, r := range pending {
			switch {
			case unprocessed[r]:
				left = append(left, r)
			case byID[r.id] != nil: // read, and absent
				evs = append(evs, getEvent{r: r})
			}
		}
		return left, evs, nil
	}
}
