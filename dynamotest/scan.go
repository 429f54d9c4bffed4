package dynamotest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/gonamo/gonamo/internal/borrow"
)

// Scan reads every item of a table or index in storage order (the hash
// order of partition keys), with DynamoDB's Limit, 1 MB page limit, filter,
// projection and parallel-scan segments: segments are disjoint ranges of the
// partition-key hash space, so together they cover every item exactly once.
func (db *DB) Scan(ctx context.Context, in *dynamodb.ScanInput, optFns ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	const op = "Scan"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	in, err := legacyScan(in)
	if err != nil {
		return nil, wrap(op, err)
	}
	seg, total, err := segments(in.Segment, in.TotalSegments)
	if err != nil {
		return nil, wrap(op, err)
	}
	filter, proj := aws.ToString(in.FilterExpression) != "", aws.ToString(in.ProjectionExpression) != ""
	ectx, err := newContext(exprInput{in.ExpressionAttributeNames, in.ExpressionAttributeValues}, filter || proj, filter, ": FilterExpression is null")
	if err != nil {
		return nil, wrap(op, err)
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	rd, err := db.prepareRead(readReq{table: in.TableName, indexName: in.IndexName, filter: in.FilterExpression, proj: in.ProjectionExpression,
		selectMode: in.Select, limit: in.Limit, consistent: aws.ToBool(in.ConsistentRead), start: in.ExclusiveStartKey, capacity: in.ReturnConsumedCapacity}, ectx, false)
	if err != nil {
		return nil, wrap(op, err)
	}
	rd.borrow = borrow.Allowed(ctx)
	if err := ectx.CheckUnused(); err != nil {
		return nil, wrap(op, err)
	}
	if rd.start != nil && segmentOf(rd.start.h, total) != seg {
		return nil, wrap(op, validationf("The provided Exclusive start key does not map to the provided segment"))
	}
	tree, less := rd.tree()
	p := rd.visit(func(yield func(*entry) bool) {
		visit := func(e *entry) bool {
			if segmentOf(e.h, total) != seg {
				return false
			}
			if rd.start != nil && !less(rd.start, e) {
				return true
			}
			return yield(e)
		}
		if rd.start != nil {
			tree.AscendGreaterOrEqual(rd.start, visit)
			return
		}
		tree.AscendGreaterOrEqual(&entry{h: segmentStart(seg, total)}, visit)
	}, false)
	items, lek, cc := rd.output(p)
	return &dynamodb.ScanOutput{Items: items, Count: p.count, ScannedCount: p.scanned, LastEvaluatedKey: lek, ConsumedCapacity: cc}, nil
}

// segments validates Segment and TotalSegments; without them the scan is
// one segment of one.
func segments(segment, total *int32) (int, int, error) {
	switch {
	case segment == nil && total == nil:
		return 0, 1, nil
	case segment == nil:
		return 0, 0, validationf("If total segments is specified, a particular segment must also be specified for this request")
	case total == nil:
		return 0, 0, validationf("If segment is specified, total segment must also be specified")
	}
	s, t := int(*segment), int(*total)
	if s < 0 || s >= t {
		return 0, 0, validationf("1 validation error detected: Value '%d' at 'segment' failed to satisfy constraint: Member must have value less than or equal to %d", s, t-1)
	}
	if t > 1000000 {
		return 0, 0, validationf("1 validation error detected: Value '%d' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000", t)
	}
	return s, t, nil
}
