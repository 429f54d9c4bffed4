package attr

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/expr"
	"github.com/gonamo/gonamo/internal/value"
)

// Codec converts between a Go value of type V and a DynamoDB attribute
// value. Every descriptor holds one; the constructors of this package
// (String, Number, List...) pick theirs, and Custom, NumberOf and StringOf
// take any Codec, so a type of your own is stored the way you choose.
//
// A codec works through pointers so large values are never copied. It must
// not keep v or av after returning, and must be safe for concurrent use.
type Codec[V any] interface {
	// Encode returns the attribute value of *v. It returns (nil, nil) when
	// *v holds no value at all (a nil pointer, slice or map): the attribute
	// is then absent from the item, and an element of a list or map is
	// stored as NULL. An error is usually one of the category errors of this
	// package, wrapped with a detail.
	Encode(v *V) (types.AttributeValue, error)

	// Decode stores av in *v, replacing what *v held. av is never nil and
	// never NULL: an absent or NULL attribute is handled before (the field
	// gets its default or its zero value), except for codecs of pointers,
	// which set *v to nil on NULL. A value of the wrong DynamoDB type is an
	// error wrapping ErrType.
	Decode(av types.AttributeValue, v *V) error

	// IsEmpty reports whether *v is empty: the zero value, an empty string
	// or collection, a nil pointer. OmitEmpty omits empty values and
	// defaults replace them.
	IsEmpty(v *V) bool

	// Type returns the DynamoDB type Encode writes (expr.TypeString...), or
	// "" when it varies. Key attributes need TypeString, TypeNumber or
	// TypeBinary.
	Type() expr.Type
}

// scalar is implemented by the codecs of scalar values (strings, numbers,
// bools), which can work on values rather than pointers: ListCodec and
// MapCodec use it to avoid moving map values to the heap.
type scalar[V any] interface {
	encodeValue(v V) (types.AttributeValue, error)
	decodeValue(av types.AttributeValue) (V, error)
}

// typeError is the ErrType error for a value of the wrong DynamoDB type.
func typeError(want expr.Type, av types.AttributeValue) error {
	return detail(ErrType, "want %s, got %s", want, avType(av))
}

// avType returns the DynamoDB type name of an attribute value, for errors.
func avType(av types.AttributeValue) string {
	switch x := av.(type) {
	case nil:
		return "nothing"
	case *types.AttributeValueMemberM:
		if x == nil {
			return "a nil M"
		}
	case *types.AttributeValueMemberL:
		if x == nil {
			return "a nil L"
		}
	}
	if name := value.TypeName(av); name != "" {
		return name
	}
	return "an unknown type"
}

// isNull reports whether av stands for no value: nil or a NULL.
func isNull(av types.AttributeValue) bool {
	switch x := av.(type) {
	case nil:
		return true
	case *types.AttributeValueMemberNULL:
		return x == nil || x.Value
	}
	return false
}

// checkUTF8 returns ErrInvalidUTF8 for a string DynamoDB would refuse.
func checkUTF8(s string) error {
	if validUTF8(s) {
		return nil
	}
	return detail(ErrInvalidUTF8, "%q", s)
}

// validUTF8 is utf8.ValidString, faster for the short ASCII strings most
// attributes hold: it is small enough to be inlined, and leaves longer or
// non-ASCII strings to validLongUTF8. The check runs on every string
// encoded.
func validUTF8(s string) bool {
	if len(s) <= 16 {
		var or byte
		for i := 0; i < len(s); i++ {
			or |= s[i]
		}
		if or < utf8.RuneSelf {
			return true
		}
	}
	return validLongUTF8(s)
}

// validLongUTF8 is utf8.ValidString with an ASCII path eight bytes at a
// time.
func validLongUTF8(s string) bool {
	for len(s) >= 8 {
		if binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), 8))&0x8080808080808080 != 0 {
			return utf8.ValidString(s)
		}
		s = s[8:]
	}
	return utf8.ValidString(s)
}

// StringCodec returns the codec storing a string (or a type whose underlying
// type is string) as S. Invalid UTF-8 is an error wrapping ErrInvalidUTF8;
// the empty string is stored (DynamoDB accepts it outside keys) unless
// OmitEmpty omits it.
func StringCodec[V ~string]() Codec[V] { return stringCodec[V]{} }

type stringCodec[V ~string] struct{}

func (c stringCodec[V]) Encode(v *V) (types.AttributeValue, error) { return c.encodeValue(*v) }

func (stringCodec[V]) encodeValue(v V) (types.AttributeValue, error) {
	s := string(v)
	if !validUTF8(s) {
		return nil, checkUTF8(s)
	}
	return &types.AttributeValueMemberS{Value: s}, nil
}

func (stringCodec[V]) Decode(av types.AttributeValue, v *V) error {
	s, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return typeError(expr.TypeString, av)
	}
	*v = V(s.Value)
	return nil
}

func (stringCodec[V]) decodeValue(av types.AttributeValue) (V, error) {
	s, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return "", typeError(expr.TypeString, av)
	}
	return V(s.Value), nil
}

// plainString marks the codec of V ~string that stores V as it is, for
// the fast path of pointers to strings (storedScalarPtr).
func (stringCodec[V]) plainString() {}

func (stringCodec[V]) valueOp() fieldOp { return opString }

func (stringCodec[V]) IsEmpty(v *V) bool { return len(*v) == 0 }
func (stringCodec[V]) Type() expr.Type   { return expr.TypeString }

// BoolCodec returns the codec storing a bool (or a type whose underlying
// type is bool) as BOOL. False is empty.
func BoolCodec[V ~bool]() Codec[V] { return boolCodec[V]{} }

type boolCodec[V ~bool] struct{}

var (
	avTrue  = &types.AttributeValueMemberBOOL{Value: true}
	avFalse = &types.AttributeValueMemberBOOL{Value: false}
)

func (c boolCodec[V]) Encode(v *V) (types.AttributeValue, error) { return c.encodeValue(*v) }

func (boolCodec[V]) encodeValue(v V) (types.AttributeValue, error) {
	// The two values are shared: attribute values are never modified once
	// built, by this package or by the SDK's serializer.
	if v {
		return avTrue, nil
	}
	return avFalse, nil
}

func (c boolCodec[V]) Decode(av types.AttributeValue, v *V) error {
	x, err := c.decodeValue(av)
	if err != nil {
		return err
	}
	*v = x
	return nil
}

func (boolCodec[V]) decodeValue(av types.AttributeValue) (V, error) {
	b, ok := av.(*types.AttributeValueMemberBOOL)
	if !ok {
		return false, typeError(expr.TypeBool, av)
	}
	return V(b.Value), nil
}

func (boolCodec[V]) IsEmpty(v *V) bool { return !bool(*v) }
func (boolCodec[V]) valueOp() fieldOp  { return opBool }
func (boolCodec[V]) Type() expr.Type   { return expr.TypeBool }

// BytesCodec returns the codec storing a []byte as B. A nil slice is no
// value (the attribute is absent); an empty non-nil slice is stored as an
// empty binary, which DynamoDB accepts outside keys. Decoding does not copy:
// the slice shares the bytes of the attribute value.
func BytesCodec() Codec[[]byte] { return bytesCodec{} }

type bytesCodec struct{}

func (bytesCodec) Encode(v *[]byte) (types.AttributeValue, error) {
	if *v == nil {
		return nil, nil
	}
	return &types.AttributeValueMemberB{Value: *v}, nil
}

func (bytesCodec) Decode(av types.AttributeValue, v *[]byte) error {
	b, ok := av.(*types.AttributeValueMemberB)
	if !ok {
		return typeError(expr.TypeBinary, av)
	}
	if b.Value == nil {
		*v = []byte{}
		return nil
	}
	*v = b.Value
	return nil
}

func (bytesCodec) IsEmpty(v *[]byte) bool { return len(*v) == 0 }
func (bytesCodec) Type() expr.Type        { return expr.TypeBinary }

// TextCodec returns the codec storing a type that implements
// encoding.TextMarshaler and (through its pointer) encoding.TextUnmarshaler
// as S, the text it marshals to: netip.Addr, big.Int, a UUID type... A value
// whose text is empty is empty.
func TextCodec[V any, P interface {
	*V
	encoding.TextMarshaler
	encoding.TextUnmarshaler
}]() Codec[V] {
	return textCodec[V, P]{}
}

type textCodec[V any, P interface {
	*V
	encoding.TextMarshaler
	encoding.TextUnmarshaler
}] struct{}

func (textCodec[V, P]) Encode(v *V) (types.AttributeValue, error) {
	b, err := P(v).MarshalText()
	if err != nil {
		return nil, err
	}
	s := string(b)
	if err := checkUTF8(s); err != nil {
		return nil, err
	}
	return &types.AttributeValueMemberS{Value: s}, nil
}

func (textCodec[V, P]) Decode(av types.AttributeValue, v *V) error {
	s, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return typeError(expr.TypeString, av)
	}
	if err := P(v).UnmarshalText([]byte(s.Value)); err != nil {
		return detail(ErrType, "%v", err)
	}
	return nil
}

func (textCodec[V, P]) IsEmpty(v *V) bool {
	b, err := P(v).MarshalText()
	return err == nil && len(b) == 0
}

func (textCodec[V, P]) Type() expr.Type { return expr.TypeString }

// JSONCodec returns the codec storing any value as S, its encoding/json
// text. Use it for values DynamoDB needs not look into; json uses
// reflection, so it is slower than the other codecs. A value encoding to
// null, false, 0, "", [] or {} is empty.
func JSONCodec[V any]() Codec[V] { return jsonCodec[V]{} }

type jsonCodec[V any] struct{}

func (jsonCodec[V]) Encode(v *V) (types.AttributeValue, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return &types.AttributeValueMemberS{Value: string(b)}, nil
}

func (jsonCodec[V]) Decode(av types.AttributeValue, v *V) error {
	s, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return typeError(expr.TypeString, av)
	}
	var x V
	if err := json.Unmarshal([]byte(s.Value), &x); err != nil {
		return detail(ErrType, "invalid JSON: %v", err)
	}
	*v = x
	return nil
}

func (jsonCodec[V]) IsEmpty(v *V) bool {
	b, err := json.Marshal(v)
	if err != nil {
		return false
	}
	switch string(b) {
	case "null", "false", "0", `""`, "[]", "{}":
		return true
	}
	return false
}

func (jsonCodec[V]) Type() expr.Type { return expr.TypeString }

// PointerCodec returns the codec of *V built on the codec of V: a nil
// pointer is no value (the attribute is absent, a list element is NULL),
// and decoding allocates the pointee when the pointer is nil. Only a nil
// pointer is empty, so a pointer distinguishes "absent" from "zero".
func PointerCodec[V any](c Codec[V]) Codec[*V] { return pointerCodec[V]{c} }

type pointerCodec[V any] struct{ c Codec[V] }

func (p pointerCodec[V]) Encode(v **V) (types.AttributeValue, error) {
	if *v == nil {
		return nil, nil
	}
	return p.c.Encode(*v)
}

func (p pointerCodec[V]) Decode(av types.AttributeValue, v **V) error {
	if isNull(av) {
		*v = nil
		return nil
	}
	x := new(V)
	if err := p.c.Decode(av, x); err != nil {
		return err
	}
	*v = x
	return nil
}

func (p pointerCodec[V]) IsEmpty(v **V) bool { return *v == nil }
func (p pointerCodec[V]) Type() expr.Type    { return p.c.Type() }

func itoa(i int) string { return strconv.Itoa(i) }
