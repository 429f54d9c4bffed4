package iter

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Request is one paged request: what a Fetch puts into its Query or Scan
// input besides the parts the caller owns (key condition, filter,
// projection, consistency, order...).
type Request struct {
	// ExclusiveStartKey is nil for the first page, otherwise the key after
	// which the page starts.
	ExclusiveStartKey map[string]types.AttributeValue
	// Limit is the request's Limit (items evaluated), or 0 for none.
	Limit int32
	// Segment and TotalSegments select a segment of a parallel scan.
	// TotalSegments is 0 when the request is not part of one; the fetch
	// then leaves both out of its input.
	Segment, TotalSegments int32
	// ReturnConsumedCapacity is true when a rate limit is set: the fetch
	// must then ask DynamoDB for the consumed capacity (TOTAL or INDEXES)
	// and report it in Page.Consumed, which the limit is based on.
	ReturnConsumedCapacity bool
}

// Page is the result of one request, as a Fetch returns it.
type Page[T any] struct {
	// Items are the page's items, decoded, in DynamoDB's order. Items the
	// fetch drops (a client-side filter) are simply left out, with their
	// keys.
	Items []T
	// Keys holds the key of each item (Keys[i] is the key of Items[i]):
	// the table's key attributes plus, on an index, the index's key
	// attributes, as DynamoDB would return them in LastEvaluatedKey. The
	// cursor of an item is built from its key, so it must be there: a page
	// whose Keys are not parallel to its Items is an error. A Fetch that
	// only counts (Select COUNT) returns neither.
	Keys []map[string]types.AttributeValue
	// KeyNames, when set, lists the key attributes, and Keys[i] may then
	// hold other attributes besides: only the attributes named are kept in
	// cursors. A Fetch can so pass DynamoDB's item maps as they are rather
	// than build a key map per item. Each item must hold every name.
	KeyNames []string
	// KeysChecked, when true, says that Fetch has already passed every key
	// through CheckKey (with KeyNames), so the iterator does not check them
	// again. A Fetch that decodes each item anyway saves a second pass over
	// the page, whose items are no longer in the processor's cache. Keys
	// that were not checked may give cursors that fail to resume (with a
	// *CursorError) or resume in the wrong place.
	KeysChecked bool
	// LastEvaluatedKey is DynamoDB's LastEvaluatedKey: nil or empty when
	// there is nothing left to read.
	LastEvaluatedKey map[string]types.AttributeValue
	// Count and ScannedCount are DynamoDB's counts for the request: items
	// returned (or counted), and items evaluated before the filter.
	Count, ScannedCount int32
	// Consumed is DynamoDB's ConsumedCapacity, or nil.
	Consumed *types.ConsumedCapacity
}

// Fetch runs one request and decodes its result. It is called from
// goroutines other than the consumer's (prefetch and parallel workers)
// and, in a parallel scan, concurrently for different segments; it must
// honour ctx, which is cancelled when the consumer stops.
type Fetch[T any] func(ctx context.Context, req Request) (Page[T], error)

// PageView is one page as Pages yields it: the Page the fetch returned,
// the segment it belongs to and the cursor after it. When the item Limit
// ends the run inside the page, Items and Keys are cut to the items handed
// out; Count, ScannedCount, Consumed and LastEvaluatedKey stay DynamoDB's.
// Keys and LastEvaluatedKey are read-only: the iterator builds cursors from
// them, and they may be the backend's own memory (gonamo's queries on an
// in-process dynamotest.DB pass the fake's stored items).
type PageView[T any] struct {
	Page[T]
	// Segment is the page's segment in a parallel scan, or 0.
	Segment int
	// snap is the run's position right after this page.
	snap *cursorState
	// cursor caches the encoded snap.
	cursor  string
	encoded bool
}

// Cursor returns the cursor to resume after this page: after its last
// item, or after every item of the run when the view belongs to a
// parallel scan, as they stood once this page was handed out. It is "" when
// nothing is left to read.
func (p *PageView[T]) Cursor() string {
	if p.snap == nil {
		return ""
	}
	if !p.encoded {
		p.cursor, p.encoded = p.snap.encode(), true
	}
	return p.cursor
}
