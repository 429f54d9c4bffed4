// Package testenv gives the tests of gonamo's packages their second
// backend: Amazon's DynamoDB Local, at the endpoint GONAMO_TEST_ENDPOINT
// names (scripts/dynamodb-local.sh starts one). Without the variable, the
// tests run on dynamotest alone.
package testenv

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
)

// Variable is the environment variable naming DynamoDB Local's endpoint.
const Variable = "GONAMO_TEST_ENDPOINT"

// Endpoint returns the endpoint of DynamoDB Local, "" when unset.
func Endpoint() string { return os.Getenv(Variable) }

// credentials of DynamoDB Local, which accepts any.
var creds = credentials.NewStaticCredentialsProvider("gonamo", "test", "")

// Client returns a client of DynamoDB Local, or nil when Variable is unset.
func Client() *dynamodb.Client {
	ep := Endpoint()
	if ep == "" {
		return nil
	}
	return dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: aws.String(ep), Credentials: creds})
}

// Streams returns a DynamoDB Streams client of DynamoDB Local, or nil when
// Variable is unset.
func Streams() *dynamodbstreams.Client {
	ep := Endpoint()
	if ep == "" {
		return nil
	}
	return dynamodbstreams.New(dynamodbstreams.Options{Region: "us-east-1", BaseEndpoint: aws.String(ep), Credentials: creds})
}

var prefixes atomic.Int64

// Prefix returns a table name prefix unique to this process and call, so
// that test runs sharing one DynamoDB Local keep their tables apart.
func Prefix(tag string) string {
	return fmt.Sprintf("gonamo_%s_%d_%d_%d_", tag, os.Getpid(), time.Now().UnixNano()%1e9, prefixes.Add(1))
}
