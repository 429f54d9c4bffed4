package gonamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Do runs one DynamoDB call made by a package built on gonamo (package txn
// is one) the way the Table methods run theirs: with the DB's BeforeCall
// and AfterCall hooks, its logger and its ClientOptions. op names the
// operation ("TransactWriteItems"), table the table name as sent or "" for
// a call across tables. do makes the call: it receives the
// ReturnConsumedCapacity to ask for (TOTAL when a hook wants the capacity)
// and the client options to forward. consumed, when not nil, returns the
// capacity of the call's output for Hooks.AfterCall.
func Do[Out any](ctx context.Context, db *DB, op, table string,
	do func(ctx context.Context, capacity types.ReturnConsumedCapacity, optFns ...func(*dynamodb.Options)) (*Out, error),
	consumed func(*Out) []types.ConsumedCapacity) (*Out, error) {
	capacity := db.capacity()
	return call(ctx, db, op, table, func(ctx context.Context, o ...func(*dynamodb.Options)) (*Out, error) {
		return do(ctx, capacity, o...)
	}, consumed)
}
