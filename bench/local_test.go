package bench

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"
)

// localClient returns a client of the DynamoDB (Local) named by
// GONAMO_TEST_ENDPOINT, and a table (keys id and sk) deleted when the test
// ends; it skips the test when the variable is not set.
func localClient(t *testing.T) (*dynamodb.Client, string) {
	t.Helper()
	endpoint := os.Getenv("GONAMO_TEST_ENDPOINT")
	if endpoint == "" {
		t.Skip("set GONAMO_TEST_ENDPOINT to a DynamoDB Local endpoint to run on it")
	}
	c := dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}, nil
		}),
	})
	name := fmt.Sprintf("bench_%08x", rand.Uint32())
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:   aws.String(name),
		BillingMode: types.BillingModePayPerRequest,
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
		},
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeS},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = c.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	return c, name
}

// sortSets puts the sets of m in order: DynamoDB does not keep it.
func sortSets(m *Medium) {
	slices.Sort(m.Tags)
	slices.Sort(m.Nums)
}

// TestCodecsOnDynamoDB stores the Large item written by every codec in
// DynamoDB and reads it back with the same codec.
func TestCodecsOnDynamoDB(t *testing.T) {
	c, table := localClient(t)
	cs, err := LargeCodecs()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, codec := range cs {
		t.Run(codec.Name, func(t *testing.T) {
			is := is.New(t)
			want := NewLarge()
			want.ID = "codec-" + codec.Name
			m, err := codec.Encode(want)
			is.NoErr(err)
			_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: m})
			is.NoErr(err)
			out, err := c.GetItem(ctx, &dynamodb.GetItemInput{
				TableName:      aws.String(table),
				Key:            map[string]types.AttributeValue{"id": m["id"], "sk": m["sk"]},
				ConsistentRead: aws.Bool(true),
			})
			is.NoErr(err)
			var got Large
			is.NoErr(codec.Decode(out.Item, &got))
			sortSets(&got.Medium)
			sortSets(&want.Medium)
			is.Equal(diffItems(&got.Medium, &want.Medium), "")
			is.Equal(got.Events, want.Events)
		})
	}
}

// TestRenderersOnDynamoDB runs the UpdateItem of every renderer on its own
// copy of the Medium item and checks that DynamoDB accepts it and leaves
// the same item, then that the condition fails once the version moved on.
func TestRenderersOnDynamoDB(t *testing.T) {
	c, table := localClient(t)
	ctx := context.Background()
	want := NewMedium()
	in := NewExprInput()
	want.Name, want.Score, want.Nick, want.Version = in.Name, in.Score, nil, want.Version+1
	want.Tags = append(want.Tags, in.Tag)
	sortSets(want)
	for _, r := range Renderers() {
		t.Run(r.Name, func(t *testing.T) {
			is := is.New(t)
			item := NewMedium()
			item.ID = "expr-" + r.Name
			m, err := HandEncodeMedium(item)
			is.NoErr(err)
			_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: m})
			is.NoErr(err)
			e, err := r.Render(in)
			is.NoErr(err)
			update := &dynamodb.UpdateItemInput{
				TableName:                 aws.String(table),
				Key:                       map[string]types.AttributeValue{"id": m["id"], "sk": m["sk"]},
				ConditionExpression:       aws.String(e.Condition),
				UpdateExpression:          aws.String(e.Update),
				ExpressionAttributeNames:  e.Names,
				ExpressionAttributeValues: e.Values,
				ReturnValues:              types.ReturnValueAllNew,
			}
			out, err := c.UpdateItem(ctx, update)
			is.NoErr(err)
			var got Medium
			is.NoErr(HandDecodeMedium(out.Attributes, &got))
			sortSets(&got)
			w := *want
			w.ID = item.ID
			is.Equal(diffItems(&got, &w), "")

			_, err = c.UpdateItem(ctx, update) // version is now 4, not 3
			var ccf *types.ConditionalCheckFailedException
			is.True(errors.As(err, &ccf))
		})
	}
}
