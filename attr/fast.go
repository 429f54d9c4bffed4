package attr

import (
	"strconv"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The storage of string, number and bool fields has a fast path that does
// the codec's work inline, saving the codec's indirect call on every field
// of every item; anything unusual (options, a NULL, an error) takes the
// general path of stored.

// plainOptions reports whether encoding needs none of the options.
func (s *stored[T, P]) plainOptions() bool {
	return !s.opts.OmitEmpty && s.opts.Default == nil && s.opts.Validate == nil
}

// storedString stores a string field.
type storedString[T any, V ~string] struct {
	*stored[T, V]
	fast bool // plainOptions
}

func (s storedString[T, V]) encode(item *T) (types.AttributeValue, error) {
	if s.fast && item != nil {
		if p := s.field(item); p != nil && validUTF8(string(*p)) {
			return &types.AttributeValueMemberS{Value: string(*p)}, nil
		}
	}
	return s.stored.encode(item)
}

func (s storedString[T, V]) decode(av types.AttributeValue, item *T) error {
	if x, ok := av.(*types.AttributeValueMemberS); ok && x != nil && item != nil {
		if p := s.field(item); p != nil {
			*p = V(x.Value)
			return nil
		}
	}
	return s.stored.decode(av, item)
}

// storedNumber stores a number field.
type storedNumber[T any, V Numeric] struct {
	*stored[T, V]
	c    numberCodec[V]
	fast bool // plainOptions
}

func (s storedNumber[T, V]) encode(item *T) (types.AttributeValue, error) {
	if s.fast && item != nil {
		if p := s.field(item); p != nil {
			if str, err := s.c.format(*p); err == nil {
				return &types.AttributeValueMemberN{Value: str}, nil
			}
		}
	}
	return s.stored.encode(item)
}

func (s storedNumber[T, V]) decode(av types.AttributeValue, item *T) error {
	if x, ok := av.(*types.AttributeValueMemberN); ok && x != nil && item != nil {
		if p := s.field(item); p != nil {
			if v, err := s.c.parse(x.Value); err == nil {
				*p = v
				return nil
			}
		}
	}
	return s.stored.decode(av, item)
}

// storedBool stores a bool field.
type storedBool[T any, V ~bool] struct {
	*stored[T, V]
	fast bool // plainOptions
}

func (s storedBool[T, V]) encode(item *T) (types.AttributeValue, error) {
	if s.fast && item != nil {
		if p := s.field(item); p != nil {
			if *p {
				return avTrue, nil
			}
			return avFalse, nil
		}
	}
	return s.stored.encode(item)
}

func (s storedBool[T, V]) decode(av types.AttributeValue, item *T) error {
	if x, ok := av.(*types.AttributeValueMemberBOOL); ok && x != nil && item != nil {
		if p := s.field(item); p != nil {
			*p = V(x.Value)
			return nil
		}
	}
	return s.stored.decode(av, item)
}

// fastString gives a string descriptor its fast storage.
func fastString[T any, V ~string](a Attr[T, V]) Attr[T, V] {
	if s, ok := a.f.store.(*stored[T, V]); ok {
		a.f.store = storedString[T, V]{s, s.plainOptions()}
	}
	return a
}

// fastNumber gives a number descriptor its fast storage.
func fastNumber[T any, V Numeric](a Attr[T, V]) Attr[T, V] {
	if s, ok := a.f.store.(*stored[T, V]); ok {
		if c, ok := s.codec.(numberCodec[V]); ok {
			a.f.store = storedNumber[T, V]{s, c, s.plainOptions()}
		}
	}
	return a
}

// fastBool gives a bool descriptor its fast storage.
func fastBool[T any, V ~bool](a Attr[T, V]) Attr[T, V] {
	if s, ok := a.f.store.(*stored[T, V]); ok {
		a.f.store = storedBool[T, V]{s, s.plainOptions()}
	}
	return a
}

// storedScalarPtr stores a pointer to a string, number or bool.
type storedScalarPtr[T, V any] struct {
	*stored[T, *V]
	sc   scalar[V]
	fast bool // plainOptions
}

func (s storedScalarPtr[T, V]) encode(item *T) (types.AttributeValue, error) {
	if s.fast && item != nil {
		if pp := s.field(item); pp != nil {
			if *pp == nil {
				return s.absent()
			}
			if av, err := s.sc.encodeValue(**pp); err == nil {
				return av, nil
			}
		}
	}
	return s.stored.encode(item)
}

func (s storedScalarPtr[T, V]) decode(av types.AttributeValue, item *T) error {
	if item != nil && !isNull(av) {
		if pp := s.field(item); pp != nil {
			if v, err := s.sc.decodeValue(av); err == nil {
				x := new(V)
				*x = v
				*pp = x
				return nil
			}
		}
	}
	return s.stored.decode(av, item)
}

// fieldOp names the fast path a Schema takes for a field whose accessor is
// a plain field selector (see offsetOf): the loops of Encode and Decode
// switch on it and read or write the field at its offset in the item,
// instead of calling the field's storage through an interface, the
// accessor, then the codec. opNone is every other field. Each op covers
// every type of its underlying kind: a type Level int8 is an opInt8.
type fieldOp uint8

const (
	opNone      fieldOp = iota
	opString            // a ~string, stored by StringCodec
	opStringPtr         // a *V with V ~string, stored by Pointer(StringCodec)
	opBool              // a ~bool
	opInt8              // the signed integers, by size
	opInt16
	opInt32
	opInt64
	opUint8 // the unsigned integers, by size
	opUint16
	opUint32
	opUint64
	opFloat32
	opFloat64
)

// fastField is implemented by the storages that have a fieldOp.
type fastField interface {
	// fastOp returns the field's op and offset in the item, opNone when the
	// accessor is not a plain field selector, and whether encoding may take
	// the op (no option changes what is written).
	fastOp() (op fieldOp, off uintptr, enc bool)
}

func (s storedString[T, V]) fastOp() (fieldOp, uintptr, bool) {
	if !s.direct {
		return opNone, 0, false
	}
	return opString, s.off, s.fast
}

func (s storedBool[T, V]) fastOp() (fieldOp, uintptr, bool) {
	if !s.direct {
		return opNone, 0, false
	}
	return opBool, s.off, s.fast
}

func (s storedNumber[T, V]) fastOp() (fieldOp, uintptr, bool) {
	if !s.direct {
		return opNone, 0, false
	}
	op := numberOp(s.c.kind, s.c.bits)
	return op, s.off, s.fast && op != opNone
}

func (s storedScalarPtr[T, V]) fastOp() (fieldOp, uintptr, bool) {
	if _, ok := s.sc.(interface{ plainString() }); !ok || !s.direct {
		return opNone, 0, false
	}
	return opStringPtr, s.off, s.fast
}

// opCodec is implemented by the codecs whose values an op reads and writes
// (StringCodec, BoolCodec, NumberCodec): lists and maps of them use the op
// on their elements, rather than calling the codec through its interface.
type opCodec interface {
	valueOp() fieldOp
}

// valueOp returns the op of the values of c, or opNone.
func valueOp[V any](c Codec[V]) fieldOp {
	if o, ok := c.(opCodec); ok {
		return o.valueOp()
	}
	return opNone
}

// numberOp returns the op of a number of the kind and size.
func numberOp(kind numKind, bits int) fieldOp {
	var ops [3]fieldOp
	switch kind {
	case numSigned:
		ops = [3]fieldOp{opInt8, opInt16, opInt32}
	case numUnsigned:
		ops = [3]fieldOp{opUint8, opUint16, opUint32}
	case numFloat:
		switch bits {
		case 32:
			return opFloat32
		case 64:
			return opFloat64
		}
		return opNone
	}
	switch bits {
	case 8:
		return ops[0]
	case 16:
		return ops[1]
	case 32:
		return ops[2]
	case 64:
		return ops[2] + 1
	}
	return opNone
}

// The ops work on p, the address of a value: for a field, the item's
// address plus the field's offset, computed by offsetOf once when the
// descriptor was built; for ListCodec and MapCodec, the address of a slice
// element or of a local variable. p points into the item the caller passed
// (never past it: offsetOf checks that the field lies inside T), into the
// slice, or at the variable, and the ops keep no pointer: the garbage
// collector keeps the memory alive and scans what the ops store as it does
// for any typed pointer. The type an op reads or writes has the layout of
// the value's type, which is why ops are chosen from the codec that was
// built for that type (its underlying kind, and size for numbers).

// encodeOp returns the attribute value of the field at p, or nil when the
// op has no answer (invalid UTF-8, a float DynamoDB refuses, a nil
// pointer): the field's storage then encodes it and reports the error.
func encodeOp(op fieldOp, p unsafe.Pointer) types.AttributeValue {
	switch op {
	case opString:
		if s := *(*string)(p); validUTF8(s) {
			return &types.AttributeValueMemberS{Value: s}
		}
	case opStringPtr:
		if s := *(**string)(p); s != nil && validUTF8(*s) {
			return &types.AttributeValueMemberS{Value: *s}
		}
	case opBool:
		if *(*bool)(p) {
			return avTrue
		}
		return avFalse
	case opInt8:
		return &types.AttributeValueMemberN{Value: strconv.FormatInt(int64(*(*int8)(p)), 10)}
	case opInt16:
		return &types.AttributeValueMemberN{Value: strconv.FormatInt(int64(*(*int16)(p)), 10)}
	case opInt32:
		return &types.AttributeValueMemberN{Value: strconv.FormatInt(int64(*(*int32)(p)), 10)}
	case opInt64:
		return &types.AttributeValueMemberN{Value: strconv.FormatInt(*(*int64)(p), 10)}
	case opUint8:
		return &types.AttributeValueMemberN{Value: strconv.FormatUint(uint64(*(*uint8)(p)), 10)}
	case opUint16:
		return &types.AttributeValueMemberN{Value: strconv.FormatUint(uint64(*(*uint16)(p)), 10)}
	case opUint32:
		return &types.AttributeValueMemberN{Value: strconv.FormatUint(uint64(*(*uint32)(p)), 10)}
	case opUint64:
		return &types.AttributeValueMemberN{Value: strconv.FormatUint(*(*uint64)(p), 10)}
	case opFloat32:
		if s, err := formatFloat(float64(*(*float32)(p)), 32); err == nil {
			return &types.AttributeValueMemberN{Value: s}
		}
	case opFloat64:
		if s, err := formatFloat(*(*float64)(p), 64); err == nil {
			return &types.AttributeValueMemberN{Value: s}
		}
	}
	return nil
}

// decodeOp stores av in the field at p and reports true, or reports false
// when the op has no answer (a NULL or absent value, a value of another
// type, a number the field cannot hold or that needs the general parser):
// the field's storage then decodes av, with its defaults and errors.
// Decoding needs no options, so every op applies whatever the options.
func decodeOp(op fieldOp, av types.AttributeValue, p unsafe.Pointer) bool {
	switch op {
	case opString:
		if x, ok := av.(*types.AttributeValueMemberS); ok && x != nil {
			*(*string)(p) = x.Value
			return true
		}
	case opStringPtr:
		if x, ok := av.(*types.AttributeValueMemberS); ok && x != nil {
			s := new(string)
			*s = x.Value
			*(**string)(p) = s
			return true
		}
	case opBool:
		if x, ok := av.(*types.AttributeValueMemberBOOL); ok && x != nil {
			*(*bool)(p) = x.Value
			return true
		}
	default:
		if x, ok := av.(*types.AttributeValueMemberN); ok && x != nil {
			return decodeNumberOp(op, x.Value, p)
		}
	}
	return false
}

// decodeNumberOp stores the number s in the field at p, as numberCodec.parse
// would, or reports false.
func decodeNumberOp(op fieldOp, s string, p unsafe.Pointer) bool {
	switch op {
	case opFloat64:
		if !decimalText(s) {
			return false
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return false
		}
		*(*float64)(p) = f
		return true
	case opFloat32:
		if !decimalText(s) {
			return false
		}
		f, err := strconv.ParseFloat(s, 32)
		if err != nil {
			return false
		}
		*(*float32)(p) = float32(f)
		return true
	}
	i, ok := parseSmallInt(s)
	if !ok {
		return false
	}
	switch op {
	case opInt64:
		*(*int64)(p) = i
	case opInt32:
		if !fitsSigned(i, 32) {
			return false
		}
		*(*int32)(p) = int32(i)
	case opInt16:
		if !fitsSigned(i, 16) {
			return false
		}
		*(*int16)(p) = int16(i)
	case opInt8:
		if !fitsSigned(i, 8) {
			return false
		}
		*(*int8)(p) = int8(i)
	case opUint64, opUint32, opUint16, opUint8:
		bits := 8 << (op - opUint8)
		if !fitsUnsigned(s, i, bits) {
			return false
		}
		switch op {
		case opUint64:
			*(*uint64)(p) = uint64(i)
		case opUint32:
			*(*uint32)(p) = uint32(i)
		case opUint16:
			*(*uint16)(p) = uint16(i)
		default:
			*(*uint8)(p) = uint8(i)
		}
	default:
		return false
	}
	return true
}

// A tag schema's fields of strings, bools and numbers take the ops too:
// their values are at their offsets, and the tag options only change what
// an empty value writes (omitempty) or what an absent one reads, which the
// general path handles.
func (t *tagField[T]) fastOp() (fieldOp, uintptr, bool) {
	c, ok := t.f.c.(interface{ valueOp() fieldOp })
	if !ok {
		return opNone, 0, false
	}
	op := c.valueOp()
	return op, t.f.off, op != opNone && !t.f.omitEmpty
}

func (t typed[V]) valueOp() fieldOp { return valueOp(t.c) }
