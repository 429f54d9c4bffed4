package expr

import (
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Builder renders the expressions of one request on items of type T and
// collects the placeholders they use, for the request's
// ExpressionAttributeNames and ExpressionAttributeValues.
//
// Every attribute name and map key becomes a name placeholder (#0, #1, ...)
// and every value a value placeholder (:0, :1, ...), numbered in order of
// first appearance across all the expressions rendered by the Builder, so the
// same calls always produce the same strings. A name used twice reuses its
// placeholder; values are never merged, each operand gets its own.
//
// The zero Builder is ready to use. Use one Builder per request and set
// Names and Values on the request after rendering all of its expressions: a
// placeholder rendered but not sent, or sent but not used, is rejected by
// DynamoDB. A rendering that fails adds no placeholder. A Builder must not be
// copied after first use, nor used by several goroutines at once.
type Builder[T any] struct {
	names     []string       // attribute names, placeholder #i for names[i]
	nameIndex map[string]int // index of names, built once names outgrow a linear search
	values    []types.AttributeValue
	sb        strings.Builder
}

// linearNames is how many names are looked up by a linear search before the
// Builder builds a map: requests mostly name a handful of attributes.
const linearNames = 16

// The first placeholders are made once, so rendering them and building the
// maps of Names and Values does not allocate.
var namePlaceholders, valuePlaceholders = func() (names, values [64]string) {
	for i := range names {
		names[i] = "#" + strconv.Itoa(i)
		values[i] = ":" + strconv.Itoa(i)
	}
	return names, values
}()

// namePlaceholder returns "#i".
func namePlaceholder(i int) string {
	if i < len(namePlaceholders) {
		return namePlaceholders[i]
	}
	return "#" + strconv.Itoa(i)
}

// valuePlaceholder returns ":i".
func valuePlaceholder(i int) string {
	if i < len(valuePlaceholders) {
		return valuePlaceholders[i]
	}
	return ":" + strconv.Itoa(i)
}

// Condition renders c for a ConditionExpression or a FilterExpression. The
// zero Condition renders as "" (leave the field unset); a Condition built
// with a mistake returns its first *Error.
func (b *Builder[T]) Condition(c Condition[T]) (string, error) {
	if c.err != nil {
		return "", c.err
	}
	if c.n == nil {
		return "", nil
	}
	b.start()
	b.cond(c.n)
	return b.sb.String(), nil
}

// KeyCondition renders k for the KeyConditionExpression of a Query: the
// partition key equality, then the sort key condition if any. The zero
// KeyCondition is an error of category ErrInvalidKeyCondition, as a Query
// needs one.
func (b *Builder[T]) KeyCondition(k KeyCondition[T]) (string, error) {
	if k.err != nil {
		return "", k.err
	}
	if k.hashValue == nil {
		return "", newError(ErrInvalidKeyCondition, "no partition key equality")
	}
	b.start()
	b.path(k.hash)
	b.sb.WriteString(" = ")
	b.value(k.hashValue)
	switch k.sort {
	case sortCompare:
		b.sb.WriteString(" AND ")
		b.path(k.sortPath)
		b.sb.WriteByte(' ')
		b.sb.WriteString(k.cmp.String())
		b.sb.WriteByte(' ')
		b.value(k.values[0])
	case sortBetween:
		b.sb.WriteString(" AND ")
		b.path(k.sortPath)
		b.sb.WriteString(" BETWEEN ")
		b.value(k.values[0])
		b.sb.WriteString(" AND ")
		b.value(k.values[1])
	case sortBeginsWith:
		b.sb.WriteString(" AND begins_with(")
		b.path(k.sortPath)
		b.sb.WriteString(", ")
		b.value(k.values[0])
		b.sb.WriteByte(')')
	}
	return b.sb.String(), nil
}

// Update renders u for an UpdateExpression: a SET, a REMOVE, an ADD and a
// DELETE clause, in this order, each present only when u has such actions
// and listing them in the order they were combined. The zero Update renders
// as "" (leave the field unset).
func (b *Builder[T]) Update(u Update[T]) (string, error) {
	if u.err != nil || len(u.actions) == 0 {
		return "", u.err
	}
	b.start()
	for kind := range numActionKinds {
		first := true
		for _, a := range u.actions {
			if a.kind != kind {
				continue
			}
			switch {
			case !first:
				b.sb.WriteString(", ")
			case b.sb.Len() > 0:
				b.sb.WriteByte(' ')
				fallthrough
			default:
				b.sb.WriteString(kind.String())
				b.sb.WriteByte(' ')
			}
			first = false
			b.path(a.path)
			switch kind {
			case actSet:
				b.sb.WriteString(" = ")
				b.operand(a.value)
			case actAdd, actDelete:
				b.sb.WriteByte(' ')
				b.value(a.av)
			}
		}
	}
	return b.sb.String(), nil
}

// Projection renders p for a ProjectionExpression: its paths separated by
// commas. The zero Projection renders as "" (leave the field unset).
func (b *Builder[T]) Projection(p Projection[T]) (string, error) {
	if p.err != nil || len(p.paths) == 0 {
		return "", p.err
	}
	b.start()
	for i, q := range p.paths {
		if i > 0 {
			b.sb.WriteString(", ")
		}
		b.path(q)
	}
	return b.sb.String(), nil
}

// Names returns the name placeholders rendered so far, for
// ExpressionAttributeNames: a new map from "#0", "#1"... to attribute names,
// or nil when there is none (DynamoDB rejects an empty map).
func (b *Builder[T]) Names() map[string]string {
	if len(b.names) == 0 {
		return nil
	}
	m := make(map[string]string, len(b.names))
	for i, n := range b.names {
		m[namePlaceholder(i)] = n
	}
	return m
}

// Values returns the value placeholders rendered so far, for
// ExpressionAttributeValues: a new map from ":0", ":1"... to values, or nil
// when there is none (DynamoDB rejects an empty map).
func (b *Builder[T]) Values() map[string]types.AttributeValue {
	if len(b.values) == 0 {
		return nil
	}
	m := make(map[string]types.AttributeValue, len(b.values))
	for i, v := range b.values {
		m[valuePlaceholder(i)] = v
	}
	return m
}

// The writers below render valid trees: every mistake was caught when the
// tree was built, so they cannot fail.

func (b *Builder[T]) name(n string) {
	b.sb.WriteString(namePlaceholder(b.nameNumber(n)))
}

// nameNumber returns the number of n's placeholder, allocating the next one
// when n is new.
func (b *Builder[T]) nameNumber(n string) int {
	if b.nameIndex != nil {
		if i, ok := b.nameIndex[n]; ok {
			return i
		}
	} else {
		for i, x := range b.names {
			if x == n {
				return i
			}
		}
	}
	i := len(b.names)
	if b.names == nil {
		b.names = make([]string, 0, 8)
	}
	b.names = append(b.names, n)
	switch {
	case b.nameIndex != nil:
		b.nameIndex[n] = i
	case len(b.names) > linearNames:
		b.nameIndex = make(map[string]int, 2*len(b.names))
		for j, x := range b.names {
			b.nameIndex[x] = j
		}
	}
	return i
}

func (b *Builder[T]) value(v types.AttributeValue) {
	b.sb.WriteString(valuePlaceholder(len(b.values)))
	if b.values == nil {
		b.values = make([]types.AttributeValue, 0, 8)
	}
	b.values = append(b.values, v)
}

// start prepares the string builder for a new expression.
func (b *Builder[T]) start() {
	b.sb.Reset()
	b.sb.Grow(64)
}

func (b *Builder[T]) path(p Path) {
	for i, e := range p.elems {
		switch {
		case e.isIndex:
			b.sb.WriteByte('[')
			b.sb.WriteString(strconv.Itoa(e.index))
			b.sb.WriteByte(']')
		case i > 0:
			b.sb.WriteByte('.')
			b.name(e.name)
		default:
			b.name(e.name)
		}
	}
}

func (b *Builder[T]) operand(o Operand[T]) {
	switch o.kind {
	case opPath:
		b.path(o.path)
	case opValue:
		b.value(o.value)
	case opSize:
		b.sb.WriteString("size(")
		b.path(o.path)
		b.sb.WriteByte(')')
	case opIfNotExists:
		b.sb.WriteString("if_not_exists(")
		b.path(o.path)
		b.sb.WriteString(", ")
		b.operand(o.args[0])
		b.sb.WriteByte(')')
	case opListAppend:
		b.sb.WriteString("list_append(")
		b.operand(o.args[0])
		b.sb.WriteString(", ")
		b.operand(o.args[1])
		b.sb.WriteByte(')')
	case opPlus, opMinus:
		b.operand(o.args[0])
		b.sb.WriteByte(' ')
		b.sb.WriteString(o.kind.name())
		b.sb.WriteByte(' ')
		b.operand(o.args[1])
	}
}

func (b *Builder[T]) call(fn string, ops []Operand[T]) {
	b.sb.WriteString(fn)
	b.sb.WriteByte('(')
	for i, o := range ops {
		if i > 0 {
			b.sb.WriteString(", ")
		}
		b.operand(o)
	}
	b.sb.WriteByte(')')
}

func (b *Builder[T]) cond(n *condNode[T]) {
	switch n.kind {
	case condCompare:
		b.operand(n.ops[0])
		b.sb.WriteByte(' ')
		b.sb.WriteString(n.cmp.String())
		b.sb.WriteByte(' ')
		b.operand(n.ops[1])
	case condBetween:
		b.operand(n.ops[0])
		b.sb.WriteString(" BETWEEN ")
		b.operand(n.ops[1])
		b.sb.WriteString(" AND ")
		b.operand(n.ops[2])
	case condIn:
		b.operand(n.ops[0])
		b.sb.WriteString(" IN (")
		for i, o := range n.ops[1:] {
			if i > 0 {
				b.sb.WriteString(", ")
			}
			b.operand(o)
		}
		b.sb.WriteByte(')')
	case condExists:
		b.sb.WriteString("attribute_exists(")
		b.path(n.path)
		b.sb.WriteByte(')')
	case condNotExists:
		b.sb.WriteString("attribute_not_exists(")
		b.path(n.path)
		b.sb.WriteByte(')')
	case condType:
		b.sb.WriteString("attribute_type(")
		b.path(n.path)
		b.sb.WriteString(", ")
		b.value(&types.AttributeValueMemberS{Value: string(n.typ)})
		b.sb.WriteByte(')')
	case condBeginsWith:
		b.call("begins_with", n.ops)
	case condContains:
		b.call("contains", n.ops)
	case condAnd, condOr:
		sep := " AND "
		if n.kind == condOr {
			sep = " OR "
		}
		for i, k := range n.kids {
			if i > 0 {
				b.sb.WriteString(sep)
			}
			// Kids are never of n's kind (combine flattens them), so a
			// compound kid is the other connective: parenthesize it, for
			// OR inside AND it is needed and for AND inside OR it reads
			// better. A kid is wrapped once at most, and DynamoDB rejects
			// only doubled parentheses.
			if k.n.kind == condAnd || k.n.kind == condOr {
				b.sb.WriteByte('(')
				b.cond(k.n)
				b.sb.WriteByte(')')
			} else {
				b.cond(k.n)
			}
		}
	case condNot:
		k := n.kids[0].n
		b.sb.WriteString("NOT ")
		if k.kind.isCall() {
			b.cond(k)
		} else {
			b.sb.WriteByte('(')
			b.cond(k)
			b.sb.WriteByte(')')
		}
	}
}
