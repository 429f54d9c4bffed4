package conformance

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/matryer/is"
)

// endpointVar names the DynamoDB Local endpoint; the Local backends run
// only when it is set.
const endpointVar = "GONAMO_TEST_ENDPOINT"

func load(t *testing.T) []Scenario {
	t.Helper()
	ss, err := Load("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// runID keeps the table names (and idempotency tokens) of concurrent or
// aborted runs on a shared DynamoDB Local apart.
var runID = fmt.Sprintf("%04x", rand.Uint32()&0xffff)

// runAll plays every scenario on b as a subtest. tag tells backends apart
// in table names, so two backends on one DynamoDB Local never share a table
// name or a ClientRequestToken.
func runAll(t *testing.T, tag string, b Backend) {
	for n, s := range load(t) {
		t.Run(s.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			prefix := fmt.Sprintf("conf_%s%s_%03d", runID, tag, n)
			if err := Run(ctx, b, &s, prefix); err != nil {
				t.Errorf("%s: %v", s.File, err)
			}
		})
	}
}

func localEndpoint(t *testing.T) string {
	t.Helper()
	ep := os.Getenv(endpointVar)
	if ep == "" {
		t.Skipf("%s is not set: not running against DynamoDB Local", endpointVar)
	}
	return ep
}

// TestLocal runs the suite on DynamoDB Local through the real SDK client.
func TestLocal(t *testing.T) {
	runAll(t, "l", &ClientBackend{Client: NewSDKClient(localEndpoint(t))})
}

// TestLocalHTTP posts the scenario JSON as written to DynamoDB Local, with
// no SDK in between: it proves the expectations are DynamoDB Local's
// answers to exactly these requests.
func TestLocalHTTP(t *testing.T) {
	runAll(t, "h", &HTTPBackend{Endpoint: localEndpoint(t)})
}

func TestScenarioCount(t *testing.T) {
	is := is.New(t)
	ss := load(t)
	perFile := map[string]int{}
	steps := 0
	for _, s := range ss {
		perFile[s.File]++
		steps += len(s.Steps)
	}
	for _, f := range slices.Sorted(maps.Keys(perFile)) {
		t.Logf("%-24s %3d scenarios", f, perFile[f])
	}
	t.Logf("%d scenarios, %d checked steps", len(ss), steps)
	is.True(len(ss) >= 150) // the suite keeps at least 150 scenarios
}
