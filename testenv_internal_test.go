package gonamo

import (
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// localClient returns a client for DynamoDB Local at GONAMO_TEST_ENDPOINT,
// or nil when the variable is unset.
func localClient() *dynamodb.Client {
	ep := os.Getenv("GONAMO_TEST_ENDPOINT")
	if ep == "" {
		return nil
	}
	return dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(ep),
		Credentials:  credentials.NewStaticCredentialsProvider("gonamo", "test", ""),
	})
}

// uniquePrefix keeps test tables of different runs apart on a shared server.
func uniquePrefix() string {
	return fmt.Sprintf("gonamo_%d_%d_", os.Getpid(), time.Now().UnixNano()%1e6)
}
