package stream

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
)

// Client is the part of the DynamoDB Streams API that a Consumer calls,
// with the signatures of *dynamodbstreams.Client, which implements it, as
// does the in-memory *dynamotest.Streams of dynamotest.DB.Streams.
type Client interface {
	DescribeStream(context.Context, *dynamodbstreams.DescribeStreamInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.DescribeStreamOutput, error)
	GetShardIterator(context.Context, *dynamodbstreams.GetShardIteratorInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error)
	GetRecords(context.Context, *dynamodbstreams.GetRecordsInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error)
}

var _ Client = (*dynamodbstreams.Client)(nil)
