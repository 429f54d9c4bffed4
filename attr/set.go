package attr

import (
	"bytes"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/expr"
)

// setCodec is the codec of a set type S (a slice or a map of E) with the
// element operation SetAttr needs besides those of elem (see SetAttr.elems).
type setCodec[S, E any] interface {
	Codec[S]
	// encodeElem returns the scalar value of one element, for contains.
	encodeElem(e *E) (types.AttributeValue, error)
}

// elem converts the elements of string and number sets to and from their
// DynamoDB text.
type elem[E any] interface {
	format(e E) (string, error)
	parse(s string) (E, error)
	// formatAll and parseAll convert whole slices (len(ss) == len(es)), in
	// one call rather than one per element.
	formatAll(es []E, ss []string) error
	parseAll(ss []string, es []E) error
	setType() expr.Type // TypeStringSet or TypeNumberSet
}

type stringElem[E ~string] struct{}

func (stringElem[E]) format(e E) (string, error) { return string(e), checkUTF8(string(e)) }
func (stringElem[E]) parse(s string) (E, error)  { return E(s), nil }
func (stringElem[E]) setType() expr.Type         { return expr.TypeStringSet }

func (stringElem[E]) formatAll(es []E, ss []string) error {
	// E's underlying type is string: the slices have one layout, and one
	// copy beats an assignment (and a write barrier) per element.
	copy(ss, unsafe.Slice((*string)(unsafe.Pointer(unsafe.SliceData(es))), len(es)))
	for _, s := range ss {
		if !validUTF8(s) {
			return checkUTF8(s)
		}
	}
	return nil
}

func (stringElem[E]) parseAll(ss []string, es []E) error {
	copy(unsafe.Slice((*string)(unsafe.Pointer(unsafe.SliceData(es))), len(es)), ss)
	return nil
}

type numberElem[E Numeric] struct{ c numberCodec[E] }

func (n numberElem[E]) format(e E) (string, error) { return n.c.format(e) }
func (n numberElem[E]) parse(s string) (E, error)  { return n.c.parse(s) }
func (numberElem[E]) setType() expr.Type           { return expr.TypeNumberSet }

func (n numberElem[E]) formatAll(es []E, ss []string) error {
	for i, e := range es {
		s, err := n.c.format(e)
		if err != nil {
			return err
		}
		ss[i] = s
	}
	return nil
}

func (n numberElem[E]) parseAll(ss []string, es []E) error {
	for i, s := range ss {
		e, err := n.c.parse(s)
		if err != nil {
			return err
		}
		es[i] = e
	}
	return nil
}

func newNumberElem[E Numeric]() numberElem[E] {
	return numberElem[E]{NumberCodec[E]().(numberCodec[E])}
}

// emptySet is the error of a set without elements.
func emptySet() error {
	return detail(ErrEmptySet, "DynamoDB cannot store an empty set (omit it with OmitEmpty)")
}

// textSet builds an SS or NS value from element texts, rejecting
// duplicates.
func textSet(t expr.Type, ss []string) (types.AttributeValue, error) {
	if len(ss) == 0 {
		return nil, emptySet()
	}
	if d, ok := duplicate(ss); ok && len(ss) > 1 {
		return nil, detail(ErrDuplicate, "%q", d)
	}
	if t == expr.TypeNumberSet {
		return &types.AttributeValueMemberNS{Value: ss}, nil
	}
	return &types.AttributeValueMemberSS{Value: ss}, nil
}

// textSetOf builds the SS or NS value of the elements es, formatted one by
// one by x: as sliceSet.encodeElems does, but passing the elements by value,
// so that es does not escape.
func textSetOf[E any](x elem[E], es []E) (types.AttributeValue, error) {
	if len(es) == 0 {
		return nil, emptySet()
	}
	ss := make([]string, len(es))
	for i, e := range es {
		s, err := x.format(e)
		if err != nil {
			return nil, err
		}
		ss[i] = s
	}
	return textSet(x.setType(), ss)
}

// duplicate returns an element present twice in ss.
func duplicate(ss []string) (string, bool) {
	if len(ss) <= 16 {
		for i := 1; i < len(ss); i++ {
			for j := range i {
				if ss[i] == ss[j] {
					return ss[i], true
				}
			}
		}
		return "", false
	}
	seen := make(map[string]struct{}, len(ss))
	for _, s := range ss {
		if _, ok := seen[s]; ok {
			return s, true
		}
		seen[s] = struct{}{}
	}
	return "", false
}

// setTexts returns the element texts of an SS or NS value of type t.
func setTexts(t expr.Type, av types.AttributeValue) ([]string, error) {
	switch x := av.(type) {
	case *types.AttributeValueMemberSS:
		if t == expr.TypeStringSet {
			return x.Value, nil
		}
	case *types.AttributeValueMemberNS:
		if t == expr.TypeNumberSet {
			return x.Value, nil
		}
	}
	return nil, typeError(t, av)
}

// scalarOf returns the S or N value of one element text.
func scalarOf(t expr.Type, s string) types.AttributeValue {
	if t == expr.TypeNumberSet {
		return &types.AttributeValueMemberN{Value: s}
	}
	return &types.AttributeValueMemberS{Value: s}
}

// sliceSet stores a []E as an SS or NS.
type sliceSet[E any, X elem[E]] struct{ x X }

func (c sliceSet[E, X]) Encode(v *[]E) (types.AttributeValue, error) {
	return c.encodeElems(*v)
}

func (c sliceSet[E, X]) encodeElems(es []E) (types.AttributeValue, error) {
	if len(es) == 0 {
		return nil, emptySet()
	}
	ss := make([]string, len(es))
	if err := c.x.formatAll(es, ss); err != nil {
		return nil, err
	}
	return textSet(c.x.setType(), ss)
}

func (c sliceSet[E, X]) encodeElem(e *E) (types.AttributeValue, error) {
	s, err := c.x.format(*e)
	if err != nil {
		return nil, err
	}
	return scalarOf(c.x.setType(), s), nil
}

func (c sliceSet[E, X]) Decode(av types.AttributeValue, v *[]E) error {
	ss, err := setTexts(c.x.setType(), av)
	if err != nil {
		return err
	}
	out := make([]E, len(ss))
	if err := c.x.parseAll(ss, out); err != nil {
		return err
	}
	*v = out
	return nil
}

func (c sliceSet[E, X]) IsEmpty(v *[]E) bool { return len(*v) == 0 }
func (c sliceSet[E, X]) Type() expr.Type     { return c.x.setType() }

// mapSet stores a map[E]struct{} as an SS or NS.
type mapSet[E comparable, X elem[E]] struct{ x X }

func (c mapSet[E, X]) Encode(v *map[E]struct{}) (types.AttributeValue, error) {
	m := *v
	if len(m) == 0 {
		return nil, emptySet()
	}
	ss := make([]string, 0, len(m))
	for e := range m {
		s, err := c.x.format(e)
		if err != nil {
			return nil, err
		}
		ss = append(ss, s)
	}
	return textSet(c.x.setType(), ss)
}

func (c mapSet[E, X]) encodeElem(e *E) (types.AttributeValue, error) {
	return sliceSet[E, X](c).encodeElem(e)
}

func (c mapSet[E, X]) Decode(av types.AttributeValue, v *map[E]struct{}) error {
	ss, err := setTexts(c.x.setType(), av)
	if err != nil {
		return err
	}
	out := make(map[E]struct{}, len(ss))
	for _, s := range ss {
		e, err := c.x.parse(s)
		if err != nil {
			return err
		}
		out[e] = struct{}{}
	}
	*v = out
	return nil
}

func (c mapSet[E, X]) IsEmpty(v *map[E]struct{}) bool { return len(*v) == 0 }
func (c mapSet[E, X]) Type() expr.Type                { return c.x.setType() }

// binarySet stores a [][]byte as a BS.
type binarySet struct{}

func (binarySet) Encode(v *[][]byte) (types.AttributeValue, error) {
	return binarySet{}.encodeElems(*v)
}

func (binarySet) encodeElems(es [][]byte) (types.AttributeValue, error) {
	if len(es) == 0 {
		return nil, emptySet()
	}
	if len(es) <= 16 {
		for i := 1; i < len(es); i++ {
			for j := range i {
				if bytes.Equal(es[i], es[j]) {
					return nil, detail(ErrDuplicate, "%q", es[i])
				}
			}
		}
	} else {
		seen := make(map[string]struct{}, len(es))
		for _, b := range es {
			if _, ok := seen[string(b)]; ok {
				return nil, detail(ErrDuplicate, "%q", b)
			}
			seen[string(b)] = struct{}{}
		}
	}
	out := make([][]byte, len(es))
	for i, b := range es {
		if b == nil {
			b = []byte{}
		}
		out[i] = b
	}
	return &types.AttributeValueMemberBS{Value: out}, nil
}

func (binarySet) encodeElem(e *[]byte) (types.AttributeValue, error) {
	b := *e
	if b == nil {
		b = []byte{}
	}
	return &types.AttributeValueMemberB{Value: b}, nil
}

func (binarySet) Decode(av types.AttributeValue, v *[][]byte) error {
	x, ok := av.(*types.AttributeValueMemberBS)
	if !ok {
		return typeError(expr.TypeBinarySet, av)
	}
	*v = append([][]byte(nil), x.Value...)
	return nil
}

func (binarySet) IsEmpty(v *[][]byte) bool { return len(*v) == 0 }
func (binarySet) Type() expr.Type          { return expr.TypeBinarySet }
