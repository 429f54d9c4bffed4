package dynamotest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	"github.com/aws/smithy-go"

	"github.com/gonamo/gonamo/dynamotest/internal/wire"
)

// maxRequestBody bounds a request body; DynamoDB's own limit is 16 MB.
const maxRequestBody = 32 << 20

// NewHandler returns an http.Handler that serves db with DynamoDB's JSON 1.0
// protocol: POST requests with an X-Amz-Target header such as
// "DynamoDB_20120810.PutItem" and a JSON body. Like DynamoDB Local it wants
// an Authorization header but accepts any credentials and signature
// without checking them. Errors are answered as DynamoDB answers them:
// status 400 (500 for server faults) and a body
// {"__type":"com.amazonaws.dynamodb.v20120810#<Code>","Message":"..."} with
// the exception's other members, such as the Item of a
// ConditionalCheckFailedException. A body that is not valid JSON for the
// operation gets a SerializationException (DynamoDB Local answers it with a
// 500 InternalFailure), an unknown operation an UnknownOperationException.
// Every answer carries x-amzn-RequestId and X-Amz-Crc32 headers.
func NewHandler(db *DB) http.Handler { return &handler{db: db} }

// NewServer starts and returns an httptest.Server serving db; point an SDK
// client's BaseEndpoint at its URL. Close it when done.
func NewServer(db *DB) *httptest.Server { return httptest.NewServer(NewHandler(db)) }

// handler serves one DB over HTTP.
type handler struct{ db *DB }

// operation runs one API call: it decodes the request body, calls the DB
// and returns the output to encode.
type operation func(ctx context.Context, db *DB, body []byte) (any, error)

// serve adapts a DB method, taken as a method expression such as
// (*DB).PutItem, to an operation.
func serve[In, Out, Opts any](method func(*DB, context.Context, *In, ...func(*Opts)) (*Out, error)) operation {
	return func(ctx context.Context, db *DB, body []byte) (any, error) {
		in := new(In)
		if err := wire.Unmarshal(body, in); err != nil {
			return nil, err
		}
		out, err := method(db, ctx, in)
		if err != nil || out == nil {
			return nil, err // a nil *Out would otherwise encode as null
		}
		return out, nil
	}
}

// services maps the prefix of X-Amz-Target (the part before the dot) to
// the operations of that service.
var services = map[string]map[string]operation{
	"DynamoDB_20120810": {
		"CreateTable":        serve((*DB).CreateTable),
		"DeleteTable":        serve((*DB).DeleteTable),
		"DescribeTable":      serve((*DB).DescribeTable),
		"ListTables":         serve((*DB).ListTables),
		"UpdateTable":        serve((*DB).UpdateTable),
		"UpdateTimeToLive":   serve((*DB).UpdateTimeToLive),
		"DescribeTimeToLive": serve((*DB).DescribeTimeToLive),
		"PutItem":            serve((*DB).PutItem),
		"GetItem":            serve((*DB).GetItem),
		"UpdateItem":         serve((*DB).UpdateItem),
		"DeleteItem":         serve((*DB).DeleteItem),
		"Query":              serve((*DB).Query),
		"Scan":               serve((*DB).Scan),
		"BatchGetItem":       serve((*DB).BatchGetItem),
		"BatchWriteItem":     serve((*DB).BatchWriteItem),
		"TransactGetItems":   serve((*DB).TransactGetItems),
		"TransactWriteItems": serve((*DB).TransactWriteItems),
	},
	"DynamoDBStreams_20120810": streamsOperations,
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-amzn-RequestId", requestID())
	if r.Header.Get("Authorization") == "" {
		writeError(w, &smithy.GenericAPIError{Code: "MissingAuthenticationToken",
			Message: "Request must contain either a valid (registered) AWS access key ID or X.509 certificate.", Fault: smithy.FaultClient})
		return
	}
	prefix, name, _ := strings.Cut(r.Header.Get("X-Amz-Target"), ".")
	ops, ok := services[prefix]
	if !ok {
		writeError(w, &smithy.GenericAPIError{Code: "InvalidAction",
			Message: "The action or operation requested is invalid. Verify that the action is typed correctly.", Fault: smithy.FaultClient})
		return
	}
	op, ok := ops[name]
	if !ok {
		writeError(w, &smithy.GenericAPIError{Code: "UnknownOperationException",
			Message: "An unknown operation was requested.", Fault: smithy.FaultClient})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err != nil {
		writeError(w, &smithy.GenericAPIError{Code: "SerializationException",
			Message: "The request body could not be read: " + err.Error(), Fault: smithy.FaultClient})
		return
	}
	out, err := invoke(r.Context(), op, h.db, body)
	if err != nil {
		writeError(w, err)
		return
	}
	b := []byte("{}")
	if out != nil {
		if b, err = wire.Marshal(out); err != nil {
			writeError(w, err)
			return
		}
	}
	writeBody(w, http.StatusOK, b)
}

// invoke runs op, turning a panic (a bug in the DB) into an
// InternalFailure answer rather than a dropped connection.
func invoke(ctx context.Context, op operation, db *DB, body []byte) (out any, err error) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			out, err = nil, fmt.Errorf("dynamotest: panic serving the request: %v", p)
		}
	}()
	return op(ctx, db, body)
}

// writeBody writes a JSON 1.0 response with DynamoDB's CRC32 header.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	hd := w.Header()
	hd.Set("Content-Type", "application/x-amz-json-1.0")
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	hd.Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10))
	w.WriteHeader(status)
	_, _ = w.Write(body) // the client has gone if this fails
}

// writeError writes err as DynamoDB's error response. An error that is not
// a smithy.APIError is reported as an InternalFailure carrying its text.
func writeError(w http.ResponseWriter, err error) {
	code, msg := "InternalFailure", err.Error()
	var fault smithy.ErrorFault = smithy.FaultServer
	var exception any
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		code, msg, fault = apiErr.ErrorCode(), apiErr.ErrorMessage(), apiErr.ErrorFault()
		switch apiErr.(type) {
		case *smithy.GenericAPIError, *wire.SerializationError:
		default:
			exception = apiErr // a modeled exception: its members go on the wire
		}
	}
	body, merr := wire.MarshalError(errorType(code), msg, exception)
	if merr != nil {
		body, _ = wire.MarshalError(errorType(code), msg, nil)
	}
	writeBody(w, errorStatus(code, fault), body)
}

// errorType returns the __type DynamoDB sends for an error code.
func errorType(code string) string {
	switch code {
	case "ValidationException":
		return "com.amazon.coral.validate#" + code
	case "SerializationException":
		return "com.amazon.coral.service#" + code
	}
	return "com.amazonaws.dynamodb.v20120810#" + code
}

// errorStatus returns the HTTP status of an error: throttling is a client
// error whatever its fault, server faults are 500 (503 when unavailable).
func errorStatus(code string, fault smithy.ErrorFault) int {
	switch code {
	case "ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded":
		return http.StatusBadRequest
	case "InternalServerError", "InternalFailure":
		return http.StatusInternalServerError
	case "ServiceUnavailable":
		return http.StatusServiceUnavailable
	}
	if fault == smithy.FaultServer {
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// requestID returns a random request id in UUID form, as DynamoDB's.
func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
