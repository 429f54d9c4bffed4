package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"
)

func TestRunServesUntilCanceled(t *testing.T) {
	is := is.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, pw)
		pw.Close()
	}()

	line, err := bufio.NewReader(pr).ReadString('\n')
	is.NoErr(err)
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "dynamotest listening on ")
	is.True(ok)                                          // the banner names the endpoint
	is.True(strings.HasPrefix(url, "http://127.0.0.1:")) // with the real address
	is.True(!strings.HasSuffix(url, ":0"))               // and the port picked
	go io.Copy(io.Discard, pr)

	client := dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(url),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	_, err = client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("things"),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	})
	is.NoErr(err)
	_, err = client.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String("things"),
		Item:      map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}, "n": &types.AttributeValueMemberN{Value: "1"}},
	})
	is.NoErr(err)
	got, err := client.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("things"),
		Key:       map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}},
	})
	is.NoErr(err)
	is.Equal(got.Item["n"], types.AttributeValue(&types.AttributeValueMemberN{Value: "1"}))

	cancel()
	is.NoErr(<-done) // a graceful shutdown is not an error
}

func TestRunErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-port", "1"}},
		{"extra argument", []string{"serve"}},
		{"bad address", []string{"-addr", "nowhere"}},
		{"address in use", []string{"-addr", busy.Addr().String()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is := is.New(t)
			err := run(context.Background(), tt.args, io.Discard)
			is.True(err != nil)
		})
	}
}

func TestRunHelp(t *testing.T) {
	is := is.New(t)
	var out strings.Builder
	is.NoErr(run(context.Background(), []string{"-h"}, &out))
	is.True(strings.Contains(out.String(), "-addr"))
}

func TestEndpoint(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"127.0.0.1:8000", "http://127.0.0.1:8000"},
		{"0.0.0.0:8001", "http://127.0.0.1:8001"},
		{"[::]:8002", "http://127.0.0.1:8002"},
		{"[::1]:8003", "http://[::1]:8003"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			is := is.New(t)
			a, err := net.ResolveTCPAddr("tcp", tt.addr)
			is.NoErr(err)
			is.Equal(endpoint(a), tt.want)
		})
	}
}
