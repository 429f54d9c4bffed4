package stream_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/stream"
)

// lambdaPayload is an event as Lambda hands a function subscribed to a
// table's stream: an insert, a modify and a deletion by time to live.
const lambdaPayload = `{"Records": [
 {"eventID": "1", "eventName": "INSERT", "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "eu-west-1",
  "dynamodb": {"ApproximateCreationDateTime": 1767225600.5, "Keys": {"id": {"S": "a"}},
   "NewImage": {"id": {"S": "a"}, "n": {"N": "1"}, "note": {"S": "hello"}, "extra": {"L": [{"BOOL": true}, {"NULL": true}, {"M": {"b": {"B": "AQI="}}}, {"SS": ["x"]}, {"NS": ["1"]}, {"BS": ["AQ=="]}]}},
   "SequenceNumber": "111", "SizeBytes": 26, "StreamViewType": "NEW_AND_OLD_IMAGES"},
  "eventSourceARN": "arn:aws:dynamodb:eu-west-1:123456789012:table/items/stream/2026-01-01T00:00:00.000"},
 {"eventID": "2", "eventName": "MODIFY", "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "eu-west-1",
  "dynamodb": {"ApproximateCreationDateTime": 1767225601, "Keys": {"id": {"S": "a"}},
   "NewImage": {"id": {"S": "a"}, "n": {"N": "2"}}, "OldImage": {"id": {"S": "a"}, "n": {"N": "1"}, "note": {"S": "hello"}},
   "SequenceNumber": "222", "SizeBytes": 40, "StreamViewType": "NEW_AND_OLD_IMAGES"},
  "eventSourceARN": "arn:aws:dynamodb:eu-west-1:123456789012:table/items/stream/2026-01-01T00:00:00.000"},
 {"eventID": "3", "eventName": "REMOVE", "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "eu-west-1",
  "userIdentity": {"type": "Service", "principalId": "dynamodb.amazonaws.com"},
  "dynamodb": {"ApproximateCreationDateTime": 1767225602, "Keys": {"id": {"S": "a"}},
   "OldImage": {"id": {"S": "a"}, "n": {"N": "2"}},
   "SequenceNumber": "333", "SizeBytes": 20, "StreamViewType": "NEW_AND_OLD_IMAGES"},
  "eventSourceARN": "arn:aws:dynamodb:eu-west-1:123456789012:table/items/stream/2026-01-01T00:00:00.000"}
]}`

func TestDecodeLambdaEvent(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeNewAndOldImages)
	recs, err := stream.DecodeLambdaEvent(f.items, []byte(lambdaPayload))
	is.NoErr(err)
	is.Equal(len(recs), 3)
	var got []event
	for _, r := range recs {
		got = append(got, eventOf(r))
		is.Equal(r.Key, &Item{ID: "a"})
		is.Equal(r.StreamArn, "arn:aws:dynamodb:eu-west-1:123456789012:table/items/stream/2026-01-01T00:00:00.000")
		is.Equal(r.ShardID, "")
	}
	is.Equal(got, []event{{"a", stream.Insert, -1, 1}, {"a", stream.Modify, 1, 2}, {"a", stream.Remove, 2, -1}})
	is.Equal(recs[0].New.Note, "hello")
	is.Equal(recs[0].CreationTime, time.Date(2026, 1, 1, 0, 0, 0, 5e8, time.UTC))
	is.Equal(recs[0].SequenceNumber, "111")
	is.Equal(recs[0].SizeBytes, int64(26))
	l := recs[0].Raw.Dynamodb.NewImage["extra"].(*streamtypes.AttributeValueMemberL).Value
	is.Equal(len(l), 6)
	is.Equal(l[2].(*streamtypes.AttributeValueMemberM).Value["b"].(*streamtypes.AttributeValueMemberB).Value, []byte{1, 2})
	is.True(!recs[1].ExpiredByTTL())
	is.True(recs[2].ExpiredByTTL())
}

func TestDecodeLambdaEventRejectsBadInput(t *testing.T) {
	f := newFixture(t, types.StreamViewTypeNewAndOldImages)
	cases := []struct{ name, payload, want string }{
		{"not json", `{`, "gonamo: lambda stream event"},
		{"no records", `{"foo": 1}`, "no Records"},
		{"no dynamodb", `{"Records": [{"eventName": "INSERT"}]}`, "no dynamodb section"},
		{"two types", `{"Records": [{"eventName": "INSERT", "dynamodb": {"Keys": {"id": {"S": "a", "N": "1"}}}}]}`, "2 types"},
		{"unknown type", `{"Records": [{"eventName": "INSERT", "dynamodb": {"Keys": {"id": {"Q": "a"}}}}]}`, "unknown type"},
		{"unknown event", `{"Records": [{"eventName": "UPSERT", "dynamodb": {"Keys": {"id": {"S": "a"}}}}]}`, "unknown event type"},
		{"no keys", `{"Records": [{"eventName": "INSERT", "dynamodb": {"SequenceNumber": "1"}}]}`, "no keys"},
		{"model mismatch", `{"Records": [{"eventName": "INSERT", "dynamodb": {"Keys": {"id": {"S": "a"}}, "NewImage": {"id": {"S": "a"}, "n": {"S": "x"}}}}]}`, "new image"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			_, err := stream.DecodeLambdaEvent(f.items, []byte(tc.payload))
			is.True(err != nil)
			is.True(strings.Contains(err.Error(), tc.want)) // names the problem
			is.True(strings.HasPrefix(err.Error(), "gonamo: "))
		})
	}
	_, err := stream.DecodeLambdaEvent[Item](nil, []byte(lambdaPayload))
	is.New(t).True(errors.Is(err, stream.ErrInvalidOptions))
}
