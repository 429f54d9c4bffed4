// Package dynamotest is an in-memory DynamoDB that behaves like the real
// one, for tests that mean something.
//
// A *DB has the methods of *dynamodb.Client, with the same signatures, for
// tables (CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables,
// UpdateTimeToLive, DescribeTimeToLive), items (PutItem, GetItem,
// UpdateItem, DeleteItem), reads (Query, Scan), batches (BatchGetItem,
// BatchWriteItem) and transactions (TransactGetItems, TransactWriteItems),
// so code written against an interface of those methods runs on it
// unchanged:
//
//	db := dynamotest.New()
//	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{...})
//
// It follows DynamoDB's rules, checked against Amazon's DynamoDB Local by a
// differential conformance suite: the expression languages (condition,
// filter, key condition, update, projection) with DynamoDB's validation and
// error messages; numbers exact to 38 digits; the 400 KB item limit (which
// counts the item's local secondary index entries, as DynamoDB Local does)
// and the 1 MB page limit; Limit counted before the filter; sparse secondary indexes
// with their projections; batch and transaction limits; cancellation reasons
// per action; ClientRequestToken idempotency; consumed capacity arithmetic.
// Errors are the SDK's own exception types (for example
// *types.ConditionalCheckFailedException) or smithy.APIError values with
// DynamoDB's codes, wrapped in *smithy.OperationError as the SDK wraps them,
// so errors.As code written for AWS works unchanged.
//
// Beyond the API, a DB has an injectable clock (Options.Now), a per-table
// change log (Changes), a TTL sweeper (ExpireItems) and deterministic fault
// injection (InjectFault, SetLatency, SetUnprocessed) for testing retries.
// DB.Streams serves the change log as DynamoDB Streams, with the methods of
// *dynamodbstreams.Client, shard roll-over (StreamOptions, SplitShard),
// iterator expiry and trimming on the DB's clock.
// Every item a DB returns is the caller's own copy, which it may change,
// as a response from DynamoDB would be. The one exception is gonamo's own
// reads: a gonamo table whose schema decodes into copies
// (attr.Schema.DecodeCopies) reads the DB's stored items in place, without
// the copy, which halves the cost of a query. A stored item never changes
// (a write stores a new one), so what such a read sees is a consistent
// snapshot; a client wrapping the DB for gonamo must not modify the items
// of the outputs it passes on.
// NewServer serves a DB over HTTP with DynamoDB's JSON protocol, so any SDK
// or the AWS CLI can use it; cmd/dynamotest runs one as a program.
//
// The legacy request parameters that predate expressions (Expected,
// AttributeUpdates, AttributesToGet, KeyConditions, QueryFilter, ScanFilter,
// ConditionalOperator) are translated into expressions and evaluated by the
// same engine, with DynamoDB Local's validation messages. PartiQL is not
// implemented.
package dynamotest
