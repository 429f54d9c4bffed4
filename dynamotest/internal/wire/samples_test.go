package wire_test

import (
	"math"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// sample is a representative input and output of one operation.
type sample struct {
	op     string
	input  any
	output any
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }

// richItem has every attribute value type, nested.
func richItem() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk":    s("user#1"),
		"sk":    n("42"),
		"bin":   &types.AttributeValueMemberB{Value: []byte{0, 1, 2, 0xff}},
		"empty": &types.AttributeValueMemberB{Value: []byte{}},
		"ok":    &types.AttributeValueMemberBOOL{Value: true},
		"no":    &types.AttributeValueMemberBOOL{Value: false},
		"nil":   &types.AttributeValueMemberNULL{Value: true},
		"ss":    &types.AttributeValueMemberSS{Value: []string{"a", "b\"c", "ü\u2028"}},
		"ns":    &types.AttributeValueMemberNS{Value: []string{"1", "-2.5", "1E+10"}},
		"bs":    &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}},
		"list": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			s(""), n("0"), &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
			&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}},
		}},
		"map": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"inner": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"x": s("\x00\t\n\\")}},
			"":      s("empty name"),
		}},
	}
}

func key() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": s("user#1"), "sk": n("42")}
}

func capacity() *types.ConsumedCapacity {
	return &types.ConsumedCapacity{
		TableName:          aws.String("users"),
		CapacityUnits:      aws.Float64(1.5),
		ReadCapacityUnits:  aws.Float64(0.5),
		WriteCapacityUnits: aws.Float64(1),
		Table:              &types.Capacity{CapacityUnits: aws.Float64(1)},
		GlobalSecondaryIndexes: map[string]types.Capacity{
			"byAge": {CapacityUnits: aws.Float64(0.5), ReadCapacityUnits: aws.Float64(0.5)},
		},
		LocalSecondaryIndexes: map[string]types.Capacity{},
	}
}

// when is a timestamp with millisecond precision, all the wire carries.
var when = time.Unix(1700000000, 123_000_000).UTC()

func tableDescription() *types.TableDescription {
	return &types.TableDescription{
		TableName:            aws.String("users"),
		TableArn:             aws.String("arn:aws:dynamodb:us-east-1:000000000000:table/users"),
		TableId:              aws.String("9c1c7b5e-0000-4000-8000-000000000000"),
		TableStatus:          types.TableStatusActive,
		CreationDateTime:     aws.Time(when),
		ItemCount:            aws.Int64(12),
		TableSizeBytes:       aws.Int64(1 << 40),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}, {AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}, {AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange}},
		BillingModeSummary:   &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest, LastUpdateToPayPerRequestDateTime: aws.Time(when)},
		ProvisionedThroughput: &types.ProvisionedThroughputDescription{
			LastIncreaseDateTime:   aws.Time(time.Unix(0, 0).UTC()),
			NumberOfDecreasesToday: aws.Int64(0),
			ReadCapacityUnits:      aws.Int64(0),
			WriteCapacityUnits:     aws.Int64(0),
		},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndexDescription{{
			IndexName:   aws.String("byAge"),
			IndexStatus: types.IndexStatusCreating,
			Backfilling: aws.Bool(false),
			KeySchema:   []types.KeySchemaElement{{AttributeName: aws.String("age"), KeyType: types.KeyTypeHash}},
			Projection:  &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"name"}},
			ItemCount:   aws.Int64(3),
		}},
		LocalSecondaryIndexes: []types.LocalSecondaryIndexDescription{{
			IndexName:  aws.String("byName"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}, {AttributeName: aws.String("name"), KeyType: types.KeyTypeRange}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}},
		StreamSpecification:       &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages},
		LatestStreamArn:           aws.String("arn:aws:dynamodb:us-east-1:000000000000:table/users/stream/2023-11-14T22:13:20.500"),
		LatestStreamLabel:         aws.String("2023-11-14T22:13:20.500"),
		DeletionProtectionEnabled: aws.Bool(false),
		TableClassSummary:         &types.TableClassSummary{TableClass: types.TableClassStandard},
		SSEDescription:            &types.SSEDescription{Status: types.SSEStatusEnabled, SSEType: types.SSETypeKms},
		WarmThroughput:            &types.TableWarmThroughputDescription{ReadUnitsPerSecond: aws.Int64(12000), Status: types.TableStatusActive},
	}
}

// samples returns a representative input and output of every operation.
func samples() []sample {
	return []sample{
		{"CreateTable", &dynamodb.CreateTableInput{
			TableName:            aws.String("users"),
			AttributeDefinitions: tableDescription().AttributeDefinitions,
			KeySchema:            tableDescription().KeySchema,
			BillingMode:          types.BillingModeProvisioned,
			ProvisionedThroughput: &types.ProvisionedThroughput{
				ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(math.MaxInt64),
			},
			GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
				IndexName:             aws.String("byAge"),
				KeySchema:             []types.KeySchemaElement{{AttributeName: aws.String("age"), KeyType: types.KeyTypeHash}},
				Projection:            &types.Projection{ProjectionType: types.ProjectionTypeAll},
				ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)},
				OnDemandThroughput:    &types.OnDemandThroughput{MaxReadRequestUnits: aws.Int64(-1)},
			}},
			LocalSecondaryIndexes: []types.LocalSecondaryIndex{{
				IndexName:  aws.String("byName"),
				KeySchema:  tableDescription().LocalSecondaryIndexes[0].KeySchema,
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"a", "b"}},
			}},
			StreamSpecification:       &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly},
			SSESpecification:          &types.SSESpecification{Enabled: aws.Bool(true), SSEType: types.SSETypeKms, KMSMasterKeyId: aws.String("alias/x")},
			Tags:                      []types.Tag{{Key: aws.String("team"), Value: aws.String("db")}},
			TableClass:                types.TableClassStandardInfrequentAccess,
			DeletionProtectionEnabled: aws.Bool(true),
		}, &dynamodb.CreateTableOutput{TableDescription: tableDescription()}},
		{"DeleteTable", &dynamodb.DeleteTableInput{TableName: aws.String("users")},
			&dynamodb.DeleteTableOutput{TableDescription: &types.TableDescription{TableName: aws.String("users"), TableStatus: types.TableStatusDeleting}}},
		{"DescribeTable", &dynamodb.DescribeTableInput{TableName: aws.String("users")},
			&dynamodb.DescribeTableOutput{Table: tableDescription()}},
		{"ListTables", &dynamodb.ListTablesInput{ExclusiveStartTableName: aws.String("a"), Limit: aws.Int32(100)},
			&dynamodb.ListTablesOutput{TableNames: []string{"b", "c"}, LastEvaluatedTableName: aws.String("c")}},
		{"UpdateTable", &dynamodb.UpdateTableInput{
			TableName:            aws.String("users"),
			BillingMode:          types.BillingModePayPerRequest,
			AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("age"), AttributeType: types.ScalarAttributeTypeN}},
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{
				{Create: &types.CreateGlobalSecondaryIndexAction{
					IndexName:  aws.String("byAge"),
					KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("age"), KeyType: types.KeyTypeHash}},
					Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
				}},
				{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("old")}},
				{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("x"), ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(2), WriteCapacityUnits: aws.Int64(3)}}},
			},
			StreamSpecification:       &types.StreamSpecification{StreamEnabled: aws.Bool(false)},
			DeletionProtectionEnabled: aws.Bool(false),
		}, &dynamodb.UpdateTableOutput{TableDescription: tableDescription()}},
		{"UpdateTimeToLive", &dynamodb.UpdateTimeToLiveInput{
			TableName:               aws.String("users"),
			TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("ttl"), Enabled: aws.Bool(true)},
		}, &dynamodb.UpdateTimeToLiveOutput{TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("ttl"), Enabled: aws.Bool(true)}}},
		{"DescribeTimeToLive", &dynamodb.DescribeTimeToLiveInput{TableName: aws.String("users")},
			&dynamodb.DescribeTimeToLiveOutput{TimeToLiveDescription: &types.TimeToLiveDescription{AttributeName: aws.String("ttl"), TimeToLiveStatus: types.TimeToLiveStatusEnabled}}},
		{"PutItem", &dynamodb.PutItemInput{
			TableName:                           aws.String("users"),
			Item:                                richItem(),
			ConditionExpression:                 aws.String("attribute_not_exists(#pk) OR #n < :max"),
			ExpressionAttributeNames:            map[string]string{"#pk": "pk", "#n": "count"},
			ExpressionAttributeValues:           map[string]types.AttributeValue{":max": n("10")},
			ReturnValues:                        types.ReturnValueAllOld,
			ReturnConsumedCapacity:              types.ReturnConsumedCapacityIndexes,
			ReturnItemCollectionMetrics:         types.ReturnItemCollectionMetricsSize,
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
		}, &dynamodb.PutItemOutput{
			Attributes:            richItem(),
			ConsumedCapacity:      capacity(),
			ItemCollectionMetrics: &types.ItemCollectionMetrics{ItemCollectionKey: map[string]types.AttributeValue{"pk": s("user#1")}, SizeEstimateRangeGB: []float64{0, 1.5}},
		}},
		{"GetItem", &dynamodb.GetItemInput{
			TableName:                aws.String("users"),
			Key:                      key(),
			ConsistentRead:           aws.Bool(true),
			ProjectionExpression:     aws.String("#a, list[0], map.inner"),
			ExpressionAttributeNames: map[string]string{"#a": "a"},
			ReturnConsumedCapacity:   types.ReturnConsumedCapacityTotal,
		}, &dynamodb.GetItemOutput{Item: richItem(), ConsumedCapacity: &types.ConsumedCapacity{TableName: aws.String("users"), CapacityUnits: aws.Float64(0.5)}}},
		{"UpdateItem", &dynamodb.UpdateItemInput{
			TableName:                 aws.String("users"),
			Key:                       key(),
			UpdateExpression:          aws.String("SET #n = #n + :one REMOVE gone ADD tags :t DELETE old :t"),
			ConditionExpression:       aws.String("attribute_exists(pk)"),
			ExpressionAttributeNames:  map[string]string{"#n": "count"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": n("1"), ":t": &types.AttributeValueMemberSS{Value: []string{"x"}}},
			ReturnValues:              types.ReturnValueUpdatedNew,
		}, &dynamodb.UpdateItemOutput{Attributes: map[string]types.AttributeValue{"count": n("2")}}},
		{"DeleteItem", &dynamodb.DeleteItemInput{
			TableName:                           aws.String("users"),
			Key:                                 key(),
			ConditionExpression:                 aws.String("v = :v"),
			ExpressionAttributeValues:           map[string]types.AttributeValue{":v": &types.AttributeValueMemberNULL{Value: true}},
			ReturnValues:                        types.ReturnValueAllOld,
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureNone,
		}, &dynamodb.DeleteItemOutput{Attributes: richItem(), ConsumedCapacity: capacity()}},
		{"Query", &dynamodb.QueryInput{
			TableName:                 aws.String("users"),
			IndexName:                 aws.String("byName"),
			KeyConditionExpression:    aws.String("pk = :pk AND begins_with(#name, :p)"),
			FilterExpression:          aws.String("size(tags) > :zero"),
			ProjectionExpression:      aws.String("pk, sk"),
			ExpressionAttributeNames:  map[string]string{"#name": "name"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s("user#1"), ":p": s("A"), ":zero": n("0")},
			ExclusiveStartKey:         key(),
			Limit:                     aws.Int32(25),
			ScanIndexForward:          aws.Bool(false),
			ConsistentRead:            aws.Bool(false),
			Select:                    types.SelectSpecificAttributes,
		}, &dynamodb.QueryOutput{
			Items:            []map[string]types.AttributeValue{richItem(), key()},
			Count:            2,
			ScannedCount:     7,
			LastEvaluatedKey: key(),
			ConsumedCapacity: capacity(),
		}},
		{"Scan", &dynamodb.ScanInput{
			TableName:     aws.String("users"),
			Segment:       aws.Int32(1),
			TotalSegments: aws.Int32(4),
			Select:        types.SelectCount,
			Limit:         aws.Int32(1),
		}, &dynamodb.ScanOutput{Items: []map[string]types.AttributeValue{}, Count: 1, ScannedCount: 1}},
		{"BatchGetItem", &dynamodb.BatchGetItemInput{
			RequestItems: map[string]types.KeysAndAttributes{
				"users": {Keys: []map[string]types.AttributeValue{key()}, ConsistentRead: aws.Bool(true), ProjectionExpression: aws.String("#a"), ExpressionAttributeNames: map[string]string{"#a": "a"}},
				"other": {Keys: []map[string]types.AttributeValue{{"id": &types.AttributeValueMemberB{Value: []byte("k")}}}},
			},
			ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
		}, &dynamodb.BatchGetItemOutput{
			Responses:        map[string][]map[string]types.AttributeValue{"users": {richItem()}, "other": {}},
			UnprocessedKeys:  map[string]types.KeysAndAttributes{"users": {Keys: []map[string]types.AttributeValue{key()}}},
			ConsumedCapacity: []types.ConsumedCapacity{*capacity()},
		}},
		{"BatchWriteItem", &dynamodb.BatchWriteItemInput{
			RequestItems: map[string][]types.WriteRequest{
				"users": {
					{PutRequest: &types.PutRequest{Item: richItem()}},
					{DeleteRequest: &types.DeleteRequest{Key: key()}},
				},
			},
			ReturnItemCollectionMetrics: types.ReturnItemCollectionMetricsSize,
		}, &dynamodb.BatchWriteItemOutput{
			UnprocessedItems: map[string][]types.WriteRequest{"users": {{DeleteRequest: &types.DeleteRequest{Key: key()}}}},
			ItemCollectionMetrics: map[string][]types.ItemCollectionMetrics{
				"users": {{ItemCollectionKey: map[string]types.AttributeValue{"pk": s("user#1")}, SizeEstimateRangeGB: []float64{0, 1}}},
			},
		}},
		{"TransactGetItems", &dynamodb.TransactGetItemsInput{
			TransactItems: []types.TransactGetItem{
				{Get: &types.Get{TableName: aws.String("users"), Key: key(), ProjectionExpression: aws.String("#a"), ExpressionAttributeNames: map[string]string{"#a": "a"}}},
			},
			ReturnConsumedCapacity: types.ReturnConsumedCapacityNone,
		}, &dynamodb.TransactGetItemsOutput{
			Responses:        []types.ItemResponse{{Item: richItem()}, {}},
			ConsumedCapacity: []types.ConsumedCapacity{{TableName: aws.String("users"), CapacityUnits: aws.Float64(4)}},
		}},
		{"TransactWriteItems", &dynamodb.TransactWriteItemsInput{
			TransactItems: []types.TransactWriteItem{
				{Put: &types.Put{TableName: aws.String("users"), Item: richItem(), ConditionExpression: aws.String("attribute_not_exists(pk)"), ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}},
				{Update: &types.Update{TableName: aws.String("users"), Key: key(), UpdateExpression: aws.String("SET a = :a"), ExpressionAttributeValues: map[string]types.AttributeValue{":a": s("x")}}},
				{Delete: &types.Delete{TableName: aws.String("users"), Key: key()}},
				{ConditionCheck: &types.ConditionCheck{TableName: aws.String("users"), Key: key(), ConditionExpression: aws.String("a = :a"), ExpressionAttributeValues: map[string]types.AttributeValue{":a": n("1")}}},
			},
			ClientRequestToken:          aws.String("token-1"),
			ReturnConsumedCapacity:      types.ReturnConsumedCapacityTotal,
			ReturnItemCollectionMetrics: types.ReturnItemCollectionMetricsNone,
		}, &dynamodb.TransactWriteItemsOutput{
			ConsumedCapacity:      []types.ConsumedCapacity{{TableName: aws.String("users"), CapacityUnits: aws.Float64(8), WriteCapacityUnits: aws.Float64(8)}},
			ItemCollectionMetrics: map[string][]types.ItemCollectionMetrics{},
		}},
	}
}
