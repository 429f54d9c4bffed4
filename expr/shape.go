package expr

import (
	"maps"
	"slices"
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
	order  []int32           // of an update: the actions whose values it renders, in order
	added  []string          // the names the rendering added
	all    map[string]string // every name after the rendering, to clone for Names
	// after is the entry whose rendering gave the names before this one,
	// all of them, when it was stored: the condition rendered before the
	// update of a request, say.
	after *shapeEntry
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
	// toks holds the first tokens of a walkHash, so that the shape of a
	// request's expression, a few tokens long, is compared with an entry
	// without walking it again.
	toks [walkTokens]uint64
}

// walkTokens is how many tokens a walkHash keeps.
const walkTokens = 16

// matches reports whether the walkHash w went over the shape of e, when
// the shape was short enough for w to keep its tokens. A longer shape is
// walked again by again, comparing.
func (w *shapeWalk) matches(e *shapeEntry, again func(*shapeWalk)) bool {
	if w.i != len(e.tokens) {
		return false
	}
	if w.i <= walkTokens {
		return slices.Equal(w.toks[:w.i], e.tokens)
	}
	v := shapeWalk{mode: walkCompare, ok: true, entry: e}
	again(&v)
	return v.ok && v.i == len(e.tokens)
}

type walkMode uint8

const (
	walkHash walkMode = iota
	walkCompare
	walkRecord
)

// mix returns the hash h with the token t added.
func mix(h, t uint64) uint64 { return (h + t) * 0x94d049bb133111eb }

// pathToken returns the token of a path of n elements from elems, with
// mark in its top byte, and false when the address of the elements leaves
// no room for the rest (such a path is not cached).
func pathToken(mark uint64, elems unsafe.Pointer, n uint64) (uint64, bool) {
	addr := uint64(uintptr(elems))
	return mark | n<<48 | addr, addr < 1<<48
}

func (w *shapeWalk) tok(t uint64) {
	switch w.mode {
	case walkHash:
		w.h = mix(w.h, t)
		if w.i < walkTokens {
			w.toks[w.i] = t
		}
		w.i++
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
	t, ok := pathToken(mark, unsafe.Pointer(elems), uint64(n))
	if !ok {
		w.ok = false
		return
	}
	w.tok(t)
	if w.mode == walkRecord {
		w.entry.paths = append(w.entry.paths, unsafe.Pointer(elems))
	}
}

// updateShape walks the actions acts.
func updateShape[T any](w *shapeWalk, acts []action[T]) {
	if w.mode == walkHash {
		updateHash(w, acts)
		return
	}
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

// updateHash is updateShape hashing, with the hash and the number of
// tokens in local variables rather than written to w at every token.
func updateHash[T any](w *shapeWalk, acts []action[T]) {
	t := tokUpdate | uint64(len(acts))
	h, i := mix(w.h, t), w.i
	if i < walkTokens {
		w.toks[i] = t
	}
	i++
	for j := range acts {
		a := &acts[j]
		t, ok := pathToken(uint64(a.kind)<<56, unsafe.Pointer(a.elems), uint64(a.n))
		if !ok || a.rhs != nil {
			w.ok = false
			return
		}
		h = mix(h, t)
		if i < walkTokens {
			w.toks[i] = t
		}
		i++
	}
	w.h, w.i = h, i
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

// leafMark returns the marker of the token of a leaf whose meta word is
// meta: its kind and comparator.
func leafMark(meta uint64) uint64 { return tokLeaf | (meta&0xf|meta>>8&0x7<<4)<<56 }

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
		w.path(leafMark(c.meta), (*pathElem)(c.p), int32(c.meta>>16))
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
	return shapeWalk{ok: !shapesOff, h: b.seed()}
}

// seed returns the hash of the Builder's state, which a shape's hash
// starts from.
func (b *Builder[T]) seed() uint64 {
	return (uint64(b.nNames)<<32 | uint64(b.nValues) ^ 0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
}

// The common lists, a request's leaves or actions written out one by one,
// are walked in place by the functions below, with the hash and the
// tokens in local variables, and rendered from the cache when their
// shape is there. They give the tokens updateShape and condsShape give.

// updateFlat renders, from the cache, the actions of us: two or more
// Updates of one action each, held inline. It returns false when their
// shape is not cached.
func (b *Builder[T]) updateFlat(us []Update[T]) (string, bool) {
	if shapesOff || len(us) >= walkTokens {
		return "", false
	}
	var toks [walkTokens]uint64
	toks[0] = tokUpdate | uint64(len(us))
	h := mix(b.seed(), toks[0])
	for i := range us {
		u := &us[i]
		kind := u.meta & 0xff
		t, ok := pathToken(kind<<56, u.p, u.meta>>8)
		if !ok || kind == 0 || kind >= tagErr { // not inline after all
			return "", false
		}
		h, toks[1+i] = mix(h, t), t
	}
	e := b.hitFlat(h, toks[:1+len(us)])
	if e == nil {
		return "", false
	}
	for _, i := range e.order {
		b.push(us[i].value)
	}
	return e.text, true
}

// conditionsFlat renders, from the cache, the conjunction of cs: two or
// more leaves. It returns false when its shape is not cached.
func (b *Builder[T]) conditionsFlat(cs []Condition[T]) (string, bool) {
	if shapesOff || len(cs) >= walkTokens-1 {
		return "", false
	}
	var toks [walkTokens]uint64
	toks[0], toks[1] = tokCondition, tokNode|uint64(condAnd)|uint64(len(cs))<<16
	h := mix(mix(b.seed(), toks[0]), toks[1])
	for i := range cs {
		c := &cs[i]
		t, ok := pathToken(leafMark(c.meta), c.p, c.meta>>16)
		if !ok {
			return "", false
		}
		h, toks[2+i] = mix(h, t), t
	}
	e := b.hitFlat(h, toks[:2+len(cs)])
	if e == nil {
		return "", false
	}
	for i := range cs {
		b.push(cs[i].value)
	}
	return e.text, true
}

// hitFlat returns the cached entry of the shape of hash h and tokens toks,
// its names applied to the Builder, or nil when the shape is not cached;
// the caller hands out the values.
func (b *Builder[T]) hitFlat(h uint64, toks []uint64) *shapeEntry {
	e := b.lookup(h, b.nValues)
	if e == nil || !slices.Equal(toks, e.tokens) {
		return nil
	}
	b.hit(e)
	return e
}

// lookup returns the cached entry of the hash h when the Builder's names,
// and its number of values before the shape (vals), are those of the
// entry; the caller compares the shape itself.
func (b *Builder[T]) lookup(h uint64, vals int) *shapeEntry {
	e := shapeCache[slotOf(h)].Load()
	if e == nil || e.hash != h || e.vals != vals || len(e.prior) != b.nNames {
		return nil
	}
	if e.after != nil && e.after == b.last {
		// The Builder's names are those of the rendering of b.last, as
		// they were when e was stored: no need to compare them again.
		return e
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
	if n := b.nNames; n+len(e.added) <= inlinePlaceholders {
		// lookup compared the names before them
		for i, name := range e.added {
			b.names[n+i] = name
		}
		b.nNames += len(e.added)
	} else {
		for _, n := range e.added {
			b.addName(n)
		}
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
	if l := b.last; l != nil && len(l.prior)+len(l.added) == priorNames {
		e.after = l
	}
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
