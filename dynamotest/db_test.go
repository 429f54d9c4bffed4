package dynamotest_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest"
)

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestResultsAreCopies(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := dynamotest.New()
	newTable(t, db, "copies", false)
	in := item{"pk": s("a"), "l": &types.AttributeValueMemberL{Value: []types.AttributeValue{s("x")}}, "b": &types.AttributeValueMemberB{Value: []byte("raw")}}
	put(t, db, "copies", in)
	// Mutating the input after the write changes nothing stored.
	in["l"].(*types.AttributeValueMemberL).Value[0] = s("changed")
	in["b"].(*types.AttributeValueMemberB).Value[0] = 'X'
	get := func() item {
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("copies"), Key: item{"pk": s("a")}})
		is.NoErr(err)
		return out.Item
	}
	got := get()
	is.Equal(got["l"].(*types.AttributeValueMemberL).Value[0].(*types.AttributeValueMemberS).Value, "x")
	is.Equal(string(got["b"].(*types.AttributeValueMemberB).Value), "raw")
	// Mutating a result changes nothing stored either.
	got["l"].(*types.AttributeValueMemberL).Value[0] = s("mutated")
	got["b"].(*types.AttributeValueMemberB).Value[0] = 'Y'
	delete(got, "pk")
	again := get()
	is.Equal(again["l"].(*types.AttributeValueMemberL).Value[0].(*types.AttributeValueMemberS).Value, "x")
	is.Equal(string(again["b"].(*types.AttributeValueMemberB).Value), "raw")
	is.Equal(again["pk"].(*types.AttributeValueMemberS).Value, "a")
}

func TestChangeLog(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	db := dynamotest.New(func(o *dynamotest.Options) { o.Now = clock.Now })
	newTable(t, db, "log", false)
	put(t, db, "log", item{"pk": s("a"), "v": n("1")})
	put(t, db, "log", item{"pk": s("a"), "v": n("1.0")}) // same item: no change
	clock.Advance(time.Second)
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("log"), Key: item{"pk": s("a")},
		UpdateExpression: aws.String("SET v = v + :one"), ExpressionAttributeValues: item{":one": n("1")}})
	is.NoErr(err)
	_, err = db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("log"), Key: item{"pk": s("a")}})
	is.NoErr(err)
	_, err = db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("log"), Key: item{"pk": s("a")}}) // absent: no change
	is.NoErr(err)
	// A failed condition changes nothing.
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("log"), Item: item{"pk": s("b")}, ConditionExpression: aws.String("attribute_exists(pk)")})
	var ccf *types.ConditionalCheckFailedException
	is.True(errors.As(err, &ccf))

	log := db.Changes("log")
	is.Equal(len(log), 3)
	is.Equal(log[0].Event, dynamotest.EventInsert)
	is.Equal(log[0].Old, nil)
	is.Equal(log[0].New["v"].(*types.AttributeValueMemberN).Value, "1")
	is.Equal(log[0].Time, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	is.Equal(log[1].Event, dynamotest.EventModify)
	is.Equal(log[1].Old["v"].(*types.AttributeValueMemberN).Value, "1")
	is.Equal(log[1].New["v"].(*types.AttributeValueMemberN).Value, "2")
	is.Equal(log[1].Time, time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC))
	is.Equal(log[2].Event, dynamotest.EventRemove)
	is.Equal(log[2].New, nil)
	is.Equal(log[2].Keys["pk"].(*types.AttributeValueMemberS).Value, "a")
	for i, c := range log {
		is.Equal(c.Seq, uint64(i+1))
		is.Equal(c.Table, "log")
	}
	is.Equal(db.Changes("missing"), nil)
}

func TestTransactionIdempotencyWindowUsesClock(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	db := dynamotest.New(func(o *dynamotest.Options) { o.Now = clock.Now })
	newTable(t, db, "idem", false)
	tx := func(token, expr string) error {
		_, err := db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{
			ClientRequestToken: aws.String(token),
			TransactItems: []types.TransactWriteItem{{Update: &types.Update{TableName: aws.String("idem"), Key: item{"pk": s("a")},
				UpdateExpression: aws.String(expr), ExpressionAttributeValues: item{":one": n("1")}}}},
		})
		return err
	}
	count := func() string {
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("idem"), Key: item{"pk": s("a")}})
		is.NoErr(err)
		return out.Item["c"].(*types.AttributeValueMemberN).Value
	}
	is.NoErr(tx("tok", "ADD c :one"))
	is.NoErr(tx("tok", "ADD c :one")) // replay: applied once
	is.Equal(count(), "1")
	err := tx("tok", "ADD d :one") // same token, other request
	var mismatch *types.IdempotentParameterMismatchException
	is.True(errors.As(err, &mismatch))
	clock.Advance(10*time.Minute + time.Second) // window over: a new transaction
	is.NoErr(tx("tok", "ADD c :one"))
	is.Equal(count(), "2")
}

func TestFaultInjection(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := dynamotest.New(func(o *dynamotest.Options) { o.Seed = 42 })
	newTable(t, db, "faults", false)
	get := func() error {
		_, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("faults"), Key: item{"pk": s("a")}})
		return err
	}
	db.InjectFault(dynamotest.Fault{Op: "GetItem", Code: dynamotest.FaultThroughputExceeded, Next: 2})
	var pte *types.ProvisionedThroughputExceededException
	is.True(errors.As(get(), &pte))
	is.True(errors.As(get(), &pte))
	is.NoErr(get()) // only the next two failed
	put(t, db, "faults", item{"pk": s("other op unaffected")})

	db.InjectFault(dynamotest.Fault{Op: "GetItem", Code: dynamotest.FaultThrottling, Next: 1})
	var ae smithy.APIError
	is.True(errors.As(get(), &ae))
	is.Equal(ae.ErrorCode(), "ThrottlingException")

	db.InjectFault(dynamotest.Fault{Op: "GetItem", Code: dynamotest.FaultInternalError, Next: 1})
	var ise *types.InternalServerError
	is.True(errors.As(get(), &ise))

	db.InjectFault(dynamotest.Fault{Op: "PutItem", Code: dynamotest.FaultTransactionConflict, Next: 1})
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("faults"), Item: item{"pk": s("x")}})
	var tce *types.TransactionConflictException
	is.True(errors.As(err, &tce))

	db.InjectFault(dynamotest.Fault{Op: "TransactWriteItems", Code: dynamotest.FaultTransactionConflict, Next: 1})
	_, err = db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("faults"), Item: item{"pk": s("t1")}}},
		{Put: &types.Put{TableName: aws.String("faults"), Item: item{"pk": s("t2")}}},
	}})
	var cancel *types.TransactionCanceledException
	is.True(errors.As(err, &cancel))
	is.Equal(len(cancel.CancellationReasons), 2)
	is.Equal(*cancel.CancellationReasons[0].Code, "TransactionConflict")

	// A rate fails about that fraction, the same way for the same seed.
	run := func() (fails int) {
		db := dynamotest.New(func(o *dynamotest.Options) { o.Seed = 7 })
		newTable(t, db, "rate", false)
		db.InjectFault(dynamotest.Fault{Code: dynamotest.FaultThrottling, Rate: 0.3})
		for range 1000 {
			if _, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("rate"), Key: item{"pk": s("a")}}); err != nil {
				fails++
			}
		}
		return fails
	}
	a, b := run(), run()
	is.Equal(a, b)
	is.True(a > 240 && a < 360)

	db.ClearFaults()
	is.NoErr(get())
}

func TestUnprocessedBatches(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := dynamotest.New(func(o *dynamotest.Options) { o.Seed = 1 })
	newTable(t, db, "batch", false)
	db.SetUnprocessed(0.5)
	var reqs []types.WriteRequest
	for i := range 25 {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item{"pk": s(fmt.Sprint(i))}}})
	}
	written := 0
	pending := map[string][]types.WriteRequest{"batch": reqs}
	for attempt := 0; len(pending) > 0; attempt++ {
		is.True(attempt < 50)
		out, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pending})
		is.NoErr(err)
		left := len(out.UnprocessedItems["batch"])
		if attempt == 0 {
			is.True(left > 0 && left < 25) // some, not all, unprocessed
		}
		written += len(pending["batch"]) - left
		pending = out.UnprocessedItems
	}
	is.Equal(written, 25)
	db.SetUnprocessed(0)
	out, err := db.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("batch"), Select: types.SelectCount})
	is.NoErr(err)
	is.Equal(out.Count, int32(25))
}

func TestLatencyAndContext(t *testing.T) {
	is := is.New(t)
	db := dynamotest.New()
	newTable(t, db, "slow", false)
	db.SetLatency("GetItem", 20*time.Millisecond)
	start := time.Now()
	_, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("slow"), Key: item{"pk": s("a")}})
	is.NoErr(err)
	is.True(time.Since(start) >= 20*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("slow"), Key: item{"pk": s("a")}})
	is.True(errors.Is(err, context.Canceled))
}

func TestTableDelay(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	clock := &fakeClock{t: time.Unix(1000, 0)}
	db := dynamotest.New(func(o *dynamotest.Options) { o.Now = clock.Now; o.TableDelay = time.Minute })
	newTable(t, db, "later", false)
	d, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("later")})
	is.NoErr(err)
	is.Equal(d.Table.TableStatus, types.TableStatusCreating)
	_, err = db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("later"), Key: item{"pk": s("a")}})
	var rnf *types.ResourceNotFoundException
	is.True(errors.As(err, &rnf))
	clock.Advance(time.Minute)
	d, err = db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("later")})
	is.NoErr(err)
	is.Equal(d.Table.TableStatus, types.TableStatusActive)
}

func TestExpireItems(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	clock := &fakeClock{t: time.Unix(5000, 0)}
	db := dynamotest.New(func(o *dynamotest.Options) { o.Now = clock.Now })
	newTable(t, db, "ttl", false)
	put(t, db, "ttl", item{"pk": s("old"), "exp": n("4999")})
	put(t, db, "ttl", item{"pk": s("new"), "exp": n("6000")})
	put(t, db, "ttl", item{"pk": s("none")})
	is.Equal(db.ExpireItems(), 0) // TTL not enabled yet
	_, err := db.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("ttl"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	is.NoErr(err)
	is.Equal(db.ExpireItems(), 1)
	log := db.Changes("ttl")
	is.True(log[len(log)-1].TTL)
	is.Equal(log[len(log)-1].Keys["pk"].(*types.AttributeValueMemberS).Value, "old")
	clock.Advance(time.Hour)
	is.Equal(db.ExpireItems(), 1)
	out, err := db.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("ttl")})
	is.NoErr(err)
	is.Equal(out.Count, int32(1))
}

// Concurrent increments through many goroutines: every operation is atomic.
func TestConcurrentUpdatesAreAtomic(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := dynamotest.New()
	newTable(t, db, "counter", false)
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for range 100 {
				if g%2 == 0 {
					_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("counter"), Key: item{"pk": s("c")},
						UpdateExpression: aws.String("ADD n :one"), ExpressionAttributeValues: item{":one": n("1")}})
					is.NoErr(err)
				} else {
					_, err := db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
						{Update: &types.Update{TableName: aws.String("counter"), Key: item{"pk": s("c")}, UpdateExpression: aws.String("ADD n :one"), ExpressionAttributeValues: item{":one": n("1")}}},
						{Update: &types.Update{TableName: aws.String("counter"), Key: item{"pk": s("d")}, UpdateExpression: aws.String("ADD n :one"), ExpressionAttributeValues: item{":one": n("1")}}},
					}})
					is.NoErr(err)
				}
			}
		})
	}
	wg.Wait()
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("counter"), Key: item{"pk": s("c")}, ConsistentRead: aws.Bool(true)})
	is.NoErr(err)
	is.Equal(out.Item["n"].(*types.AttributeValueMemberN).Value, "1600")
	is.Equal(len(db.Changes("counter")), 1600+800)
}

// Parallel scan segments partition the items: no overlap, nothing missing.
func TestScanSegmentsPartitionItems(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := dynamotest.New()
	newTable(t, db, "segs", true)
	for i := range 500 {
		put(t, db, "segs", item{"pk": s(fmt.Sprint("p", i%37)), "sk": ni(i)})
	}
	for _, total := range []int32{1, 2, 3, 7, 64} {
		seen := map[string]int{}
		for seg := range total {
			var start item
			for {
				out, err := db.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("segs"), Segment: aws.Int32(seg), TotalSegments: aws.Int32(total), Limit: aws.Int32(13), ExclusiveStartKey: start})
				is.NoErr(err)
				for _, it := range out.Items {
					seen[it["pk"].(*types.AttributeValueMemberS).Value+"/"+it["sk"].(*types.AttributeValueMemberN).Value]++
				}
				if out.LastEvaluatedKey == nil {
					break
				}
				start = out.LastEvaluatedKey
			}
		}
		is.Equal(len(seen), 500)
		for _, c := range seen {
			is.Equal(c, 1)
		}
	}
}

// Query and Scan stop at 1 MB of data read and resume exactly.
func TestPageLimitOneMegabyte(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := dynamotest.New()
	newTable(t, db, "big", true)
	blob := strings.Repeat("x", 100*1024)
	for i := range 25 {
		put(t, db, "big", item{"pk": s("p"), "sk": ni(i), "blob": s(blob)})
	}
	var start item
	pages, total := 0, 0
	for {
		out, err := db.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("big"), KeyConditionExpression: aws.String("pk = :p"),
			ExpressionAttributeValues: item{":p": s("p")}, ExclusiveStartKey: start})
		is.NoErr(err)
		is.True(out.Count <= 11)
		pages++
		total += int(out.Count)
		if out.LastEvaluatedKey == nil {
			break
		}
		start = out.LastEvaluatedKey
	}
	is.Equal(total, 25)
	is.Equal(pages, 3)
}
