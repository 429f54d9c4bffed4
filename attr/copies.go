package attr

// A decoded item may share memory with the attribute map it was decoded
// from: the built-in []byte and binary set codecs keep the response's byte
// slices rather than copying them, and a custom Codec may keep anything.
// Strings share nothing that can change (Go strings are immutable). The
// codecs below report whether their Decode keeps nothing of the attribute
// value, so that a Schema can tell (see Schema.DecodeCopies).

// copier is implemented by the codecs whose Decode copies: after it, the
// attribute value may change without changing the decoded value.
type copier interface{ decodeCopies() bool }

// copies reports whether the codec or field c is a copier that copies.
func copies(c any) bool {
	x, ok := c.(copier)
	return ok && x.decodeCopies()
}

func (stringCodec[V]) decodeCopies() bool  { return true }
func (boolCodec[V]) decodeCopies() bool    { return true }
func (numberCodec[V]) decodeCopies() bool  { return true }
func (decimalCodec) decodeCopies() bool    { return true }
func (timeCodec) decodeCopies() bool       { return true }
func (epochCodec) decodeCopies() bool      { return true }
func (textCodec[V, P]) decodeCopies() bool { return true }
func (jsonCodec[V]) decodeCopies() bool    { return true }
func (sliceSet[E, X]) decodeCopies() bool  { return true } // string and number sets
func (mapSet[E, X]) decodeCopies() bool    { return true }

func (p pointerCodec[V]) decodeCopies() bool { return copies(p.c) }
func (l listCodec[E]) decodeCopies() bool    { return copies(l.c) }
func (m mapCodec[V]) decodeCopies() bool     { return copies(m.c) }

func (c *structCodec[S]) decodeCopies() bool { return c.err == nil && c.s.copies }

// The storage side of a descriptor copies when its codec does.
func (s *stored[T, P]) decodeCopies() bool { return copies(s.codec) }

// The tag schema's codecs, whose structs may be recursive.
func (t *tagField[T]) decodeCopies() bool { return ucopies(t.f.c, map[*uStruct]bool{}) }

// ucopies reports whether the tag codec c copies; seen holds the structs
// being looked at, which a cycle back to does not change the answer.
func ucopies(c ucodec, seen map[*uStruct]bool) bool {
	switch u := c.(type) {
	case uText, uJSON:
		return true
	case *uPointer:
		return ucopies(u.c, seen)
	case *uSlice:
		return ucopies(u.c, seen)
	case *uMap:
		return ucopies(u.c, seen)
	case *uStruct:
		if seen[u] {
			return true
		}
		seen[u] = true
		for _, f := range u.fields {
			if !ucopies(f.c, seen) {
				return false
			}
		}
		return true
	}
	return copies(c) // typed: its Codec
}

func (t typed[V]) decodeCopies() bool { return copies(t.c) }

// DecodeCopies reports whether Decode copies everything it keeps from the
// attribute map: then the decoded item shares no memory that can change
// with the map, which may be modified or reused afterwards. It is false
// when a field (or an element, or a nested field) is a []byte or a binary
// set, whose decoded slices are the map's own, or uses a custom Codec.
func (s *Schema[T]) DecodeCopies() bool { return s.copies }
