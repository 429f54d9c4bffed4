package dynamotest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/aws/smithy-go"
)

// StreamOptions configure the fake's DynamoDB Streams.
type StreamOptions struct {
	// ShardRecords closes a stream's open shard as soon as it holds this
	// many records and opens a child shard that names it as its parent, so
	// that tests can exercise readers that follow shard lineage. Zero, the
	// default, keeps one shard per stream until Streams.SplitShard is
	// called, as DynamoDB Local does.
	ShardRecords int
}

// Streams is the DynamoDB Streams API of a DB, served from the change log
// of its tables. Its methods have the signatures of
// *dynamodbstreams.Client's, so it satisfies any interface written for the
// SDK client, and NewServer answers the same operations under the target
// prefix "DynamoDBStreams_20120810".
//
// A table created or updated with a StreamSpecification gets a stream whose
// ARN is the table's LatestStreamArn. Every committed change of an item is
// a record of the stream current at the time, shaped as DynamoDB Local
// shapes it: eventName INSERT, MODIFY or REMOVE, eventSource
// "aws:dynamodb", eventVersion "1.1", awsRegion Options.Region, the images
// the stream's view type asks for, SizeBytes, a 21-digit SequenceNumber
// that increases with every change of the table, and an
// ApproximateCreationDateTime rounded down to the minute. Deletions by
// DB.ExpireItems carry the UserIdentity of the TTL service.
//
// A stream has one open shard at a time; StreamOptions.ShardRecords and
// SplitShard close it and open a child. Disabling the stream closes its
// last shard and marks it DISABLED; enabling it again creates a new stream
// with a new label and ARN. Iterators expire 15 minutes after they are
// handed out and records older than 24 hours are trimmed, both measured on
// the DB's clock (Options.Now); closed shards and disabled streams vanish
// 24 hours after their last record. Unlike DynamoDB, which keeps serving
// the streams of a deleted table for 24 hours, the streams of a table go
// away with it.
//
// A Streams value is a view of its DB: it holds no state of its own and
// is safe for concurrent use.
type Streams struct {
	db *DB
}

// Streams returns the DynamoDB Streams API of db.
func (db *DB) Streams() *Streams { return &Streams{db: db} }

// Limits and fixed values of DynamoDB Streams.
const (
	streamsServiceID       = "DynamoDB Streams"
	maxListStreams         = 100
	maxDescribeShards      = 100
	maxGetRecords          = 1000
	maxRecordsBytes        = 1 << 20
	streamIteratorLifetime = 15 * time.Minute
	streamRetention        = 24 * time.Hour
	minShardIDLength       = 28
	maxShardIDLength       = 65
	minSeqNumberLength     = 21
	maxSeqNumberLength     = 40
)

// wrapStreams wraps err as the SDK wraps the errors of a Streams operation.
func wrapStreams(op string, err error) error {
	if err == nil {
		return nil
	}
	return &smithy.OperationError{ServiceID: streamsServiceID, OperationName: op, Err: err}
}

func errStreamNotFound(arn string) error {
	return &streamtypes.ResourceNotFoundException{Message: aws.String("Requested resource not found: Stream: " + arn + " not found")}
}

func errTrimmed() error {
	return &streamtypes.TrimmedDataAccessException{Message: aws.String("The operation attempted to read past the oldest stream record in a shard.")}
}

// checkStreamLimit validates an optional Limit, which defaults to and may
// not exceed most, with the message DynamoDB Local gives when it does.
func checkStreamLimit(limit *int32, most int, tooLarge string) (int, error) {
	if limit == nil {
		return most, nil
	}
	switch l := int(*limit); {
	case l < 1:
		return 0, validationf("1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1", l)
	case l > most:
		return 0, validationf("%s", tooLarge)
	default:
		return l, nil
	}
}

// ListStreams lists the streams of every table, or of TableName, enabled
// and disabled. Pages are taken in stream ARN order, ExclusiveStartStreamArn
// naming the last ARN of the previous page, and each page lists the newest
// streams first, as DynamoDB Local does.
func (s *Streams) ListStreams(ctx context.Context, in *dynamodbstreams.ListStreamsInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.ListStreamsOutput, error) {
	const op = "ListStreams"
	db := s.db
	if in == nil {
		in = &dynamodbstreams.ListStreamsInput{}
	}
	if err := db.enter(ctx, op); err != nil {
		return nil, wrapStreams(op, err)
	}
	limit, err := checkStreamLimit(in.Limit, maxListStreams, "One or more parameter values were invalid: Limit cannot be greater than the maximum allowed size: 100")
	if err != nil {
		return nil, wrapStreams(op, err)
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	now := db.now()
	var all []*stream
	for _, t := range db.streamTables(in.TableName) {
		for _, st := range db.tableStreams(t) {
			if st.visible(now) {
				all = append(all, st)
			}
		}
	}
	slices.SortFunc(all, func(a, b *stream) int { return strings.Compare(a.arn, b.arn) })
	if in.ExclusiveStartStreamArn != nil {
		all = slices.DeleteFunc(all, func(st *stream) bool { return st.arn <= *in.ExclusiveStartStreamArn })
	}
	out := &dynamodbstreams.ListStreamsOutput{Streams: []streamtypes.Stream{}}
	if len(all) > limit {
		all = all[:limit]
		out.LastEvaluatedStreamArn = aws.String(all[limit-1].arn)
	}
	slices.SortStableFunc(all, func(a, b *stream) int { return b.created.Compare(a.created) })
	for _, st := range all {
		out.Streams = append(out.Streams, streamtypes.Stream{
			StreamArn: aws.String(st.arn), StreamLabel: aws.String(st.label), TableName: aws.String(st.t.name),
		})
	}
	return out, nil
}

// DescribeStream describes a stream: its status, view type, key schema and
// shards in creation order, each with its sequence number range and
// parent. Limit and ExclusiveStartShardId page the shards; ShardFilter
// CHILD_SHARDS keeps the children of one shard.
func (s *Streams) DescribeStream(ctx context.Context, in *dynamodbstreams.DescribeStreamInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.DescribeStreamOutput, error) {
	const op = "DescribeStream"
	db := s.db
	if in == nil {
		in = &dynamodbstreams.DescribeStreamInput{}
	}
	if err := db.enter(ctx, op); err != nil {
		return nil, wrapStreams(op, err)
	}
	limit, err := checkStreamLimit(in.Limit, maxDescribeShards, "One or more parameter values were invalid: Limit cannot be greater than the maximum: 100")
	if err != nil {
		return nil, wrapStreams(op, err)
	}
	if id := in.ExclusiveStartShardId; id != nil {
		if err := checkStreamLength("exclusiveStartShardId", *id, minShardIDLength, maxShardIDLength); err != nil {
			return nil, wrapStreams(op, err)
		}
	}
	if f := in.ShardFilter; f != nil && f.Type != streamtypes.ShardFilterTypeChildShards {
		return nil, wrapStreams(op, validationf("1 validation error detected: Value 'null' at 'shardFilter.type' failed to satisfy constraint: Member must be CHILD_SHARDS"))
	}
	if in.StreamArn == nil {
		return nil, wrapStreams(op, validationf("Invalid StreamArn"))
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	now := db.now()
	st := db.findStream(*in.StreamArn)
	if st == nil || !st.visible(now) {
		return nil, wrapStreams(op, errStreamNotFound(*in.StreamArn))
	}
	d := &streamtypes.StreamDescription{
		StreamArn:               aws.String(st.arn),
		StreamLabel:             aws.String(st.label),
		StreamStatus:            streamtypes.StreamStatusDisabled,
		StreamViewType:          streamtypes.StreamViewType(st.view),
		CreationRequestDateTime: aws.Time(st.created),
		TableName:               aws.String(st.t.name),
		KeySchema:               streamKeySchema(st.t),
		Shards:                  []streamtypes.Shard{},
	}
	if st.open {
		d.StreamStatus = streamtypes.StreamStatusEnabled
	}
	var shards []*shard
	for _, sh := range db.shards(st) {
		switch {
		case !sh.visible(now):
		case in.ExclusiveStartShardId != nil && sh.id <= *in.ExclusiveStartShardId:
		case in.ShardFilter != nil && (in.ShardFilter.ShardId == nil || sh.parent != *in.ShardFilter.ShardId):
		default:
			shards = append(shards, sh)
		}
	}
	if len(shards) > limit {
		shards = shards[:limit]
		d.LastEvaluatedShardId = aws.String(shards[limit-1].id)
	}
	for _, sh := range shards {
		d.Shards = append(d.Shards, sh.describe())
	}
	return &dynamodbstreams.DescribeStreamOutput{StreamDescription: d}, nil
}

// checkStreamLength validates the length of a string parameter.
func checkStreamLength(member, v string, shortest, longest int) error {
	switch {
	case len(v) < shortest:
		return validationf("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", v, member, shortest)
	case len(v) > longest:
		return validationf("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", v, member, longest)
	}
	return nil
}

// GetShardIterator returns an iterator for reading a shard from a position:
// its oldest untrimmed record (TRIM_HORIZON), just after its newest record
// (LATEST), a sequence number (AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER) or
// the first record committed at or after a time (AT_TIMESTAMP). The
// iterator is an opaque string valid for 15 minutes of the DB's clock.
func (s *Streams) GetShardIterator(ctx context.Context, in *dynamodbstreams.GetShardIteratorInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error) {
	const op = "GetShardIterator"
	db := s.db
	if in == nil {
		in = &dynamodbstreams.GetShardIteratorInput{}
	}
	if err := db.enter(ctx, op); err != nil {
		return nil, wrapStreams(op, err)
	}
	if err := checkIteratorInput(in); err != nil {
		return nil, wrapStreams(op, err)
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	now := db.now()
	st := db.findStream(*in.StreamArn)
	if st == nil || !st.visible(now) {
		return nil, wrapStreams(op, &streamtypes.ResourceNotFoundException{Message: aws.String("Stream does not exist")})
	}
	var sh *shard
	for _, x := range db.shards(st) {
		if x.id == *in.ShardId && x.visible(now) {
			sh = x
		}
	}
	if sh == nil {
		return nil, wrapStreams(op, &streamtypes.ResourceNotFoundException{Message: aws.String("Shard does not exist")})
	}
	trimmed := trimmedThrough(st.t, now)
	var pos uint64
	switch in.ShardIteratorType {
	case streamtypes.ShardIteratorTypeTrimHorizon:
		pos = max(sh.start, trimmed+1)
	case streamtypes.ShardIteratorTypeLatest:
		pos = sh.latest(st.t)
	case streamtypes.ShardIteratorTypeAtTimestamp:
		if in.Timestamp.After(now) {
			return nil, wrapStreams(op, validationf("One or more parameter values were invalid: Timestamp cannot be in the future"))
		}
		pos = sh.atTime(st, *in.Timestamp, max(sh.start, trimmed+1))
	default:
		seq, ok := parseSeq(*in.SequenceNumber)
		if in.ShardIteratorType == streamtypes.ShardIteratorTypeAfterSequenceNumber {
			ok = ok && seq < maxStreamSeq
			pos = seq + 1
		} else {
			pos = seq
		}
		if !ok || seq < sh.start || sh.closed && seq > sh.shownEnd() {
			return nil, wrapStreams(op, validationf("Invalid SequenceNumber for the shard"))
		}
		if pos <= trimmed && (!sh.closed || pos <= sh.end) {
			return nil, wrapStreams(op, errTrimmed())
		}
	}
	it := shardIterator{arn: st.arn, shard: sh.id, pos: pos, created: now.UnixMilli()}
	return &dynamodbstreams.GetShardIteratorOutput{ShardIterator: aws.String(it.String())}, nil
}

// checkIteratorInput validates GetShardIterator's parameters in the order
// DynamoDB Local does.
func checkIteratorInput(in *dynamodbstreams.GetShardIteratorInput) error {
	if in.ShardId == nil {
		return validationf("No ShardId specified.")
	}
	typ := in.ShardIteratorType
	if !slices.Contains(typ.Values(), typ) {
		shown := string(typ)
		if typ == "" {
			shown = "null"
		}
		return validationf("1 validation error detected: Value '%s' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP]", shown)
	}
	if n := in.SequenceNumber; n != nil {
		if err := checkStreamLength("sequenceNumber", *n, minSeqNumberLength, maxSeqNumberLength); err != nil {
			return err
		}
	}
	switch typ {
	case streamtypes.ShardIteratorTypeAtSequenceNumber, streamtypes.ShardIteratorTypeAfterSequenceNumber:
		if in.SequenceNumber == nil {
			return validationf("One or more parameter values were invalid: Invalid SequenceNumber")
		}
	default:
		if in.SequenceNumber != nil {
			return validationf("One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type")
		}
		if typ == streamtypes.ShardIteratorTypeAtTimestamp && in.Timestamp == nil {
			return validationf("One or more parameter values were invalid: Invalid Timestamp")
		}
	}
	if in.StreamArn == nil {
		return validationf("One or more parameter values were invalid: streamArn cannot be empty or null.")
	}
	return nil
}

// GetRecords reads up to Limit records (at most 1000 and 1 MB) from a shard
// iterator's position and returns them with the iterator of the next
// position. NextShardIterator is absent once a closed shard has been read
// to its end. An iterator older than 15 minutes fails with
// ExpiredIteratorException, one whose position has been trimmed with
// TrimmedDataAccessException.
func (s *Streams) GetRecords(ctx context.Context, in *dynamodbstreams.GetRecordsInput, optFns ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error) {
	const op = "GetRecords"
	db := s.db
	if in == nil {
		in = &dynamodbstreams.GetRecordsInput{}
	}
	if err := db.enter(ctx, op); err != nil {
		return nil, wrapStreams(op, err)
	}
	it, ok := parseShardIterator(aws.ToString(in.ShardIterator))
	if !ok {
		return nil, wrapStreams(op, validationf("Invalid ShardIterator"))
	}
	now := db.now()
	if now.UnixMilli()-it.created > streamIteratorLifetime.Milliseconds() {
		return nil, wrapStreams(op, &streamtypes.ExpiredIteratorException{Message: aws.String("")})
	}
	limit, err := checkStreamLimit(in.Limit, maxGetRecords, "One or more parameter values were invalid: Limit should be less than or equal to 1000")
	if err != nil {
		return nil, wrapStreams(op, err)
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	st := db.findStream(it.arn)
	if st == nil {
		return nil, wrapStreams(op, errStreamNotFound(it.arn))
	}
	var sh *shard
	for _, x := range db.shards(st) {
		if x.id == it.shard {
			sh = x
		}
	}
	if sh == nil {
		return nil, wrapStreams(op, &streamtypes.ResourceNotFoundException{Message: aws.String("Invalid ShardId in ShardIterator")})
	}
	if it.pos < sh.start || it.pos <= trimmedThrough(st.t, now) && (!sh.closed || it.pos <= sh.end) {
		return nil, wrapStreams(op, errTrimmed())
	}
	out := &dynamodbstreams.GetRecordsOutput{Records: []streamtypes.Record{}}
	next, size, full := it.pos, 0, false
	log := st.t.log
	for i := firstAtOrAfter(log, it.pos); i < len(log) && (!sh.closed || log[i].Seq <= sh.end); i++ {
		c := &log[i]
		if c.stream == st.label {
			r, n := db.streamRecord(st.t, c)
			if len(out.Records) == limit || len(out.Records) > 0 && size+n > maxRecordsBytes {
				full = true
				break
			}
			out.Records = append(out.Records, r)
			size += n
		}
		next = c.Seq + 1
	}
	if !full {
		if sh.closed {
			return out, nil // the shard is read to its end
		}
		next = max(next, st.t.nextSeq+1)
	}
	it = shardIterator{arn: st.arn, shard: sh.id, pos: next, created: now.UnixMilli()}
	out.NextShardIterator = aws.String(it.String())
	return out, nil
}

// SplitShard closes the open shard of the enabled stream of a table and
// opens a child shard that names it as its parent, as DynamoDB does from
// time to time; it returns the child's shard ID. The closed shard ends with
// the table's latest record, or is empty when it has none.
func (s *Streams) SplitShard(tableName string) (string, error) {
	db := s.db
	db.mu.Lock()
	defer db.mu.Unlock()
	t, ok := db.tables[tableName]
	if !ok {
		return "", fmt.Errorf("dynamotest: SplitShard: no table %q", tableName)
	}
	if t.stream == nil {
		return "", fmt.Errorf("dynamotest: SplitShard: table %q has no enabled stream", tableName)
	}
	db.streamState().split(db, t, shardSplit{after: t.nextSeq, at: db.now()})
	for _, st := range db.tableStreams(t) {
		if st.open {
			shards := db.shards(st)
			return shards[len(shards)-1].id, nil
		}
	}
	return "", fmt.Errorf("dynamotest: SplitShard: table %q has no enabled stream", tableName)
}

// streamsOperations are the DynamoDB Streams operations NewHandler serves
// under the target prefix "DynamoDBStreams_20120810".
var streamsOperations = map[string]operation{
	"ListStreams":      serveStreams((*Streams).ListStreams),
	"DescribeStream":   serveStreams((*Streams).DescribeStream),
	"GetShardIterator": serveStreams((*Streams).GetShardIterator),
	"GetRecords":       serveStreams((*Streams).GetRecords),
}

// serveStreams adapts a Streams method, taken as a method expression such
// as (*Streams).GetRecords, to an operation.
func serveStreams[In, Out, Opts any](method func(*Streams, context.Context, *In, ...func(*Opts)) (*Out, error)) operation {
	return serve(func(db *DB, ctx context.Context, in *In, optFns ...func(*Opts)) (*Out, error) {
		return method(db.Streams(), ctx, in, optFns...)
	})
}
