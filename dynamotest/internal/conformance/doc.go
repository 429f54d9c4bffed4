// Package conformance is the differential test suite of dynamotest: a set
// of scenarios, each a sequence of DynamoDB API calls with the results
// DynamoDB Local 3.3.1 gives, played against several backends that must all
// agree with them:
//
//   - the in-process fake, dynamotest.New(), called through its methods;
//   - the fake's HTTP server, dynamotest.NewServer, through the real
//     aws-sdk-go-v2 client;
//   - DynamoDB Local through the real SDK client, and DynamoDB Local with the
//     scenario JSON posted as written (no SDK in between), both only when
//     GONAMO_TEST_ENDPOINT names its endpoint.
//
// The expectations are DynamoDB Local's answers, recorded from it and
// checked against it on every CI run; when the fake disagrees, the fake is
// wrong.
//
// # Scenario files
//
// testdata/*.json each hold a JSON array of scenarios, read in file name
// order:
//
//	{"name": "put then get",
//	 "setup": [{"op": "CreateTable", "in": {...}}, {"op": "PutItem", "in": {...}}],
//	 "steps": [
//	  {"op": "GetItem", "in": {...}, "out": {"Item": {...}}},
//	  {"op": "PutItem", "in": {...}, "error": {"code": "ValidationException", "message": "..."}}]}
//
// "op" is an operation name (see Ops) and "in" the request in DynamoDB's wire
// JSON. Setup calls must succeed and are not checked further. Each step
// either has "out", the expected response in wire JSON, or "error", the
// expected failure; a step with neither must only succeed. Unknown keys are
// rejected, so a misspelt option cannot silently turn a check off.
//
// Placeholders in a scenario's text: ${T} is the scenario's table name
// prefix ("conf_<run><backend>_<n>"), unique per run, backend and scenario,
// so scenarios never see each other's tables (nor ClientRequestTokens, which
// DynamoDB remembers for ten minutes); name tables "${T}", "${T}_b" and so
// on. ${X:n} is a string of n 'x' characters, for item size and page size
// scenarios.
//
// After the last step (or the first disagreement) every table the scenario
// created is deleted.
//
// # Matching rules
//
// A response is compared with "out" exactly — every field, every element, in
// order — after these steps:
//
//  1. Volatile fields are dropped from the response wherever they occur:
//     CreationDateTime, LastIncreaseDateTime, LastDecreaseDateTime,
//     LastUpdateToPayPerRequestDateTime, TableArn, TableId, IndexArn,
//     LatestStreamArn, LatestStreamLabel and ResultMetadata (so these names
//     cannot be used for attributes in scenarios).
//  2. ConsumedCapacity is dropped unless the request sets
//     ReturnConsumedCapacity to something other than NONE; then it is
//     compared like everything else.
//  3. Paths listed in the step's "ignore" are removed from both sides.
//  4. With "unorderedSets": true, the members of every SS, NS and BS value
//     are sorted on both sides. Without it set members must come in
//     DynamoDB Local's order: it sorts them, strings by UTF-16 code units,
//     numbers by value, binaries by signed bytes (unlike Query, which orders
//     keys by UTF-8 and unsigned bytes).
//  5. Arrays at the paths listed in "unordered" are compared as multisets:
//     for Scan results (hash order), BatchGetItem responses, items with equal
//     index keys and the like.
//
// A path is a dot-separated list of member names from the top of the
// response, where "*" stands for every member of an object or every element
// of an array: "Items", "Responses.*", "Table.LocalSecondaryIndexes".
//
// In "out", the string "<any>" matches any value that is present. Numbers of
// the protocol (Count, CapacityUnits) compare by value, so 1 equals 1.0;
// DynamoDB numbers are strings ({"N": "1.0"}) and compare as text.
//
// An "error" matches when the code is equal, the message is equal (when
// "message" is given; leave it out only where DynamoDB's text is not
// stable), "item" equals the item a ConditionalCheckFailedException carries
// and "reasons" the CancellationReasons of a TransactionCanceledException
// (absent means none).
//
// A step may set "retry" (seconds) for state DynamoDB Local changes in the
// background — an index it builds after UpdateTable: the call is repeated
// until it matches or the time is up.
//
// # Running
//
//	go test ./dynamotest/internal/conformance/
//	GONAMO_TEST_ENDPOINT=http://127.0.0.1:8000 go test ./dynamotest/internal/conformance/
//
// scripts/dynamodb-local.sh starts a DynamoDB Local; .ci/run does both runs.
package conformance
