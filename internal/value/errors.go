package value

import (
	"fmt"

	"github.com/aws/smithy-go"
)

// Validation returns a ValidationException API error with the formatted
// message, as DynamoDB returns it for invalid requests.
func Validation(format string, args ...any) error {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &smithy.GenericAPIError{Code: "ValidationException", Message: msg, Fault: smithy.FaultClient}
}

// Message returns the message of an API error, or err.Error() for other errors.
func Message(err error) string {
	if e, ok := err.(smithy.APIError); ok {
		return e.ErrorMessage()
	}
	return err.Error()
}
