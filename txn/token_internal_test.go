package txn

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
)

type counter struct {
	ID string
	N  int
}

// TestTokenWindow checks that a prepared write transaction committed
// again within DynamoDB's token window is not applied twice, and that past
// the window Commit refuses without a call.
func TestTokenWindow(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	calls := 0
	db := gonamo.New(dynamotest.New(func(o *dynamotest.Options) { o.Now = now }), func(o *gonamo.Options) {
		o.Hooks.BeforeCall = func(_ context.Context, op, _ string) {
			if op == "TransactWriteItems" {
				calls++
			}
		}
	})
	n := attr.Int("n", func(c *counter) *int { return &c.N })
	counters, err := gonamo.NewTable(db, "counters", gonamo.Key(attr.String("id", func(c *counter) *string { return &c.ID })), gonamo.Attrs[counter](n))
	is.NoErr(err)
	is.NoErr(counters.Create(ctx))

	p, err := PrepareWrite(db, Update(counters, &counter{ID: "a"}, n.Add(1)))
	is.NoErr(err)
	p.now = now
	is.NoErr(p.Commit(ctx))
	clock = clock.Add(9 * time.Minute)
	is.NoErr(p.Commit(ctx))
	got, err := counters.Get(ctx, &counter{ID: "a"})
	is.NoErr(err)
	is.Equal(got.N, 1) // applied once
	is.Equal(calls, 2)

	clock = clock.Add(time.Minute)
	err = p.Commit(ctx)
	is.True(errors.Is(err, ErrTokenExpired))
	is.Equal(calls, 2)
}

func TestNewToken(t *testing.T) {
	is := is.New(t)
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 1000 {
		tok := newToken()
		is.True(uuid.MatchString(tok))
		is.True(!seen[tok])
		seen[tok] = true
	}
}

func TestItemID(t *testing.T) {
	is := is.New(t)
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	b := func(v string) types.AttributeValue { return &types.AttributeValueMemberB{Value: []byte(v)} }
	type key = map[string]types.AttributeValue
	is.Equal(itemID("t", key{"h": n("1"), "r": s("x")}), itemID("t", key{"r": s("x"), "h": n("1.0")}))
	is.True(itemID("t", key{"h": s("1")}) != itemID("t", key{"h": n("1")}))
	is.True(itemID("t", key{"h": s("1")}) != itemID("u", key{"h": s("1")}))
	is.True(itemID("t", key{"h": s("a"), "r": s("b")}) != itemID("t", key{"h": s("a\x00r\x00Sb")}))
	is.True(itemID("t", key{"h": b("1")}) != itemID("t", key{"h": s("1")}))
}
