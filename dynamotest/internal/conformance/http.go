package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// HTTPBackend posts requests as they are written in the scenario files to a
// DynamoDB endpoint, with no SDK in between: it checks that the scenario
// JSON itself means what the expectations say. The signature is a dummy,
// which DynamoDB Local (and the fake's server) accept.
type HTTPBackend struct {
	// Endpoint is the base URL, e.g. "http://127.0.0.1:8000".
	Endpoint string
	// Client defaults to http.DefaultClient.
	Client *http.Client
}

// Call implements Backend.
func (h *HTTPBackend) Call(ctx context.Context, op string, in []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(h.Endpoint, "/")+"/", bytes.NewReader(in))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
	c := h.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		return body, nil
	}
	return nil, httpError(resp.StatusCode, body)
}

// httpError turns an error body ({"__type": "ns#Code", "message": ...})
// into an *APIError.
func httpError(status int, body []byte) error {
	var e map[string]json.RawMessage
	if err := json.Unmarshal(body, &e); err != nil {
		return fmt.Errorf("HTTP %d with a body that is not JSON: %.200q", status, body)
	}
	var typ, msg string
	if err := json.Unmarshal(e["__type"], &typ); err != nil || typ == "" {
		return fmt.Errorf("HTTP %d without __type: %.200q", status, body)
	}
	if i := strings.LastIndexByte(typ, '#'); i >= 0 {
		typ = typ[i+1:]
	}
	for _, k := range []string{"message", "Message"} {
		if raw, ok := e[k]; ok {
			if err := json.Unmarshal(raw, &msg); err != nil {
				return fmt.Errorf("HTTP %d with a non-string message: %.200q", status, body)
			}
			break
		}
	}
	return &APIError{Code: typ, Message: msg, Item: e["Item"], Reasons: e["CancellationReasons"]}
}
