package value

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Item is a DynamoDB item: attribute names to values.
type Item = map[string]types.AttributeValue

// TypeName returns DynamoDB's type descriptor of av: "S", "N", "B", "SS",
// "NS", "BS", "M", "L", "NULL" or "BOOL"; "" for nil or an unknown member.
func TypeName(av types.AttributeValue) string {
	switch av.(type) {
	case *types.AttributeValueMemberS:
		return "S"
	case *types.AttributeValueMemberN:
		return "N"
	case *types.AttributeValueMemberB:
		return "B"
	case *types.AttributeValueMemberSS:
		return "SS"
	case *types.AttributeValueMemberNS:
		return "NS"
	case *types.AttributeValueMemberBS:
		return "BS"
	case *types.AttributeValueMemberM:
		return "M"
	case *types.AttributeValueMemberL:
		return "L"
	case *types.AttributeValueMemberNULL:
		return "NULL"
	case *types.AttributeValueMemberBOOL:
		return "BOOL"
	}
	return ""
}

// Compare orders two values of the same scalar type S, N or B: strings by
// UTF-8 bytes, numbers numerically, binaries by bytes. ok is false when the
// values are not both S, both N or both B.
func Compare(a, b types.AttributeValue) (c int, ok bool) {
	switch x := a.(type) {
	case *types.AttributeValueMemberS:
		if y, ok := b.(*types.AttributeValueMemberS); ok {
			return strings.Compare(x.Value, y.Value), true
		}
	case *types.AttributeValueMemberN:
		if y, ok := b.(*types.AttributeValueMemberN); ok {
			return CompareNumbers(x.Value, y.Value), true
		}
	case *types.AttributeValueMemberB:
		if y, ok := b.(*types.AttributeValueMemberB); ok {
			return bytes.Compare(x.Value, y.Value), true
		}
	}
	return 0, false
}

// Equal reports whether a and b are the same value: numbers compare
// numerically, sets as sets, lists element-wise and maps key-wise.
func Equal(a, b types.AttributeValue) bool {
	switch x := a.(type) {
	case *types.AttributeValueMemberS:
		y, ok := b.(*types.AttributeValueMemberS)
		return ok && x.Value == y.Value
	case *types.AttributeValueMemberN:
		y, ok := b.(*types.AttributeValueMemberN)
		return ok && CompareNumbers(x.Value, y.Value) == 0
	case *types.AttributeValueMemberB:
		y, ok := b.(*types.AttributeValueMemberB)
		return ok && bytes.Equal(x.Value, y.Value)
	case *types.AttributeValueMemberBOOL:
		y, ok := b.(*types.AttributeValueMemberBOOL)
		return ok && x.Value == y.Value
	case *types.AttributeValueMemberNULL:
		_, ok := b.(*types.AttributeValueMemberNULL)
		return ok
	case *types.AttributeValueMemberSS:
		y, ok := b.(*types.AttributeValueMemberSS)
		return ok && sameSet(x.Value, y.Value, strings.Compare)
	case *types.AttributeValueMemberNS:
		y, ok := b.(*types.AttributeValueMemberNS)
		return ok && sameSet(x.Value, y.Value, CompareNumbers)
	case *types.AttributeValueMemberBS:
		y, ok := b.(*types.AttributeValueMemberBS)
		return ok && sameSet(x.Value, y.Value, bytes.Compare)
	case *types.AttributeValueMemberL:
		y, ok := b.(*types.AttributeValueMemberL)
		return ok && slices.EqualFunc(x.Value, y.Value, Equal)
	case *types.AttributeValueMemberM:
		y, ok := b.(*types.AttributeValueMemberM)
		return ok && EqualItems(x.Value, y.Value)
	}
	return false
}

// EqualItems reports whether two items hold equal values under the same names.
func EqualItems(a, b Item) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !Equal(v, w) {
			return false
		}
	}
	return true
}

func sameSet[E any](a, b []E, compare func(E, E) int) bool {
	if len(a) != len(b) {
		return false
	}
	x := slices.SortedFunc(slices.Values(a), compare)
	y := slices.SortedFunc(slices.Values(b), compare)
	return slices.EqualFunc(x, y, func(p, q E) bool { return compare(p, q) == 0 })
}

// Clone returns a deep copy of av; byte slices are copied, strings shared.
func Clone(av types.AttributeValue) types.AttributeValue {
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		return &types.AttributeValueMemberS{Value: x.Value}
	case *types.AttributeValueMemberN:
		return &types.AttributeValueMemberN{Value: x.Value}
	case *types.AttributeValueMemberB:
		return &types.AttributeValueMemberB{Value: bytes.Clone(nonNil(x.Value))}
	case *types.AttributeValueMemberBOOL:
		return &types.AttributeValueMemberBOOL{Value: x.Value}
	case *types.AttributeValueMemberNULL:
		return &types.AttributeValueMemberNULL{Value: x.Value}
	case *types.AttributeValueMemberSS:
		return &types.AttributeValueMemberSS{Value: slices.Clone(x.Value)}
	case *types.AttributeValueMemberNS:
		return &types.AttributeValueMemberNS{Value: slices.Clone(x.Value)}
	case *types.AttributeValueMemberBS:
		out := make([][]byte, len(x.Value))
		for i, b := range x.Value {
			out[i] = bytes.Clone(nonNil(b))
		}
		return &types.AttributeValueMemberBS{Value: out}
	case *types.AttributeValueMemberL:
		out := make([]types.AttributeValue, len(x.Value))
		for i, v := range x.Value {
			out[i] = Clone(v)
		}
		return &types.AttributeValueMemberL{Value: out}
	case *types.AttributeValueMemberM:
		return &types.AttributeValueMemberM{Value: CloneItem(x.Value)}
	}
	return av
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// CloneItem returns a deep copy of it; nil stays nil. The copies of its
// top-level strings and numbers are carved out of one slice per type, so
// that copying an item of n scalars costs a few allocations, not n: reads
// of the fake copy every item they return.
func CloneItem(it Item) Item {
	if it == nil {
		return nil
	}
	nS, nN := CountSN(it)
	ss := make([]types.AttributeValueMemberS, nS)
	ns := make([]types.AttributeValueMemberN, nN)
	out := make(Item, len(it))
	for k, v := range it {
		switch x := v.(type) {
		case *types.AttributeValueMemberS:
			ss[0].Value = x.Value
			out[k], ss = &ss[0], ss[1:]
		case *types.AttributeValueMemberN:
			ns[0].Value = x.Value
			out[k], ns = &ns[0], ns[1:]
		default:
			out[k] = Clone(v)
		}
	}
	return out
}

// CountSN returns the numbers of S and N values at the top of it, for
// copies that take those members from one slice each.
func CountSN(it Item) (nS, nN int) {
	for _, v := range it {
		switch v.(type) {
		case *types.AttributeValueMemberS:
			nS++
		case *types.AttributeValueMemberN:
			nN++
		}
	}
	return nS, nN
}

// compareUTF16 orders strings by UTF-16 code units, the order in which
// DynamoDB Local returns the members of a string set.
func compareUTF16(a, b string) int {
	for i, j := 0, 0; ; {
		if i == len(a) || j == len(b) {
			return cmp.Compare(len(a)-i, len(b)-j)
		}
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		if ra != rb {
			return cmp.Compare(utf16Key(ra), utf16Key(rb))
		}
		i, j = i+na, j+nb
	}
}

// utf16Key maps a rune to a value ordered as its first UTF-16 code unit:
// supplementary runes (surrogate pairs, D800-DBFF) sort before U+E000-U+FFFF.
func utf16Key(r rune) int {
	if r >= 0x10000 {
		return 0xD800 + int(r-0x10000)>>10
	}
	return int(r)
}

// compareSigned orders byte strings by signed bytes, the order in which
// DynamoDB Local returns the members of a binary set.
func compareSigned(a, b []byte) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return cmp.Compare(int8(a[i]), int8(b[i]))
		}
	}
	return cmp.Compare(len(a), len(b))
}

// Canonical validates av as DynamoDB validates request values and returns
// its canonical deep copy: numbers normalised (1.50 -> 1.5, 1e2 -> 100) and
// set members sorted as DynamoDB Local returns them (strings by UTF-16 code
// units, numbers numerically, binaries by signed bytes).
func Canonical(av types.AttributeValue) (types.AttributeValue, error) {
	switch x := av.(type) {
	case nil:
		return nil, Validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
	case *types.AttributeValueMemberS, *types.AttributeValueMemberB, *types.AttributeValueMemberBOOL:
		return Clone(av), nil
	case *types.AttributeValueMemberNULL:
		if !x.Value {
			return nil, Validation("One or more parameter values were invalid: Null attribute value types must have the value of true")
		}
		return &types.AttributeValueMemberNULL{Value: true}, nil
	case *types.AttributeValueMemberN:
		n, err := NormalizeNumber(x.Value)
		if err != nil {
			return nil, err
		}
		return &types.AttributeValueMemberN{Value: n}, nil
	case *types.AttributeValueMemberSS:
		if len(x.Value) == 0 {
			return nil, Validation("One or more parameter values were invalid: An string set  may not be empty")
		}
		out := slices.SortedFunc(slices.Values(x.Value), compareUTF16)
		if hasAdjacentDup(out, strings.Compare) {
			return nil, Validation("One or more parameter values were invalid: Input collection [%s] contains duplicates", strings.Join(x.Value, ", "))
		}
		return &types.AttributeValueMemberSS{Value: out}, nil
	case *types.AttributeValueMemberNS:
		if len(x.Value) == 0 {
			return nil, Validation("One or more parameter values were invalid: An number set  may not be empty")
		}
		out := make([]string, len(x.Value))
		for i, s := range x.Value {
			n, err := NormalizeNumber(s)
			if err != nil {
				return nil, err
			}
			out[i] = n
		}
		slices.SortFunc(out, CompareNumbers)
		if hasAdjacentDup(out, CompareNumbers) {
			return nil, Validation("Input collection contains duplicates")
		}
		return &types.AttributeValueMemberNS{Value: out}, nil
	case *types.AttributeValueMemberBS:
		if len(x.Value) == 0 {
			return nil, Validation("One or more parameter values were invalid: Binary sets should not be empty")
		}
		out := make([][]byte, len(x.Value))
		for i, b := range x.Value {
			out[i] = bytes.Clone(nonNil(b))
		}
		slices.SortFunc(out, compareSigned)
		if hasAdjacentDup(out, bytes.Compare) {
			return nil, Validation("One or more parameter values were invalid: Input collection of type BS contains duplicates.")
		}
		return &types.AttributeValueMemberBS{Value: out}, nil
	case *types.AttributeValueMemberL:
		out := make([]types.AttributeValue, len(x.Value))
		for i, v := range x.Value {
			c, err := Canonical(v)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return &types.AttributeValueMemberL{Value: out}, nil
	case *types.AttributeValueMemberM:
		if _, ok := x.Value[""]; ok {
			return nil, Validation("Empty attribute name")
		}
		m, err := CanonicalItem(x.Value)
		if err != nil {
			return nil, err
		}
		if m == nil {
			m = Item{}
		}
		return &types.AttributeValueMemberM{Value: m}, nil
	}
	return nil, Validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
}

// CanonicalItem applies Canonical to every attribute of it.
func CanonicalItem(it Item) (Item, error) {
	if it == nil {
		return nil, nil
	}
	out := make(Item, len(it))
	for k, v := range it {
		c, err := Canonical(v)
		if err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, nil
}

// Validate reports whether av is a value DynamoDB accepts (see Canonical).
func Validate(av types.AttributeValue) error {
	_, err := Canonical(av)
	return err
}

func hasAdjacentDup[E any](sorted []E, compare func(E, E) int) bool {
	for i := 1; i < len(sorted); i++ {
		if compare(sorted[i-1], sorted[i]) == 0 {
			return true
		}
	}
	return false
}

// Size returns the bytes DynamoDB counts for av, without its name: UTF-8
// length of strings, length of binaries, 1 byte per two significant digits
// plus 1 for numbers, 1 for BOOL and NULL, the members' sizes for sets, and
// 3 bytes plus 1 byte and the size of each element (and key) for L and M.
func Size(av types.AttributeValue) int {
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		return len(x.Value)
	case *types.AttributeValueMemberB:
		return len(x.Value)
	case *types.AttributeValueMemberN:
		return numberSize(x.Value)
	case *types.AttributeValueMemberBOOL, *types.AttributeValueMemberNULL:
		return 1
	case *types.AttributeValueMemberSS:
		n := 0
		for _, s := range x.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberNS:
		n := 0
		for _, s := range x.Value {
			n += numberSize(s)
		}
		return n
	case *types.AttributeValueMemberBS:
		n := 0
		for _, b := range x.Value {
			n += len(b)
		}
		return n
	case *types.AttributeValueMemberL:
		n := 3
		for _, v := range x.Value {
			n += 1 + Size(v)
		}
		return n
	case *types.AttributeValueMemberM:
		n := 3
		for k, v := range x.Value {
			n += 1 + len(k) + Size(v)
		}
		return n
	}
	return 0
}

// numberSize is the size DynamoDB Local counts for a number: one byte, plus
// one per significant base-100 digit (digit pairs aligned on the decimal
// point, leading and trailing zero pairs dropped), plus one when negative.
func numberSize(s string) int {
	d, err := ParseNumber(s)
	if err != nil {
		return 1
	}
	if d.IsZero() {
		return 1
	}
	digits := d.Coeff.String() // no trailing zeros: ParseNumber reduces
	exp := int(d.Exponent)
	// The digits cover decimal positions exp .. exp+len(digits)-1; pairs are
	// positions [2k, 2k+1]. Count the pairs from the lowest to the highest.
	lo := exp
	hi := exp + len(digits) - 1
	pairs := floorDiv(hi, 2) - floorDiv(lo, 2) + 1
	n := 1 + pairs
	if d.Negative {
		n++
	}
	return n
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// ItemSize returns the size DynamoDB counts for an item: the sum of each
// attribute name's length and its value's size.
func ItemSize(it Item) int {
	n := 0
	for k, v := range it {
		n += len(k) + Size(v)
	}
	return n
}

// KeyString renders a key value (S, N or B) as a string usable as a map key
// that distinguishes types: equal keys give equal strings.
func KeyString(av types.AttributeValue) string {
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		return "S" + x.Value
	case *types.AttributeValueMemberN:
		if n, err := NormalizeNumber(x.Value); err == nil {
			return "N" + n
		}
		return "N" + x.Value
	case *types.AttributeValueMemberB:
		return "B" + string(x.Value)
	}
	return ""
}
