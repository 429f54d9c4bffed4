package dynamotest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// Transaction limits.
const (
	maxTxItems        = 100
	idempotencyWindow = 10 * time.Minute
)

// txToken remembers a committed TransactWriteItems for ClientRequestToken
// idempotency.
type txToken struct {
	fingerprint string
	at          time.Time
	out         *dynamodb.TransactWriteItemsOutput
}

// TransactWriteItems applies up to 100 Put, Update, Delete and
// ConditionCheck actions atomically: all succeed or none is applied and a
// TransactionCanceledException lists one reason per action, in order.
// A ClientRequestToken seen within 10 minutes of the DB clock with the same
// request returns the first answer without applying again; with another
// request it is an IdempotentParameterMismatchException.
func (db *DB) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, optFns ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	const op = "TransactWriteItems"
	if err := db.enter(ctx, op); err != nil {
		if _, ok := err.(conflictFault); ok {
			return nil, wrap(op, conflictCancel(len(in.TransactItems)))
		}
		return nil, wrap(op, err)
	}
	if err := checkTxLen(len(in.TransactItems), in.TransactItems == nil); err != nil {
		return nil, wrap(op, err)
	}
	if tok := aws.ToString(in.ClientRequestToken); in.ClientRequestToken != nil && (len(tok) < 1 || len(tok) > 36) {
		return nil, wrap(op, validationf("1 validation error detected: Value '%s' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36", tok))
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	var fp string
	if in.ClientRequestToken != nil {
		fp = fingerprint(in.TransactItems)
		if prev, ok := db.tokens[*in.ClientRequestToken]; ok && db.now().Sub(prev.at) < idempotencyWindow {
			if prev.fingerprint != fp {
				return nil, wrap(op, &types.IdempotentParameterMismatchException{Message: aws.String("Request parameters do not match the parameters of the idempotent request")})
			}
			return prev.out, nil
		}
	}
	ws := make([]*write, len(in.TransactItems))
	seen := map[string]bool{}
	for i, ti := range in.TransactItems {
		r, err := txWriteReq(ti)
		if err != nil {
			return nil, wrap(op, err)
		}
		w, err := db.prepare(r)
		if err != nil {
			return nil, wrap(op, err)
		}
		id := w.t.name + "\x00" + w.id
		if seen[id] {
			return nil, wrap(op, validationf("Transaction request cannot include multiple operations on one item"))
		}
		seen[id] = true
		ws[i] = w
	}
	for _, w := range ws {
		if err := w.checkKeyUpdate(); err != nil {
			// DynamoDB Local cancels with this one reason alone.
			return nil, wrap(op, cancelled([]types.CancellationReason{{Code: aws.String("ValidationError"), Message: aws.String(value.Message(err))}}))
		}
	}
	reasons := make([]types.CancellationReason, len(ws))
	failed := false
	for i, w := range ws {
		reasons[i] = types.CancellationReason{Code: aws.String("None")}
		err := w.resolve()
		var ccf *types.ConditionalCheckFailedException
		switch {
		case errors.As(err, &ccf):
			failed = true
			reasons[i] = types.CancellationReason{Code: aws.String("ConditionalCheckFailed"), Message: ccf.Message, Item: ccf.Item}
			if w.kind == kindCheck {
				// DynamoDB Local's wording for a failed ConditionCheck.
				reasons[i].Message = aws.String("The conditional request failed.")
			}
		case err != nil:
			// An action that cannot be applied to its item (a missing
			// attribute in an update's operand, a size limit) fails the
			// whole request, as with DynamoDB Local.
			return nil, wrap(op, err)
		}
	}
	if failed {
		return nil, wrap(op, cancelled(reasons))
	}
	usages := map[string]*usage{}
	for _, w := range ws {
		u := usages[w.t.name]
		if u == nil {
			u = &usage{}
			usages[w.t.name] = u
		}
		db.apply(w, u)
	}
	// DynamoDB Local charges a ConditionCheck one read unit (doubled below)
	// on a table that no other action of the transaction writes.
	for _, w := range ws {
		if u := usages[w.t.name]; w.kind == kindCheck && u.total() == 0 {
			u.table = 1
		}
	}
	out := &dynamodb.TransactWriteItemsOutput{ConsumedCapacity: reports(usages, in.ReturnConsumedCapacity)}
	if in.ClientRequestToken != nil {
		db.tokens[*in.ClientRequestToken] = txToken{fingerprint: fp, at: db.now(), out: out}
	}
	return out, nil
}

// checkTxLen checks the number of actions of a transaction.
func checkTxLen(n int, null bool) error {
	switch {
	case null:
		return validationf("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null")
	case n == 0:
		return validationf("Value [] at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1")
	case n > maxTxItems:
		return validationf("Member must have length less than or equal to %d", maxTxItems)
	}
	return nil
}

// reports renders per-table usages, doubled for transactions, in table order.
func reports(usages map[string]*usage, mode types.ReturnConsumedCapacity) []types.ConsumedCapacity {
	var out []types.ConsumedCapacity
	for _, name := range sortedTables(usages) {
		u := usages[name]
		u.scale(2)
		if cc := u.report(name, mode); cc != nil {
			out = append(out, *cc)
		}
	}
	return out
}

func txWriteReq(ti types.TransactWriteItem) (writeReq, error) {
	n := 0
	var r writeReq
	if c := ti.ConditionCheck; c != nil {
		n++
		r = writeReq{kind: kindCheck, table: c.TableName, key: c.Key, cond: c.ConditionExpression,
			exprInput: exprInput{c.ExpressionAttributeNames, c.ExpressionAttributeValues}, rvFail: c.ReturnValuesOnConditionCheckFailure}
	}
	if p := ti.Put; p != nil {
		n++
		r = writeReq{kind: kindPut, table: p.TableName, item: p.Item, cond: p.ConditionExpression,
			exprInput: exprInput{p.ExpressionAttributeNames, p.ExpressionAttributeValues}, rvFail: p.ReturnValuesOnConditionCheckFailure}
	}
	if d := ti.Delete; d != nil {
		n++
		r = writeReq{kind: kindDelete, table: d.TableName, key: d.Key, cond: d.ConditionExpression,
			exprInput: exprInput{d.ExpressionAttributeNames, d.ExpressionAttributeValues}, rvFail: d.ReturnValuesOnConditionCheckFailure}
	}
	if u := ti.Update; u != nil {
		n++
		r = writeReq{kind: kindUpdate, table: u.TableName, key: u.Key, update: u.UpdateExpression, cond: u.ConditionExpression,
			exprInput: exprInput{u.ExpressionAttributeNames, u.ExpressionAttributeValues}, rvFail: u.ReturnValuesOnConditionCheckFailure}
		if u.UpdateExpression == nil {
			return r, validationf("1 validation error detected: Value null at 'transactItems.1.member.update.updateExpression' failed to satisfy constraint: Member must not be null")
		}
	}
	if n != 1 {
		return r, validationf("TransactItems can only contain one of Check, Put, Update or Delete")
	}
	if r.rvFail != types.ReturnValuesOnConditionCheckFailureAllOld {
		r.rvFail = "" // DynamoDB Local treats any other value as NONE here
	}
	return r, nil
}

func cancelled(reasons []types.CancellationReason) error {
	codes := make([]string, len(reasons))
	for i, r := range reasons {
		codes[i] = aws.ToString(r.Code)
	}
	return &types.TransactionCanceledException{
		Message:             aws.String("Transaction cancelled, please refer cancellation reasons for specific reasons [" + strings.Join(codes, ", ") + "]"),
		CancellationReasons: reasons,
	}
}

// conflictCancel is the cancellation an injected TransactionConflict fault
// returns: the first action conflicts, the others are not evaluated.
func conflictCancel(n int) error {
	reasons := make([]types.CancellationReason, max(n, 1))
	for i := range reasons {
		reasons[i] = types.CancellationReason{Code: aws.String("None")}
	}
	reasons[0] = types.CancellationReason{Code: aws.String("TransactionConflict"), Message: aws.String("Transaction is ongoing for the item")}
	return cancelled(reasons)
}

// TransactGetItems reads up to 100 items atomically; Responses follow the
// order of TransactItems, with an empty response for a missing item.
func (db *DB) TransactGetItems(ctx context.Context, in *dynamodb.TransactGetItemsInput, optFns ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error) {
	const op = "TransactGetItems"
	if err := db.enter(ctx, op); err != nil {
		if _, ok := err.(conflictFault); ok {
			return nil, wrap(op, conflictCancel(len(in.TransactItems)))
		}
		return nil, wrap(op, err)
	}
	if err := checkTxLen(len(in.TransactItems), in.TransactItems == nil); err != nil {
		return nil, wrap(op, err)
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	out := &dynamodb.TransactGetItemsOutput{Responses: make([]types.ItemResponse, len(in.TransactItems))}
	usages := map[string]*usage{}
	seen := map[string]bool{}
	for i, ti := range in.TransactItems {
		g := ti.Get
		if g == nil {
			return nil, wrap(op, validationf("1 validation error detected: Value null at 'transactItems.%d.member.get' failed to satisfy constraint: Member must not be null", i+1))
		}
		pctx, err := newContext(exprInput{names: g.ExpressionAttributeNames}, g.ProjectionExpression != nil, false, "")
		if err != nil {
			return nil, wrap(op, err)
		}
		proj, err := projection(pctx, g.ProjectionExpression)
		if err != nil {
			return nil, wrap(op, err)
		}
		if err := pctx.CheckUnused(); err != nil {
			return nil, wrap(op, err)
		}
		t, err := db.table(g.TableName)
		if err != nil {
			return nil, wrap(op, err)
		}
		k, err := t.checkKey(g.Key)
		if err != nil {
			// DynamoDB Local reports an invalid key here as a cancellation
			// without reasons.
			return nil, wrap(op, &types.TransactionCanceledException{Message: aws.String(value.Message(err))})
		}
		if seen[t.name+"\x00"+k.id] {
			return nil, wrap(op, validationf("Transaction request cannot include multiple operations on one item"))
		}
		seen[t.name+"\x00"+k.id] = true
		e := t.get(k.id)
		u := usages[t.name]
		if u == nil {
			u = &usage{}
			usages[t.name] = u
		}
		u.table += readUnits(sizeOf(e), true)
		if e != nil {
			out.Responses[i].Item = project(e.item, proj)
		}
	}
	out.ConsumedCapacity = reports(usages, in.ReturnConsumedCapacity)
	return out, nil
}

// fingerprint renders a transaction deterministically, to compare the
// requests that share a ClientRequestToken.
func fingerprint(items []types.TransactWriteItem) string {
	var b strings.Builder
	str := func(s *string) { fmt.Fprintf(&b, "%q;", aws.ToString(s)) }
	for _, ti := range items {
		r, _ := txWriteReq(ti)
		fmt.Fprintf(&b, "%d;", r.kind)
		str(r.table)
		str(r.update)
		str(r.cond)
		writeItem(&b, r.item)
		writeItem(&b, r.key)
		for _, k := range sortedTables(r.names) {
			fmt.Fprintf(&b, "%q=%q;", k, r.names[k])
		}
		writeItem(&b, r.values)
		fmt.Fprintf(&b, "%s|", r.rvFail)
	}
	return b.String()
}

func writeItem(b *strings.Builder, it value.Item) {
	keys := sortedTables(it)
	b.WriteByte('{')
	for _, k := range keys {
		fmt.Fprintf(b, "%q:", k)
		writeValue(b, it[k])
	}
	b.WriteByte('}')
}

func writeValue(b *strings.Builder, av types.AttributeValue) {
	switch x := av.(type) {
	case *types.AttributeValueMemberM:
		writeItem(b, x.Value)
	case *types.AttributeValueMemberL:
		b.WriteByte('[')
		for _, v := range x.Value {
			writeValue(b, v)
		}
		b.WriteByte(']')
	default:
		c, err := value.Canonical(av)
		if err != nil {
			c = av
		}
		fmt.Fprintf(b, "%s%#v;", value.TypeName(c), c)
	}
}
