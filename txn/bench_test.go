package txn_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/txn"
)

// BenchmarkTransfer compares a two-update transaction built with txn to
// the same request written by hand for the SDK, both on dynamotest.
func BenchmarkTransfer(b *testing.B) {
	ctx := context.Background()
	db := gonamo.New(dynamotest.New())
	bank := bankTable(b, db)
	for _, id := range []string{"alice", "bob"} {
		if err := bank.Put(ctx, &BankStatement{UserID: id, Balance: 1 << 30}); err != nil {
			b.Fatal(err)
		}
	}
	// The fake remembers every client request token: the SDK variant
	// numbers its tokens across the runs of its function, so that none
	// replays an earlier transaction.
	n := 0
	b.Run("impl=txn", func(b *testing.B) {
		for b.Loop() {
			err := txn.Write(ctx, db,
				txn.Update(bank, &BankStatement{UserID: "alice"}, balance.Add(-1), gonamo.If(balance.Ge(1))),
				txn.Update(bank, &BankStatement{UserID: "bob"}, balance.Add(1)))
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		client, name := db.Client(), bank.Name()
		key := func(id string) map[string]types.AttributeValue {
			return map[string]types.AttributeValue{"user_id": &types.AttributeValueMemberS{Value: id}}
		}
		for b.Loop() {
			n++
			_, err := client.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{
				ClientRequestToken: aws.String("bench-" + strconv.Itoa(n)),
				TransactItems: []types.TransactWriteItem{
					{Update: &types.Update{TableName: &name, Key: key("alice"), UpdateExpression: aws.String("ADD #0 :0"),
						ConditionExpression:      aws.String("#0 >= :1"),
						ExpressionAttributeNames: map[string]string{"#0": "account_balance"},
						ExpressionAttributeValues: map[string]types.AttributeValue{
							":0": &types.AttributeValueMemberN{Value: "-1"}, ":1": &types.AttributeValueMemberN{Value: "1"}},
						ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}},
					{Update: &types.Update{TableName: &name, Key: key("bob"), UpdateExpression: aws.String("ADD #0 :0"),
						ExpressionAttributeNames:            map[string]string{"#0": "account_balance"},
						ExpressionAttributeValues:           map[string]types.AttributeValue{":0": &types.AttributeValueMemberN{Value: "1"}},
						ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}},
				}})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRead compares a two-item read transaction with txn to the
// same TransactGetItems and decoding written by hand.
func BenchmarkRead(b *testing.B) {
	ctx := context.Background()
	db := gonamo.New(dynamotest.New())
	bank := bankTable(b, db)
	for _, id := range []string{"alice", "bob"} {
		if err := bank.Put(ctx, &BankStatement{UserID: id, Balance: 7, Active: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("impl=txn", func(b *testing.B) {
		for b.Loop() {
			a, c := &BankStatement{UserID: "alice"}, &BankStatement{UserID: "bob"}
			if err := txn.Read(ctx, db, txn.Get(bank, a), txn.Get(bank, c)); err != nil || c.Balance != 7 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		client, name := db.Client(), bank.Name()
		get := func(id string) types.TransactGetItem {
			return types.TransactGetItem{Get: &types.Get{TableName: &name,
				Key: map[string]types.AttributeValue{"user_id": &types.AttributeValueMemberS{Value: id}}}}
		}
		for b.Loop() {
			out, err := client.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{get("alice"), get("bob")}})
			if err != nil {
				b.Fatal(err)
			}
			var got [2]BankStatement
			for i, r := range out.Responses {
				got[i].UserID = r.Item["user_id"].(*types.AttributeValueMemberS).Value
				got[i].Balance, _ = strconv.Atoi(r.Item["account_balance"].(*types.AttributeValueMemberN).Value)
				got[i].Active = r.Item["is_active"].(*types.AttributeValueMemberBOOL).Value
			}
			if got[1].Balance != 7 {
				b.Fatal(got)
			}
		}
	})
}
