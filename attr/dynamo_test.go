package attr_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/expr"
)

// client is the part of *dynamodb.Client the acceptance tests use;
// dynamotest.DB has it too.
type client interface {
	CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
}

var (
	_ client = (*dynamodb.Client)(nil)
	_ client = (*dynamotest.DB)(nil)
)

// forEachBackend runs f on the in-memory dynamotest and, when
// GONAMO_TEST_ENDPOINT is set, on the DynamoDB (Local) it names.
func forEachBackend(t *testing.T, f func(t *testing.T, c client)) {
	t.Run("dynamotest", func(t *testing.T) { f(t, dynamotest.New()) })
	t.Run("endpoint", func(t *testing.T) {
		endpoint := os.Getenv("GONAMO_TEST_ENDPOINT")
		if endpoint == "" {
			t.Skip("set GONAMO_TEST_ENDPOINT to a DynamoDB Local endpoint to run on it")
		}
		f(t, dynamodb.New(dynamodb.Options{
			Region:       "us-east-1",
			BaseEndpoint: aws.String(endpoint),
			Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		}))
	})
}

// createTable creates a table whose keys are the given fields, with their
// KeyType, and deletes it when the test ends.
func createTable[T any](t *testing.T, c client, hash, rng attr.Field[T]) string {
	t.Helper()
	name := fmt.Sprintf("attr_%08x", rand.Uint32())
	in := &dynamodb.CreateTableInput{TableName: aws.String(name), BillingMode: types.BillingModePayPerRequest}
	for i, f := range []attr.Field[T]{hash, rng} {
		if f == nil {
			continue
		}
		kt, ok := f.KeyType()
		if !ok {
			t.Fatalf("%s cannot be a key", f.Name())
		}
		role := types.KeyTypeHash
		if i == 1 {
			role = types.KeyTypeRange
		}
		in.KeySchema = append(in.KeySchema, types.KeySchemaElement{AttributeName: aws.String(f.Name()), KeyType: role})
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String(f.Name()), AttributeType: kt})
	}
	if _, err := c.CreateTable(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = c.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	return name
}

// keyOf returns the key map of item.
func keyOf[T any](t *testing.T, item *T, fields ...attr.Field[T]) map[string]types.AttributeValue {
	t.Helper()
	key := map[string]types.AttributeValue{}
	for _, f := range fields {
		av, err := f.Encode(item)
		if err != nil || av == nil {
			t.Fatalf("key %s: %v", f.Name(), err)
		}
		key[f.Name()] = av
	}
	return key
}

// sortSets puts the sets of a Thread in order: DynamoDB does not keep it.
func sortSets(th *Thread) {
	slices.Sort(th.Tags)
	slices.Sort(th.Addr.Codes)
}

func TestDynamoDBRoundTrip(t *testing.T) {
	forEachBackend(t, func(t *testing.T, c client) {
		is := is.New(t)
		ctx := context.Background()
		s := threadSchema(t)
		table := createTable(t, c, forum, subject)

		items := []*Thread{fullThread(), {Forum: "go", Subject: "zero"}, {
			Forum: "go", Subject: "extremes", Score: 9.99999999999999e125,
			Price:   mustDecimal("-12345678901234567890123456789012345678E-167"),
			Ratings: []int{}, Meta: map[string]string{}, Lines: []Line{}, Body: []byte{}, Nick: new(string),
			Tags: []string{"z", "a", "é", "日本"}, Updated: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		}, {
			Forum: "go", Subject: "tiny", Score: -1e-130, Price: mustDecimal("9.9999999999999999999999999999999999999E+125"),
		}}
		items[0].Tags = []string{"b", "a", "c"}
		for _, item := range items {
			m, err := s.Encode(item)
			is.NoErr(err)
			_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: m})
			is.NoErr(err)
			out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: keyOf(t, item, forum, subject), ConsistentRead: aws.Bool(true)})
			is.NoErr(err)
			var back Thread
			is.NoErr(s.Decode(out.Item, &back))
			sortSets(&back)
			want := *item
			sortSets(&want)
			is.Equal(back.Price.Cmp(item.Price), 0) // DynamoDB returns numbers in its own notation
			back.Price, want.Price = attr.Decimal{}, attr.Decimal{}
			equal(t, back, want)
		}
	})
}

func TestDynamoDBExpressions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, c client) {
		is := is.New(t)
		ctx := context.Background()
		s := threadSchema(t)
		table := createTable(t, c, forum, subject)
		item := fullThread()
		m, err := s.Encode(item)
		is.NoErr(err)
		_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: m,
			ConditionExpression: aws.String("attribute_not_exists(forum)")})
		is.NoErr(err)

		update := func(u attr.Update[Thread], cond attr.Condition[Thread]) error {
			ux, err := u.Expr()
			is.NoErr(err)
			cx, err := cond.Expr()
			is.NoErr(err)
			var b expr.Builder[Thread]
			us, err := b.Update(ux)
			is.NoErr(err)
			cs, err := b.Condition(cx)
			is.NoErr(err)
			in := &dynamodb.UpdateItemInput{
				TableName: aws.String(table), Key: keyOf(t, item, forum, subject),
				UpdateExpression: aws.String(us), ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
			}
			if cs != "" {
				in.ConditionExpression = aws.String(cs)
			}
			_, err = c.UpdateItem(ctx, in)
			return err
		}
		get := func() Thread {
			out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: keyOf(t, item, forum, subject), ConsistentRead: aws.Bool(true)})
			is.NoErr(err)
			var th Thread
			is.NoErr(s.Decode(out.Item, &th))
			sortSets(&th)
			return th
		}

		err = update(
			views.Add(8).And(
				tags.Add("new"), labels.Delete("hot"), ratings.Append(1),
				meta.Key("theme").Set("dark"), attr.NestedString(addr, city).Set("Lyon"),
				attr.NestedNumber(addr, zip).Add(1), attr.NestedSet(addr, codes).Add("y"),
				attr.NestedString(lines.Index(1), sku).Set("B"), lines.Index(0).Remove(),
				nick.Remove(), price.Add(mustDecimal("0.01")), score.SetIfNotExists(1), body.Set([]byte("new")),
			),
			forum.Exists().And(views.Lt(100), tags.Contains("lang"), subject.BeginsWith("gen"),
				attr.NestedString(addr, city).Eq("Paris"), meta.Key("lang").In("en", "fr"),
				tags.Size().Eq(2), lines.Index(0).Eq(Line{"a", 1}), updated.BeginsWith("2024-05"),
				price.Between(mustDecimal("10"), mustDecimal("20")), nick.IsType(expr.TypeString),
				expires.Gt(time.Unix(1, 0)), pinned.Eq(true)),
		)
		is.NoErr(err)
		is.NoErr(update(ratings.Prepend(9), attr.Condition[Thread]{}))
		want := *fullThread()
		want.Views = 50
		want.Tags = []string{"lang", "new", "types"}
		want.Labels = nil // DynamoDB removes an emptied set
		want.Ratings = []int{9, 5, 4, 5, 1}
		want.Meta = map[string]string{"lang": "en", "theme": "dark"}
		want.Addr = Address{City: "Lyon", Zip: 75002, Codes: []string{"x", "y"}}
		want.Lines = []Line{{"B", 2}}
		want.Nick = nil
		want.Body = []byte("new")
		got := get()
		is.Equal(got.Price.Cmp(mustDecimal("20.00")), 0)
		got.Price, want.Price = attr.Decimal{}, attr.Decimal{}
		equal(t, got, want)

		// A condition that does not hold fails the update.
		err = update(views.Add(1), views.Gt(1000))
		var ccf *types.ConditionalCheckFailedException
		is.True(errors.As(err, &ccf))

		// Set of an empty value with OmitEmpty removes the attribute.
		is.NoErr(update(tags.Set(nil).And(meta.Set(nil)), attr.Condition[Thread]{}))
		got = get()
		is.Equal(got.Tags, []string(nil))
		is.Equal(got.Meta, map[string]string(nil))

		// A key condition from descriptors.
		kc, err := attr.KeyCondition(forum.Eq("go"), subject.BeginsWith("gen"))
		is.NoErr(err)
		filter, err := views.Eq(50).And(attr.NestedString(addr, city).Eq("Lyon")).Expr()
		is.NoErr(err)
		var b expr.Builder[Thread]
		ks, err := b.KeyCondition(kc)
		is.NoErr(err)
		fs, err := b.Condition(filter)
		is.NoErr(err)
		out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(table), KeyConditionExpression: aws.String(ks),
			FilterExpression: aws.String(fs), ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values()})
		is.NoErr(err)
		is.Equal(len(out.Items), 1)
		var q Thread
		is.NoErr(s.Decode(out.Items[0], &q))
		is.Equal(q.Subject, "generics")
	})
}

func TestDynamoDBFromTags(t *testing.T) {
	forEachBackend(t, func(t *testing.T, c client) {
		is := is.New(t)
		ctx := context.Background()
		s, err := attr.FromTags[rich]()
		is.NoErr(err)
		id, _ := s.Field("id")
		table := createTable[rich](t, c, id, nil)
		item := fullRich()
		m, err := s.Encode(item)
		is.NoErr(err)
		_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: m})
		is.NoErr(err)
		out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: keyOf(t, item, id), ConsistentRead: aws.Bool(true)})
		is.NoErr(err)
		var back rich
		is.NoErr(s.Decode(out.Item, &back))
		slices.Sort(back.Levels)
		slices.Sort(back.Names)
		slices.SortFunc(back.Blobs, func(a, b []byte) int { return int(a[0]) - int(b[0]) })
		want := *item
		want.hidden, want.Skip = "", ""
		is.Equal(back.Price.Cmp(*want.Price), 0) // DynamoDB returns numbers in its own notation
		back.Price, want.Price = nil, nil
		equal(t, back, want)
	})
}
