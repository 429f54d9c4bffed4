package testenv_test

import (
	"fmt"
	"strings"

	"github.com/gonamo/gonamo/internal/testenv"
)

func ExampleEndpoint() {
	fmt.Println(testenv.Variable)
	fmt.Println(testenv.Endpoint() == "" || strings.HasPrefix(testenv.Endpoint(), "http"))
	// Output:
	// GONAMO_TEST_ENDPOINT
	// true
}

func ExampleClient() {
	// A client exactly when the variable names an endpoint.
	fmt.Println((testenv.Client() == nil) == (testenv.Endpoint() == ""))
	// Output: true
}

func ExampleStreams() {
	fmt.Println((testenv.Streams() == nil) == (testenv.Endpoint() == ""))
	// Output: true
}

func ExamplePrefix() {
	a, b := testenv.Prefix("txn"), testenv.Prefix("txn")
	fmt.Println(strings.HasPrefix(a, "gonamo_txn_"), a != b)
	// Output: true true
}
