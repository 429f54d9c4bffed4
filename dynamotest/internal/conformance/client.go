package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/gonamo/gonamo/dynamotest/internal/wire"
)

// Client holds the operations of *dynamodb.Client that scenarios call.
// *dynamotest.DB has the same methods.
type Client interface {
	CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	DescribeTable(context.Context, *dynamodb.DescribeTableInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
	UpdateTable(context.Context, *dynamodb.UpdateTableInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error)
	DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	ListTables(context.Context, *dynamodb.ListTablesInput, ...func(*dynamodb.Options)) (*dynamodb.ListTablesOutput, error)
	UpdateTimeToLive(context.Context, *dynamodb.UpdateTimeToLiveInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error)
	DescribeTimeToLive(context.Context, *dynamodb.DescribeTimeToLiveInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	Scan(context.Context, *dynamodb.ScanInput, ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	BatchWriteItem(context.Context, *dynamodb.BatchWriteItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
	TransactGetItems(context.Context, *dynamodb.TransactGetItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

var _ Client = (*dynamodb.Client)(nil)

// ClientBackend runs scenarios through a Client: the scenario JSON is
// decoded into SDK inputs with the wire package, and outputs and errors are
// encoded back to wire JSON for comparison.
type ClientBackend struct {
	Client Client
}

// NewSDKClient returns a *dynamodb.Client for endpoint (e.g.
// "http://127.0.0.1:8000") with static test credentials, region us-east-1
// and no retries, so every scenario call is exactly one request.
func NewSDKClient(endpoint string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test", Source: "conformance"}, nil
		}),
		RetryMaxAttempts: 1,
	})
}

// Call implements Backend.
func (b *ClientBackend) Call(ctx context.Context, op string, in []byte) ([]byte, error) {
	input, err := wire.DecodeInput(op, in)
	if err != nil {
		// An input DynamoDB would reject while reading it (an attribute
		// value with no or several types) is answered as DynamoDB does.
		if api := asAPIError(err); api != nil {
			return nil, api
		}
		return nil, fmt.Errorf("decode %s input: %w", op, err)
	}
	out, err := b.call(ctx, input)
	if err != nil {
		if api := asAPIError(err); api != nil {
			return nil, api
		}
		return nil, err
	}
	body, err := wire.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("encode %s output: %w", op, err)
	}
	return body, nil
}

func (b *ClientBackend) call(ctx context.Context, input any) (any, error) {
	c := b.Client
	switch in := input.(type) {
	case *dynamodb.CreateTableInput:
		return c.CreateTable(ctx, in)
	case *dynamodb.DescribeTableInput:
		return c.DescribeTable(ctx, in)
	case *dynamodb.UpdateTableInput:
		return c.UpdateTable(ctx, in)
	case *dynamodb.DeleteTableInput:
		return c.DeleteTable(ctx, in)
	case *dynamodb.ListTablesInput:
		return c.ListTables(ctx, in)
	case *dynamodb.UpdateTimeToLiveInput:
		return c.UpdateTimeToLive(ctx, in)
	case *dynamodb.DescribeTimeToLiveInput:
		return c.DescribeTimeToLive(ctx, in)
	case *dynamodb.PutItemInput:
		return c.PutItem(ctx, in)
	case *dynamodb.GetItemInput:
		return c.GetItem(ctx, in)
	case *dynamodb.UpdateItemInput:
		return c.UpdateItem(ctx, in)
	case *dynamodb.DeleteItemInput:
		return c.DeleteItem(ctx, in)
	case *dynamodb.QueryInput:
		return c.Query(ctx, in)
	case *dynamodb.ScanInput:
		return c.Scan(ctx, in)
	case *dynamodb.BatchGetItemInput:
		return c.BatchGetItem(ctx, in)
	case *dynamodb.BatchWriteItemInput:
		return c.BatchWriteItem(ctx, in)
	case *dynamodb.TransactGetItemsInput:
		return c.TransactGetItems(ctx, in)
	case *dynamodb.TransactWriteItemsInput:
		return c.TransactWriteItems(ctx, in)
	}
	return nil, fmt.Errorf("no client method for %T", input)
}

// asAPIError converts an SDK (or fake) API error into an *APIError, with
// the Item of a ConditionalCheckFailedException and the reasons of a
// TransactionCanceledException in wire JSON. It returns nil for errors that
// are not API errors.
func asAPIError(err error) *APIError {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return nil
	}
	out := &APIError{Code: api.ErrorCode(), Message: api.ErrorMessage()}
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) && ccf.Item != nil {
		out.Item = marshalOrReport(ccf.Item)
	}
	var tce *types.TransactionCanceledException
	if errors.As(err, &tce) && tce.CancellationReasons != nil {
		out.Reasons = marshalOrReport(tce.CancellationReasons)
	}
	return out
}

// marshalOrReport encodes v; when that fails it returns a JSON string naming
// the failure, which then shows up as a difference.
func marshalOrReport(v any) []byte {
	b, err := wire.Marshal(v)
	if err != nil {
		b, _ = json.Marshal("wire.Marshal failed: " + err.Error())
	}
	return b
}
