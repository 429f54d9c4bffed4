package dynamotest_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/dynamotest"
)

func benchItem(i int) item {
	return item{"pk": s(fmt.Sprintf("user#%d", i%1000)), "sk": ni(i), "name": s("Ada Lovelace"), "visits": ni(i), "tags": &types.AttributeValueMemberSS{Value: []string{"a", "b"}}}
}

func BenchmarkPutItem(b *testing.B) {
	ctx := context.Background()
	db := dynamotest.New()
	newTable(b, db, "bench", true)
	i := 0
	for b.Loop() {
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("bench"), Item: benchItem(i)}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkGetItem(b *testing.B) {
	ctx := context.Background()
	db := dynamotest.New()
	newTable(b, db, "bench", true)
	for i := range 10000 {
		put(b, db, "bench", benchItem(i))
	}
	i := 0
	for b.Loop() {
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("bench"), Key: item{"pk": s(fmt.Sprintf("user#%d", i%1000)), "sk": ni(i % 10000)}})
		if err != nil || out.Item == nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkConditionalUpdateItem(b *testing.B) {
	ctx := context.Background()
	db := dynamotest.New()
	newTable(b, db, "bench", true)
	put(b, db, "bench", benchItem(0))
	in := &dynamodb.UpdateItemInput{
		TableName:                 aws.String("bench"),
		Key:                       item{"pk": s("user#0"), "sk": ni(0)},
		UpdateExpression:          aws.String("SET #n = :name ADD visits :one"),
		ConditionExpression:       aws.String("attribute_exists(pk) AND visits < :max"),
		ExpressionAttributeNames:  map[string]string{"#n": "name"},
		ExpressionAttributeValues: item{":name": s("Grace"), ":one": n("1"), ":max": n("1e30")},
	}
	for b.Loop() {
		if _, err := db.UpdateItem(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuery100 reads 100 items of one partition; its cost must not grow
// with the table's size.
func BenchmarkQuery100(b *testing.B) {
	for _, size := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("table=%d", size), func(b *testing.B) {
			ctx := context.Background()
			db := dynamotest.New()
			newTable(b, db, "bench", true)
			for i := range size {
				put(b, db, "bench", item{"pk": s(fmt.Sprintf("p%d", i%(size/100))), "sk": ni(i), "v": s("value")})
			}
			in := &dynamodb.QueryInput{TableName: aws.String("bench"), KeyConditionExpression: aws.String("pk = :p"), ExpressionAttributeValues: item{":p": s("p7")}}
			for b.Loop() {
				out, err := db.Query(ctx, in)
				if err != nil || out.Count != 100 {
					b.Fatal(err, out.Count)
				}
			}
		})
	}
}

func BenchmarkScanPage(b *testing.B) {
	ctx := context.Background()
	db := dynamotest.New()
	newTable(b, db, "bench", true)
	for i := range 10000 {
		put(b, db, "bench", benchItem(i))
	}
	in := &dynamodb.ScanInput{TableName: aws.String("bench"), Limit: aws.Int32(100)}
	for b.Loop() {
		out, err := db.Scan(ctx, in)
		if err != nil || out.Count != 100 {
			b.Fatal(err)
		}
	}
}

// BenchmarkSDKWorkload runs 1,000 sequential PutItem then 1,000 GetItem
// through the real SDK client: against the in-process DB (no SDK), against
// NewServer over HTTP, and against DynamoDB Local when GONAMO_TEST_ENDPOINT
// is set, in one run so the ratios compare like with like.
func BenchmarkSDKWorkload(b *testing.B) {
	type client interface {
		PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
		GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
		CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
		DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	}
	sdk := func(endpoint string) *dynamodb.Client {
		return dynamodb.New(dynamodb.Options{
			Region:       "us-east-1",
			BaseEndpoint: aws.String(endpoint),
			Credentials:  credentials.NewStaticCredentialsProvider("bench", "bench", ""),
		})
	}
	run := func(b *testing.B, c client) {
		ctx := context.Background()
		name := fmt.Sprintf("bench_workload_%d", os.Getpid())
		_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName: aws.String(name), BillingMode: types.BillingModePayPerRequest,
			KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
			AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		})
		if err != nil {
			b.Fatal(err)
		}
		defer c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
		for b.Loop() {
			for i := range 1000 {
				if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{"pk": s(fmt.Sprint(i)), "v": ni(i)}}); err != nil {
					b.Fatal(err)
				}
			}
			for i := range 1000 {
				if _, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: item{"pk": s(fmt.Sprint(i))}}); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(2000*b.N)/b.Elapsed().Seconds(), "ops/s")
	}
	b.Run("inprocess", func(b *testing.B) { run(b, dynamotest.New()) })
	b.Run("server", func(b *testing.B) {
		srv := dynamotest.NewServer(dynamotest.New())
		defer srv.Close()
		run(b, sdk(srv.URL))
	})
	b.Run("dynamodblocal", func(b *testing.B) {
		ep := os.Getenv("GONAMO_TEST_ENDPOINT")
		if ep == "" {
			b.Skip("set GONAMO_TEST_ENDPOINT to compare with DynamoDB Local")
		}
		run(b, sdk(ep))
	})
}
