package stream

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo"
)

// DecodeLambdaEvent decodes the records of an AWS Lambda DynamoDB stream
// event, the JSON payload a function triggered by a table's stream
// receives ({"Records": [{"eventName": "INSERT", "dynamodb": {...}}]}),
// into typed records, in order; Record.StreamArn is the record's
// eventSourceARN. A payload that is not such an event is an error; a record
// that does not fit the model is a *DecodeError, returned with the records
// before it.
//
// It needs no Lambda library: a handler taking json.RawMessage, or one
// re-marshalling the library's event, passes its bytes here.
func DecodeLambdaEvent[T any](table *gonamo.Table[T], payload []byte) ([]Record[T], error) {
	if table == nil {
		return nil, fmt.Errorf("%w: nil table", ErrInvalidOptions)
	}
	var ev lambdaEvent
	dec := json.NewDecoder(bytes.NewReader(payload))
	if err := dec.Decode(&ev); err != nil {
		return nil, fmt.Errorf("gonamo: lambda stream event: %w", err)
	}
	if ev.Records == nil {
		return nil, fmt.Errorf("gonamo: lambda stream event: no Records")
	}
	out := make([]Record[T], 0, len(*ev.Records))
	cv := newConverter(table.Schema())
	for i := range *ev.Records {
		lr := &(*ev.Records)[i]
		if lr.Dynamodb == nil {
			return out, fmt.Errorf("gonamo: lambda stream event: record %d has no dynamodb section", i)
		}
		r := lr.record()
		rec, err := decodeRecord(table.Schema(), cv, &r, "", lr.EventSourceARN)
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// lambdaEvent is the JSON shape of Lambda's DynamoDB stream event.
type lambdaEvent struct {
	Records *[]lambdaRecord `json:"Records"`
}

type lambdaRecord struct {
	EventID        string          `json:"eventID"`
	EventName      string          `json:"eventName"`
	EventVersion   string          `json:"eventVersion"`
	EventSource    string          `json:"eventSource"`
	AWSRegion      string          `json:"awsRegion"`
	EventSourceARN string          `json:"eventSourceARN"`
	UserIdentity   *lambdaIdentity `json:"userIdentity"`
	Dynamodb       *lambdaChange   `json:"dynamodb"`
}

type lambdaIdentity struct {
	Type        string `json:"type"`
	PrincipalID string `json:"principalId"`
}

type lambdaChange struct {
	// ApproximateCreationDateTime is in seconds since the epoch, with a
	// fraction for milliseconds.
	ApproximateCreationDateTime *float64          `json:"ApproximateCreationDateTime"`
	Keys                        map[string]jsonAV `json:"Keys"`
	NewImage                    map[string]jsonAV `json:"NewImage"`
	OldImage                    map[string]jsonAV `json:"OldImage"`
	SequenceNumber              *string           `json:"SequenceNumber"`
	SizeBytes                   *int64            `json:"SizeBytes"`
	StreamViewType              string            `json:"StreamViewType"`
}

// record converts a Lambda record into the Streams API's.
func (lr *lambdaRecord) record() streamtypes.Record {
	d := lr.Dynamodb
	sr := &streamtypes.StreamRecord{
		Keys: image(d.Keys), NewImage: image(d.NewImage), OldImage: image(d.OldImage),
		SequenceNumber: d.SequenceNumber, SizeBytes: d.SizeBytes,
		StreamViewType: streamtypes.StreamViewType(d.StreamViewType),
	}
	if t := d.ApproximateCreationDateTime; t != nil {
		sec, frac := math.Modf(*t)
		sr.ApproximateCreationDateTime = aws.Time(time.Unix(int64(sec), int64(math.Round(frac*1e3))*int64(time.Millisecond)).UTC())
	}
	r := streamtypes.Record{
		AwsRegion: aws.String(lr.AWSRegion), Dynamodb: sr, EventID: aws.String(lr.EventID),
		EventName: streamtypes.OperationType(lr.EventName), EventSource: aws.String(lr.EventSource),
		EventVersion: aws.String(lr.EventVersion),
	}
	if u := lr.UserIdentity; u != nil {
		r.UserIdentity = &streamtypes.Identity{Type: aws.String(u.Type), PrincipalId: aws.String(u.PrincipalID)}
	}
	return r
}

func image(m map[string]jsonAV) map[string]streamtypes.AttributeValue {
	if m == nil {
		return nil
	}
	out := make(map[string]streamtypes.AttributeValue, len(m))
	for k, v := range m {
		out[k] = v.v
	}
	return out
}

// jsonAV is an attribute value in DynamoDB's JSON form: an object with
// exactly one of S, N, B (base64), BOOL, NULL, SS, NS, BS, L, M.
type jsonAV struct {
	v streamtypes.AttributeValue
}

func (a *jsonAV) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if len(m) != 1 {
		return fmt.Errorf("attribute value with %d types, want 1", len(m))
	}
	for typ, raw := range m {
		v, err := decodeJSONValue(typ, raw)
		if err != nil {
			return fmt.Errorf("attribute value %s: %w", typ, err)
		}
		a.v = v
	}
	return nil
}

func decodeJSONValue(typ string, raw json.RawMessage) (streamtypes.AttributeValue, error) {
	switch typ {
	case "S":
		var s string
		err := json.Unmarshal(raw, &s)
		return &streamtypes.AttributeValueMemberS{Value: s}, err
	case "N":
		var s string
		err := json.Unmarshal(raw, &s)
		return &streamtypes.AttributeValueMemberN{Value: s}, err
	case "B":
		var b []byte
		err := json.Unmarshal(raw, &b)
		return &streamtypes.AttributeValueMemberB{Value: b}, err
	case "BOOL":
		var b bool
		err := json.Unmarshal(raw, &b)
		return &streamtypes.AttributeValueMemberBOOL{Value: b}, err
	case "NULL":
		var b bool
		err := json.Unmarshal(raw, &b)
		return &streamtypes.AttributeValueMemberNULL{Value: b}, err
	case "SS":
		var ss []string
		err := json.Unmarshal(raw, &ss)
		return &streamtypes.AttributeValueMemberSS{Value: ss}, err
	case "NS":
		var ss []string
		err := json.Unmarshal(raw, &ss)
		return &streamtypes.AttributeValueMemberNS{Value: ss}, err
	case "BS":
		var bs [][]byte
		err := json.Unmarshal(raw, &bs)
		return &streamtypes.AttributeValueMemberBS{Value: bs}, err
	case "L":
		var l []jsonAV
		if err := json.Unmarshal(raw, &l); err != nil {
			return nil, err
		}
		out := make([]streamtypes.AttributeValue, len(l))
		for i, e := range l {
			out[i] = e.v
		}
		return &streamtypes.AttributeValueMemberL{Value: out}, nil
	case "M":
		var m map[string]jsonAV
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, err
		}
		return &streamtypes.AttributeValueMemberM{Value: image(m)}, nil
	}
	return nil, fmt.Errorf("unknown type")
}
