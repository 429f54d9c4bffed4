package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/matryer/is"
)

func TestQuickstartOnFake(t *testing.T) {
	is := is.New(t)
	var out bytes.Buffer
	is.NoErr(run(context.Background(), nil, &out))
	is.Equal(out.String(), `using the embedded dynamotest fake
put 3 threads
generics now has 1 view(s) and tags [language types]
putting generics again fails its condition: true
read back: 1 view(s), tags [], updated 2026-11-23
a missing thread is ErrNotFound: true
first thread from i on: iterators
resumed from the cursor: 1 more
transaction canceled by action 1 (ConditionalCheckFailed)
threads with views: 1
`)
}

// The same program against DynamoDB Local gives the same answers.
func TestQuickstartOnDynamoDBLocal(t *testing.T) {
	endpoint := os.Getenv("GONAMO_TEST_ENDPOINT")
	if endpoint == "" {
		t.Skip("set GONAMO_TEST_ENDPOINT to run against DynamoDB Local")
	}
	is := is.New(t)
	var fake, local bytes.Buffer
	is.NoErr(run(context.Background(), nil, &fake))
	is.NoErr(run(context.Background(), []string{"-endpoint", endpoint}, &local))
	_, fakeRest, _ := bytes.Cut(fake.Bytes(), []byte("\n"))
	_, localRest, _ := bytes.Cut(local.Bytes(), []byte("\n"))
	is.Equal(string(localRest), string(fakeRest))
}
