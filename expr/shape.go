package expr

import (
	"maps"
	"strings"
	"sync/atomic"
	"unsafe"
)

// Requests repeat the same expressions with new values: a service sends the
// same update of the same attributes, the same optimistic lock, again and
// again. A Builder therefore remembers how it rendered the shapes of
// expressions it met twice in a row (their structure, operators and
// paths, and the names rendered before them in the request), and renders
// them again by taking the text and the names from the cache, and only the
// values from the expression.
//
// A shape names its paths by the memory of their elements, which paths
// never change: the descriptors of package attr, made once, keep theirs,
// so their expressions always have the same shape, while paths made anew
// for each request never meet the cache twice and are rendered as before.
// An entry keeps the elements it names alive, so their memory is never
// reused for other paths. The cache is bounded, each slot keeping the last
// shape whose hash falls there.
//
// Only the common shapes are cached: leaves, actions of a path and a value,
// connectives, NOT, attribute_exists, attribute_not_exists and
// attribute_type, and functions and comparisons of paths, values and
// sizes. Others (SET to an expression...) are rendered each time.

// shapeSlots is the number of shapes the cache holds.
const shapeSlots = 1 << shapeBits

var (
	shapeCache [shapeSlots]atomic.Pointer[shapeEntry]
	// shapeSeen holds, per slot, the hash of the last shape rendered
	// without the cache: a shape is cached the second time in a row it is
	// met, so that shapes met once cost no entry.
	shapeSeen [shapeSlots]atomic.Uint64
	// shapesOff turns the cache off, for the tests comparing renderings
	// with and without it.
	shapesOff bool
)

// slotOf returns the slot of the shape of hash h: the top bits of h mixed
// once more, as the low bits of the hash of aligned addresses are poor.
func slotOf(h uint64) uint64 { return (h ^ h>>32) * 0x9e3779b97f4a7c15 >> (64 - shapeBits) }

// shapeBits is log2(shapeSlots).
const shapeBits = 9

// shapeEntry is the rendering of one shape, immutable once stored.
type shapeEntry struct {
	hash   uint64
	prior  []string         // the Builder's names before the rendering
	vals   int              // the Builder's number of values before it
	tokens []uint64         // the shape, as taken by a shapeWalk
	paths  []unsafe.Pointer // the elements of its paths, kept alive
	text   string
	added  []string          // the names the rendering added
	all    map[string]string // every name after the rendering, to clone for Names
}

// The markers of the tokens of a shape, in their top byte. The tokens of
// paths (of actions and leaves too) hold the address of their elements in
// their low 48 bits, the number of elements above, and the marker, a kind
// or a leaf's kind and comparator in the top byte; a leaf's has its top bit
// set.
const (
	tokUpdate uint64 = (iota + 1) << 56
	tokCondition
	tokNode
	tokOperand
	tokLeaf uint64 = 1 << 63
)

// A shapeWalk goes over an expression in the order of its rendering,
// token by token, to hash its shape, to compare it with an entry, or to
// record it in one. A token is a marker with small numbers, or the
// address of the elements of a path with their number.
type shapeWalk struct {
	mode  walkMode
	ok    bool // false when the expression is not cached, or differs from the entry
	h     uint64
	i     int
	entry *shapeEntry // walkCompare, walkRecord
}

type walkMode uint8

const (
	walkHash walkMode = iota
	walkCompare
	walkRecord
)

func (w *shapeWalk) tok(t uint64) {
	switch w.mode {
	case walkHash:
		w.h = (w.h + t) * 0x94d049bb133111eb
	case walkCompare:
		if w.i >= len(w.entry.tokens) || w.entry.tokens[w.i] != t {
			w.ok = false
		}
		w.i++
	case walkRecord:
		w.entry.tokens = append(w.entry.tokens, t)
	}
}

// path takes a path by its elements, n of them from elems, with the marker
// mark in the top byte of its token.
func (w *shapeWalk) path(mark uint64, elems *pathElem, n int32) {
	addr := uint64(uintptr(unsafe.Pointer(elems)))
	if addr >= 1<<48 { // no room for the rest: not cached
		w.ok = false
		return
	}
	w.tok(mark | uint64(n)<<48 | addr)
	if w.mode == walkRecord {
		w.entry.paths = append(w.entry.paths, unsafe.Pointer(elems))
	}
}

// updateShape walks the actions acts.
func updateShape[T any](w *shapeWalk, acts []action[T]) {
	w.tok(tokUpdate | uint64(len(acts)))
	for i := range acts {
		a := &acts[i]
		if a.rhs != nil {
			w.ok = false
			return
		}
		w.path(uint64(a.kind)<<56, a.elems, a.n)
	}
}

// condsShape walks the conditions cs, as a conjunction when and is true,
// else the one condition of cs, as Builder.conditions renders them: a
// conjunction of kids on the stack is walked as the node it stands for.
func condsShape[T any](w *shapeWalk, cs []Condition[T], and bool, b *Builder[T]) {
	if !and {
		condShape(w, &cs[0], b)
		return
	}
	w.tok(tokNode | uint64(condAnd) | uint64(len(cs))<<16)
	for i := range cs {
		condShape(w, &cs[i], b)
	}
}

// condShape walks c, giving its values to b in the order of their
// placeholders when b is not nil.
func condShape[T any](w *shapeWalk, c *Condition[T], b *Builder[T]) {
	if !w.ok {
		return
	}
	n := c.node()
	if n == nil {
		// The leaf's kind and comparator, then its path and value, read
		// from c as they are.
		w.path(tokLeaf|(c.meta&0xf|c.meta>>8&0x7<<4)<<56, (*pathElem)(c.p), int32(c.meta>>16))
		if b != nil {
			b.push(c.value)
		}
		return
	}
	w.tok(tokNode | uint64(n.kind) | uint64(n.cmp)<<8 | uint64(n.n)<<16)
	switch n.kind {
	case condAnd, condOr, condNot:
		kids := n.kids()
		for i := range kids {
			condShape(w, &kids[i], b)
		}
	default:
		ops := n.ops()
		for i := range ops {
			o := &ops[i]
			w.tok(tokOperand | uint64(o.kind()))
			switch o.kind() {
			case opPath, opSize:
				w.path(0, (*pathElem)(o.p), int32(o.meta>>8))
			case opValue:
				if b != nil {
					b.push(o.value)
				}
			default:
				w.ok = false
				return
			}
		}
	}
}

// nameAt returns the name of placeholder i.
func (b *Builder[T]) nameAt(i int) string {
	if i < inlinePlaceholders {
		return b.names[i]
	}
	return b.moreNames[i-inlinePlaceholders]
}

// begin returns the walk hashing a shape after the Builder's state.
func (b *Builder[T]) begin() shapeWalk {
	h := (uint64(b.nNames)<<32 | uint64(b.nValues) ^ 0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	return shapeWalk{ok: !shapesOff, h: h}
}

// lookup returns the cached entry of the hash h when the Builder's names
// and values before it are those of the entry; the caller compares the
// shape itself.
func (b *Builder[T]) lookup(h uint64) *shapeEntry {
	e := shapeCache[slotOf(h)].Load()
	if e == nil || e.hash != h || e.vals != b.nValues || len(e.prior) != b.nNames {
		return nil
	}
	for i, n := range e.prior {
		if b.nameAt(i) != n {
			return nil
		}
	}
	return e
}

// hit applies the names of the cached rendering e to the Builder; the
// caller adds the values.
func (b *Builder[T]) hit(e *shapeEntry) string {
	for _, n := range e.added {
		b.addName(n)
	}
	b.last = e
	return e.text
}

// seen reports whether the shape of hash h was the last one rendered
// without the cache in its slot, and makes it so: the second time in a row
// a slot meets a shape, it is cached.
func seen(h uint64) bool {
	return !shapesOff && shapeSeen[slotOf(h)].Swap(h) == h
}

// store caches the rendering text of a shape of hash h, recorded by
// record, by the Builder, whose state before it was priorNames and
// priorValues.
func (b *Builder[T]) store(h uint64, priorNames, priorValues int, text string, record func(*shapeWalk)) {
	e := &shapeEntry{hash: h, vals: priorValues, text: strings.Clone(text)}
	w := shapeWalk{mode: walkRecord, ok: true, entry: e}
	record(&w)
	if !w.ok {
		return
	}
	for i := range b.nNames {
		if i < priorNames {
			e.prior = append(e.prior, b.nameAt(i))
		} else {
			e.added = append(e.added, b.nameAt(i))
		}
	}
	e.all = b.Names()
	shapeCache[slotOf(h)].Store(e)
}

// namesFromCache returns a copy of the names of the last cached rendering,
// when no name was rendered after it.
func (b *Builder[T]) namesFromCache() map[string]string {
	if e := b.last; e != nil && len(e.prior)+len(e.added) == b.nNames {
		return maps.Clone(e.all)
	}
	return nil
}
