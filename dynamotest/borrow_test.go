package dynamotest_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/internal/borrow"
)

// borrowFixture is a table with a GSI of each projection and an LSI,
// holding items with nested values.
func borrowFixture(t *testing.T) *dynamotest.DB {
	t.Helper()
	db := dynamotest.New()
	gsi := func(name string, p types.Projection) types.GlobalSecondaryIndex {
		return types.GlobalSecondaryIndex{IndexName: aws.String(name), Projection: &p,
			KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash}}}
	}
	newTable(t, db, "lent", true, func(in *dynamodb.CreateTableInput) {
		in.AttributeDefinitions = append(in.AttributeDefinitions,
			types.AttributeDefinition{AttributeName: aws.String("g"), AttributeType: types.ScalarAttributeTypeS},
			types.AttributeDefinition{AttributeName: aws.String("l"), AttributeType: types.ScalarAttributeTypeN})
		in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{
			gsi("all", types.Projection{ProjectionType: types.ProjectionTypeAll}),
			gsi("keys", types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}),
			gsi("include", types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"m"}}),
		}
		in.LocalSecondaryIndexes = []types.LocalSecondaryIndex{{IndexName: aws.String("local"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
			KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String("l"), KeyType: types.KeyTypeRange}}}}
	})
	for i := range 20 {
		put(t, db, "lent", item{"pk": s("p"), "sk": ni(i), "g": s(fmt.Sprint("g", i%3)), "l": ni(100 - i),
			"m": &types.AttributeValueMemberM{Value: item{"x": ni(i), "l": &types.AttributeValueMemberL{Value: []types.AttributeValue{s("a"), ni(i)}}}},
			"b": &types.AttributeValueMemberB{Value: []byte{byte(i)}}, "ss": &types.AttributeValueMemberSS{Value: []string{"a", "b"}}})
	}
	return db
}

// TestBorrowedReads checks that a read marked by internal/borrow returns
// what the same read returns without it, for every kind of read, and that
// it hands out the stored items themselves (the same maps each time),
// where an ordinary read returns new copies.
func TestBorrowedReads(t *testing.T) {
	db := borrowFixture(t)
	ctx := context.Background()
	queries := map[string]*dynamodb.QueryInput{
		"table":      {},
		"gsi all":    {IndexName: aws.String("all")},
		"gsi keys":   {IndexName: aws.String("keys")},
		"gsi incl":   {IndexName: aws.String("include")},
		"lsi keys":   {IndexName: aws.String("local")},
		"lsi fetch":  {IndexName: aws.String("local"), Select: types.SelectAllAttributes},
		"projection": {ProjectionExpression: aws.String("m.l[1], ss")},
		"filter":     {FilterExpression: aws.String("m.x > :x"), Limit: aws.Int32(7)},
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			in := *q
			in.TableName = aws.String("lent")
			in.KeyConditionExpression = aws.String("pk = :p")
			in.ExpressionAttributeValues = item{":p": s("p")}
			if q.IndexName != nil && *q.IndexName != "local" {
				in.KeyConditionExpression = aws.String("g = :p")
				in.ExpressionAttributeValues = item{":p": s("g1")}
			}
			if q.FilterExpression != nil {
				in.ExpressionAttributeValues[":x"] = ni(4)
			}
			copied, err := db.Query(ctx, &in)
			is.NoErr(err)
			lent, err := db.Query(borrow.Items(ctx), &in)
			is.NoErr(err)
			is.True(len(lent.Items) > 0)
			is.Equal(lent, copied) // same output
			again, err := db.Query(borrow.Items(ctx), &in)
			is.NoErr(err)
			copiedAgain, err := db.Query(ctx, &in)
			is.NoErr(err)
			shared := reflect.ValueOf(again.Items[0]).UnsafePointer() == reflect.ValueOf(lent.Items[0]).UnsafePointer()
			is.True(reflect.ValueOf(copiedAgain.Items[0]).UnsafePointer() != reflect.ValueOf(copied.Items[0]).UnsafePointer())
			// Projections build new maps; everything else is lent.
			is.Equal(shared, q.ProjectionExpression == nil)

			scanIn := &dynamodb.ScanInput{TableName: aws.String("lent"), IndexName: q.IndexName, Select: q.Select,
				ProjectionExpression: q.ProjectionExpression, FilterExpression: q.FilterExpression}
			if q.FilterExpression != nil {
				scanIn.ExpressionAttributeValues = item{":x": ni(4)}
			}
			scanCopied, err := db.Scan(ctx, scanIn)
			if q.Select != "" { // a scan of an LSI may fetch too
				is.NoErr(err)
			}
			if err == nil {
				scanLent, err := db.Scan(borrow.Items(ctx), scanIn)
				is.NoErr(err)
				is.Equal(scanLent, scanCopied)
			}
		})
	}
}

// TestBorrowedItemsSurviveWrites checks that a borrowed item is a snapshot:
// later writes to its item, of every kind, do not change it.
func TestBorrowedItemsSurviveWrites(t *testing.T) {
	is := is.New(t)
	db := borrowFixture(t)
	ctx := borrow.Items(context.Background())
	in := &dynamodb.QueryInput{TableName: aws.String("lent"), KeyConditionExpression: aws.String("pk = :p"),
		ExpressionAttributeValues: item{":p": s("p")}}
	before, err := db.Query(ctx, in)
	is.NoErr(err)
	snapshot, err := db.Query(context.Background(), in) // a copy
	is.NoErr(err)
	key := item{"pk": s("p"), "sk": ni(3)}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("lent"), Key: key,
		UpdateExpression:          aws.String("SET m.x = :v, m.l[0] = :v, ss = :ss ADD m.n :one REMOVE b"),
		ExpressionAttributeValues: item{":v": ni(99), ":ss": &types.AttributeValueMemberSS{Value: []string{"z"}}, ":one": ni(1)}})
	is.NoErr(err)
	put(t, db, "lent", item{"pk": s("p"), "sk": ni(4), "m": &types.AttributeValueMemberM{Value: item{}}})
	_, err = db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("lent"), Key: item{"pk": s("p"), "sk": ni(5)}})
	is.NoErr(err)
	is.Equal(before.Items, snapshot.Items)
	after, err := db.Query(ctx, in)
	is.NoErr(err)
	is.Equal(len(after.Items), len(before.Items)-1)
	is.Equal(after.Items[3]["m"].(*types.AttributeValueMemberM).Value["x"], ni(99))
}

// TestBorrowedGetItem checks GetItem as TestBorrowedReads checks queries.
func TestBorrowedGetItem(t *testing.T) {
	is := is.New(t)
	db := borrowFixture(t)
	ctx := context.Background()
	in := &dynamodb.GetItemInput{TableName: aws.String("lent"), Key: item{"pk": s("p"), "sk": ni(2)}}
	copied, err := db.GetItem(ctx, in)
	is.NoErr(err)
	lent, err := db.GetItem(borrow.Items(ctx), in)
	is.NoErr(err)
	is.Equal(lent, copied)
	again, err := db.GetItem(borrow.Items(ctx), in)
	is.NoErr(err)
	is.True(reflect.ValueOf(again.Item).UnsafePointer() == reflect.ValueOf(lent.Item).UnsafePointer())
	copiedAgain, err := db.GetItem(ctx, in)
	is.NoErr(err)
	is.True(reflect.ValueOf(copiedAgain.Item).UnsafePointer() != reflect.ValueOf(copied.Item).UnsafePointer())

	in.ProjectionExpression = aws.String("m.x")
	projected, err := db.GetItem(borrow.Items(ctx), in)
	is.NoErr(err)
	is.Equal(projected.Item, item{"m": &types.AttributeValueMemberM{Value: item{"x": ni(2)}}})
	in.Key["sk"] = ni(99)
	missing, err := db.GetItem(borrow.Items(ctx), in)
	is.NoErr(err)
	is.Equal(missing.Item, nil)
}

// TestBorrowedBatchGet checks BatchGetItem as TestBorrowedReads checks
// queries.
func TestBorrowedBatchGet(t *testing.T) {
	is := is.New(t)
	db := borrowFixture(t)
	ctx := context.Background()
	in := &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
		"lent": {Keys: []item{{"pk": s("p"), "sk": ni(1)}, {"pk": s("p"), "sk": ni(2)}, {"pk": s("p"), "sk": ni(99)}}},
	}}
	copied, err := db.BatchGetItem(ctx, in)
	is.NoErr(err)
	lent, err := db.BatchGetItem(borrow.Items(ctx), in)
	is.NoErr(err)
	is.Equal(len(lent.Responses["lent"]), 2)
	is.Equal(lent, copied)
	again, err := db.BatchGetItem(borrow.Items(ctx), in)
	is.NoErr(err)
	is.True(reflect.ValueOf(again.Responses["lent"][0]).UnsafePointer() == reflect.ValueOf(lent.Responses["lent"][0]).UnsafePointer())
	copiedAgain, err := db.BatchGetItem(ctx, in)
	is.NoErr(err)
	is.True(reflect.ValueOf(copiedAgain.Responses["lent"][0]).UnsafePointer() != reflect.ValueOf(copied.Responses["lent"][0]).UnsafePointer())
}
