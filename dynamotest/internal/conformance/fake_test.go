package conformance

import (
	"testing"

	"github.com/gonamo/gonamo/dynamotest"
)

// TestFake runs the suite on the in-process fake, calling its methods
// directly.
func TestFake(t *testing.T) {
	runAll(t, "f", &ClientBackend{Client: dynamotest.New()})
}

// TestFakeHTTP runs the suite on the fake's HTTP server through the real
// SDK client.
func TestFakeHTTP(t *testing.T) {
	srv := dynamotest.NewServer(dynamotest.New())
	defer srv.Close()
	runAll(t, "s", &ClientBackend{Client: NewSDKClient(srv.URL)})
}
