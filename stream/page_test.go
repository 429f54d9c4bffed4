package stream_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/stream"
)

// pageClient is a Client that keeps the pages GetRecords returned, with a
// copy of each to check they stay as returned, and drops the sequence
// number of the record whose key is noSeq.
type pageClient struct {
	stream.Client
	noSeq        string
	pages, saved [][]streamtypes.Record
}

func (c *pageClient) GetRecords(ctx context.Context, in *dynamodbstreams.GetRecordsInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error) {
	out, err := c.Client.GetRecords(ctx, in, optFns...)
	if err != nil {
		return out, err
	}
	for i, r := range out.Records {
		if id, ok := r.Dynamodb.Keys["id"].(*streamtypes.AttributeValueMemberS); ok && id.Value == c.noSeq {
			d := *r.Dynamodb
			d.SequenceNumber = nil
			out.Records[i].Dynamodb = &d
		}
	}
	c.pages = append(c.pages, out.Records)
	c.saved = append(c.saved, slices.Clone(out.Records))
	return out, nil
}

// TestAtTimeCutInsidePage: the records of one page older than the time
// are skipped, the others yielded, and the page is left as returned.
func TestAtTimeCutInsidePage(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeKeysOnly)
	for i := range 10 {
		f.put(t, fmt.Sprint("k", i), 1)
		f.clock.Advance(time.Minute)
	}
	pc := &pageClient{Client: f.client}
	since := f.clock.Now().Add(-4 * time.Minute) // the last four records
	c, err := stream.New(f.items, pc, caughtUp, func(o *stream.Options) { o.Position = stream.AtTime(since) })
	is.NoErr(err)
	is.Equal(keysOf(collect(t, c)), "k6 k7 k8 k9")
	is.Equal(len(pc.pages[0]), 10) // one page held them all
	is.True(reflect.DeepEqual(pc.pages, pc.saved))
}

// TestRecordWithoutSequenceNumber: a record without sequence number is an
// error; the records of its page before it are yielded by the next loop,
// and the pages are left as returned.
func TestRecordWithoutSequenceNumber(t *testing.T) {
	is := is.New(t)
	f := newFixture(t, types.StreamViewTypeKeysOnly)
	for _, id := range []string{"a", "b", "c", "d"} {
		f.put(t, id, 1)
	}
	pc := &pageClient{Client: f.client, noSeq: "c"}
	c, err := stream.New(f.items, pc, caughtUp)
	is.NoErr(err)
	var got []stream.Record[Item]
	for r, err := range c.Records(context.Background()) {
		is.True(err != nil)
		is.True(strings.Contains(err.Error(), "record without sequence number"))
		got = append(got, r)
	}
	is.Equal(len(got), 1) // the error alone
	is.Equal(keysOf(collect(t, c)), "a b")
	is.True(reflect.DeepEqual(pc.pages, pc.saved))
}
