package gonamo

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// maxItemSize is DynamoDB's item size limit.
const maxItemSize = 400 * 1024

// checkSize rejects an item DynamoDB would refuse as too large, before
// sending it. It counts an upper bound of DynamoDB's size (numbers at one
// byte per digit), so it never refuses an item DynamoDB would take unless
// the item is within a few bytes per number of the limit.
func checkSize(m map[string]types.AttributeValue) error {
	n := 0
	for k, v := range m {
		n += len(k) + sizeOf(v)
	}
	if n > maxItemSize {
		return fmt.Errorf("%w: about %d bytes", ErrItemTooLarge, n)
	}
	return nil
}

func sizeOf(av types.AttributeValue) int {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return len(v.Value)
	case *types.AttributeValueMemberB:
		return len(v.Value)
	case *types.AttributeValueMemberN:
		return len(v.Value)
	case *types.AttributeValueMemberSS:
		n := 0
		for _, s := range v.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberNS:
		n := 0
		for _, s := range v.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberBS:
		n := 0
		for _, b := range v.Value {
			n += len(b)
		}
		return n
	case *types.AttributeValueMemberL:
		n := 3
		for _, e := range v.Value {
			n += 1 + sizeOf(e)
		}
		return n
	case *types.AttributeValueMemberM:
		n := 3
		for k, e := range v.Value {
			n += 1 + len(k) + sizeOf(e)
		}
		return n
	}
	return 1
}
