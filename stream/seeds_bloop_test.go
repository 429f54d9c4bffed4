package stream_test

// Ports of bloop's stream examples: the Account model read from the trim
// horizon as it is created and updated, and the cross-region replication
// pattern, which copies one table to another through its stream and
// resumes from a saved token.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/stream"
)

// Account is bloop's stream example model, whose stream carries the new
// and old images.
type Account struct {
	ID    string
	Name  string
	Email string
}

var (
	accountID    = attr.String("id", func(a *Account) *string { return &a.ID })
	accountName  = attr.String("name", func(a *Account) *string { return &a.Name }, attr.OmitEmpty)
	accountEmail = attr.String("email", func(a *Account) *string { return &a.Email }, attr.OmitEmpty)
)

func accountsTable(db *gonamo.DB) (*gonamo.Table[Account], error) {
	return gonamo.NewTable(db, "accounts", gonamo.Key(accountID), gonamo.Attrs(accountName, accountEmail),
		gonamo.Stream[Account](types.StreamViewTypeNewAndOldImages))
}

// TestSeedBloopAccountStream: a consumer at the trim horizon of a new
// table has nothing; it then sees the account created (no old image), then
// its update with both images.
func TestSeedBloopAccountStream(t *testing.T) {
	for name, backend := range accountBackends(t) {
		t.Run(name, func(t *testing.T) { seedAccountStream(t, backend.db, backend.streams) })
	}
}

type accountBackend struct {
	db      *gonamo.DB
	streams stream.Client
}

// accountBackends returns the fake and, with GONAMO_TEST_ENDPOINT set,
// DynamoDB Local.
func accountBackends(t *testing.T) map[string]accountBackend {
	fake := dynamotest.New(func(o *dynamotest.Options) { o.Streams.ShardRecords = 40 })
	out := map[string]accountBackend{"dynamotest": {gonamo.New(fake), fake.Streams()}}
	if db, st := localDB(); db != nil {
		out["dynamodblocal"] = accountBackend{db, st}
	}
	return out
}

func createAccounts(t *testing.T, db *gonamo.DB) *gonamo.Table[Account] {
	t.Helper()
	accounts, err := accountsTable(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := accounts.Create(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = accounts.DeleteTable(context.Background()) })
	return accounts
}

func seedAccountStream(t *testing.T, db *gonamo.DB, streams stream.Client) {
	is := is.New(t)
	ctx := context.Background()
	accounts := createAccounts(t, db)
	s, err := stream.New(accounts, streams, caughtUp, func(o *stream.Options) { o.Position = stream.TrimHorizon() })
	is.NoErr(err)
	next := func() *stream.Record[Account] {
		for r, err := range s.Records(ctx) {
			is.NoErr(err)
			return &r
		}
		return nil
	}
	is.Equal(next(), nil) // nothing yet

	account := &Account{ID: "5c1e3b6e", Name: "@garybernhardt", Email: "foo@bar.com"}
	is.NoErr(accounts.Save(ctx, account))
	r := next()
	is.Equal(r.Event, stream.Insert)
	is.Equal(r.Old, nil)
	is.Equal(r.New, account)
	is.Equal(r.Key, &Account{ID: account.ID})

	account.Email = "gary@bernhardt.example"
	is.NoErr(accounts.Save(ctx, account))
	r = next()
	is.Equal(r.Event, stream.Modify)
	is.Equal(r.Old.Email, "foo@bar.com")
	is.Equal(r.New.Email, "gary@bernhardt.example")
	is.Equal(next(), nil) // caught up again
}

// replicate copies the changes the consumer yields to the target table,
// at most limit of them (all when limit < 0), and returns how many.
func replicate(t *testing.T, s *stream.Consumer[Account], target *gonamo.Table[Account], limit int) int {
	t.Helper()
	ctx := context.Background()
	n := 0
	if limit == 0 {
		return 0
	}
	for r, err := range s.Records(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if r.New != nil {
			err = target.Put(ctx, r.New)
		} else {
			err = target.Delete(ctx, r.Key)
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == limit {
			break
		}
	}
	return n
}

// scanAccounts returns every account of a table, as text, sorted.
func scanAccounts(t *testing.T, tbl *gonamo.Table[Account]) []string {
	t.Helper()
	var out []string
	var start map[string]types.AttributeValue
	for {
		page, err := tbl.DB().Client().Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(tbl.Name()), ExclusiveStartKey: start})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range page.Items {
			var a Account
			if err := tbl.Schema().Decode(m, &a); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%+v", a))
		}
		if start = page.LastEvaluatedKey; start == nil {
			break
		}
	}
	slices.Sort(out)
	return out
}

// TestSeedBloopCrossRegionReplication: the accounts of one region are
// replicated to another through the stream; the replicator stops midway,
// its token saved, and a new one resumes from it as writes go on; the two
// tables converge.
//
// The source is the fake or DynamoDB Local, the target another fake.
func TestSeedBloopCrossRegionReplication(t *testing.T) {
	for name, backend := range accountBackends(t) {
		t.Run(name, func(t *testing.T) { seedReplication(t, backend.db, backend.streams) })
	}
}

func seedReplication(t *testing.T, east *gonamo.DB, streams stream.Client) {
	is := is.New(t)
	ctx := context.Background()
	west := dynamotest.New(func(o *dynamotest.Options) { o.Region = "us-west-2" })
	src := createAccounts(t, east)
	dst := createAccounts(t, gonamo.New(west))

	write := func(from, to int) {
		for i := from; i < to; i++ {
			a := &Account{ID: fmt.Sprintf("acct-%02d", i%30), Name: fmt.Sprint("user ", i), Email: fmt.Sprintf("u%d@example.com", i)}
			switch {
			case i%11 == 10:
				is.NoErr(src.Delete(ctx, a))
			case i%5 == 4:
				is.NoErr(src.Save(ctx, &Account{ID: a.ID, Email: "changed@example.com"})) // partial update
			default:
				is.NoErr(src.Put(ctx, a))
			}
		}
	}
	write(0, 100)
	r1, err := stream.New(src, streams, caughtUp)
	is.NoErr(err)
	is.Equal(replicate(t, r1, dst, 37), 37)
	saved := r1.Token().String() // what a replicator would store

	write(100, 160)
	tok, err := stream.ParseToken(saved)
	is.NoErr(err)
	r2, err := stream.New(src, streams, caughtUp, func(o *stream.Options) { o.Position = stream.AtToken(tok) })
	is.NoErr(err)
	replicate(t, r2, dst, -1)
	want := scanAccounts(t, src)
	is.True(len(want) > 10)
	is.Equal(strings.Join(scanAccounts(t, dst), "\n"), strings.Join(want, "\n"))

	write(160, 200)
	replicate(t, r2, dst, -1)
	is.Equal(strings.Join(scanAccounts(t, dst), "\n"), strings.Join(scanAccounts(t, src), "\n"))
}
