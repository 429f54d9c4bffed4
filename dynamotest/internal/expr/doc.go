// Package expr is the expression engine of dynamotest: it parses,
// validates and evaluates DynamoDB's condition, filter, key condition,
// update and projection expressions, with the results and the
// ValidationException messages of DynamoDB (as DynamoDB Local 3.3.1 gives
// them).
//
// A request's ExpressionAttributeNames and ExpressionAttributeValues go into
// a Context; every expression of the request is parsed through it, and
// CheckUnused then reports placeholders that no expression used:
//
//	ctx := expr.NewContext(in.ExpressionAttributeNames, in.ExpressionAttributeValues)
//	cond, err := ctx.Condition(expr.ConditionExpression, *in.ConditionExpression)
//	upd, err := ctx.Update(*in.UpdateExpression)
//	err = ctx.CheckUnused()
//
// Parsing is a hand-written lexer and recursive-descent parser that stops
// at the token where DynamoDB's ANTLR parser stops, so that syntax errors
// name the same token. Validation then runs the passes DynamoDB runs, in
// its order (see validate.go), so that an expression with several problems
// gets the same message. The values returned are immutable and safe for
// concurrent evaluation.
package expr
