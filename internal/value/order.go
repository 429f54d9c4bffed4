package value

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// OrderKey returns bytes whose lexicographic order is DynamoDB's order of
// key values of one type: UTF-8 bytes for S, bytes for B, numeric for N.
// Comparing order keys is much cheaper than comparing decimals, so the
// store sorts by them. It returns nil for other types.
func OrderKey(av types.AttributeValue) []byte {
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		return []byte(x.Value)
	case *types.AttributeValueMemberB:
		return x.Value
	case *types.AttributeValueMemberN:
		return numberOrderKey(x.Value)
	}
	return nil
}

// numberOrderKey encodes a number so that byte order is numeric order:
// a class byte (negative < zero < positive), then for non-zero values the
// adjusted exponent and the significant digits, both inverted for negative
// numbers, with a terminator that makes a shorter digit string sort first
// for positives and last for negatives.
func numberOrderKey(s string) []byte {
	d, err := ParseNumber(s)
	if err != nil {
		return []byte{0}
	}
	if d.IsZero() {
		return []byte{2}
	}
	digits := strings.TrimRight(d.Coeff.String(), "0")
	adj := int(d.Exponent) + int(d.NumDigits()) - 1 + 256 // 126..381 fits in two bytes
	out := make([]byte, 0, 4+len(digits))
	if !d.Negative {
		out = append(out, 3, byte(adj>>8), byte(adj))
		out = append(out, digits...)
		return append(out, 0)
	}
	inv := 0xFFFF - adj
	out = append(out, 1, byte(inv>>8), byte(inv))
	for i := 0; i < len(digits); i++ {
		out = append(out, '9'-digits[i]+'0')
	}
	return append(out, 0xFF)
}
