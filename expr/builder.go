package expr

import (
	"strconv"
	"unsafe"

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
	// The attribute names, placeholder #i for name i, and the values,
	// placeholder :i for value i: the first ones in arrays, so that a
	// request of a few of them allocates nothing for them, the others in
	// slices.
	nNames, nValues int
	names           [inlinePlaceholders]string
	moreNames       []string
	values          [inlinePlaceholders]types.AttributeValue
	moreValues      []types.AttributeValue
	nameIndex       map[string]int // number of each name, built once they outgrow a linear search
	// texts holds the expressions rendered so far, back to back: each
	// one is handed out as a string over its bytes, and the next ones are
	// written after it, so the expressions of one request take one
	// allocation.
	texts *textChunk
	// last is the cached rendering that gave the latest names, if any
	// (see shape.go).
	last *shapeEntry
}

// textChunk is a piece of memory the strings of expressions are cut from.
// Its bytes are written once, before the string over them is handed out,
// and never again; used counts them, and is kept in the chunk rather than
// in the Builder so that even a copied Builder never writes over the
// strings of the original.
type textChunk struct {
	used int
	buf  [textChunkSize]byte
}

// textChunkSize is the size of the text of a textChunk, making the chunk
// 128 bytes: the condition and the update of a typical UpdateItem.
const textChunkSize = 128 - 8

// text returns the rendered expression buf as a string, cut from b.texts
// when it fits there or in a new chunk. An expression longer than half a
// chunk gets a string of its own.
func (b *Builder[T]) text(buf []byte) string {
	if len(buf) == 0 {
		return ""
	}
	c := b.texts
	if c == nil || len(buf) > len(c.buf)-c.used {
		if len(buf) > textChunkSize/2 {
			return string(buf)
		}
		c = new(textChunk)
		b.texts = c
	}
	start := c.used
	c.used += copy(c.buf[start:], buf)
	return unsafe.String(&c.buf[start], len(buf))
}

// renderBuffer is the size of the buffer on the stack in which an
// expression is written before it becomes a string: the string is then the
// only allocation, of the right size, and writing stores no pointer in the
// Builder. Longer expressions grow the buffer on the heap.
const renderBuffer = 256

// inlinePlaceholders is how many names and values a Builder holds without
// allocating.
const inlinePlaceholders = 8

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

// Condition renders the conjunction of cs for a ConditionExpression or a
// FilterExpression, as cs[0].And(cs[1:]...) would render but without
// combining them first: a request's conditions (its own and an optimistic
// lock, say) are rendered as they are. Absent (zero) conditions are
// skipped, and none renders as "" (leave the field unset). A Condition
// built with a mistake returns its first *Error (or the error it holds),
// the first of cs first.
func (b *Builder[T]) Condition(cs ...Condition[T]) (string, error) {
	count, present, last, leaves := 0, 0, 0, 0
	for i := range cs {
		c := &cs[i]
		if err := c.err(); err != nil {
			return "", err
		}
		if k := c.kidCount(condAnd); k > 0 {
			count, present, last = count+k, present+1, i
		}
		if c.isLeaf() {
			leaves++
		}
	}
	switch present {
	case 0:
		return "", nil
	case 1:
		// A conjunction of leaves, made by And, is matched with the cache
		// in place like a list of them.
		if n := cs[last].node(); n != nil && n.kind == condAnd && allLeaves(n.kids()) {
			if text, ok := b.conditionsFlat(n.kids()); ok {
				return text, nil
			}
		}
		return b.conditions(cs[last:last+1], false), nil
	}
	if leaves == len(cs) {
		if text, ok := b.conditionsFlat(cs); ok {
			return text, nil
		}
	}
	// The kids of the conjunction, as combine would gather them, on the
	// stack.
	var arr [8]Condition[T]
	kids := arr[:0]
	if count > len(arr) {
		kids = make([]Condition[T], 0, count)
	}
	for i := range cs {
		kids = cs[i].appendKids(condAnd, kids)
	}
	return b.conditions(kids, true), nil
}

// allLeaves reports whether every condition of cs is a leaf.
func allLeaves[T any](cs []Condition[T]) bool {
	for i := range cs {
		if !cs[i].isLeaf() {
			return false
		}
	}
	return true
}

// conditions renders the valid, present conditions cs, their conjunction
// when and is true (two kids or more, none a conjunction) or else the one
// condition of cs, from the cache when its shape is there. The walks and
// writers take the kids as a slice, never a node pointing to them, so that
// they stay on the caller's stack.
func (b *Builder[T]) conditions(cs []Condition[T], and bool) string {
	// One walk hashes the shape and gives the values their placeholders,
	// taken back unless the shape is cached.
	w := b.begin()
	priorNames, priorValues := b.nNames, b.nValues
	w.tok(tokCondition)
	condsShape(&w, cs, and, b)
	if w.ok {
		e := b.lookup(w.h, priorValues)
		if e != nil && w.matches(e, func(v *shapeWalk) {
			v.tok(tokCondition)
			condsShape(v, cs, and, nil)
		}) {
			return b.hit(e)
		}
	}
	b.dropValues(priorValues)
	text := b.renderConditions(cs, and)
	if w.ok && seen(w.h) {
		b.store(w.h, priorNames, priorValues, text, func(w *shapeWalk) {
			w.tok(tokCondition)
			condsShape(w, cs, and, nil)
		})
	}
	return text
}

// renderConditions renders the conditions of conditions.
func (b *Builder[T]) renderConditions(cs []Condition[T], and bool) string {
	var arr [renderBuffer]byte
	buf := arr[:0]
	c := &cs[0]
	switch n := c.node(); {
	case and:
		// The kids as cond renders those of a node, written here so
		// that no node points to them.
		for i := range cs {
			if i > 0 {
				buf = append(buf, " AND "...)
			}
			switch kn := cs[i].node(); {
			case kn == nil:
				l := cs[i].leaf()
				buf = b.leaf(buf, &l)
			case kn.kind == condOr:
				buf = append(buf, '(')
				buf = b.cond(buf, kn)
				buf = append(buf, ')')
			default:
				buf = b.cond(buf, kn)
			}
		}
	case n != nil:
		buf = b.cond(buf, n)
	default:
		l := c.leaf()
		buf = b.leaf(buf, &l)
	}
	return b.text(buf)
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
	var arr [renderBuffer]byte
	buf := arr[:0]
	buf = b.path(buf, k.hash)
	buf = append(buf, " = "...)
	buf = b.value(buf, k.hashValue)
	switch k.sort {
	case sortCompare:
		buf = append(buf, " AND "...)
		buf = b.path(buf, k.sortPath)
		buf = append(buf, ' ')
		buf = append(buf, k.cmp.String()...)
		buf = append(buf, ' ')
		buf = b.value(buf, k.values[0])
	case sortBetween:
		buf = append(buf, " AND "...)
		buf = b.path(buf, k.sortPath)
		buf = append(buf, " BETWEEN "...)
		buf = b.value(buf, k.values[0])
		buf = append(buf, " AND "...)
		buf = b.value(buf, k.values[1])
	case sortBeginsWith:
		buf = append(buf, " AND begins_with("...)
		buf = b.path(buf, k.sortPath)
		buf = append(buf, ", "...)
		buf = b.value(buf, k.values[0])
		buf = append(buf, ')')
	}
	return b.text(buf), nil
}

// Update renders the actions of us for an UpdateExpression, as
// us[0].And(us[1:]...) would render but without combining them first: a
// SET, a REMOVE, an ADD and a DELETE clause, in this order, each present
// only when there are such actions and listing them in the order given.
// Zero Updates add nothing, and none renders as "" (leave the field
// unset). An Update built with a mistake returns its first *Error (or the
// error it holds), the first of us first; actions of different Updates on
// overlapping paths are an error of category ErrPathOverlap, as And makes
// it.
func (b *Builder[T]) Update(us ...Update[T]) (string, error) {
	n, parts, last := 0, 0, 0
	for i := range us {
		u := &us[i]
		if err := u.err(); err != nil {
			return "", err
		}
		if k := u.size(); k > 0 {
			n, parts, last = n+k, parts+1, i
		}
	}
	if n == 0 {
		return "", nil
	}
	if n == len(us) && parts == n && n > 1 { // each of us one action, inline
		if text, ok := b.updateFlat(us); ok {
			return text, nil
		}
	}
	return b.updateParts(us, n, parts, last)
}

// updateParts renders the actions of us, n of them in parts Updates (the
// last at index last), gathered on the stack. It is apart from Update so
// that the flat path does not clear the stack's actions.
func (b *Builder[T]) updateParts(us []Update[T], n, parts, last int) (string, error) {
	if parts == 1 {
		var one action[T]
		return b.update(us[last].actions(&one), false)
	}
	var arr [8]action[T]
	acts := arr[:0]
	if n > len(arr) {
		acts = make([]action[T], 0, n)
	}
	for i := range us {
		acts = appendActions(acts, &us[i])
	}
	return b.update(acts, true)
}

// update renders the valid actions acts, from the cache when their shape
// is there. Actions joined from several Updates are checked for
// overlapping paths unless their shape is cached, which it is only once
// it passed the check.
func (b *Builder[T]) update(acts []action[T], joined bool) (string, error) {
	w := b.begin()
	updateShape(&w, acts)
	if w.ok {
		e := b.lookup(w.h, b.nValues)
		if e != nil && w.matches(e, func(v *shapeWalk) { updateShape(v, acts) }) {
			text := b.hit(e)
			for _, i := range e.order {
				b.push(acts[i].value)
			}
			return text, nil
		}
	}
	if joined {
		if err := overlapIn(acts, 1); err != nil {
			return "", err
		}
	}
	priorNames, priorValues := b.nNames, b.nValues
	text := b.renderUpdate(acts)
	if w.ok && seen(w.h) {
		b.store(w.h, priorNames, priorValues, text, func(w *shapeWalk) {
			updateShape(w, acts)
			w.entry.order = valueOrder(acts)
		})
	}
	return text, nil
}

// valueOrder returns the indexes of the actions of acts whose values
// renderUpdate renders, in the order it renders them: clause by clause.
func valueOrder[T any](acts []action[T]) []int32 {
	var order []int32
	for kind := actSet; kind < numActionKinds; kind++ {
		for i := range acts {
			if a := &acts[i]; a.kind == kind && kind != actRemove {
				order = append(order, int32(i))
			}
		}
	}
	return order
}

// renderUpdate renders the actions acts, of which there is one at least.
func (b *Builder[T]) renderUpdate(acts []action[T]) string {
	var present [numActionKinds]bool
	for i := range acts {
		present[acts[i].kind] = true
	}
	var arr [renderBuffer]byte
	buf := arr[:0]
	for kind := actSet; kind < numActionKinds; kind++ {
		if !present[kind] {
			continue
		}
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, kind.String()...)
		buf = append(buf, ' ')
		first := true
		for i := range acts {
			a := &acts[i]
			if a.kind != kind {
				continue
			}
			if !first {
				buf = append(buf, ", "...)
			}
			first = false
			buf = b.path(buf, a.target())
			switch {
			case kind == actSet && a.rhs != nil:
				buf = append(buf, " = "...)
				buf = b.operand(buf, *a.rhs)
			case kind == actSet:
				buf = append(buf, " = "...)
				buf = b.value(buf, a.value)
			case kind == actAdd, kind == actDelete:
				buf = append(buf, ' ')
				buf = b.value(buf, a.value)
			}
		}
	}
	return b.text(buf)
}

// Projection renders p for a ProjectionExpression: its paths separated by
// commas. The zero Projection renders as "" (leave the field unset).
func (b *Builder[T]) Projection(p Projection[T]) (string, error) {
	if p.err != nil || len(p.paths) == 0 {
		return "", p.err
	}
	var arr [renderBuffer]byte
	buf := arr[:0]
	for i, q := range p.paths {
		if i > 0 {
			buf = append(buf, ", "...)
		}
		buf = b.path(buf, q)
	}
	return b.text(buf), nil
}

// Names returns the name placeholders rendered so far, for
// ExpressionAttributeNames: a new map from "#0", "#1"... to attribute names,
// or nil when there is none (DynamoDB rejects an empty map).
func (b *Builder[T]) Names() map[string]string {
	if b.nNames == 0 {
		return nil
	}
	if m := b.namesFromCache(); m != nil {
		return m
	}
	m := make(map[string]string, b.nNames)
	for i, n := range b.names[:min(b.nNames, inlinePlaceholders)] {
		m[namePlaceholder(i)] = n
	}
	for i, n := range b.moreNames {
		m[namePlaceholder(inlinePlaceholders+i)] = n
	}
	return m
}

// Values returns the value placeholders rendered so far, for
// ExpressionAttributeValues: a new map from ":0", ":1"... to values, or nil
// when there is none (DynamoDB rejects an empty map).
func (b *Builder[T]) Values() map[string]types.AttributeValue {
	if b.nValues == 0 {
		return nil
	}
	m := make(map[string]types.AttributeValue, b.nValues)
	for i, v := range b.values[:min(b.nValues, inlinePlaceholders)] {
		m[valuePlaceholder(i)] = v
	}
	for i, v := range b.moreValues {
		m[valuePlaceholder(inlinePlaceholders+i)] = v
	}
	return m
}

// The writers below render valid trees: every mistake was caught when the
// tree was built, so they cannot fail.

func (b *Builder[T]) name(buf []byte, n string) []byte {
	return append(buf, namePlaceholder(b.nameNumber(n))...)
}

// nameNumber returns the number of n's placeholder, allocating the next one
// when n is new.
func (b *Builder[T]) nameNumber(n string) int {
	if b.nameIndex != nil {
		if i, ok := b.nameIndex[n]; ok {
			return i
		}
	} else {
		for i, x := range b.names[:min(b.nNames, inlinePlaceholders)] {
			if x == n {
				return i
			}
		}
		for i, x := range b.moreNames {
			if x == n {
				return inlinePlaceholders + i
			}
		}
	}
	return b.addName(n)
}

// addName gives the next placeholder to n, a name the Builder does not
// have yet, and returns its number.
func (b *Builder[T]) addName(n string) int {
	i := b.nNames
	if i < inlinePlaceholders {
		b.names[i] = n
	} else {
		b.moreNames = append(b.moreNames, n)
	}
	b.nNames++
	switch {
	case b.nameIndex != nil:
		b.nameIndex[n] = i
	case b.nNames > linearNames:
		b.nameIndex = make(map[string]int, 2*b.nNames)
		for j, x := range b.names {
			b.nameIndex[x] = j
		}
		for j, x := range b.moreNames {
			b.nameIndex[x] = inlinePlaceholders + j
		}
	}
	return i
}

func (b *Builder[T]) value(buf []byte, v types.AttributeValue) []byte {
	buf = append(buf, valuePlaceholder(b.nValues)...)
	b.push(v)
	return buf
}

// dropValues takes back the values given placeholders after the first n.
func (b *Builder[T]) dropValues(n int) {
	for i := n; i < min(b.nValues, inlinePlaceholders); i++ {
		b.values[i] = nil
	}
	if n <= inlinePlaceholders {
		b.moreValues = b.moreValues[:0]
	} else {
		b.moreValues = b.moreValues[:n-inlinePlaceholders]
	}
	b.nValues = n
}

// push gives the next placeholder to v.
func (b *Builder[T]) push(v types.AttributeValue) {
	if b.nValues < inlinePlaceholders {
		b.values[b.nValues] = v
	} else {
		b.moreValues = append(b.moreValues, v)
	}
	b.nValues++
}

func (b *Builder[T]) path(buf []byte, p Path) []byte {
	if len(p.elems) == 1 { // a top-level attribute, the common case
		return b.name(buf, p.elems[0].name)
	}
	for i, e := range p.elems {
		switch {
		case e.isIndex:
			buf = append(buf, '[')
			buf = strconv.AppendInt(buf, int64(e.index), 10)
			buf = append(buf, ']')
		case i > 0:
			buf = append(buf, '.')
			buf = b.name(buf, e.name)
		default:
			buf = b.name(buf, e.name)
		}
	}
	return buf
}

func (b *Builder[T]) operand(buf []byte, o Operand[T]) []byte {
	switch o.kind() {
	case opPath:
		buf = b.path(buf, o.path())
	case opValue:
		buf = b.value(buf, o.value)
	case opSize:
		buf = append(buf, "size("...)
		buf = b.path(buf, o.path())
		buf = append(buf, ')')
	case opIfNotExists:
		buf = append(buf, "if_not_exists("...)
		buf = b.path(buf, o.path())
		buf = append(buf, ", "...)
		buf = b.operand(buf, o.args().ops[0])
		buf = append(buf, ')')
	case opListAppend:
		buf = append(buf, "list_append("...)
		buf = b.operand(buf, o.args().ops[0])
		buf = append(buf, ", "...)
		buf = b.operand(buf, o.args().ops[1])
		buf = append(buf, ')')
	case opPlus, opMinus:
		buf = b.operand(buf, o.args().ops[0])
		buf = append(buf, ' ')
		buf = append(buf, o.kind().name()...)
		buf = append(buf, ' ')
		buf = b.operand(buf, o.args().ops[1])
	}
	return buf
}

// call renders the function fn of the two operands of n.
func (b *Builder[T]) call(buf []byte, fn string, n *condNode[T]) []byte {
	buf = append(buf, fn...)
	buf = append(buf, '(')
	buf = b.operand(buf, n.ops()[0])
	buf = append(buf, ", "...)
	buf = b.operand(buf, n.ops()[1])
	return append(buf, ')')
}

// leaf renders a leaf condition. Like the other writers it is not
// recursive, so that only cond is and escape analysis keeps the buffer of
// the rendering on the stack.
func (b *Builder[T]) leaf(buf []byte, l *leaf) []byte {
	switch l.kind {
	case condCompare:
		buf = b.path(buf, l.path())
		buf = append(buf, ' ')
		buf = append(buf, l.cmp.String()...)
		buf = append(buf, ' ')
		return b.value(buf, l.value)
	case condBeginsWith:
		buf = append(buf, "begins_with("...)
	case condContains:
		buf = append(buf, "contains("...)
	}
	buf = b.path(buf, l.path())
	buf = append(buf, ", "...)
	buf = b.value(buf, l.value)
	return append(buf, ')')
}

func (b *Builder[T]) cond(buf []byte, n *condNode[T]) []byte {
	switch n.kind {
	case condCompare:
		buf = b.operand(buf, n.ops()[0])
		buf = append(buf, ' ')
		buf = append(buf, n.cmp.String()...)
		buf = append(buf, ' ')
		buf = b.operand(buf, n.ops()[1])
	case condBetween:
		buf = b.operand(buf, n.ops()[0])
		buf = append(buf, " BETWEEN "...)
		buf = b.operand(buf, n.ops()[1])
		buf = append(buf, " AND "...)
		buf = b.operand(buf, n.ops()[2])
	case condIn:
		buf = b.operand(buf, n.ops()[0])
		buf = append(buf, " IN ("...)
		for i, o := range n.ops()[1:] {
			if i > 0 {
				buf = append(buf, ", "...)
			}
			buf = b.operand(buf, o)
		}
		buf = append(buf, ')')
	case condExists:
		buf = append(buf, "attribute_exists("...)
		buf = b.path(buf, n.ops()[0].path())
		buf = append(buf, ')')
	case condNotExists:
		buf = append(buf, "attribute_not_exists("...)
		buf = b.path(buf, n.ops()[0].path())
		buf = append(buf, ')')
	case condType:
		buf = b.call(buf, "attribute_type", n)
	case condBeginsWith:
		buf = b.call(buf, "begins_with", n)
	case condContains:
		buf = b.call(buf, "contains", n)
	case condAnd, condOr:
		sep := " AND "
		if n.kind == condOr {
			sep = " OR "
		}
		kids := n.kids()
		for i := range kids {
			if i > 0 {
				buf = append(buf, sep...)
			}
			k := &kids[i]
			// Kids are never of n's kind (combine flattens them), so a
			// compound kid is the other connective: parenthesize it, for
			// OR inside AND it is needed and for AND inside OR it reads
			// better. A kid is wrapped once at most, and DynamoDB rejects
			// only doubled parentheses.
			switch kn := k.node(); {
			case kn == nil:
				l := k.leaf()
				buf = b.leaf(buf, &l)
			case kn.kind == condAnd || kn.kind == condOr:
				buf = append(buf, '(')
				buf = b.cond(buf, kn)
				buf = append(buf, ')')
			default:
				buf = b.cond(buf, kn)
			}
		}
	case condNot:
		k := &n.kids()[0]
		buf = append(buf, "NOT "...)
		switch kn := k.node(); {
		case kn == nil && condKind(k.meta).isCall():
			l := k.leaf()
			buf = b.leaf(buf, &l)
		case kn == nil:
			l := k.leaf()
			buf = append(buf, '(')
			buf = b.leaf(buf, &l)
			buf = append(buf, ')')
		case kn.kind.isCall():
			buf = b.cond(buf, kn)
		default:
			buf = append(buf, '(')
			buf = b.cond(buf, kn)
			buf = append(buf, ')')
		}
	}
	return buf
}
