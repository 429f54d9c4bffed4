// Package value holds the attribute value semantics shared by gonamo and
// dynamotest: DynamoDB's number rules (38 significant digits, exponent
// range, exact arithmetic), ordering of S, N and B, deep equality, canonical
// form (sorted sets, normalised numbers), deep copies and item size as
// DynamoDB counts it.
//
// Every function here is pure; errors are ValidationException API errors
// carrying DynamoDB's message text.
package value
