package expr_test

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/value"
)

func Example() {
	ctx := expr.NewContext(
		map[string]string{"#c": "count"},
		map[string]types.AttributeValue{
			":one": &types.AttributeValueMemberN{Value: "1"},
			":max": &types.AttributeValueMemberN{Value: "10"},
		},
	)
	cond, err := ctx.Condition(expr.ConditionExpression, "attribute_not_exists(#c) OR #c < :max")
	if err != nil {
		panic(err)
	}
	upd, err := ctx.Update("SET #c = if_not_exists(#c, :one) + :one")
	if err != nil {
		panic(err)
	}
	if err := ctx.CheckUnused(); err != nil {
		panic(err)
	}

	item := value.Item{"id": &types.AttributeValueMemberS{Value: "a"}}
	for cond.Eval(item) {
		if item, err = upd.Apply(item); err != nil {
			panic(err)
		}
	}
	fmt.Println(item["count"].(*types.AttributeValueMemberN).Value)

	_, err = ctx.Update("SET count = :one")
	fmt.Println(value.Message(err))
	// Output:
	// 10
	// Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: count
}
