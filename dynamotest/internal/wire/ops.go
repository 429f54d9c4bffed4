package wire

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// operation pairs the input and output types of one DynamoDB operation.
type operation struct {
	input, output reflect.Type // struct types
}

func op[In, Out any]() operation {
	return operation{input: reflect.TypeFor[In](), output: reflect.TypeFor[Out]()}
}

// operations are the DynamoDB operations dynamotest serves, by name.
var operations = map[string]operation{
	"CreateTable":        op[dynamodb.CreateTableInput, dynamodb.CreateTableOutput](),
	"DeleteTable":        op[dynamodb.DeleteTableInput, dynamodb.DeleteTableOutput](),
	"DescribeTable":      op[dynamodb.DescribeTableInput, dynamodb.DescribeTableOutput](),
	"ListTables":         op[dynamodb.ListTablesInput, dynamodb.ListTablesOutput](),
	"UpdateTable":        op[dynamodb.UpdateTableInput, dynamodb.UpdateTableOutput](),
	"UpdateTimeToLive":   op[dynamodb.UpdateTimeToLiveInput, dynamodb.UpdateTimeToLiveOutput](),
	"DescribeTimeToLive": op[dynamodb.DescribeTimeToLiveInput, dynamodb.DescribeTimeToLiveOutput](),
	"PutItem":            op[dynamodb.PutItemInput, dynamodb.PutItemOutput](),
	"GetItem":            op[dynamodb.GetItemInput, dynamodb.GetItemOutput](),
	"UpdateItem":         op[dynamodb.UpdateItemInput, dynamodb.UpdateItemOutput](),
	"DeleteItem":         op[dynamodb.DeleteItemInput, dynamodb.DeleteItemOutput](),
	"Query":              op[dynamodb.QueryInput, dynamodb.QueryOutput](),
	"Scan":               op[dynamodb.ScanInput, dynamodb.ScanOutput](),
	"BatchGetItem":       op[dynamodb.BatchGetItemInput, dynamodb.BatchGetItemOutput](),
	"BatchWriteItem":     op[dynamodb.BatchWriteItemInput, dynamodb.BatchWriteItemOutput](),
	"TransactGetItems":   op[dynamodb.TransactGetItemsInput, dynamodb.TransactGetItemsOutput](),
	"TransactWriteItems": op[dynamodb.TransactWriteItemsInput, dynamodb.TransactWriteItemsOutput](),
}

// Operations returns the names of the operations DecodeInput and
// DecodeOutput know, sorted.
func Operations() []string {
	names := make([]string, 0, len(operations))
	for name := range operations {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// DecodeInput decodes the request body of operation op ("PutItem") into a
// new input (*dynamodb.PutItemInput). An unknown op is an error; body
// errors are as for Unmarshal.
func DecodeInput(op string, body []byte) (any, error) {
	o, ok := operations[op]
	if !ok {
		return nil, fmt.Errorf("wire: unknown operation %q", op)
	}
	return decodeNew(o.input, body)
}

// DecodeOutput decodes the response body of operation op into a new output
// (*dynamodb.PutItemOutput), as the SDK client would.
func DecodeOutput(op string, body []byte) (any, error) {
	o, ok := operations[op]
	if !ok {
		return nil, fmt.Errorf("wire: unknown operation %q", op)
	}
	return decodeNew(o.output, body)
}

func decodeNew(t reflect.Type, body []byte) (any, error) {
	v := reflect.New(t).Interface()
	if err := Unmarshal(body, v); err != nil {
		return nil, err
	}
	return v, nil
}
