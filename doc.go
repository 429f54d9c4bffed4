// Package gonamo is a typed object mapper for Amazon DynamoDB.
//
// Models are plain structs described by typed attribute descriptors (package
// attr), which build typed condition, update, key and projection
// expressions (package expr). A Table[T] binds a model to a table of a DB
// and reads and writes it; a DB wraps any Client, such as
// *dynamodb.Client or the in-memory *dynamotest.DB used in tests.
package gonamo
