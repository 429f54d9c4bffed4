package gonamo

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/internal/testenv"
)

func threadsDef() *tableDef {
	return &tableDef{
		hash:    keyDef{"forum", types.ScalarAttributeTypeS},
		rng:     keyDef{"subject", types.ScalarAttributeTypeS},
		billing: types.BillingModePayPerRequest,
		lsis:    []indexDef{{name: "by_views", rng: keyDef{"views", types.ScalarAttributeTypeN}, projection: types.ProjectionTypeKeysOnly}},
		gsis: []indexDef{{name: "by_author", global: true, hash: keyDef{"author", types.ScalarAttributeTypeS},
			projection: types.ProjectionTypeInclude, include: []string{"title"}}},
		stream: types.StreamViewTypeNewAndOldImages,
		ttl:    "expires",
	}
}

func TestCreateVerifyDelete(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			is := is.New(t)
			db := New(b.client, func(o *Options) { o.TableNamePrefix = b.prefix })
			name := db.TableName("threads")
			d := threadsDef()
			ok, err := db.tableExists(ctx, name)
			is.NoErr(err)
			is.True(!ok)
			is.True(errors.Is(db.verifyTable(ctx, name, d), ErrNotFound))
			is.NoErr(db.createOrVerify(ctx, name, d)) // creates
			is.NoErr(db.createOrVerify(ctx, name, d)) // verifies
			ok, err = db.tableExists(ctx, name)
			is.NoErr(err)
			is.True(ok)

			// A model that differs is listed difference by difference.
			other := threadsDef()
			other.rng = keyDef{"subject", types.ScalarAttributeTypeN}
			other.gsis = append(other.gsis, indexDef{name: "by_tag", global: true, hash: keyDef{"tag", types.ScalarAttributeTypeS}, projection: types.ProjectionTypeAll})
			other.gsis[0].include = []string{"title", "body"}
			other.ttl = "gone"
			other.stream = types.StreamViewTypeKeysOnly
			err = db.verifyTable(ctx, name, other)
			var mismatch *TableMismatchError
			is.True(errors.As(err, &mismatch))
			is.Equal(len(mismatch.Differences), 5)
			is.True(strings.Contains(err.Error(), "range key: model has subject (N), table has subject (S)"))
			is.True(strings.Contains(err.Error(), "global secondary index by_tag: missing"))
			is.True(strings.Contains(err.Error(), "table does not project [body]"))

			// A model declaring less than the table has is fine (bloop).
			less := threadsDef()
			less.gsis, less.lsis, less.stream, less.ttl = nil, nil, "", ""
			is.NoErr(db.verifyTable(ctx, name, less))

			is.NoErr(db.deleteTable(ctx, name))
			is.True(errors.Is(db.deleteTable(ctx, name), ErrNotFound))
		})
	}
	_ = is
}

func TestTableNameTemplate(t *testing.T) {
	is := is.New(t)
	db := New(dynamotest.New(), func(o *Options) {
		o.TableNamePrefix = "test-"
		o.TableName = strings.ToUpper
	})
	is.Equal(db.TableName("threads"), "TEST-THREADS")
}

func TestHooksSeeEveryCall(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	var before, after []string
	db := New(dynamotest.New(), func(o *Options) {
		o.Hooks.BeforeCall = func(_ context.Context, op, table string) { before = append(before, op+" "+table) }
		o.Hooks.AfterCall = func(_ context.Context, c Call) {
			after = append(after, c.Op)
			is.True(c.Duration >= 0)
		}
	})
	d := threadsDef()
	d.ttl = ""
	is.NoErr(db.createTable(ctx, "hooked", d))
	is.Equal(before, []string{"CreateTable hooked", "DescribeTable hooked"})
	is.Equal(after, []string{"CreateTable", "DescribeTable"})
}

// backend is a Client to run a behaviour test against.
type backend struct {
	name   string
	client Client
	prefix string
}

// backends returns the in-memory fake and, when GONAMO_TEST_ENDPOINT is
// set, DynamoDB Local.
func backends(t *testing.T) []backend {
	t.Helper()
	out := []backend{{name: "dynamotest", client: dynamotest.New()}}
	if c := testenv.Client(); c != nil {
		out = append(out, backend{name: "dynamodblocal", client: c, prefix: testenv.Prefix("lifecycle")})
	}
	return out
}
