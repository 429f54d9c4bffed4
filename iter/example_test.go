package iter_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/iter"
)

// Post is the item type of the examples: table "posts", key forum (S) and
// seq (N).
type Post struct {
	Forum string
	Seq   int
}

// postsDB returns an in-memory DynamoDB whose "posts" table holds posts 1
// to n of forum "go", with a boolean attribute "odd".
func postsDB(n int) *dynamotest.DB {
	ctx := context.Background()
	db := dynamotest.New()
	_, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:   aws.String("posts"),
		BillingMode: types.BillingModePayPerRequest,
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("forum"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("seq"), KeyType: types.KeyTypeRange},
		},
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("forum"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("seq"), AttributeType: types.ScalarAttributeTypeN},
		},
	})
	if err != nil {
		panic(err)
	}
	for i := 1; i <= n; i++ {
		item := map[string]types.AttributeValue{
			"forum": &types.AttributeValueMemberS{Value: "go"},
			"seq":   &types.AttributeValueMemberN{Value: strconv.Itoa(i)},
			"odd":   &types.AttributeValueMemberBOOL{Value: i%2 == 1},
		}
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("posts"), Item: item}); err != nil {
			panic(err)
		}
	}
	return db
}

// decodePost decodes an item and returns its key.
func decodePost(item map[string]types.AttributeValue) (Post, map[string]types.AttributeValue, error) {
	forum, ok1 := item["forum"].(*types.AttributeValueMemberS)
	seq, ok2 := item["seq"].(*types.AttributeValueMemberN)
	if !ok1 || !ok2 {
		return Post{}, nil, errors.New("not a post")
	}
	n, err := strconv.Atoi(seq.Value)
	key := map[string]types.AttributeValue{"forum": forum, "seq": seq}
	return Post{Forum: forum.Value, Seq: n}, key, err
}

// queryPosts is a Fetch for the posts of a forum (odd ones only if odd):
// it puts the Request into a QueryInput and decodes the output.
func queryPosts(db *dynamotest.DB, forum string, odd bool) iter.Fetch[Post] {
	return func(ctx context.Context, req iter.Request) (iter.Page[Post], error) {
		in := &dynamodb.QueryInput{
			TableName:                 aws.String("posts"),
			KeyConditionExpression:    aws.String("forum = :f"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":f": &types.AttributeValueMemberS{Value: forum}},
			ExclusiveStartKey:         req.ExclusiveStartKey,
		}
		if odd {
			in.FilterExpression = aws.String("odd = :t")
			in.ExpressionAttributeValues[":t"] = &types.AttributeValueMemberBOOL{Value: true}
		}
		if req.Limit > 0 {
			in.Limit = aws.Int32(req.Limit)
		}
		if req.ReturnConsumedCapacity {
			in.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
		}
		out, err := db.Query(ctx, in)
		if err != nil {
			return iter.Page[Post]{}, err
		}
		page := iter.Page[Post]{LastEvaluatedKey: out.LastEvaluatedKey, Count: out.Count, ScannedCount: out.ScannedCount, Consumed: out.ConsumedCapacity}
		for _, item := range out.Items {
			p, key, err := decodePost(item)
			if err != nil {
				return iter.Page[Post]{}, err
			}
			page.Items, page.Keys = append(page.Items, p), append(page.Keys, key)
		}
		return page, nil
	}
}

// scanPosts is a Fetch for a (parallel) scan of the posts table.
func scanPosts(db *dynamotest.DB) iter.Fetch[Post] {
	return func(ctx context.Context, req iter.Request) (iter.Page[Post], error) {
		in := &dynamodb.ScanInput{TableName: aws.String("posts"), ExclusiveStartKey: req.ExclusiveStartKey}
		if req.Limit > 0 {
			in.Limit = aws.Int32(req.Limit)
		}
		if req.TotalSegments > 0 {
			in.Segment, in.TotalSegments = aws.Int32(req.Segment), aws.Int32(req.TotalSegments)
		}
		out, err := db.Scan(ctx, in)
		if err != nil {
			return iter.Page[Post]{}, err
		}
		page := iter.Page[Post]{LastEvaluatedKey: out.LastEvaluatedKey, Count: out.Count, ScannedCount: out.ScannedCount}
		for _, item := range out.Items {
			p, key, err := decodePost(item)
			if err != nil {
				return iter.Page[Post]{}, err
			}
			page.Items, page.Keys = append(page.Items, p), append(page.Keys, key)
		}
		return page, nil
	}
}

func seqs(posts []Post) []int {
	var out []int
	for _, p := range posts {
		out = append(out, p.Seq)
	}
	return out
}

// Paginating a query for a client: each response carries the items and the
// cursor to send back for the next ones.
func Example() {
	ctx := context.Background()
	db := postsDB(10)
	signer := iter.NewSigner([]byte("a secret of at least 32 bytes..."))

	page := func(cursor string) ([]Post, string, error) {
		it := iter.New(ctx, queryPosts(db, "go", true), func(o *iter.Options) {
			o.Limit = 2       // items per response
			o.PageSize = 4    // items DynamoDB evaluates per request
			o.Cursor = cursor // "" for the first response
			o.Scope = "posts" // a cursor of another table is refused
			o.Signer = signer // and so is a forged one
		})
		posts, err := iter.Collect(it.All())
		return posts, it.Cursor(), err
	}

	cursor := ""
	for {
		posts, next, err := page(cursor)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(seqs(posts), next != "")
		if next == "" {
			break
		}
		cursor = next
	}
	// Output:
	// [1 3] true
	// [5 7] true
	// [9] false
}

func ExampleNew() {
	db := postsDB(5)
	it := iter.New(context.Background(), queryPosts(db, "go", false), func(o *iter.Options) { o.PageSize = 2 })
	for p, err := range it.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(p.Seq, " ")
	}
	fmt.Println()
	// Output: 1 2 3 4 5
}

// A scan in 4 segments, merged, stopped and resumed.
func ExampleParallel() {
	ctx := context.Background()
	db := postsDB(20)
	opts := func(o *iter.Options) { o.PageSize = 2; o.Workers = 2 }

	it := iter.Parallel(ctx, scanPosts(db), 4, opts)
	first, err := iter.Collect(it.All())
	fmt.Println(len(first), err)

	// Stop after 7 items, then resume from the cursor: every item comes
	// once, in no particular order.
	var got []int
	it = iter.Parallel(ctx, scanPosts(db), 4, opts)
	for p, err := range it.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		if got = append(got, p.Seq); len(got) == 7 {
			break
		}
	}
	rest, err := iter.Collect(iter.Parallel(ctx, scanPosts(db), 4, opts, func(o *iter.Options) { o.Cursor = it.Cursor() }).All())
	got = append(got, seqs(rest)...)
	slices.Sort(got)
	fmt.Println(got, err)
	// Output:
	// 20 <nil>
	// [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20] <nil>
}

// Every range over an Iterator is a new run from Options.Cursor.
func ExampleIterator() {
	db := postsDB(3)
	requests := 0
	fetch := queryPosts(db, "go", false)
	counted := func(ctx context.Context, req iter.Request) (iter.Page[Post], error) {
		requests++
		return fetch(ctx, req)
	}
	it := iter.New(context.Background(), counted)
	a, _ := iter.Collect(it.All())
	b, _ := iter.Collect(it.All())
	fmt.Println(seqs(a), seqs(b), requests)
	// Output: [1 2 3] [1 2 3] 2
}

// An error is yielded once, as the last element.
func ExampleIterator_All() {
	db := postsDB(5)
	fetch := queryPosts(db, "go", false)
	requests := 0
	failing := func(ctx context.Context, req iter.Request) (iter.Page[Post], error) {
		if requests++; requests == 2 {
			return iter.Page[Post]{}, errors.New("throttled")
		}
		return fetch(ctx, req)
	}
	it := iter.New(context.Background(), failing, func(o *iter.Options) { o.PageSize = 2 })
	for p, err := range it.All() {
		if err != nil {
			fmt.Println("error:", err)
			continue // the loop ends anyway
		}
		fmt.Println(p.Seq)
	}
	// The cursor is after the last item received: resume from it.
	rest, _ := iter.Collect(iter.New(context.Background(), fetch, func(o *iter.Options) { o.Cursor = it.Cursor() }).All())
	fmt.Println(seqs(rest))
	// Output:
	// 1
	// 2
	// error: throttled
	// [3 4 5]
}

func ExampleIterator_Pages() {
	db := postsDB(7)
	it := iter.New(context.Background(), queryPosts(db, "go", true), func(o *iter.Options) {
		o.PageSize = 3
		o.ReadUnitsPerSecond = 1000 // asks the fetch for the consumed capacity
	})
	for p, err := range it.Pages() {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%v count %d scanned %d units %.1f more %t\n",
			seqs(p.Items), p.Count, p.ScannedCount, *p.Consumed.CapacityUnits, p.Cursor() != "")
	}
	// Output:
	// [1 3] count 2 scanned 3 units 0.5 more true
	// [5] count 1 scanned 3 units 0.5 more true
	// [7] count 1 scanned 1 units 0.5 more false
}

// The cursor is right mid-page: after the item just received.
func ExampleIterator_Cursor() {
	ctx := context.Background()
	db := postsDB(6)
	fetch := queryPosts(db, "go", false)
	it := iter.New(ctx, fetch, func(o *iter.Options) { o.PageSize = 4 })
	for p, err := range it.All() {
		if err != nil || p.Seq == 2 {
			break
		}
	}
	rest, err := iter.Collect(iter.New(ctx, fetch, func(o *iter.Options) { o.Cursor = it.Cursor() }).All())
	fmt.Println(seqs(rest), err, it.Cursor() != "")
	// Output: [3 4 5 6] <nil> true
}

// Count runs a fetch that asks for Select COUNT.
func ExampleIterator_Count() {
	db := postsDB(10)
	countOdd := func(ctx context.Context, req iter.Request) (iter.Page[Post], error) {
		in := &dynamodb.QueryInput{
			TableName:              aws.String("posts"),
			Select:                 types.SelectCount,
			KeyConditionExpression: aws.String("forum = :f"),
			FilterExpression:       aws.String("odd = :t"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":f": &types.AttributeValueMemberS{Value: "go"},
				":t": &types.AttributeValueMemberBOOL{Value: true},
			},
			ExclusiveStartKey: req.ExclusiveStartKey,
		}
		if req.Limit > 0 {
			in.Limit = aws.Int32(req.Limit)
		}
		out, err := db.Query(ctx, in)
		if err != nil {
			return iter.Page[Post]{}, err
		}
		return iter.Page[Post]{Count: out.Count, ScannedCount: out.ScannedCount, LastEvaluatedKey: out.LastEvaluatedKey}, nil
	}
	count, scanned, err := iter.New(context.Background(), countOdd, func(o *iter.Options) { o.PageSize = 4 }).Count()
	fmt.Println(count, scanned, err)
	// Output: 5 10 <nil>
}

func ExampleCollect() {
	db := postsDB(4)
	posts, err := iter.Collect(iter.New(context.Background(), queryPosts(db, "go", false)).All())
	fmt.Println(seqs(posts), err)
	// Output: [1 2 3 4] <nil>
}

func ExampleFirst() {
	db := postsDB(4)
	first := func(forum string) {
		it := iter.New(context.Background(), queryPosts(db, forum, false), func(o *iter.Options) { o.Limit = 1 })
		p, err := iter.First(it.All())
		fmt.Println(p.Seq, err, errors.Is(err, iter.ErrNotFound))
	}
	first("go")
	first("rust")
	// Output:
	// 1 <nil> false
	// 0 gonamo/iter: no item found true
}

func ExampleOne() {
	db := postsDB(4)
	one := func(forum string, limit int) {
		it := iter.New(context.Background(), queryPosts(db, forum, false), func(o *iter.Options) { o.Limit = limit })
		p, err := iter.One(it.All())
		fmt.Println(p.Seq, err)
	}
	one("go", 2) // reads two items at most
	one("go", 1) // only one to read: it is the one
	one("rust", 2)
	fmt.Println(errors.Is(iter.ErrTooMany, iter.ErrTooMany))
	// Output:
	// 0 gonamo/iter: more than one item
	// 1 <nil>
	// 0 gonamo/iter: no item found
	// true
}

// A cursor signed by one key is refused by another: forging one needs the
// key.
func ExampleSigner() {
	ctx := context.Background()
	db := postsDB(5)
	fetch := queryPosts(db, "go", false)
	ours := iter.NewSigner([]byte("our key, 32 random bytes or more"))
	theirs := iter.NewSigner([]byte("someone else's key, as long....."))

	it := iter.New(ctx, fetch, func(o *iter.Options) { o.Signer, o.Limit = theirs, 2 })
	_, _ = iter.Collect(it.All())
	_, err := iter.Collect(iter.New(ctx, fetch, func(o *iter.Options) { o.Signer, o.Cursor = ours, it.Cursor() }).All())
	fmt.Println(err)
	// Output: gonamo/iter: invalid cursor: bad signature
}

// Rotating keys: new cursors are signed with the new key, cursors signed
// with the previous one are still accepted.
func ExampleNewSigner() {
	ctx := context.Background()
	db := postsDB(5)
	fetch := queryPosts(db, "go", false)
	oldKey, newKey := []byte("last year's key.................."), []byte("this year's key..................")

	it := iter.New(ctx, fetch, func(o *iter.Options) { o.Signer, o.Limit = iter.NewSigner(oldKey), 2 })
	_, _ = iter.Collect(it.All())
	rotated := iter.NewSigner(newKey, oldKey)
	rest, err := iter.Collect(iter.New(ctx, fetch, func(o *iter.Options) { o.Signer, o.Cursor = rotated, it.Cursor() }).All())
	fmt.Println(seqs(rest), err)
	// Output: [3 4 5] <nil>
}

func ExampleOptions() {
	db := postsDB(5)
	it := iter.New(context.Background(), queryPosts(db, "go", false), func(o *iter.Options) {
		o.PageSize = 2           // Limit of each request
		o.Limit = 3              // items yielded in all
		o.NoPrefetch = true      // one request at a time
		o.ReadUnitsPerSecond = 5 // PynamoDB's rate_limit
	})
	posts, err := iter.Collect(it.All())
	fmt.Println(seqs(posts), err)

	bad := iter.New(context.Background(), queryPosts(db, "go", false), func(o *iter.Options) { o.PageSize = -1 })
	_, err = iter.Collect(bad.All())
	fmt.Println(errors.Is(err, iter.ErrInvalidOptions), err)
	// Output:
	// [1 2 3] <nil>
	// true gonamo/iter: invalid options: negative page size -1
}

// The requests of a run, as the fetch receives them.
func ExampleRequest() {
	db := postsDB(10)
	fetch := queryPosts(db, "go", true) // odd posts only
	logged := func(ctx context.Context, req iter.Request) (iter.Page[Post], error) {
		start := "start"
		if req.ExclusiveStartKey != nil {
			start = "after " + req.ExclusiveStartKey["seq"].(*types.AttributeValueMemberN).Value
		}
		fmt.Println(start, "limit", req.Limit)
		return fetch(ctx, req)
	}
	// With no PageSize, each request asks for the items still missing.
	posts, _ := iter.Collect(iter.New(context.Background(), logged, func(o *iter.Options) { o.Limit = 4 }).All())
	fmt.Println(seqs(posts))
	// Output:
	// start limit 4
	// after 4 limit 2
	// after 6 limit 1
	// [1 3 5 7]
}

// A Fetch can serve pages from anything, here a slice.
func ExamplePage() {
	words := []string{"a", "b", "c", "d", "e"}
	fetch := func(_ context.Context, req iter.Request) (iter.Page[string], error) {
		start := 0
		if k, ok := req.ExclusiveStartKey["i"].(*types.AttributeValueMemberN); ok {
			n, err := strconv.Atoi(k.Value)
			if err != nil {
				return iter.Page[string]{}, err
			}
			start = n + 1
		}
		end := min(start+int(req.Limit), len(words))
		var p iter.Page[string]
		for i := start; i < end; i++ {
			p.Items = append(p.Items, words[i])
			p.Keys = append(p.Keys, map[string]types.AttributeValue{"i": &types.AttributeValueMemberN{Value: strconv.Itoa(i)}})
		}
		if end < len(words) {
			p.LastEvaluatedKey = p.Keys[len(p.Keys)-1]
		}
		p.Count, p.ScannedCount = int32(len(p.Items)), int32(len(p.Items))
		return p, nil
	}
	for p, err := range iter.New(context.Background(), fetch, func(o *iter.Options) { o.PageSize = 2 }).Pages() {
		fmt.Println(p.Items, err)
	}
	// Output:
	// [a b] <nil>
	// [c d] <nil>
	// [e] <nil>
}

// A page view of a parallel scan says which segment the page is from.
func ExamplePageView() {
	db := postsDB(6)
	items := 0
	segments := map[int]bool{}
	for p, err := range iter.Parallel(context.Background(), scanPosts(db), 3).Pages() {
		if err != nil {
			fmt.Println(err)
			return
		}
		items += len(p.Items)
		segments[p.Segment] = true
	}
	fmt.Println(items, len(segments))
	// Output: 6 3
}

// Resuming after a page: the limit cut the second page after one item.
func ExamplePageView_Cursor() {
	ctx := context.Background()
	db := postsDB(7)
	fetch := queryPosts(db, "go", false)
	var last *iter.PageView[Post]
	for p, err := range iter.New(ctx, fetch, func(o *iter.Options) { o.PageSize = 3; o.Limit = 4 }).Pages() {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(seqs(p.Items))
		last = p
	}
	rest, err := iter.Collect(iter.New(ctx, fetch, func(o *iter.Options) { o.Cursor = last.Cursor() }).All())
	fmt.Println(seqs(rest), err)
	// Output:
	// [1 2 3]
	// [4]
	// [5 6 7] <nil>
}

// A Fetch runs one Query (or Scan) with the Request's start key, limit and
// segment, and decodes the items with their keys: see queryPosts above.
func ExampleFetch() {
	db := postsDB(3)
	var fetch iter.Fetch[Post] = queryPosts(db, "go", false)
	page, err := fetch(context.Background(), iter.Request{Limit: 2})
	last := page.LastEvaluatedKey["seq"].(*types.AttributeValueMemberN).Value
	fmt.Println(seqs(page.Items), len(page.Keys), last, err)
	// Output: [1 2] 2 2 <nil>
}

// A cursor replayed on another table is refused with a typed error.
func ExampleCursorError() {
	ctx := context.Background()
	db := postsDB(5)
	fetch := queryPosts(db, "go", false)
	it := iter.New(ctx, fetch, func(o *iter.Options) { o.Scope, o.Limit = "posts", 2 })
	_, _ = iter.Collect(it.All())

	_, err := iter.Collect(iter.New(ctx, fetch, func(o *iter.Options) { o.Scope, o.Cursor = "posts/by_author", it.Cursor() }).All())
	var ce *iter.CursorError
	if errors.As(err, &ce) {
		fmt.Println(ce.Reason)
	}
	fmt.Println(errors.Is(err, iter.ErrInvalidCursor))
	// Output:
	// wrong scope
	// true
}

func ExampleCursorError_Error() {
	err := &iter.CursorError{Reason: iter.CursorMalformed, Err: errors.New("unexpected end of JSON input")}
	fmt.Println(err.Error())
	// Output: gonamo/iter: invalid cursor: malformed: unexpected end of JSON input
}

func ExampleCursorError_Unwrap() {
	cause := errors.New("cause")
	err := error(&iter.CursorError{Reason: iter.CursorMalformed, Err: cause})
	fmt.Println(errors.Is(err, iter.ErrInvalidCursor), errors.Is(err, cause))
	// Output: true true
}

// Expired cursors are refused; a clock makes that testable. A cursor
// expires CursorTTL after Cursor made it.
func ExampleCursorReason() {
	ctx := context.Background()
	db := postsDB(5)
	fetch := queryPosts(db, "go", false)
	now := aws.Time(mustTime("2026-01-02T15:04:05Z"))
	opts := func(o *iter.Options) {
		o.Signer = iter.NewSigner([]byte("k"))
		o.CursorTTL = 3600e9 // one hour
		o.Now = func() time.Time { return *now }
	}
	it := iter.New(ctx, fetch, opts, func(o *iter.Options) { o.Limit = 2 })
	_, _ = iter.Collect(it.All())
	cursor := it.Cursor() // expires an hour from now
	*now = now.Add(2 * time.Hour)
	_, err := iter.Collect(iter.New(ctx, fetch, opts, func(o *iter.Options) { o.Cursor = cursor }).All())
	var ce *iter.CursorError
	fmt.Println(errors.As(err, &ce) && ce.Reason == iter.CursorExpired)
	for _, r := range []iter.CursorReason{iter.CursorMalformed, iter.CursorUnsigned, iter.CursorBadSignature, iter.CursorExpired, iter.CursorWrongScope, iter.CursorWrongSegments} {
		fmt.Print(r, "; ")
	}
	fmt.Println()
	// Output:
	// true
	// malformed; unsigned; bad signature; expired; wrong scope; wrong segments;
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ExampleCheckKey() {
	item := map[string]types.AttributeValue{
		"pk":   &types.AttributeValueMemberS{Value: "p"},
		"sk":   &types.AttributeValueMemberN{Value: "1"},
		"note": &types.AttributeValueMemberS{Value: "not a key"},
	}
	fmt.Println(iter.CheckKey(item, []string{"pk", "sk"}))
	fmt.Println(iter.CheckKey(item, []string{"pk", "gsi_pk"}))
	item["sk"] = &types.AttributeValueMemberS{Value: "\xff"}
	fmt.Println(iter.CheckKey(item, []string{"pk", "sk"}))
	// Output:
	// <nil>
	// no key attribute gsi_pk
	// attribute "sk": attribute value of unknown type or not valid UTF-8
}
