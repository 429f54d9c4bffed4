package dynamotest_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/dynamotest"
)

// exampleTable creates table "users" keyed by "id" (S) on db.
func exampleTable(db *dynamotest.DB) {
	_, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String("users"),
		BillingMode:          types.BillingModePayPerRequest,
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
	})
	if err != nil {
		panic(err)
	}
}

func exampleUser(db *dynamotest.DB, id string, age int) {
	_, err := db.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String("users"), Item: item{"id": s(id), "age": ni(age)}})
	if err != nil {
		panic(err)
	}
}

// Code written against an interface of *dynamodb.Client methods runs on a
// DB unchanged.
func Example() {
	type Putter interface {
		PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	}
	var _ Putter = (*dynamodb.Client)(nil)
	var client Putter = dynamotest.New()
	_, err := client.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String("missing"), Item: item{"id": s("1")}})
	var rnf *types.ResourceNotFoundException
	fmt.Println(errors.As(err, &rnf))
	// Output: true
}

func ExampleNew() {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	db := dynamotest.New(func(o *dynamotest.Options) {
		o.Now = func() time.Time { return clock }
		o.Region = "eu-west-1"
	})
	exampleTable(db)
	out, _ := db.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String("users")})
	fmt.Println(*out.Table.TableArn, out.Table.CreationDateTime.Format(time.DateOnly), out.Table.TableStatus)
	// Output: arn:aws:dynamodb:eu-west-1:000000000000:table/users 2026-01-01 ACTIVE
}

func ExampleOptions() {
	// TableDelay keeps new tables CREATING for a while on the DB's clock.
	db := dynamotest.New(func(o *dynamotest.Options) { o.TableDelay = time.Hour })
	exampleTable(db)
	out, _ := db.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String("users")})
	fmt.Println(out.Table.TableStatus)
	// Output: CREATING
}

func ExampleDB_CreateTable() {
	db := dynamotest.New()
	out, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String("events"),
		BillingMode:          types.BillingModePayPerRequest,
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		StreamSpecification:  &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewImage},
	})
	fmt.Println(out.TableDescription.TableStatus, out.TableDescription.StreamSpecification.StreamViewType, err)
	_, err = db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String("events"),
		BillingMode:          types.BillingModePayPerRequest,
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
	})
	var inUse *types.ResourceInUseException
	fmt.Println(errors.As(err, &inUse))
	// Output:
	// ACTIVE NEW_IMAGE <nil>
	// true
}

func ExampleDB_DescribeTable() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	out, _ := db.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String("users")})
	fmt.Println(*out.Table.ItemCount, *out.Table.KeySchema[0].AttributeName)
	// Output: 1 id
}

func ExampleDB_ListTables() {
	db := dynamotest.New()
	exampleTable(db)
	out, _ := db.ListTables(context.Background(), &dynamodb.ListTablesInput{})
	fmt.Println(out.TableNames)
	// Output: [users]
}

func ExampleDB_DeleteTable() {
	db := dynamotest.New()
	exampleTable(db)
	out, _ := db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String("users")})
	fmt.Println(out.TableDescription.TableStatus)
	// Output: ACTIVE
}

func ExampleDB_UpdateTable() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	up, _ := db.UpdateTable(context.Background(), &dynamodb.UpdateTableInput{
		TableName:            aws.String("users"),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("age"), AttributeType: types.ScalarAttributeTypeN}},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName: aws.String("by_age"), KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("age"), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}}},
	})
	fmt.Println(up.TableDescription.GlobalSecondaryIndexes[0].IndexStatus) // as DynamoDB Local answers
	// The fake backfills the index at once.
	out, _ := db.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String("users")})
	g := out.Table.GlobalSecondaryIndexes[0]
	fmt.Println(*g.IndexName, g.IndexStatus, *g.ItemCount)
	// Output:
	// CREATING
	// by_age ACTIVE 1
}

func ExampleDB_UpdateTimeToLive() {
	db := dynamotest.New()
	exampleTable(db)
	_, err := db.UpdateTimeToLive(context.Background(), &dynamodb.UpdateTimeToLiveInput{
		TableName:               aws.String("users"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("expires"), Enabled: aws.Bool(true)},
	})
	fmt.Println(err)
	// Output: <nil>
}

func ExampleDB_DescribeTimeToLive() {
	db := dynamotest.New()
	exampleTable(db)
	out, _ := db.DescribeTimeToLive(context.Background(), &dynamodb.DescribeTimeToLiveInput{TableName: aws.String("users")})
	fmt.Println(out.TimeToLiveDescription.TimeToLiveStatus)
	// Output: DISABLED
}

func ExampleDB_PutItem() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	_, err := db.PutItem(context.Background(), &dynamodb.PutItemInput{
		TableName:                           aws.String("users"),
		Item:                                item{"id": s("ada"), "age": ni(37)},
		ConditionExpression:                 aws.String("attribute_not_exists(id)"),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		fmt.Println("exists already, age", ccf.Item["age"].(*types.AttributeValueMemberN).Value)
	}
	// Output: exists already, age 36
}

func ExampleDB_GetItem() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	out, _ := db.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName:              aws.String("users"),
		Key:                    item{"id": s("ada")},
		ProjectionExpression:   aws.String("age"),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	fmt.Println(len(out.Item), out.Item["age"].(*types.AttributeValueMemberN).Value, *out.ConsumedCapacity.CapacityUnits)
	// Output: 1 36 0.5
}

func ExampleDB_UpdateItem() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	out, err := db.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{
		TableName:                 aws.String("users"),
		Key:                       item{"id": s("ada")},
		UpdateExpression:          aws.String("SET age = age + :one, langs = list_append(if_not_exists(langs, :empty), :l)"),
		ExpressionAttributeValues: item{":one": n("1"), ":empty": &types.AttributeValueMemberL{}, ":l": &types.AttributeValueMemberL{Value: []types.AttributeValue{s("Go")}}},
		ReturnValues:              types.ReturnValueUpdatedNew,
	})
	fmt.Println(err, out.Attributes["age"].(*types.AttributeValueMemberN).Value, len(out.Attributes["langs"].(*types.AttributeValueMemberL).Value))
	// Output: <nil> 37 1
}

func ExampleDB_DeleteItem() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	out, _ := db.DeleteItem(context.Background(), &dynamodb.DeleteItemInput{
		TableName: aws.String("users"), Key: item{"id": s("ada")}, ReturnValues: types.ReturnValueAllOld,
	})
	fmt.Println(out.Attributes["age"].(*types.AttributeValueMemberN).Value)
	// Output: 36
}

func ExampleDB_Query() {
	db := dynamotest.New()
	newTable(exampleTB{}, db, "posts", true) // pk (S) + sk (N)
	for i := range 5 {
		put(exampleTB{}, db, "posts", item{"pk": s("go"), "sk": ni(i), "likes": ni(i * 10)})
	}
	out, _ := db.Query(context.Background(), &dynamodb.QueryInput{
		TableName:                 aws.String("posts"),
		KeyConditionExpression:    aws.String("pk = :p AND sk BETWEEN :lo AND :hi"),
		FilterExpression:          aws.String("likes > :min"),
		ExpressionAttributeValues: item{":p": s("go"), ":lo": n("1"), ":hi": n("4"), ":min": n("15")},
		ScanIndexForward:          aws.Bool(false),
		Limit:                     aws.Int32(3),
	})
	for _, it := range out.Items {
		fmt.Print(it["sk"].(*types.AttributeValueMemberN).Value, " ")
	}
	fmt.Println(out.Count, out.ScannedCount, out.LastEvaluatedKey["sk"].(*types.AttributeValueMemberN).Value)
	// Output: 4 3 2 3 3 2
}

func ExampleDB_Scan() {
	db := dynamotest.New()
	exampleTable(db)
	for i := range 10 {
		exampleUser(db, fmt.Sprint("user", i), 20+i)
	}
	total := 0
	for seg := range int32(4) {
		out, _ := db.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String("users"), Segment: aws.Int32(seg), TotalSegments: aws.Int32(4), Select: types.SelectCount})
		total += int(out.Count)
	}
	fmt.Println(total)
	// Output: 10
}

func ExampleDB_BatchWriteItem() {
	db := dynamotest.New()
	exampleTable(db)
	out, err := db.BatchWriteItem(context.Background(), &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
		"users": {{PutRequest: &types.PutRequest{Item: item{"id": s("a")}}}, {PutRequest: &types.PutRequest{Item: item{"id": s("b")}}}},
	}})
	fmt.Println(err, len(out.UnprocessedItems))
	// Output: <nil> 0
}

func ExampleDB_BatchGetItem() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	out, _ := db.BatchGetItem(context.Background(), &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
		"users": {Keys: []map[string]types.AttributeValue{{"id": s("ada")}, {"id": s("bob")}}},
	}})
	fmt.Println(len(out.Responses["users"]))
	// Output: 1
}

func ExampleDB_TransactWriteItems() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	_, err := db.TransactWriteItems(context.Background(), &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("users"), Item: item{"id": s("bob")}}},
		{ConditionCheck: &types.ConditionCheck{TableName: aws.String("users"), Key: item{"id": s("ada")}, ConditionExpression: aws.String("age > :a"), ExpressionAttributeValues: item{":a": n("40")}}},
	}})
	var tce *types.TransactionCanceledException
	if errors.As(err, &tce) {
		for _, r := range tce.CancellationReasons {
			fmt.Println(*r.Code)
		}
	}
	// Output:
	// None
	// ConditionalCheckFailed
}

func ExampleDB_TransactGetItems() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	out, _ := db.TransactGetItems(context.Background(), &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{
		{Get: &types.Get{TableName: aws.String("users"), Key: item{"id": s("bob")}}},
		{Get: &types.Get{TableName: aws.String("users"), Key: item{"id": s("ada")}}},
	}})
	fmt.Println(out.Responses[0].Item == nil, out.Responses[1].Item["age"].(*types.AttributeValueMemberN).Value)
	// Output: true 36
}

func ExampleDB_Changes() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	exampleUser(db, "ada", 37)
	exampleUser(db, "ada", 37) // no change: not logged
	for _, c := range db.Changes("users") {
		fmt.Println(c.Seq, c.Event, c.New["age"].(*types.AttributeValueMemberN).Value)
	}
	// Output:
	// 1 INSERT 36
	// 2 MODIFY 37
}

func ExampleChange() {
	db := dynamotest.New()
	exampleTable(db)
	exampleUser(db, "ada", 36)
	db.DeleteItem(context.Background(), &dynamodb.DeleteItemInput{TableName: aws.String("users"), Key: item{"id": s("ada")}})
	c := db.Changes("users")[1]
	fmt.Println(c.Event, c.Keys["id"].(*types.AttributeValueMemberS).Value, c.New == nil, c.Old != nil)
	// Output: REMOVE ada true true
}

func ExampleEventName() {
	fmt.Println(dynamotest.EventInsert, dynamotest.EventModify, dynamotest.EventRemove)
	// Output: INSERT MODIFY REMOVE
}

func ExampleDB_ExpireItems() {
	now := time.Unix(1_000_000, 0)
	db := dynamotest.New(func(o *dynamotest.Options) { o.Now = func() time.Time { return now } })
	exampleTable(db)
	db.UpdateTimeToLive(context.Background(), &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("users"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("expires"), Enabled: aws.Bool(true)}})
	db.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String("users"), Item: item{"id": s("old"), "expires": n("999999")}})
	db.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String("users"), Item: item{"id": s("new"), "expires": n("1000001")}})
	fmt.Println(db.ExpireItems(), db.Changes("users")[2].TTL)
	// Output: 1 true
}

func ExampleDB_InjectFault() {
	db := dynamotest.New()
	exampleTable(db)
	db.InjectFault(dynamotest.Fault{Op: "GetItem", Code: dynamotest.FaultThroughputExceeded, Next: 1})
	get := func() error {
		_, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("users"), Key: item{"id": s("ada")}})
		return err
	}
	var pte *types.ProvisionedThroughputExceededException
	fmt.Println(errors.As(get(), &pte), get())
	// Output: true <nil>
}

func ExampleFault() {
	// Fail 20% of all calls, reproducibly for the seed.
	db := dynamotest.New(func(o *dynamotest.Options) { o.Seed = 3 })
	exampleTable(db)
	db.InjectFault(dynamotest.Fault{Code: dynamotest.FaultInternalError, Rate: 0.2})
	fails := 0
	for range 1000 {
		if _, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("users"), Key: item{"id": s("x")}}); err != nil {
			fails++
		}
	}
	fmt.Println(fails > 150 && fails < 250)
	// Output: true
}

func ExampleFaultCode() {
	fmt.Println(dynamotest.FaultThrottling, dynamotest.FaultTransactionConflict)
	// Output: ThrottlingException TransactionConflict
}

func ExampleDB_SetUnprocessed() {
	db := dynamotest.New(func(o *dynamotest.Options) { o.Seed = 1 })
	exampleTable(db)
	db.SetUnprocessed(1) // leave everything unprocessed
	out, _ := db.BatchWriteItem(context.Background(), &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
		"users": {{PutRequest: &types.PutRequest{Item: item{"id": s("a")}}}},
	}})
	fmt.Println(len(out.UnprocessedItems["users"]))
	// Output: 1
}

func ExampleDB_SetLatency() {
	db := dynamotest.New()
	exampleTable(db)
	db.SetLatency("GetItem", 10*time.Millisecond)
	start := time.Now()
	db.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("users"), Key: item{"id": s("x")}})
	fmt.Println(time.Since(start) >= 10*time.Millisecond)
	// Output: true
}

func ExampleDB_ClearFaults() {
	db := dynamotest.New()
	exampleTable(db)
	db.InjectFault(dynamotest.Fault{Code: dynamotest.FaultThrottling, Rate: 1})
	db.ClearFaults()
	_, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("users"), Key: item{"id": s("x")}})
	fmt.Println(err)
	// Output: <nil>
}

// A DB is safe for concurrent use; every operation is atomic.
func ExampleDB() {
	db := dynamotest.New()
	exampleTable(db)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			db.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: aws.String("users"), Key: item{"id": s("counter")},
				UpdateExpression: aws.String("ADD hits :one"), ExpressionAttributeValues: item{":one": n("1")}})
		})
	}
	wg.Wait()
	out, _ := db.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("users"), Key: item{"id": s("counter")}})
	fmt.Println(out.Item["hits"].(*types.AttributeValueMemberN).Value)
	// Output: 10
}
