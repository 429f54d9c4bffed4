package stream

import (
	"fmt"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo/attr"
)

// EventType says what a change did to its item.
type EventType string

// The event types of stream records.
const (
	// Insert: the item was created.
	Insert EventType = "INSERT"
	// Modify: the item existed and was changed.
	Modify EventType = "MODIFY"
	// Remove: the item was deleted.
	Remove EventType = "REMOVE"
)

// Record is one change of an item of type T, decoded from a stream record.
type Record[T any] struct {
	// Event is what the change did.
	Event EventType
	// Key is an item holding only the key attributes of the changed item,
	// every other field at its zero value (or default).
	Key *T
	// Old is the item before the change, New the item after it; each is
	// nil when the stream's view type does not carry it, when the item did
	// not exist (Old of an Insert, New of a Remove).
	Old, New *T
	// SequenceNumber orders the records of a shard.
	SequenceNumber string
	// CreationTime is the record's approximate creation time, as DynamoDB
	// reports it (DynamoDB Local rounds it down to the minute).
	CreationTime time.Time
	// SizeBytes is the size of the record's key and images.
	SizeBytes int64
	// ShardID is the shard the record was read from; empty for records of
	// a Lambda event.
	ShardID string
	// StreamArn is the ARN of the stream the record belongs to.
	StreamArn string
	// Raw is the record as received, for its metadata (EventID,
	// UserIdentity of deletions by time to live) and raw images.
	Raw streamtypes.Record
}

// ExpiredByTTL reports whether the record is the deletion of an expired
// item by DynamoDB's time to live, which names the DynamoDB service as the
// user.
func (r *Record[T]) ExpiredByTTL() bool {
	u := r.Raw.UserIdentity
	return r.Event == Remove && u != nil && aws.ToString(u.Type) == "Service" && aws.ToString(u.PrincipalId) == "dynamodb.amazonaws.com"
}

// DecodeError is the error of a stream record that could not be decoded
// into the model: an event type it does not know, or an image the schema
// rejects. The record counts as consumed: a Consumer's token moves past it.
type DecodeError struct {
	// SequenceNumber and ShardID locate the record.
	SequenceNumber, ShardID string
	// Raw is the record.
	Raw streamtypes.Record
	// Err is the cause, such as an *attr.Error.
	Err error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("gonamo: stream record %s: %v", e.SequenceNumber, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// decodeRecord decodes a stream record with the schema of T; cv, which may
// be shared by the records of one goroutine, converts the images.
func decodeRecord[T any](s *attr.Schema[T], cv *converter, r *streamtypes.Record, shard, arn string) (Record[T], error) {
	out := Record[T]{Event: EventType(r.EventName), ShardID: shard, StreamArn: arn, Raw: *r}
	fail := func(err error) (Record[T], error) {
		return out, &DecodeError{SequenceNumber: out.SequenceNumber, ShardID: shard, Raw: *r, Err: err}
	}
	d := r.Dynamodb
	if d == nil {
		return fail(fmt.Errorf("no dynamodb section"))
	}
	out.SequenceNumber = aws.ToString(d.SequenceNumber)
	out.CreationTime = aws.ToTime(d.ApproximateCreationDateTime)
	out.SizeBytes = aws.ToInt64(d.SizeBytes)
	switch out.Event {
	case Insert, Modify, Remove:
	default:
		return fail(fmt.Errorf("unknown event type %q", r.EventName))
	}
	var err error
	if out.Key, err = decodeImage(s, cv, d.Keys); err != nil {
		return fail(fmt.Errorf("keys: %w", err))
	}
	if out.Key == nil {
		return fail(fmt.Errorf("no keys"))
	}
	if out.New, err = decodeImage(s, cv, d.NewImage); err != nil {
		return fail(fmt.Errorf("new image: %w", err))
	}
	if out.Old, err = decodeImage(s, cv, d.OldImage); err != nil {
		return fail(fmt.Errorf("old image: %w", err))
	}
	return out, nil
}

// decodeImage decodes an image, nil when absent.
func decodeImage[T any](s *attr.Schema[T], cv *converter, m map[string]streamtypes.AttributeValue) (*T, error) {
	if m == nil {
		return nil, nil
	}
	item, err := cv.item(m)
	if err != nil {
		return nil, err
	}
	v := new(T)
	if err := s.Decode(item, v); err != nil {
		return nil, err
	}
	return v, nil
}

// converter turns stream images into the attribute values of DynamoDB's
// API, which schemas decode. Strings and byte slices are shared, not
// copied. It reuses one top-level map, which Schema.Decode reads and does
// not keep, so an item it returns is valid until its next call; the values
// in it are new, as codecs may keep them. The scalar values are cut from
// blocks, one allocation for many. A converter is not safe for concurrent
// use.
type converter struct {
	names []string // the schema's attributes
	top   map[string]types.AttributeValue
	s     slab[types.AttributeValueMemberS]
	n     slab[types.AttributeValueMemberN]
	b     slab[types.AttributeValueMemberB]
	bool  slab[types.AttributeValueMemberBOOL]
	null  slab[types.AttributeValueMemberNULL]
	ss    slab[types.AttributeValueMemberSS]
	ns    slab[types.AttributeValueMemberNS]
	bs    slab[types.AttributeValueMemberBS]
	l     slab[types.AttributeValueMemberL]
	m     slab[types.AttributeValueMemberM]
	list  slab[types.AttributeValue] // elements of lists
}

// sameScalars reports whether the scalar members of the Streams API's
// attribute values (S, N, B, BOOL, NULL, SS, NS, BS) have the fields of
// DynamoDB's, as in every SDK release so far: a pointer to one then reads
// as the other, and the converter hands the stream's values to the schema
// without copying them. It is checked once, with reflection, at start-up;
// should a release change a layout, the values are copied.
var sameScalars = sameLayout(
	pair[streamtypes.AttributeValueMemberS, types.AttributeValueMemberS](),
	pair[streamtypes.AttributeValueMemberN, types.AttributeValueMemberN](),
	pair[streamtypes.AttributeValueMemberB, types.AttributeValueMemberB](),
	pair[streamtypes.AttributeValueMemberBOOL, types.AttributeValueMemberBOOL](),
	pair[streamtypes.AttributeValueMemberNULL, types.AttributeValueMemberNULL](),
	pair[streamtypes.AttributeValueMemberSS, types.AttributeValueMemberSS](),
	pair[streamtypes.AttributeValueMemberNS, types.AttributeValueMemberNS](),
	pair[streamtypes.AttributeValueMemberBS, types.AttributeValueMemberBS](),
)

func pair[A, B any]() [2]reflect.Type {
	return [2]reflect.Type{reflect.TypeFor[A](), reflect.TypeFor[B]()}
}

// sameLayout reports whether the types of each pair are structs of the
// same size with the same fields, of identical types, at the same offsets.
func sameLayout(pairs ...[2]reflect.Type) bool {
	for _, p := range pairs {
		a, b := p[0], p[1]
		if a.Kind() != reflect.Struct || b.Kind() != reflect.Struct || a.Size() != b.Size() || a.NumField() != b.NumField() {
			return false
		}
		for i := range a.NumField() {
			fa, fb := a.Field(i), b.Field(i)
			if fa.Name != fb.Name || fa.Type != fb.Type || fa.Offset != fb.Offset {
				return false
			}
		}
	}
	return true
}

// slabSize is the number of values of one type allocated at once.
const slabSize = 32

// slab hands out values of type E from blocks of slabSize. Each value is
// handed out once: a value a codec keeps stays valid.
type slab[E any] []E

func (p *slab[E]) next() *E {
	if len(*p) == 0 {
		*p = make([]E, slabSize)
	}
	x := &(*p)[0]
	*p = (*p)[1:]
	return x
}

// take returns n consecutive values.
func (p *slab[E]) take(n int) []E {
	if n > slabSize/2 {
		return make([]E, n)
	}
	if len(*p) < n {
		*p = make([]E, slabSize)
	}
	x := (*p)[:n:n]
	*p = (*p)[n:]
	return x
}

// newConverter returns a converter for the attributes of schema s.
func newConverter[T any](s *attr.Schema[T]) *converter {
	cv := &converter{}
	for _, f := range s.Fields() {
		cv.names = append(cv.names, f.Name())
	}
	return cv
}

// item converts the attributes of m that the schema has, which are all
// that Schema.Decode reads; without names, it converts every attribute.
func (cv *converter) item(m map[string]streamtypes.AttributeValue) (map[string]types.AttributeValue, error) {
	if cv.top == nil {
		cv.top = make(map[string]types.AttributeValue, len(m))
	}
	clear(cv.top)
	put := func(k string, v streamtypes.AttributeValue) error {
		av, err := cv.value(v)
		if err != nil {
			return fmt.Errorf("attribute %s: %w", k, err)
		}
		cv.top[k] = av
		return nil
	}
	if cv.names == nil {
		for k, v := range m {
			if err := put(k, v); err != nil {
				return nil, err
			}
		}
		return cv.top, nil
	}
	for _, k := range cv.names {
		if v, ok := m[k]; ok {
			if err := put(k, v); err != nil {
				return nil, err
			}
		}
	}
	return cv.top, nil
}

func (cv *converter) nested(m map[string]streamtypes.AttributeValue) (map[string]types.AttributeValue, error) {
	out := make(map[string]types.AttributeValue, len(m))
	for k, v := range m {
		av, err := cv.value(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[k] = av
	}
	return out, nil
}

func (cv *converter) value(v streamtypes.AttributeValue) (types.AttributeValue, error) {
	switch v := v.(type) {
	case *streamtypes.AttributeValueMemberS:
		if sameScalars {
			return (*types.AttributeValueMemberS)(unsafe.Pointer(v)), nil
		}
		x := cv.s.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberN:
		if sameScalars {
			return (*types.AttributeValueMemberN)(unsafe.Pointer(v)), nil
		}
		x := cv.n.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberB:
		if sameScalars {
			return (*types.AttributeValueMemberB)(unsafe.Pointer(v)), nil
		}
		x := cv.b.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberBOOL:
		if sameScalars {
			return (*types.AttributeValueMemberBOOL)(unsafe.Pointer(v)), nil
		}
		x := cv.bool.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberNULL:
		if sameScalars {
			return (*types.AttributeValueMemberNULL)(unsafe.Pointer(v)), nil
		}
		x := cv.null.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberSS:
		if sameScalars {
			return (*types.AttributeValueMemberSS)(unsafe.Pointer(v)), nil
		}
		x := cv.ss.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberNS:
		if sameScalars {
			return (*types.AttributeValueMemberNS)(unsafe.Pointer(v)), nil
		}
		x := cv.ns.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberBS:
		if sameScalars {
			return (*types.AttributeValueMemberBS)(unsafe.Pointer(v)), nil
		}
		x := cv.bs.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberL:
		l := cv.list.take(len(v.Value))
		for i, e := range v.Value {
			av, err := cv.value(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			l[i] = av
		}
		x := cv.l.next()
		x.Value = l
		return x, nil
	case *streamtypes.AttributeValueMemberM:
		m, err := cv.nested(v.Value)
		if err != nil {
			return nil, err
		}
		x := cv.m.next()
		x.Value = m
		return x, nil
	}
	return nil, fmt.Errorf("attribute value of unknown type %T", v)
}

// compareSeq compares two sequence numbers, strings of decimal digits of
// any length.
func compareSeq(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}
