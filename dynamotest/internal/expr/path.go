package expr

import (
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// PathElem is one step of a document path: a map key (an attribute name at
// the top level) or, when IsIndex is set, a list index.
type PathElem struct {
	Name    string
	Index   int
	IsIndex bool
}

// Path is a document path with expression attribute names substituted:
// its first element is always a name.
type Path []PathElem

// String renders p as it would be written without placeholders, like
// a.b[2].c. Names are written as they are, even when they contain dots.
func (p Path) String() string {
	var b strings.Builder
	for i, e := range p {
		if e.IsIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.Index))
			b.WriteByte(']')
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(e.Name)
	}
	return b.String()
}

// Equal reports whether p and q are the same path.
func (p Path) Equal(q Path) bool {
	if len(p) != len(q) {
		return false
	}
	for i := range p {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// messageString renders p as DynamoDB prints paths in messages: [a, b, [0]].
func (p Path) messageString() string {
	var b strings.Builder
	b.WriteByte('[')
	for i, e := range p {
		if i > 0 {
			b.WriteString(", ")
		}
		if e.IsIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.Index))
			b.WriteByte(']')
		} else {
			b.WriteString(e.Name)
		}
	}
	b.WriteByte(']')
	return b.String()
}

// Lookup returns the value at path p in item, or nil when some step is
// missing or does not fit the value's type (a key on a non-map, an index on
// a non-list or past its end).
func Lookup(item value.Item, p Path) types.AttributeValue {
	if len(p) == 0 || p[0].IsIndex {
		return nil
	}
	cur := item[p[0].Name]
	for _, e := range p[1:] {
		cur = step(cur, e)
		if cur == nil {
			return nil
		}
	}
	return cur
}

// step descends one path element into av.
func step(av types.AttributeValue, e PathElem) types.AttributeValue {
	if e.IsIndex {
		l, ok := av.(*types.AttributeValueMemberL)
		if !ok || e.Index >= len(l.Value) {
			return nil
		}
		return l.Value[e.Index]
	}
	m, ok := av.(*types.AttributeValueMemberM)
	if !ok {
		return nil
	}
	return m.Value[e.Name]
}
