package dynamotest

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/cockroachdb/apd/v3"
)

// ExpireItems runs DynamoDB's time-to-live sweeper once: in every table
// with TTL enabled it deletes the items whose TTL attribute is a number of
// epoch seconds at or before the DB clock's now. Items whose attribute is
// missing or not a number never expire. Each deletion is appended to the
// change log with Change.TTL set, as DynamoDB Streams marks deletions by the
// TTL service. It returns the number of items deleted.
func (db *DB) ExpireItems() int {
	db.mu.Lock()
	defer db.mu.Unlock()
	now := apd.New(db.now().Unix(), 0)
	n := 0
	for _, name := range sortedTables(db.tables) {
		t := db.tables[name]
		if !t.ttlEnabled {
			continue
		}
		var expired []string
		t.order.Ascend(func(e *entry) bool {
			if num, ok := e.item[t.ttlAttr].(*types.AttributeValueMemberN); ok {
				if d, _, err := apd.NewFromString(num.Value); err == nil && d.Cmp(now) <= 0 {
					expired = append(expired, e.id)
				}
			}
			return true
		})
		for _, id := range expired {
			db.commit(t, id, nil, true)
		}
		n += len(expired)
	}
	return n
}
