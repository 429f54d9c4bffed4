package iter_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/iter"
)

// client is what the backend tests call; *dynamodb.Client and
// *dynamotest.DB both have it.
type client interface {
	CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	Scan(context.Context, *dynamodb.ScanInput, ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error)
}

var (
	_ client = (*dynamodb.Client)(nil)
	_ client = (*dynamotest.DB)(nil)
)

// backends returns the in-memory DynamoDB and, when GONAMO_TEST_ENDPOINT
// is set, DynamoDB Local.
func backends(t *testing.T) map[string]client {
	out := map[string]client{"dynamotest": dynamotest.New()}
	if ep := os.Getenv("GONAMO_TEST_ENDPOINT"); ep != "" {
		out["local"] = dynamodb.New(dynamodb.Options{
			Region:       "us-east-1",
			BaseEndpoint: aws.String(ep),
			Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		})
	} else {
		t.Log("GONAMO_TEST_ENDPOINT not set: DynamoDB Local skipped")
	}
	return out
}

// doc is an item of the backend table: key pk (S) + sk (N); index by_tag
// keyed g (S) + tag (B); keep is the filter attribute.
type doc struct {
	SK   int
	Tag  []byte
	Keep bool
}

// docTable creates the table with n items and returns its name.
func docTable(t *testing.T, db client, n int, rng *rand.Rand) (string, []doc) {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("iter_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	s, b := types.ScalarAttributeTypeS, types.ScalarAttributeTypeB
	_, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:   aws.String(name),
		BillingMode: types.BillingModePayPerRequest,
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
		},
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: s},
			{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN},
			{AttributeName: aws.String("g"), AttributeType: s},
			{AttributeName: aws.String("tag"), AttributeType: b},
		},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName: aws.String("by_tag"),
			KeySchema: []types.KeySchemaElement{
				{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String("tag"), KeyType: types.KeyTypeRange},
			},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	var docs []doc
	for i := range n {
		d := doc{SK: i, Tag: []byte{byte(rng.IntN(256)), byte(i), 0}, Keep: rng.IntN(3) > 0}
		docs = append(docs, d)
		_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: map[string]types.AttributeValue{
			"pk":   &types.AttributeValueMemberS{Value: "p" + strconv.Itoa(i%3)},
			"sk":   &types.AttributeValueMemberN{Value: strconv.Itoa(i)},
			"g":    &types.AttributeValueMemberS{Value: "x"},
			"tag":  &types.AttributeValueMemberB{Value: d.Tag},
			"keep": &types.AttributeValueMemberBOOL{Value: d.Keep},
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	return name, docs
}

func decodeDoc(item map[string]types.AttributeValue, keyNames ...string) (doc, map[string]types.AttributeValue, error) {
	sk, ok1 := item["sk"].(*types.AttributeValueMemberN)
	tag, ok2 := item["tag"].(*types.AttributeValueMemberB)
	keep, ok3 := item["keep"].(*types.AttributeValueMemberBOOL)
	if !ok1 || !ok2 || !ok3 {
		return doc{}, nil, fmt.Errorf("bad item %v", item)
	}
	n, err := strconv.Atoi(sk.Value)
	key := map[string]types.AttributeValue{}
	for _, k := range keyNames {
		key[k] = item[k]
	}
	return doc{SK: n, Tag: tag.Value, Keep: keep.Value}, key, err
}

// docFetch queries the index (filtered on keep) or scans the table.
func docFetch(db client, table string, scan bool) iter.Fetch[doc] {
	return func(ctx context.Context, req iter.Request) (iter.Page[doc], error) {
		var (
			items []map[string]types.AttributeValue
			page  iter.Page[doc]
			keys  []string
		)
		var limit *int32
		if req.Limit > 0 {
			limit = aws.Int32(req.Limit)
		}
		rcc := types.ReturnConsumedCapacityNone
		if req.ReturnConsumedCapacity {
			rcc = types.ReturnConsumedCapacityTotal
		}
		if scan {
			in := &dynamodb.ScanInput{TableName: aws.String(table), ExclusiveStartKey: req.ExclusiveStartKey, Limit: limit, ReturnConsumedCapacity: rcc}
			if req.TotalSegments > 0 {
				in.Segment, in.TotalSegments = aws.Int32(req.Segment), aws.Int32(req.TotalSegments)
			}
			out, err := db.Scan(ctx, in)
			if err != nil {
				return page, err
			}
			items, keys = out.Items, []string{"pk", "sk"}
			page = iter.Page[doc]{LastEvaluatedKey: out.LastEvaluatedKey, Count: out.Count, ScannedCount: out.ScannedCount, Consumed: out.ConsumedCapacity}
		} else {
			out, err := db.Query(ctx, &dynamodb.QueryInput{
				TableName:              aws.String(table),
				IndexName:              aws.String("by_tag"),
				KeyConditionExpression: aws.String("g = :g"),
				FilterExpression:       aws.String("keep = :t"),
				ExpressionAttributeValues: map[string]types.AttributeValue{
					":g": &types.AttributeValueMemberS{Value: "x"},
					":t": &types.AttributeValueMemberBOOL{Value: true},
				},
				ExclusiveStartKey:      req.ExclusiveStartKey,
				Limit:                  limit,
				ReturnConsumedCapacity: rcc,
			})
			if err != nil {
				return page, err
			}
			items, keys = out.Items, []string{"pk", "sk", "g", "tag"}
			page = iter.Page[doc]{LastEvaluatedKey: out.LastEvaluatedKey, Count: out.Count, ScannedCount: out.ScannedCount, Consumed: out.ConsumedCapacity}
		}
		for _, item := range items {
			d, key, err := decodeDoc(item, keys...)
			if err != nil {
				return page, err
			}
			page.Items, page.Keys = append(page.Items, d), append(page.Keys, key)
		}
		return page, nil
	}
}

func docSKs(ds []doc) []int {
	var out []int
	for _, d := range ds {
		out = append(out, d.SK)
	}
	return out
}

// resumedDocs is resumed for docs: random stops, each run from the
// cursor of the previous one.
func resumedDocs(t *testing.T, rng *rand.Rand, start func(cursor string) *iter.Iterator[doc]) []doc {
	t.Helper()
	var all []doc
	cursor := ""
	for runs := 0; runs < 500; runs++ {
		it := start(cursor)
		stop := 1 + rng.IntN(5)
		n := 0
		for d, err := range it.All() {
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, d)
			if n++; n == stop {
				break
			}
		}
		if cursor = it.Cursor(); cursor == "" {
			return all
		}
	}
	t.Fatal("resuming does not progress")
	return nil
}

// The index query (S, N and B keys, filter, Limit) and the parallel scan,
// resumed at random points, give what one run gives, on the in-memory
// DynamoDB and on DynamoDB Local.
func TestBackendResume(t *testing.T) {
	for name, db := range backends(t) {
		t.Run(name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, 8))
			table, docs := docTable(t, db, 40, rng)
			signer := iter.NewSigner([]byte("backend test key"))

			var want []doc
			for _, d := range docs {
				if d.Keep {
					want = append(want, d)
				}
			}
			slices.SortFunc(want, func(a, b doc) int { return bytes.Compare(a.Tag, b.Tag) })

			for round := range 15 {
				pageSize := int32(rng.IntN(7))
				opts := func(cursor string) func(*iter.Options) {
					return func(o *iter.Options) {
						o.PageSize, o.Cursor, o.Signer, o.Scope = pageSize, cursor, signer, table+"/by_tag"
						o.ReadUnitsPerSecond = 1e6
					}
				}
				whole, err := iter.Collect(iter.New(context.Background(), docFetch(db, table, false), opts("")).All())
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(docSKs(whole), docSKs(want)) {
					t.Fatalf("round %d: query gives %v, want %v", round, docSKs(whole), docSKs(want))
				}
				pieces := resumedDocs(t, rng, func(cursor string) *iter.Iterator[doc] {
					return iter.New(context.Background(), docFetch(db, table, false), opts(cursor))
				})
				if !slices.Equal(docSKs(pieces), docSKs(want)) {
					t.Fatalf("round %d (page size %d): resumed %v, want %v", round, pageSize, docSKs(pieces), docSKs(want))
				}

				segments := 1 + rng.IntN(4)
				popts := func(cursor string) func(*iter.Options) {
					return func(o *iter.Options) { o.PageSize, o.Cursor, o.Workers = pageSize, cursor, rng.IntN(segments+1) }
				}
				scanned := docSKs(resumedDocs(t, rng, func(cursor string) *iter.Iterator[doc] {
					return iter.Parallel(context.Background(), docFetch(db, table, true), segments, popts(cursor))
				}))
				slices.Sort(scanned)
				if !slices.Equal(scanned, docSKs(docs)) {
					t.Fatalf("round %d (%d segments): resumed scan %v", round, segments, scanned)
				}
			}
		})
	}
}
