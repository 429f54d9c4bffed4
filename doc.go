// Package gonamo is a typed object mapper for Amazon DynamoDB.
//
// Models are plain structs described by typed attribute descriptors (package
// attr), which build typed condition, update, key and projection
// expressions (package expr). A Table[T] binds a model to a table of a DB
// and reads and writes it; a DB wraps any Client, such as
// *dynamodb.Client or the in-memory *dynamotest.DB used in tests.
//
//	db := gonamo.New(dynamodb.NewFromConfig(cfg)) // or gonamo.New(dynamotest.New())
//	threads, err := gonamo.NewTable(db, "threads", gonamo.Key(forum, subject),
//		gonamo.Attrs[Thread](views, tags),
//		gonamo.GlobalIndex("by_author", author, nil, gonamo.ProjectAll[Thread]()))
//	err = threads.CreateOrVerify(ctx)
//
// # Items
//
// Get and Load read one item; Put replaces it whole (PynamoDB's save), Save
// writes the model's attributes with a partial UpdateItem (bloop's save),
// Update applies typed actions, Delete deletes. Every write takes
// conditions (If, ItemExists, ItemNotExists, Snapshot) and may return the
// old or new item decoded into a *T.
//
// # Queries and scans
//
// Table.Query, Table.Scan and the typed index handles of IndexOf return a
// Query[T], an immutable value refined by SortKey, Filter, Only, Limit and
// the other methods and run lazily by All (an iter.Seq2[T, error]), Pages,
// Count, First, One or Collect. Cursors resume a query exactly after the
// last item handed out; see package iter.
//
// # Batches
//
// BatchGet, BatchPut, BatchDelete and LoadAll take any number of items and
// retry what DynamoDB leaves unprocessed; DB.BatchWrite and DB.LoadAll mix
// tables. Whatever is not done is listed in a *BatchError.
//
// # Extensions
//
// Extend plugs code into every write and read of a table: package version
// adds optimistic locking, package polymorphic stores several models in one
// table. Package txn runs the same typed writes in transactions, and
// package stream reads a table's DynamoDB stream as typed records.
//
// # Errors
//
// Bad input is reported before any call, as a *ValidationError wrapping a
// sentinel (ErrMissingKey, ErrInvalidModel, ErrItemTooLarge,
// ErrInvalidQuery, ErrNotProjected) or an error of package attr. Errors of
// calls wrap the SDK's, so errors.As to its exception types keeps working;
// a failed condition is a *ConditionFailedError.
package gonamo
