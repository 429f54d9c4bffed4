package stream

import (
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
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
	if out.Key, err = decodeImage(s, cv, d.Keys, keysPlace); err != nil {
		return fail(fmt.Errorf("keys: %w", err))
	}
	if out.Key == nil {
		return fail(fmt.Errorf("no keys"))
	}
	if out.New, err = decodeImage(s, cv, d.NewImage, newPlace); err != nil {
		return fail(fmt.Errorf("new image: %w", err))
	}
	if out.Old, err = decodeImage(s, cv, d.OldImage, oldPlace); err != nil {
		return fail(fmt.Errorf("old image: %w", err))
	}
	return out, nil
}

// decodeImage decodes an image at a place of its record, nil when absent.
func decodeImage[T any](s *attr.Schema[T], cv *converter, m map[string]streamtypes.AttributeValue, at place) (*T, error) {
	if m == nil {
		return nil, nil
	}
	item, err := cv.item(m, at)
	if err != nil {
		return nil, err
	}
	v := new(T)
	if err := s.Decode(item, v); err != nil {
		return nil, err
	}
	return v, nil
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
