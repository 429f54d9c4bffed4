package stream_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/stream"
)

// exampleAccounts returns a fake whose clock stands at the given time
// (moved by advance) and its accounts table, created.
func exampleAccounts(optFns ...func(*dynamotest.Options)) (*dynamotest.DB, *gonamo.Table[Account], *clock) {
	c := newClock()
	fake := dynamotest.New(append([]func(*dynamotest.Options){func(o *dynamotest.Options) { o.Now = c.Now }}, optFns...)...)
	accounts, err := accountsTable(gonamo.New(fake))
	if err != nil {
		panic(err)
	}
	if err := accounts.Create(context.Background()); err != nil {
		panic(err)
	}
	return fake, accounts, c
}

func save(accounts *gonamo.Table[Account], id, email string) {
	if err := accounts.Save(context.Background(), &Account{ID: id, Email: email}); err != nil {
		panic(err)
	}
}

func Example() {
	ctx := context.Background()
	fake, accounts, _ := exampleAccounts()
	save(accounts, "ann", "ann@example.com")
	save(accounts, "bob", "bob@example.com")
	save(accounts, "ann", "ann@example.org")
	if err := accounts.Delete(ctx, &Account{ID: "bob"}); err != nil {
		panic(err)
	}

	// On AWS: stream.New(accounts, dynamodbstreams.NewFromConfig(cfg)).
	s, err := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.StopWhenCaughtUp = true })
	if err != nil {
		fmt.Println(err)
		return
	}
	for rec, err := range s.Records(ctx) {
		if err != nil {
			fmt.Println(err)
			return
		}
		switch rec.Event {
		case stream.Insert:
			fmt.Println("created", rec.New.ID, rec.New.Email)
		case stream.Modify:
			fmt.Println("changed", rec.Key.ID, rec.Old.Email, "->", rec.New.Email)
		case stream.Remove:
			fmt.Println("deleted", rec.Key.ID)
		}
	}
	// Output:
	// created ann ann@example.com
	// created bob bob@example.com
	// changed ann ann@example.com -> ann@example.org
	// deleted bob
}

func ExampleNew() {
	fake, accounts, _ := exampleAccounts()
	_, err := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.PollMin = -time.Second })
	fmt.Println(errors.Is(err, stream.ErrInvalidOptions))
	s, err := stream.New(accounts, fake.Streams())
	fmt.Println(s != nil, err)
	// Output:
	// true
	// true <nil>
}

func ExampleConsumer() {
	fake, accounts, _ := exampleAccounts(func(o *dynamotest.Options) { o.Streams.ShardRecords = 2 })
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		save(accounts, id, id+"@example.com")
	}
	// Five records over three shards, read as one sequence.
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.StopWhenCaughtUp = true })
	for rec, err := range s.Records(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(rec.Key.ID, " ")
	}
	fmt.Println()
	// Output: a b c d e
}

func ExampleConsumer_Records() {
	fake, accounts, _ := exampleAccounts()
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.PollMin, o.PollMax = time.Millisecond, 10*time.Millisecond
	})
	go save(accounts, "ann", "ann@example.com") // arrives while polling
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for rec, err := range s.Records(ctx) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(rec.Event, rec.New.Email)
		break
	}
	// Output: INSERT ann@example.com
}

func ExampleConsumer_Token() {
	fake, accounts, _ := exampleAccounts()
	for _, id := range []string{"a", "b", "c"} {
		save(accounts, id, "")
	}
	ctx := context.Background()
	first, _ := stream.New(accounts, fake.Streams())
	var saved string
	for rec, err := range first.Records(ctx) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("first read", rec.Key.ID)
		saved = first.Token().String() // after a: store it
		break
	}
	tok, err := stream.ParseToken(saved)
	if err != nil {
		fmt.Println(err)
		return
	}
	second, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.Position = stream.AtToken(tok)
		o.StopWhenCaughtUp = true
	})
	for rec, err := range second.Records(ctx) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("then", rec.Key.ID)
	}
	// Output:
	// first read a
	// then b
	// then c
}

func ExampleConsumer_StreamArn() {
	fake, accounts, _ := exampleAccounts()
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.StopWhenCaughtUp = true })
	fmt.Printf("%q\n", s.StreamArn())
	for range s.Records(context.Background()) {
	}
	fmt.Println(s.StreamArn())
	// Output:
	// ""
	// arn:aws:dynamodb:us-east-1:000000000000:table/accounts/stream/2026-03-01T09:00:00.000
}

// readAll prints the keys a consumer reads before catching up.
func readAll(s *stream.Consumer[Account]) {
	for rec, err := range s.Records(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(rec.Key.ID, " ")
	}
	fmt.Println("(caught up)")
}

func ExampleTrimHorizon() {
	fake, accounts, _ := exampleAccounts()
	save(accounts, "old", "")
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.Position = stream.TrimHorizon() // the default
		o.StopWhenCaughtUp = true
	})
	save(accounts, "new", "")
	readAll(s)
	// Output: old new (caught up)
}

func ExampleLatest() {
	fake, accounts, _ := exampleAccounts()
	save(accounts, "old", "")
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.Position = stream.Latest()
		o.StopWhenCaughtUp = true
	})
	readAll(s) // places the consumer after "old"
	save(accounts, "new", "")
	readAll(s)
	// Output:
	// (caught up)
	// new (caught up)
}

func ExampleAtTime() {
	fake, accounts, clock := exampleAccounts()
	save(accounts, "monday", "")
	clock.Advance(24 * time.Hour)
	save(accounts, "tuesday", "")
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.Position = stream.AtTime(clock.Now().Add(-time.Hour))
		o.StopWhenCaughtUp = true
	})
	readAll(s)
	// Output: tuesday (caught up)
}

func ExampleAtToken() {
	fake, accounts, _ := exampleAccounts()
	save(accounts, "a", "")
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.StopWhenCaughtUp = true })
	readAll(s)
	tok := s.Token() // after a
	save(accounts, "b", "")
	resumed, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.Position = stream.AtToken(tok)
		o.StopWhenCaughtUp = true
	})
	readAll(resumed)
	// Output:
	// a (caught up)
	// b (caught up)
}

func ExampleToken() {
	fake, accounts, _ := exampleAccounts()
	save(accounts, "a", "")
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.StopWhenCaughtUp = true })
	readAll(s)
	tok := s.Token()
	fmt.Println(len(tok.Shards), tok.Shards[0].After, tok.Shards[0].Done)
	// Output:
	// a (caught up)
	// 1 000000000000000000001 false
}

func ExampleToken_String() {
	tok := stream.Token{StreamArn: "arn:aws:dynamodb:us-east-1:000000000000:table/accounts/stream/2026-03-01T09:00:00.000",
		Shards: []stream.ShardPosition{{ShardID: "shardId-00000001772355600000-0d5f2a1c", After: "000000000000000000007"}}}
	fmt.Println(tok)
	// Output: {"stream_arn":"arn:aws:dynamodb:us-east-1:000000000000:table/accounts/stream/2026-03-01T09:00:00.000","shards":[{"shard_id":"shardId-00000001772355600000-0d5f2a1c","after":"000000000000000000007"}]}
}

func ExampleShardPosition() {
	tok, err := stream.ParseToken(`{"stream_arn":"arn:s","shards":[{"shard_id":"shardId-1","done":true},{"shard_id":"shardId-2","after":"000000000000000000042"}]}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range tok.Shards {
		fmt.Printf("%s after %q done %v\n", p.ShardID, p.After, p.Done)
	}
	// Output:
	// shardId-1 after "" done true
	// shardId-2 after "000000000000000000042" done false
}

func ExampleLatestMargin() {
	// A shard read from the latest record that had none when its token
	// was taken: resuming reads its records created since 08:58.
	tok, _ := stream.ParseToken(`{"stream_arn":"arn:s","shards":[{"shard_id":"shardId-1","start":"latest","latest_at":"2026-03-01T09:00:00Z"}]}`)
	p := tok.Shards[0]
	fmt.Println(p.Start, p.LatestAt.Add(-stream.LatestMargin).Format(time.TimeOnly))
	// Output: latest 08:58:00
}

func ExampleParseToken() {
	_, err := stream.ParseToken(`{"shards":[]}`)
	fmt.Println(err)
	fmt.Println(errors.Is(err, stream.ErrInvalidToken))
	// Output:
	// gonamo: invalid stream token: no stream ARN
	// true
}

func ExampleErrInvalidToken() {
	fake, accounts, _ := exampleAccounts()
	_, err := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.StreamArn = "arn:one"
		o.Position = stream.AtToken(stream.Token{StreamArn: "arn:other"})
	})
	fmt.Println(errors.Is(err, stream.ErrInvalidToken))
	// Output: true
}

func ExampleErrInvalidOptions() {
	fake, accounts, _ := exampleAccounts()
	_, err := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.Limit = 5000 })
	fmt.Println(err)
	// Output: gonamo: invalid stream options: Limit 5000 outside 1 to 1000
}

func ExampleErrNoStream() {
	fake := dynamotest.New()
	plain, _ := gonamo.NewTable(gonamo.New(fake), "plain", gonamo.Key(accountID))
	if err := plain.Create(context.Background()); err != nil {
		panic(err)
	}
	s, _ := stream.New(plain, fake.Streams())
	for _, err := range s.Records(context.Background()) {
		fmt.Println(errors.Is(err, stream.ErrNoStream), err)
	}
	// Output: true gonamo: table has no stream: plain
}

func ExampleOptions() {
	fake, accounts, _ := exampleAccounts()
	save(accounts, "a", "")
	save(accounts, "b", "")
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.StopWhenCaughtUp = true // end the loop when there is nothing new
		o.Limit = 1               // one record per GetRecords call
	})
	readAll(s)
	save(accounts, "c", "")
	readAll(s) // goes on where it stopped
	// Output:
	// a b (caught up)
	// c (caught up)
}

// trimmedAccounts writes a, takes a token after it, writes b and lets 25
// hours pass: b is trimmed. It then writes c.
func trimmedAccounts() (*dynamotest.DB, *gonamo.Table[Account], stream.Token) {
	fake, accounts, clock := exampleAccounts()
	save(accounts, "a", "")
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.StopWhenCaughtUp = true })
	for range s.Records(context.Background()) {
		break
	}
	tok := s.Token()
	save(accounts, "b", "")
	clock.Advance(25 * time.Hour)
	save(accounts, "c", "")
	return fake, accounts, tok
}

func ExampleTrimmedError() {
	fake, accounts, tok := trimmedAccounts()
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.Position = stream.AtToken(tok) })
	for _, err := range s.Records(context.Background()) {
		var te *stream.TrimmedError
		fmt.Println(errors.As(err, &te), te.After)
	}
	// Output: true 000000000000000000001
}

func ExampleTrimPolicy() {
	fake, accounts, tok := trimmedAccounts()
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.Position = stream.AtToken(tok)
		o.StopWhenCaughtUp = true
		o.Trimmed = stream.TrimContinue
		o.OnTrimmed = func(e *stream.TrimmedError) { fmt.Println("lost records after", e.After) }
	})
	readAll(s)
	// Output:
	// lost records after 000000000000000000001
	// c (caught up)
}

func ExampleRecord() {
	fake, accounts, _ := exampleAccounts()
	save(accounts, "ann", "ann@example.com")
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.StopWhenCaughtUp = true })
	for rec, err := range s.Records(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(rec.Event, *rec.Key, rec.Old, *rec.New)
		fmt.Println(rec.SequenceNumber, rec.CreationTime, rec.SizeBytes)
	}
	// Output:
	// INSERT {ann  } <nil> {ann  ann@example.com}
	// 000000000000000000001 2026-03-01 09:00:00 +0000 UTC 30
}

func ExampleRecord_ExpiredByTTL() {
	payload := `{"Records": [{"eventName": "REMOVE", "userIdentity": {"type": "Service", "principalId": "dynamodb.amazonaws.com"},
		"dynamodb": {"Keys": {"id": {"S": "ann"}}, "SequenceNumber": "9"}}]}`
	_, accounts, _ := exampleAccounts()
	recs, err := stream.DecodeLambdaEvent(accounts, []byte(payload))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(recs[0].Key.ID, recs[0].ExpiredByTTL())
	// Output: ann true
}

func ExampleEventType() {
	fake, accounts, _ := exampleAccounts()
	save(accounts, "ann", "a@example.com")
	save(accounts, "ann", "b@example.com")
	if err := accounts.Delete(context.Background(), &Account{ID: "ann"}); err != nil {
		panic(err)
	}
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.StopWhenCaughtUp = true })
	for rec := range s.Records(context.Background()) {
		fmt.Println(rec.Event, rec.Event == stream.Remove)
	}
	// Output:
	// INSERT false
	// MODIFY false
	// REMOVE true
}

func ExampleDecodeError() {
	payload := `{"Records": [{"eventName": "INSERT", "dynamodb": {"Keys": {"id": {"N": "7"}}, "SequenceNumber": "1"}}]}`
	_, accounts, _ := exampleAccounts()
	_, err := stream.DecodeLambdaEvent(accounts, []byte(payload))
	var de *stream.DecodeError
	fmt.Println(errors.As(err, &de), de.SequenceNumber)
	// Output: true 1
}

func ExampleDecodeLambdaEvent() {
	// The body a Lambda function subscribed to the stream receives.
	payload := `{"Records": [{
		"eventID": "c4ca4238a0b923820dcc509a6f75849b", "eventName": "MODIFY", "eventVersion": "1.1",
		"eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
		"dynamodb": {
			"ApproximateCreationDateTime": 1772355600,
			"Keys": {"id": {"S": "ann"}},
			"OldImage": {"id": {"S": "ann"}, "email": {"S": "ann@example.com"}},
			"NewImage": {"id": {"S": "ann"}, "email": {"S": "ann@example.org"}},
			"SequenceNumber": "4421584500000000017450439091", "SizeBytes": 59,
			"StreamViewType": "NEW_AND_OLD_IMAGES"},
		"eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/accounts/stream/2026-03-01T09:00:00.000"}]}`
	_, accounts, _ := exampleAccounts()
	recs, err := stream.DecodeLambdaEvent(accounts, []byte(payload))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range recs {
		fmt.Println(r.Event, r.Old.Email, "->", r.New.Email, r.CreationTime)
	}
	// Output: MODIFY ann@example.com -> ann@example.org 2026-03-01 09:00:00 +0000 UTC
}

func ExampleClient() {
	// The SDK's client and dynamotest's Streams both serve a Consumer.
	var _ stream.Client = (*dynamodbstreams.Client)(nil)
	var client stream.Client = dynamotest.New().Streams()
	fmt.Printf("%T\n", client)
	// Output: *dynamotest.Streams
}

func ExamplePosition() {
	fake, accounts, _ := exampleAccounts()
	save(accounts, "a", "")
	var zero stream.Position // the trim horizon
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) {
		o.Position = zero
		o.StopWhenCaughtUp = true
	})
	readAll(s)
	// Output: a (caught up)
}

func ExampleTrimmedError_Error() {
	fake, accounts, tok := trimmedAccounts()
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.Position = stream.AtToken(tok) })
	for _, err := range s.Records(context.Background()) {
		var te *stream.TrimmedError
		errors.As(err, &te)
		fmt.Println(te.Error() != "")
	}
	// Output: true
}

func ExampleTrimmedError_Unwrap() {
	fake, accounts, tok := trimmedAccounts()
	s, _ := stream.New(accounts, fake.Streams(), func(o *stream.Options) { o.Position = stream.AtToken(tok) })
	for _, err := range s.Records(context.Background()) {
		var te *stream.TrimmedError
		errors.As(err, &te)
		var sdk *streamtypes.TrimmedDataAccessException
		fmt.Println(errors.As(te.Unwrap(), &sdk))
	}
	// Output: true
}

func ExampleDecodeError_Error() {
	payload := `{"Records": [{"eventName": "INSERT", "dynamodb": {"Keys": {"id": {"N": "7"}}, "SequenceNumber": "1"}}]}`
	_, accounts, _ := exampleAccounts()
	_, err := stream.DecodeLambdaEvent(accounts, []byte(payload))
	var de *stream.DecodeError
	errors.As(err, &de)
	fmt.Println(de.Error() != "")
	// Output: true
}

func ExampleDecodeError_Unwrap() {
	payload := `{"Records": [{"eventName": "INSERT", "dynamodb": {"Keys": {"id": {"N": "7"}}, "SequenceNumber": "1"}}]}`
	_, accounts, _ := exampleAccounts()
	_, err := stream.DecodeLambdaEvent(accounts, []byte(payload))
	var de *stream.DecodeError
	errors.As(err, &de)
	fmt.Println(de.Unwrap() != nil)
	// Output: true
}
