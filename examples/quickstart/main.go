// Command quickstart shows dynamotest standing in for DynamoDB: it creates a
// table, writes, updates under a condition, queries and runs a transaction.
//
// It runs on the embedded in-memory fake by default:
//
//	go run ./examples/quickstart
//
// and against DynamoDB Local or AWS with -endpoint (or the usual AWS
// environment with -aws):
//
//	go run ./examples/quickstart -endpoint http://127.0.0.1:8000
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/dynamotest"
)

// client is the part of *dynamodb.Client this program uses; *dynamotest.DB
// has the same methods.
type client interface {
	CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

var (
	_ client = (*dynamodb.Client)(nil)
	_ client = (*dynamotest.DB)(nil)
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	endpoint := fs.String("endpoint", "", "DynamoDB endpoint URL (e.g. DynamoDB Local); empty runs on the embedded fake")
	useAWS := fs.Bool("aws", false, "use the AWS environment's configuration (region, credentials)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var db client
	switch {
	case *endpoint != "":
		db = dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: endpoint,
			Credentials: credentials.NewStaticCredentialsProvider("local", "local", "")})
		fmt.Fprintln(w, "using", *endpoint)
	case *useAWS:
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return err
		}
		db = dynamodb.NewFromConfig(cfg)
		fmt.Fprintln(w, "using AWS region", cfg.Region)
	default:
		db = dynamotest.New()
		fmt.Fprintln(w, "using the embedded dynamotest fake")
	}
	return demo(ctx, db, w)
}

func demo(ctx context.Context, db client, w io.Writer) error {
	table := aws.String(fmt.Sprintf("quickstart_threads_%d", time.Now().UnixNano()))
	_, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:   table,
		BillingMode: types.BillingModePayPerRequest,
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("forum"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("subject"), KeyType: types.KeyTypeRange},
		},
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("forum"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("subject"), AttributeType: types.ScalarAttributeTypeS},
		},
	})
	if err != nil {
		return err
	}
	defer db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: table})

	for i, subject := range []string{"generics", "iterators", "modules"} {
		_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
			TableName:           table,
			Item:                map[string]types.AttributeValue{"forum": &types.AttributeValueMemberS{Value: "go"}, "subject": &types.AttributeValueMemberS{Value: subject}, "views": &types.AttributeValueMemberN{Value: strconv.Itoa(i * 10)}},
			ConditionExpression: aws.String("attribute_not_exists(forum)"),
		})
		if err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "put 3 threads")

	key := map[string]types.AttributeValue{"forum": &types.AttributeValueMemberS{Value: "go"}, "subject": &types.AttributeValueMemberS{Value: "generics"}}
	out, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: table, Key: key,
		UpdateExpression:          aws.String("ADD #v :one SET tags = :tags"),
		ConditionExpression:       aws.String("#v < :max"),
		ExpressionAttributeNames:  map[string]string{"#v": "views"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}, ":max": &types.AttributeValueMemberN{Value: "100"}, ":tags": &types.AttributeValueMemberSS{Value: []string{"types", "language"}}},
		ReturnValues:              types.ReturnValueUpdatedNew,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "generics now has", out.Attributes["views"].(*types.AttributeValueMemberN).Value, "view(s)")

	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: key, ConditionExpression: aws.String("attribute_not_exists(forum)")})
	var ccf *types.ConditionalCheckFailedException
	fmt.Fprintln(w, "putting generics again fails its condition:", errors.As(err, &ccf))

	q, err := db.Query(ctx, &dynamodb.QueryInput{
		TableName:                 table,
		KeyConditionExpression:    aws.String("forum = :f AND begins_with(subject, :p)"),
		FilterExpression:          aws.String("#v >= :min"), // views is a reserved word
		ExpressionAttributeNames:  map[string]string{"#v": "views"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":f": &types.AttributeValueMemberS{Value: "go"}, ":p": &types.AttributeValueMemberS{Value: "i"}, ":min": &types.AttributeValueMemberN{Value: "5"}},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "query found %d of %d scanned:", q.Count, q.ScannedCount)
	for _, it := range q.Items {
		fmt.Fprint(w, " ", it["subject"].(*types.AttributeValueMemberS).Value)
	}
	fmt.Fprintln(w)

	_, err = db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Update: &types.Update{TableName: table, Key: key, UpdateExpression: aws.String("ADD #v :one"), ExpressionAttributeNames: map[string]string{"#v": "views"}, ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}}}},
		{ConditionCheck: &types.ConditionCheck{TableName: table, Key: map[string]types.AttributeValue{"forum": &types.AttributeValueMemberS{Value: "go"}, "subject": &types.AttributeValueMemberS{Value: "missing"}}, ConditionExpression: aws.String("attribute_exists(forum)")}},
	}})
	var tce *types.TransactionCanceledException
	if errors.As(err, &tce) {
		fmt.Fprint(w, "transaction cancelled; reasons:")
		for _, r := range tce.CancellationReasons {
			fmt.Fprint(w, " ", aws.ToString(r.Code))
		}
		fmt.Fprintln(w)
	} else if err != nil {
		return err
	}
	return nil
}
