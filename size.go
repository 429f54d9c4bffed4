package gonamo

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// maxItemSize is DynamoDB's item size limit.
const maxItemSize = 400 * 1024

// checkSize rejects an item DynamoDB would refuse as too large, before
// sending it. It counts the size as DynamoDB does (names, UTF-8 strings,
// numbers in base-100 digits, 3 bytes plus one per element of lists and
// maps: the rule dynamotest shares) and adds, for each local secondary
// index the item is in, its index entry: the index's key attributes and
// projected attributes, or the whole item for ALL, as DynamoDB Local
// counts them.
func (t *Table[T]) checkSize(m map[string]types.AttributeValue) error {
	n := value.ItemSize(m)
	for _, ix := range t.def.lsis {
		rng, ok := m[ix.rng.name]
		if !ok {
			continue
		}
		if ix.projection == types.ProjectionTypeAll {
			n += value.ItemSize(m)
			continue
		}
		n += len(ix.rng.name) + value.Size(rng)
		for _, name := range append([]string{ix.hash.name}, ix.include...) {
			if v, ok := m[name]; ok {
				n += len(name) + value.Size(v)
			}
		}
	}
	if n > maxItemSize {
		return fmt.Errorf("%w: %d bytes (with local index entries), over DynamoDB's limit of %d", ErrItemTooLarge, n, maxItemSize)
	}
	return nil
}
