package gonamo_test

import (
	"time"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/internal/testenv"
)

// Thread is the model of the package tests and examples, after PynamoDB's
// and bloop's forum threads.
type Thread struct {
	Forum, Subject string
	Views          int
	Tags           []string
	Updated        time.Time
	Author         string
	Notes          string
}

var (
	forum   = attr.String("forum", func(t *Thread) *string { return &t.Forum })
	subject = attr.String("subject", func(t *Thread) *string { return &t.Subject })
	views   = attr.Int("views", func(t *Thread) *int { return &t.Views })
	tags    = attr.StringSet("tags", func(t *Thread) *[]string { return &t.Tags }, attr.OmitEmpty)
	updated = attr.Time("updated", func(t *Thread) *time.Time { return &t.Updated }, attr.OmitEmpty)
	author  = attr.String("author", func(t *Thread) *string { return &t.Author }, attr.OmitEmpty)
	notes   = attr.String("notes", func(t *Thread) *string { return &t.Notes }, attr.OmitEmpty)
)

// threadsTable declares the threads table on db.
func threadsTable(db *gonamo.DB) (*gonamo.Table[Thread], error) {
	return gonamo.NewTable(db, "threads",
		gonamo.Key(forum, subject),
		gonamo.Attrs[Thread](views, tags, updated, author, notes),
		gonamo.LocalIndex("by_views", views, gonamo.ProjectKeys[Thread]()),
		gonamo.GlobalIndex("by_author", author, nil, gonamo.ProjectInclude[Thread](views)),
	)
}

// testDBs returns a DB on the in-memory fake and, when GONAMO_TEST_ENDPOINT
// is set, one on DynamoDB Local with a table prefix unique to this run.
func testDBs() map[string]*gonamo.DB {
	dbs := map[string]*gonamo.DB{"dynamotest": gonamo.New(dynamotest.New())}
	if c := testenv.Client(); c != nil {
		dbs["dynamodblocal"] = gonamo.New(c, func(o *gonamo.Options) { o.TableNamePrefix = testenv.Prefix("root") })
	}
	return dbs
}
