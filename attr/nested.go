package attr

// nested returns the field of the attribute f of S inside parent, typed by
// the outer item type T.
func nested[T, S, V any](parent Descriptor[T, S], child Descriptor[S, V]) *field[T, V] {
	var p *field[T, S]
	if parent != nil {
		p = parent.descriptor()
	}
	var f Attr[S, V]
	if child != nil {
		f.f = child.descriptor()
	}
	switch {
	case p == nil:
		return &field[T, V]{err: errZero()}
	case p.err != nil:
		return &field[T, V]{model: p.model, err: p.err}
	case f.f == nil:
		return &field[T, V]{model: p.model, err: errZero()}
	case f.f.err != nil:
		return &field[T, V]{model: p.model, err: withPath(p.model, p.where, f.f.err)}
	case f.f.name == "":
		return &field[T, V]{model: p.model, err: &Error{Model: p.model, Attr: p.where + "." + f.f.where,
			Err: detail(ErrDescriptor, "only a top-level attribute of the struct can be nested")}}
	}
	return &field[T, V]{
		model: p.model,
		path:  p.path.Key(f.f.name),
		where: p.where + "." + f.f.name,
		codec: f.f.codec,
		sc:    f.f.sc,
		opts:  f.f.opts,
	}
}

// Nested returns the descriptor of the attribute f of a struct stored as a
// map inside parent, typed by the outer item type T: its operations build
// conditions and updates on the path parent.f, as in
// attr.Nested(address, zip).Eq(75001). Variants keep the operations of
// typed descriptors: NestedString, NestedNumber, NestedSet, NestedList,
// NestedMap. Nesting nests: Nested(Nested(a, b), c) is a.b.c.
//
// A nested descriptor builds expressions only; it is not a field of T on its
// own (the struct attribute stores it).
func Nested[T, S, V any](parent Descriptor[T, S], f Descriptor[S, V]) Attr[T, V] {
	return Attr[T, V]{nested(parent, f)}
}

// NestedString is Nested for a string attribute, keeping BeginsWith and
// Contains.
func NestedString[T, S, V any](parent Descriptor[T, S], f StringAttr[S, V]) StringAttr[T, V] {
	return StringAttr[T, V]{Nested(parent, f.Attr)}
}

// NestedNumber is Nested for a number attribute, keeping Add.
func NestedNumber[T, S, V any](parent Descriptor[T, S], f NumberAttr[S, V]) NumberAttr[T, V] {
	return NumberAttr[T, V]{Nested(parent, f.Attr)}
}

// NestedSet is Nested for a set attribute, keeping Add, Delete and
// Contains.
func NestedSet[T, S, X, E any](parent Descriptor[T, S], f SetAttr[S, X, E]) SetAttr[T, X, E] {
	return SetAttr[T, X, E]{Nested(parent, f.Attr), f.set, f.text}
}

// NestedList is Nested for a list attribute, keeping Append, Prepend, Index
// and Contains.
func NestedList[T, S, E any](parent Descriptor[T, S], f ListAttr[S, E]) ListAttr[T, E] {
	return ListAttr[T, E]{Nested(parent, f.Attr), f.elem}
}

// NestedMap is Nested for a map attribute, keeping Key.
func NestedMap[T, S, V any](parent Descriptor[T, S], f MapAttr[S, V]) MapAttr[T, V] {
	return MapAttr[T, V]{Nested(parent, f.Attr), f.elem}
}
