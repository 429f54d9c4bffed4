package stream_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/stream"
)

func TestRecordsFollowViewType(t *testing.T) {
	cases := []struct {
		view types.StreamViewType
		want []event
	}{
		{types.StreamViewTypeKeysOnly, []event{{"a", stream.Insert, -1, -1}, {"a", stream.Modify, -1, -1}, {"a", stream.Remove, -1, -1}}},
		{types.StreamViewTypeNewImage, []event{{"a", stream.Insert, -1, 1}, {"a", stream.Modify, -1, 2}, {"a", stream.Remove, -1, -1}}},
		{types.StreamViewTypeOldImage, []event{{"a", stream.Insert, -1, -1}, {"a", stream.Modify, 1, -1}, {"a", stream.Remove, 2, -1}}},
		{types.StreamViewTypeNewAndOldImages, []event{{"a", stream.Insert, -1, 1}, {"a", stream.Modify, 1, 2}, {"a", stream.Remove, 2, -1}}},
	}
	for _, tc := range cases {
		t.Run(string(tc.view), func(t *testing.T) {
			is := is.New(t)
			f := newFixture(t, tc.view)
			f.put(t, "a", 1)
			f.put(t, "a", 2)
			f.del(t, "a")
			c, err := stream.New(f.items, f.client, caughtUp)
			is.NoErr(err)
			recs := collect(t, c)
			var got []event
			for _, r := range recs {
				got = append(got, eventOf(r))
				is.Equal(r.Key, &Item{ID: "a"}) // the key alone
				is.True(r.SizeBytes > 0)
				is.Equal(r.StreamArn, c.StreamArn())
				is.True(r.ShardID != "")
				is.Equal(r.CreationTime, f.clock.Now().Truncate(time.Minute))
			}
			is.Equal(got, tc.want)
			is.True(recs[0].SequenceNumber < recs[1].SequenceNumber)
		})
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	f := newFixture(t, types.StreamViewTypeKeysOnly)
	cases := []struct {
		name  string
		table *gonamo.Table[Item]
		cl    stream.Client
		opt   func(*stream.Options)
		want  error
	}{
		{"nil table", nil, f.client, nil, stream.ErrInvalidOptions},
		{"nil client", f.items, nil, nil, stream.ErrInvalidOptions},
		{"negative poll", f.items, f.client, func(o *stream.Options) { o.PollMin = -1 }, stream.ErrInvalidOptions},
		{"min above max", f.items, f.client, func(o *stream.Options) { o.PollMin, o.PollMax = time.Second, time.Millisecond }, stream.ErrInvalidOptions},
		{"limit", f.items, f.client, func(o *stream.Options) { o.Limit = 1001 }, stream.ErrInvalidOptions},
		{"refresh after expiry", f.items, f.client, func(o *stream.Options) { o.RefreshAfter = 15 * time.Minute }, stream.ErrInvalidOptions},
		{"policy", f.items, f.client, func(o *stream.Options) { o.Trimmed = 7 }, stream.ErrInvalidOptions},
		{"empty token", f.items, f.client, func(o *stream.Options) { o.Position = stream.AtToken(stream.Token{}) }, stream.ErrInvalidToken},
		{"token of another stream", f.items, f.client, func(o *stream.Options) {
			o.StreamArn = "arn:b"
			o.Position = stream.AtToken(stream.Token{StreamArn: "arn:a"})
		}, stream.ErrInvalidToken},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			var opts []func(*stream.Options)
			if tc.opt != nil {
				opts = append(opts, tc.opt)
			}
			c, err := stream.New(tc.table, tc.cl, opts...)
			is.True(errors.Is(err, tc.want))
			is.Equal(c, nil)
		})
	}
}

func TestTableWithoutStream(t *testing.T) {
	is := is.New(t)
	fake := dynamotest.New()
	items, err := gonamo.NewTable(gonamo.New(fake), "plain", gonamo.Key(itemID), gonamo.Attrs(itemN))
	is.NoErr(err)
	is.NoErr(items.Create(context.Background()))
	c, err := stream.New(items, fake.Streams(), caughtUp)
	is.NoErr(err)
	n := 0
	for _, err := range c.Records(context.Background()) {
		n++
		is.True(errors.Is(err, stream.ErrNoStream))
	}
	is.Equal(n, 1)
}

func TestParseToken(t *testing.T) {
	is := is.New(t)
	tok := stream.Token{StreamArn: "arn:s", Shards: []stream.ShardPosition{{ShardID: "shardId-1", After: "000000000000000000012"}}}
	back, err := stream.ParseToken(tok.String())
	is.NoErr(err)
	is.Equal(back, tok)
	for _, bad := range []string{
		`nope`,
		`{}`,
		`{"stream_arn":"a","shards":[{"shard_id":""}]}`,
		`{"stream_arn":"a","shards":[{"shard_id":"x"},{"shard_id":"x"}]}`,
		`{"stream_arn":"a","shards":[{"shard_id":"x","after":"12a"}]}`,
		`{"stream_arn":"a","shards":[{"shard_id":"x","start":"sideways"}]}`,
	} {
		_, err := stream.ParseToken(bad)
		is.True(errors.Is(err, stream.ErrInvalidToken)) // bad token
	}
}
