package gonamo_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
)

// benchBatch returns a threads table on a fresh fake and 100 items.
func benchBatch(b *testing.B) (*gonamo.Table[Thread], []*Thread) {
	threads, err := threadsTable(gonamo.New(dynamotest.New()))
	if err != nil {
		b.Fatal(err)
	}
	if err := threads.Create(context.Background()); err != nil {
		b.Fatal(err)
	}
	items := make([]*Thread, 100)
	for i := range items {
		items[i] = &Thread{Forum: "bench", Subject: fmt.Sprint("s", i), Views: i, Tags: []string{"a", "b"}, Author: "ada"}
	}
	return threads, items
}

// BenchmarkBatchPut writes 100 items with BatchPut and, as the baseline,
// by hand; compare with benchstat -col /impl.
func BenchmarkBatchPut(b *testing.B) {
	b.Run("impl=gonamo", benchBatchPut)
	b.Run("impl=byhand", benchBatchPutByHand)
}

// BenchmarkBatchGet reads 100 items with BatchGet and, as the baseline, by
// hand; compare with benchstat -col /impl.
func BenchmarkBatchGet(b *testing.B) {
	b.Run("impl=gonamo", benchBatchGet)
	b.Run("impl=byhand", benchBatchGetByHand)
}

// benchBatchPut writes 100 items with BatchPut.
func benchBatchPut(b *testing.B) {
	threads, items := benchBatch(b)
	ctx := context.Background()
	for b.Loop() {
		if err := threads.BatchPut(ctx, items); err != nil {
			b.Fatal(err)
		}
	}
}

// benchBatchPutByHand is BatchPut's baseline: the same 100 items
// encoded with the table's schema and sent in BatchWriteItem calls of 25,
// as a caller would without BatchPut (no key checks, merging or retries).
func benchBatchPutByHand(b *testing.B) {
	threads, items := benchBatch(b)
	ctx := context.Background()
	client := threads.DB().Client()
	for b.Loop() {
		for start := 0; start < len(items); start += 25 {
			var wrs []types.WriteRequest
			for _, it := range items[start:min(start+25, len(items))] {
				m, err := threads.Schema().Encode(it)
				if err != nil {
					b.Fatal(err)
				}
				wrs = append(wrs, types.WriteRequest{PutRequest: &types.PutRequest{Item: m}})
			}
			out, err := client.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{threads.Name(): wrs}})
			if err != nil || len(out.UnprocessedItems) > 0 {
				b.Fatal(err, out.UnprocessedItems)
			}
		}
	}
}

// benchBatchGet reads 100 items with BatchGet.
func benchBatchGet(b *testing.B) {
	threads, items := benchBatch(b)
	ctx := context.Background()
	if err := threads.BatchPut(ctx, items); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		n := 0
		for _, err := range threads.BatchGet(ctx, items) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != len(items) {
			b.Fatal(n)
		}
	}
}

// benchBatchGetByHand is BatchGet's baseline: one BatchGetItem call of
// the 100 keys, each item decoded with the table's schema.
func benchBatchGetByHand(b *testing.B) {
	threads, items := benchBatch(b)
	ctx := context.Background()
	if err := threads.BatchPut(ctx, items); err != nil {
		b.Fatal(err)
	}
	client := threads.DB().Client()
	for b.Loop() {
		keys := make([]map[string]types.AttributeValue, len(items))
		for i, it := range items {
			keys[i] = map[string]types.AttributeValue{"forum": &types.AttributeValueMemberS{Value: it.Forum}, "subject": &types.AttributeValueMemberS{Value: it.Subject}}
		}
		out, err := client.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
			threads.Name(): {Keys: keys, ConsistentRead: aws.Bool(false)}}})
		if err != nil || len(out.UnprocessedKeys) > 0 {
			b.Fatal(err)
		}
		n := 0
		for _, m := range out.Responses[threads.Name()] {
			var th Thread
			if err := threads.Schema().Decode(m, &th); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != len(items) {
			b.Fatal(n)
		}
	}
}
