package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/iter"
)

// Post is the item of the query benchmark: a partition of posts in a
// forum, sorted by sequence number.
type Post struct {
	Forum  string  `dynamodbav:"forum"`
	Seq    int64   `dynamodbav:"seq"`
	Title  string  `dynamodbav:"title"`
	Author string  `dynamodbav:"author"`
	Views  int64   `dynamodbav:"views"`
	Score  float64 `dynamodbav:"score"`
	Active bool    `dynamodbav:"active"`
}

var (
	postForum = attr.String("forum", func(p *Post) *string { return &p.Forum })
	postSeq   = attr.Number("seq", func(p *Post) *int64 { return &p.Seq })
)

// queryItems is the number of items the query benchmark reads.
const queryItems = 10_000

// postsTable returns a table of queryItems posts in forum "go" on a fresh
// fake.
func postsTable(tb testing.TB) *gonamo.Table[Post] {
	ctx := context.Background()
	db := gonamo.New(dynamotest.New())
	posts, err := gonamo.NewTable(db, "posts", gonamo.Key(postForum, postSeq), gonamo.Attrs[Post](
		attr.String("title", func(p *Post) *string { return &p.Title }),
		attr.String("author", func(p *Post) *string { return &p.Author }),
		attr.Number("views", func(p *Post) *int64 { return &p.Views }),
		attr.Number("score", func(p *Post) *float64 { return &p.Score }),
		attr.Bool("active", func(p *Post) *bool { return &p.Active }),
	))
	if err != nil {
		tb.Fatal(err)
	}
	if err := posts.Create(ctx); err != nil {
		tb.Fatal(err)
	}
	for i := range queryItems {
		p := &Post{Forum: "go", Seq: int64(i), Title: fmt.Sprintf("post number %d", i), Author: fmt.Sprintf("author%d", i%97),
			Views: int64(i * 7), Score: float64(i) / 3, Active: i%2 == 0}
		if err := posts.Put(ctx, p); err != nil {
			tb.Fatal(err)
		}
	}
	return posts
}

// sdkQuery reads forum "go" with the SDK's query paginator and decodes each
// page with attributevalue.UnmarshalListOfMaps, calling f on every post.
func sdkQuery(ctx context.Context, client dynamodb.QueryAPIClient, table string, f func(*Post)) error {
	pages := dynamodb.NewQueryPaginator(client, &dynamodb.QueryInput{
		TableName:                 aws.String(table),
		KeyConditionExpression:    aws.String("#f = :f"),
		ExpressionAttributeNames:  map[string]string{"#f": "forum"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":f": &types.AttributeValueMemberS{Value: "go"}},
	})
	for pages.HasMorePages() {
		out, err := pages.NextPage(ctx)
		if err != nil {
			return err
		}
		var posts []Post
		if err := attributevalue.UnmarshalListOfMaps(out.Items, &posts); err != nil {
			return err
		}
		for i := range posts {
			f(&posts[i])
		}
	}
	return nil
}

// TestQueryPathsAgree checks that both paths of the benchmark read the same
// 10,000 posts.
func TestQueryPathsAgree(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	posts := postsTable(t)
	var viaSDK []Post
	is.NoErr(sdkQuery(ctx, posts.DB().Client(), posts.Name(), func(p *Post) { viaSDK = append(viaSDK, *p) }))
	viaGonamo, err := posts.Query(postForum.Eq("go")).Collect(ctx)
	is.NoErr(err)
	is.Equal(len(viaSDK), queryItems)
	is.Equal(viaGonamo, viaSDK)
}

var sinkViews int64

// cannedClient serves the pages of one query, recorded from dynamotest,
// as they are: it stands for a backend that costs nothing, so that a
// benchmark on it measures only the client side (paging and decoding).
// Neither path modifies the items it is given.
type cannedClient struct {
	*dynamotest.DB
	pages []*dynamodb.QueryOutput
}

// recordPages runs the query of sdkQuery on client and keeps its pages.
func recordPages(tb testing.TB, client gonamo.Client, table string) cannedClient {
	c := cannedClient{DB: client.(*dynamotest.DB)}
	pages := dynamodb.NewQueryPaginator(client, &dynamodb.QueryInput{
		TableName:                 aws.String(table),
		KeyConditionExpression:    aws.String("#f = :f"),
		ExpressionAttributeNames:  map[string]string{"#f": "forum"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":f": &types.AttributeValueMemberS{Value: "go"}},
	})
	for pages.HasMorePages() {
		out, err := pages.NextPage(context.Background())
		if err != nil {
			tb.Fatal(err)
		}
		c.pages = append(c.pages, out)
	}
	return c
}

// Query returns the page that follows in.ExclusiveStartKey.
func (c cannedClient) Query(_ context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	i := 0
	if in.ExclusiveStartKey != nil {
		seq := in.ExclusiveStartKey["seq"].(*types.AttributeValueMemberN).Value
		for i < len(c.pages) && c.pages[i].LastEvaluatedKey["seq"].(*types.AttributeValueMemberN).Value != seq {
			i++
		}
		i++
	}
	out := *c.pages[i]
	return &out, nil
}

// BenchmarkQuery10k iterates the 10,000 posts of one partition: gonamo's
// Query (with its default prefetch, and without) against the SDK's query
// paginator and attributevalue.UnmarshalListOfMaps. backend=dynamotest
// reads them from the fake, which copies every item it returns to the SDK
// path, while gonamo, whose Post schema decodes into copies, reads the
// stored items in place (see dynamotest's package doc); backend=canned
// replays the fake's pages, so only the client side counts.
func BenchmarkQuery10k(b *testing.B) {
	posts := postsTable(b)
	b.Run("backend=dynamotest", func(b *testing.B) { benchQueryPaths(b, posts) })
	canned := recordPages(b, posts.DB().Client(), posts.Name())
	cannedPosts, err := gonamo.NewTable(gonamo.New(canned), posts.Name(), gonamo.Key(postForum, postSeq), gonamo.Attrs(posts.Schema().Fields()...))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("backend=canned", func(b *testing.B) { benchQueryPaths(b, cannedPosts) })
}

func benchQueryPaths(b *testing.B, posts *gonamo.Table[Post]) {
	ctx := context.Background()
	b.Run("path=sdk", func(b *testing.B) {
		for b.Loop() {
			var total int64
			if err := sdkQuery(ctx, posts.DB().Client(), posts.Name(), func(p *Post) { total += p.Views }); err != nil {
				b.Fatal(err)
			}
			sinkViews = total
		}
	})
	for _, prefetch := range []bool{true, false} {
		b.Run(fmt.Sprintf("path=gonamo/prefetch=%v", prefetch), func(b *testing.B) {
			q := posts.Query(postForum.Eq("go")).Paging(func(o *iter.Options) { o.NoPrefetch = !prefetch })
			for b.Loop() {
				var total int64
				for p, err := range q.All(ctx) {
					if err != nil {
						b.Fatal(err)
					}
					total += p.Views
				}
				sinkViews = total
			}
		})
	}
}

// TestCannedPagesReplay checks that the canned backend replays the whole
// query for both paths.
func TestCannedPagesReplay(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	posts := postsTable(t)
	canned := recordPages(t, posts.DB().Client(), posts.Name())
	n := 0
	is.NoErr(sdkQuery(ctx, canned, posts.Name(), func(*Post) { n++ }))
	is.Equal(n, queryItems)
	cannedPosts, err := gonamo.NewTable(gonamo.New(canned), posts.Name(), gonamo.Key(postForum, postSeq), gonamo.Attrs(posts.Schema().Fields()...))
	is.NoErr(err)
	got, err := cannedPosts.Query(postForum.Eq("go")).Collect(ctx)
	is.NoErr(err)
	is.Equal(len(got), queryItems)
	is.Equal(got[queryItems-1].Seq, int64(queryItems-1))
}
