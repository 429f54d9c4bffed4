package dynamotest

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/gonamo/gonamo/internal/value"
)

// wrap returns err as the SDK returns operation errors: inside a
// *smithy.OperationError naming the service and operation, so errors.As
// finds the same exception types as with *dynamodb.Client.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &smithy.OperationError{ServiceID: "DynamoDB", OperationName: op, Err: err}
}

func validationf(format string, args ...any) error { return value.Validation(format, args...) }

func errTableNotFound() error {
	return &types.ResourceNotFoundException{Message: aws.String("Cannot do operations on a non-existent table")}
}

func errIndexNotFound(table, index string) error {
	return validationf("The table does not have the specified index: %s", index)
}

func errConditionFailed(item value.Item) error {
	return &types.ConditionalCheckFailedException{Message: aws.String("The conditional request failed"), Item: item}
}

func apiError(code, format string, args ...any) error {
	return &smithy.GenericAPIError{Code: code, Message: fmt.Sprintf(format, args...), Fault: smithy.FaultClient}
}
