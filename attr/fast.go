package attr

import (
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
