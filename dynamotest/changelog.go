package dynamotest

import (
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// EventName says how a change altered an item.
type EventName string

// Event names, as DynamoDB Streams names them.
const (
	EventInsert EventName = "INSERT"
	EventModify EventName = "MODIFY"
	EventRemove EventName = "REMOVE"
)

// Change is one committed mutation of one item, in commit order.
type Change struct {
	// Seq increases by one with every change of the table, from 1.
	Seq   uint64
	Table string
	Event EventName
	// Keys holds the item's primary key attributes.
	Keys map[string]types.AttributeValue
	// Old and New are the item before and after; nil when absent.
	Old, New map[string]types.AttributeValue
	// Time is the DB clock's time of the commit.
	Time time.Time
	// TTL marks a deletion by time-to-live expiry (DB.ExpireItems).
	TTL bool

	// stream and view are the label and view type of the table's stream
	// when the change was committed; "" when the table had no stream.
	stream string
	view   types.StreamViewType
	// The item sizes of Keys, Old and New, for the SizeBytes of stream
	// records.
	keysSize, oldSize, newSize int
}

// Changes returns a copy of the change log of a table: every committed
// mutation in order. A write that changes nothing appends nothing. It
// returns nil for an unknown table.
func (db *DB) Changes(tableName string) []Change {
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, ok := db.tables[tableName]
	if !ok {
		return nil
	}
	out := slices.Clone(t.log)
	for i := range out {
		out[i].Keys = value.CloneItem(out[i].Keys)
		out[i].Old = value.CloneItem(out[i].Old)
		out[i].New = value.CloneItem(out[i].New)
	}
	return out
}
