package dynamotest

import "slices"

// javaHashOrder sorts items in the iteration order of a java.util.HashMap
// keyed by name, the order in which DynamoDB Local lists secondary indexes
// and (after UpdateTable) attribute definitions: by bucket of the key's
// String.hashCode, spread and masked by the table size, then by insertion.
func javaHashOrder[E any](items []E, name func(E) string) []E {
	capacity := 16
	for len(items) > capacity*3/4 {
		capacity *= 2
	}
	bucket := func(s string) int {
		var h uint32
		for _, r := range utf16Units(s) {
			h = 31*h + uint32(r)
		}
		return int((h ^ h>>16) & uint32(capacity-1))
	}
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b E) int { return bucket(name(a)) - bucket(name(b)) })
	return out
}

// utf16Units returns the UTF-16 code units of s, which Java hashes.
func utf16Units(s string) []uint16 {
	out := make([]uint16, 0, len(s))
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}
