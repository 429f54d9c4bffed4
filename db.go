package gonamo

import (
	"context"
	"io"
	"log/slog"
	"reflect"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/iter"
)

// Options configure a DB.
type Options struct {
	// TableNamePrefix is put before every table name, as bloop's
	// table_name_template "prefix-{table_name}" does: "test-" turns table
	// "threads" into "test-threads".
	TableNamePrefix string
	// TableName, when set, maps each model's table name to the name used,
	// after TableNamePrefix.
	TableName func(name string) string
	// Logger receives a debug record per DynamoDB call; nil discards them.
	Logger *slog.Logger
	// Hooks are called around every call and on item events.
	Hooks Hooks
	// ClientOptions are passed to every call of the Client, as the
	// ...func(*dynamodb.Options) argument of *dynamodb.Client's methods.
	ClientOptions []func(*dynamodb.Options)
	// CursorSigner, when set, signs the cursors of every query and scan
	// and refuses cursors it did not sign (see iter.Signer): set it when
	// cursors travel through clients.
	CursorSigner *iter.Signer
	// CursorTTL, when positive, makes cursors expire that long after they
	// are made.
	CursorTTL time.Duration
}

// Call describes one DynamoDB call, for Hooks.AfterCall.
type Call struct {
	// Op is the operation, such as "PutItem".
	Op string
	// Table is the table name as sent, or "" for calls across tables.
	Table string
	// Duration is how long the call took.
	Duration time.Duration
	// Consumed is the capacity DynamoDB reported, when it did.
	Consumed []types.ConsumedCapacity
	// Err is the call's error, nil on success.
	Err error
}

// Hooks observe what a DB does. Every field is optional. Hooks run on the
// caller's goroutine, except BeforeCall and AfterCall for the calls of a
// batch with BatchOptions.Concurrency above 1, and BeforeCall, AfterCall
// and Loaded for the pages of a query or scan (fetched ahead of the loop,
// or in parallel segments), which run on the goroutines making those
// calls; hooks must be safe for concurrent use when the DB is.
type Hooks struct {
	// BeforeCall runs before each DynamoDB call.
	BeforeCall func(ctx context.Context, op, table string)
	// AfterCall runs after each DynamoDB call, successful or not.
	AfterCall func(ctx context.Context, c Call)
	// Saved runs after an item was written (put, saved or updated); item is
	// the *T written.
	Saved func(ctx context.Context, table string, item any)
	// Loaded runs after an item was read into a *T.
	Loaded func(ctx context.Context, table string, item any)
	// Deleted runs after an item was deleted; key is its key.
	Deleted func(ctx context.Context, table string, key map[string]types.AttributeValue)
}

// DB is a Client with gonamo's settings. Several DBs may serve the same
// models, for example one per region. A DB is safe for concurrent use when
// its Client is.
type DB struct {
	client Client
	opts   Options
	log    *slog.Logger
}

// New returns a DB calling client.
func New(client Client, optFns ...func(*Options)) *DB {
	var o Options
	for _, f := range optFns {
		f(&o)
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &DB{client: client, opts: o, log: log}
}

// Client returns the DB's client.
func (db *DB) Client() Client { return db.client }

// TableName returns the name a model's table has on this DB, after the
// prefix and the TableName function.
func (db *DB) TableName(name string) string {
	name = db.opts.TableNamePrefix + name
	if db.opts.TableName != nil {
		name = db.opts.TableName(name)
	}
	return name
}

// call runs one DynamoDB call with hooks and logging. consumed extracts the
// capacity from the output.
func call[Out any](ctx context.Context, db *DB, op, table string, do func(context.Context, ...func(*dynamodb.Options)) (*Out, error), consumed func(*Out) []types.ConsumedCapacity) (*Out, error) {
	if h := db.opts.Hooks.BeforeCall; h != nil {
		h(ctx, op, table)
	}
	start := time.Now()
	out, err := do(ctx, db.opts.ClientOptions...)
	c := Call{Op: op, Table: table, Duration: time.Since(start), Err: err}
	if err == nil && consumed != nil {
		c.Consumed = consumed(out)
	}
	if h := db.opts.Hooks.AfterCall; h != nil {
		h(ctx, c)
	}
	if db.log.Enabled(ctx, slog.LevelDebug) {
		db.log.LogAttrs(ctx, slog.LevelDebug, "gonamo call", slog.String("op", op), slog.String("table", table),
			slog.Duration("duration", c.Duration), slog.Any("error", err))
	}
	return out, err
}

// modelName returns the name of the Go type T, for messages.
func modelName[T any]() string {
	t := reflect.TypeFor[T]()
	if t.Name() != "" {
		return t.Name()
	}
	return t.String()
}

// capacity returns the ReturnConsumedCapacity of requests: TOTAL when a
// hook wants to see it, else none.
func (db *DB) capacity() types.ReturnConsumedCapacity {
	if db.opts.Hooks.AfterCall != nil {
		return types.ReturnConsumedCapacityTotal
	}
	return ""
}
