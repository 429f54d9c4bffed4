package gonamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/attr"
)

// Table binds a model T to a DynamoDB table of a DB: its key, attributes,
// indexes and settings. Build it once with NewTable; it is immutable and
// safe for concurrent use.
type Table[T any] struct {
	db     *DB
	name   string // as sent, after the DB's name template
	schema *attr.Schema[T]
	hash   attr.Field[T]
	rng    attr.Field[T] // nil without range key
	def    tableDef
	exts   []Extension[T]
}

// TableOption declares part of a Table.
type TableOption[T any] func(*tableConfig[T])

// tableConfig collects the options of NewTable.
type tableConfig[T any] struct {
	hash, rng attr.Field[T]
	fields    []attr.Field[T]
	def       tableDef
	indexes   []indexOption[T]
	exts      []Extension[T]
	err       error
}

type indexOption[T any] struct {
	name       string
	global     bool
	hash, rng  attr.Field[T]
	projection Projection[T]
	rcu, wcu   int64
	loose      bool
}

// Projection says which attributes a secondary index stores.
type Projection[T any] struct {
	typ     types.ProjectionType
	include []attr.Field[T]
}

// ProjectAll stores every attribute in the index.
func ProjectAll[T any]() Projection[T] { return Projection[T]{typ: types.ProjectionTypeAll} }

// ProjectKeys stores only the table's and the index's key attributes.
func ProjectKeys[T any]() Projection[T] { return Projection[T]{typ: types.ProjectionTypeKeysOnly} }

// ProjectInclude stores the key attributes and the fields given.
func ProjectInclude[T any](fields ...attr.Field[T]) Projection[T] {
	return Projection[T]{typ: types.ProjectionTypeInclude, include: fields}
}

// Key declares the table's hash key and, optionally, its range key. Key
// attributes are attributes of the model too; they need not be repeated in
// Attrs.
func Key[T any](hash attr.Field[T], rng ...attr.Field[T]) TableOption[T] {
	return func(c *tableConfig[T]) {
		c.hash = hash
		switch len(rng) {
		case 0:
		case 1:
			c.rng = rng[0]
		default:
			c.fail(fmt.Errorf("%w: a table has at most one range key", ErrInvalidModel))
		}
	}
}

// Attrs declares the model's other attributes.
func Attrs[T any](fields ...attr.Field[T]) TableOption[T] {
	return func(c *tableConfig[T]) { c.fields = append(c.fields, fields...) }
}

// OnDemand sets pay-per-request billing, the default.
func OnDemand[T any]() TableOption[T] {
	return func(c *tableConfig[T]) { c.def.billing, c.def.rcu, c.def.wcu = types.BillingModePayPerRequest, 0, 0 }
}

// Provisioned sets provisioned billing with the table's read and write
// capacity units.
func Provisioned[T any](rcu, wcu int64) TableOption[T] {
	return func(c *tableConfig[T]) {
		if rcu < 1 || wcu < 1 {
			c.fail(fmt.Errorf("%w: provisioned capacity must be at least 1 read and 1 write unit", ErrInvalidModel))
		}
		c.def.billing, c.def.rcu, c.def.wcu = types.BillingModeProvisioned, rcu, wcu
	}
}

// Stream enables the table's stream with the given view type.
func Stream[T any](view types.StreamViewType) TableOption[T] {
	return func(c *tableConfig[T]) { c.def.stream = view }
}

// GlobalIndex declares a global secondary index keyed by hash and an
// optional range key (nil for none). With provisioned billing, rcu and wcu
// set its capacity; they are ignored on demand.
func GlobalIndex[T any](name string, hash, rng attr.Field[T], p Projection[T], capacity ...int64) TableOption[T] {
	return func(c *tableConfig[T]) {
		ix := indexOption[T]{name: name, global: true, hash: hash, rng: rng, projection: p, rcu: 1, wcu: 1}
		if len(capacity) == 2 {
			ix.rcu, ix.wcu = capacity[0], capacity[1]
		} else if len(capacity) != 0 {
			c.fail(fmt.Errorf("%w: index %s: capacity is read and write units", ErrInvalidModel, name))
		}
		c.indexes = append(c.indexes, ix)
	}
}

// LocalIndexOption changes how a local secondary index is read.
type LocalIndexOption func(*localIndexConfig)

type localIndexConfig struct{ loose bool }

// Strict sets whether queries and scans of a local index may name only the
// attributes it projects (true, the default, as in bloop): a filter or
// projection (Only) on another attribute is then an error wrapping
// ErrNotProjected, before any call. With Strict(false), DynamoDB fetches
// such attributes from the table, at the cost of an extra read per item;
// the filter of a query is the exception, as DynamoDB refuses unprojected
// attributes there in any case.
func Strict(strict bool) LocalIndexOption {
	return func(c *localIndexConfig) { c.loose = !strict }
}

// LocalIndex declares a local secondary index: the table's hash key with
// another range key.
func LocalIndex[T any](name string, rng attr.Field[T], p Projection[T], opts ...LocalIndexOption) TableOption[T] {
	var lc localIndexConfig
	for _, o := range opts {
		o(&lc)
	}
	return func(c *tableConfig[T]) {
		c.indexes = append(c.indexes, indexOption[T]{name: name, rng: rng, projection: p, loose: lc.loose})
	}
}

func (c *tableConfig[T]) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// NewTable binds model T to the table called name (before the DB's name
// template). It checks the declaration without calling DynamoDB: a missing
// hash key, a key of a type DynamoDB keys cannot hold, two attributes with
// one stored name, an index on an undeclared attribute are errors wrapping
// ErrInvalidModel (or attr.ErrDescriptor), as a *ValidationError naming the
// model and attribute.
func NewTable[T any](db *DB, name string, opts ...TableOption[T]) (*Table[T], error) {
	c := tableConfig[T]{def: tableDef{billing: types.BillingModePayPerRequest}}
	for _, o := range opts {
		o(&c)
	}
	model := modelName[T]()
	invalid := func(attrName string, err error) error {
		return &ValidationError{Model: model, Attr: attrName, Err: err}
	}
	if c.err != nil {
		return nil, invalid("", c.err)
	}
	if c.hash == nil {
		return nil, invalid("", fmt.Errorf("%w: no hash key (declare one with gonamo.Key)", ErrInvalidModel))
	}
	fields := []attr.Field[T]{c.hash}
	if c.rng != nil {
		fields = append(fields, c.rng)
	}
	for _, f := range c.fields {
		if f != nil && (f.Name() == c.hash.Name() || (c.rng != nil && f.Name() == c.rng.Name())) {
			continue // a key repeated in Attrs
		}
		fields = append(fields, f)
	}
	schema, err := attr.NewSchema(fields...)
	if err != nil {
		return nil, invalid("", err)
	}
	t := &Table[T]{db: db, name: db.TableName(name), schema: schema, hash: c.hash, rng: c.rng, def: c.def, exts: c.exts}
	if t.def.hash, err = keyOf(c.hash); err != nil {
		return nil, invalid(c.hash.Name(), err)
	}
	if c.rng != nil {
		if t.def.rng, err = keyOf(c.rng); err != nil {
			return nil, invalid(c.rng.Name(), err)
		}
	}
	for _, f := range fields {
		if f.TTL() {
			t.def.ttl = f.Name()
		}
	}
	for _, o := range c.indexes {
		ix, err := t.indexDef(o)
		if err != nil {
			return nil, invalid(o.name, err)
		}
		if ix.global {
			t.def.gsis = append(t.def.gsis, ix)
		} else {
			t.def.lsis = append(t.def.lsis, ix)
		}
	}
	for _, e := range t.exts {
		if be, ok := e.(BindExtension[T]); ok {
			if err := be.Bind(t); err != nil {
				return nil, invalid(attrOf(err), err)
			}
		}
	}
	return t, nil
}

func (t *Table[T]) indexDef(o indexOption[T]) (indexDef, error) {
	ix := indexDef{name: o.name, global: o.global, projection: o.projection.typ, rcu: o.rcu, wcu: o.wcu, loose: o.loose}
	if ix.projection == "" {
		return ix, fmt.Errorf("%w: index %s has no projection", ErrInvalidModel, o.name)
	}
	var err error
	if o.global {
		if o.hash == nil {
			return ix, fmt.Errorf("%w: global index %s has no hash key", ErrInvalidModel, o.name)
		}
		if ix.hash, err = t.indexKey(o.hash); err != nil {
			return ix, err
		}
	} else {
		if t.rng == nil {
			return ix, fmt.Errorf("%w: local index %s needs a table with a range key", ErrInvalidModel, o.name)
		}
		ix.hash = t.def.hash
	}
	if o.rng != nil {
		if ix.rng, err = t.indexKey(o.rng); err != nil {
			return ix, err
		}
	} else if !o.global {
		return ix, fmt.Errorf("%w: local index %s has no range key", ErrInvalidModel, o.name)
	}
	for _, f := range o.projection.include {
		if _, ok := t.schema.Field(f.Name()); !ok {
			return ix, fmt.Errorf("%w: index %s projects %s, which is not an attribute of the model", ErrInvalidModel, o.name, f.Name())
		}
		ix.include = append(ix.include, f.Name())
	}
	return ix, nil
}

// indexKey checks that an index key is an attribute of the model.
func (t *Table[T]) indexKey(f attr.Field[T]) (keyDef, error) {
	if _, ok := t.schema.Field(f.Name()); !ok {
		return keyDef{}, fmt.Errorf("%w: index key %s is not an attribute of the model (declare it in Attrs)", ErrInvalidModel, f.Name())
	}
	return keyOf(f)
}

func keyOf[T any](f attr.Field[T]) (keyDef, error) {
	if err := f.Err(); err != nil {
		return keyDef{}, err
	}
	typ, ok := f.KeyType()
	if !ok {
		return keyDef{}, fmt.Errorf("%w: key attribute %s must hold strings, numbers or binaries", ErrInvalidModel, f.Name())
	}
	return keyDef{name: f.Name(), typ: typ}, nil
}

// Name returns the table's name as sent to DynamoDB.
func (t *Table[T]) Name() string { return t.name }

// DB returns the table's DB.
func (t *Table[T]) DB() *DB { return t.db }

// Schema returns the model's attribute schema.
func (t *Table[T]) Schema() *attr.Schema[T] { return t.schema }

// Create creates the table with its indexes, stream and time to live, and
// waits until it is ACTIVE.
func (t *Table[T]) Create(ctx context.Context) error { return t.db.createTable(ctx, t.name, &t.def) }

// Verify checks that the table exists (an error wrapping ErrNotFound
// otherwise) and matches the model: keys and their types, the declared
// indexes with their keys and projections, stream and time to live. A table
// with more (other indexes, wider projections) is fine. Differences are
// listed in a *TableMismatchError.
func (t *Table[T]) Verify(ctx context.Context) error { return t.db.verifyTable(ctx, t.name, &t.def) }

// CreateOrVerify creates the table when it does not exist and verifies it
// otherwise, like bloop's bind.
func (t *Table[T]) CreateOrVerify(ctx context.Context) error {
	return t.db.createOrVerify(ctx, t.name, &t.def)
}

// Bind prepares the table as the setup mode says: create or verify, verify
// only, or nothing (SetupSkip, for hot start-up paths).
func (t *Table[T]) Bind(ctx context.Context, mode Setup) error {
	switch mode {
	case SetupCreateOrVerify:
		return t.CreateOrVerify(ctx)
	case SetupVerify:
		return t.Verify(ctx)
	case SetupSkip:
		return nil
	}
	return fmt.Errorf("%w: unknown setup mode %d", ErrInvalidModel, mode)
}

// DeleteTable deletes the table and all its items. (Delete deletes one
// item.)
func (t *Table[T]) DeleteTable(ctx context.Context) error { return t.db.deleteTable(ctx, t.name) }

// Exists reports whether the table exists.
func (t *Table[T]) Exists(ctx context.Context) (bool, error) { return t.db.tableExists(ctx, t.name) }
