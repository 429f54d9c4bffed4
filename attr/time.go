package attr

import (
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/expr"
)

// TimeLayout is the layout TimeCodec writes: ISO 8601 in UTC with nine
// fractional digits, always 30 bytes long, so stored times sort as strings
// in time order ("2024-05-01T12:00:00.000000000Z").
const TimeLayout = "2006-01-02T15:04:05.000000000Z"

// TimeCodec returns the codec storing a time.Time as S in TimeLayout,
// converted to UTC: the monotonic reading and the location are not stored,
// nanoseconds are. Decoding also accepts any RFC 3339 time written by others
// and returns it in UTC. The zero time is empty.
func TimeCodec() Codec[time.Time] { return timeCodec{} }

type timeCodec struct{}

// The Unix seconds of the first and last instants TimeLayout writes.
const (
	minTimeSec = -62167219200 // 0000-01-01T00:00:00Z
	maxTimeSec = 253402300799 // 9999-12-31T23:59:59Z
)

func (timeCodec) Encode(v *time.Time) (types.AttributeValue, error) {
	if sec := v.Unix(); sec < minTimeSec || sec > maxTimeSec {
		return nil, detail(ErrTimeRange, "year %d outside 0000-9999", v.UTC().Year())
	}
	t := v.UTC()
	var buf [len(TimeLayout)]byte
	return &types.AttributeValueMemberS{Value: string(t.AppendFormat(buf[:0], TimeLayout))}, nil
}

func (timeCodec) Decode(av types.AttributeValue, v *time.Time) error {
	s, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return typeError(expr.TypeString, av)
	}
	t, err := time.Parse(TimeLayout, s.Value)
	if err != nil {
		t, err = time.Parse(time.RFC3339Nano, s.Value)
		if err != nil {
			return detail(ErrType, "%q is not an ISO 8601 time", s.Value)
		}
	}
	*v = t.UTC()
	return nil
}

func (timeCodec) IsEmpty(v *time.Time) bool { return v.IsZero() }
func (timeCodec) Type() expr.Type           { return expr.TypeString }

// EpochCodec returns the codec storing a time.Time as N, whole seconds since
// the Unix epoch (the format of DynamoDB's TTL attributes): fractions of a
// second are dropped, rounding toward the past. Decoding accepts fractional
// seconds and returns the time in UTC. The zero time is empty.
func EpochCodec() Codec[time.Time] { return epochCodec{} }

type epochCodec struct{}

func (epochCodec) Encode(v *time.Time) (types.AttributeValue, error) {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(v.Unix(), 10)}, nil
}

func (epochCodec) Decode(av types.AttributeValue, v *time.Time) error {
	n, ok := av.(*types.AttributeValueMemberN)
	if !ok {
		return typeError(expr.TypeNumber, av)
	}
	if sec, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
		*v = time.Unix(sec, 0).UTC()
		return nil
	}
	f, err := strconv.ParseFloat(n.Value, 64)
	switch {
	case !decimalText(n.Value) || err != nil && !errors.Is(err, strconv.ErrRange):
		return detail(ErrInvalidNumber, "%q", n.Value)
	case err != nil || math.Abs(f) > 1<<62:
		return detail(ErrTimeRange, "%s seconds since 1970", n.Value)
	}
	sec, frac := math.Modf(f)
	*v = time.Unix(int64(sec), int64(frac*1e9)).UTC()
	return nil
}

func (epochCodec) IsEmpty(v *time.Time) bool { return v.IsZero() }
func (epochCodec) Type() expr.Type           { return expr.TypeNumber }
