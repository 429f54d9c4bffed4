package stream

import (
	"context"
	"errors"
	"fmt"
	stditer "iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/internal/wait"
)

// Consumer reads the stream of a table as one ordered sequence of typed
// records, hiding its shards. Build it with New; iterate with Records; take
// a Token to resume later. A Consumer is not safe for concurrent use: run
// one loop at a time, and call Token from the loop's goroutine.
type Consumer[T any] struct {
	table  *gonamo.Table[T]
	client Client
	opts   Options

	started   bool
	arn       string
	since     time.Time
	shards    map[string]*shard
	order     []*shard // in the order the stream describes them: parents first
	described time.Time
	wait      time.Duration
	cv        *converter
}

// shard is the reading state of one shard.
type shard struct {
	id, parent string
	start      string // startTrimHorizon, startLatest or startTime
	at         string // first record fetched from a "latest" shard, until one is yielded
	after      string // last record yielded (or skipped while seeking)
	fetched    string // last record fetched
	iter       *string
	iterAt     time.Time
	buf        []streamtypes.Record
	exhausted  bool      // read to its end
	done       bool      // exhausted and every record yielded
	seeking    bool      // skipping records older than since
	since      time.Time // for startTime: the records created before it are skipped
	latestAt   time.Time // for startLatest: when its first iterator was asked for
	hadBuf     bool      // had records at the start of the merge
}

// New returns a consumer of the stream of table, read through client (a
// *dynamodbstreams.Client, or dynamotest's DB.Streams()). It calls nothing
// yet: the stream is found and described when Records first runs. Invalid
// options are an error wrapping ErrInvalidOptions (or ErrInvalidToken).
func New[T any](table *gonamo.Table[T], client Client, optFns ...func(*Options)) (*Consumer[T], error) {
	if table == nil {
		return nil, fmt.Errorf("%w: nil table", ErrInvalidOptions)
	}
	if client == nil {
		return nil, fmt.Errorf("%w: nil client", ErrInvalidOptions)
	}
	o, err := options(optFns)
	if err != nil {
		return nil, err
	}
	return &Consumer[T]{table: table, client: client, opts: o, shards: map[string]*shard{}, wait: o.PollMin, cv: newConverter(table.Schema())}, nil
}

// StreamArn returns the ARN of the stream read, empty before Records has
// found it.
func (c *Consumer[T]) StreamArn() string { return c.arn }

// Records returns the records of the stream in order: every shard after
// its parent, the records of the shards being read merged by creation time
// then sequence number, so that the changes of one item come in the order
// they were made. When every shard is read up to its newest record, it
// polls again after a wait that grows from Options.PollMin to PollMax, or
// stops under Options.StopWhenCaughtUp. It stops when ctx ends, yielding
// ctx's error.
//
// An error is yielded once and ends the loop: DynamoDB's errors wrapped
// with the operation, a *TrimmedError, a *DecodeError (its record counts as
// consumed). The consumer keeps its place: calling Records again (after a
// break, an error or catching up) goes on after the last record yielded.
func (c *Consumer[T]) Records(ctx context.Context) stditer.Seq2[Record[T], error] {
	return func(yield func(Record[T], error) bool) {
		var zero Record[T]
		if !c.started {
			if err := c.init(ctx); err != nil {
				yield(zero, err)
				return
			}
			c.started = true
		}
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			progress, err := c.round(ctx, yield)
			if err == errStop {
				return
			}
			if err != nil {
				yield(zero, err)
				return
			}
			if progress {
				c.wait = c.opts.PollMin
				continue
			}
			// Nothing new: look for new shards before waiting or stopping.
			if c.opts.StopWhenCaughtUp || c.opts.Now().Sub(c.described) >= c.opts.DescribeEvery {
				added, err := c.refresh(ctx)
				if err != nil {
					yield(zero, err)
					return
				}
				if added {
					continue
				}
			}
			if c.opts.StopWhenCaughtUp {
				return
			}
			if err := wait.For(ctx, c.wait); err != nil {
				yield(zero, err)
				return
			}
			c.wait = min(2*c.wait, c.opts.PollMax)
		}
	}
}

// errStop is the loop body's break, passed up by round.
var errStop = errors.New("gonamo: stream loop stopped")

// active returns the shards being read: not done, their parent done or
// unknown.
func (c *Consumer[T]) active() []*shard {
	var out []*shard
	for _, s := range c.order {
		if s.done {
			continue
		}
		if p, ok := c.shards[s.parent]; ok && !p.done {
			continue
		}
		out = append(out, s)
	}
	return out
}

// round fetches the shards being read that have no buffered record and
// yields the buffered records in merged order, until a shard that had
// records runs out of them. It reports whether anything happened.
func (c *Consumer[T]) round(ctx context.Context, yield func(Record[T], error) bool) (bool, error) {
	active := c.active()
	progress := false
	for _, s := range active {
		if len(s.buf) == 0 && !s.exhausted {
			n, err := c.fetch(ctx, s)
			if err != nil {
				return false, err
			}
			progress = progress || n > 0
		}
	}
	ended := false
	for _, s := range active {
		s.hadBuf = len(s.buf) > 0
		if s.exhausted && !s.hadBuf && !s.done {
			s.done, ended = true, true
		}
	}
	for {
		var best *shard
		for _, s := range active {
			if len(s.buf) > 0 && (best == nil || before(&s.buf[0], &best.buf[0])) {
				best = s
			}
		}
		if best == nil {
			break
		}
		r := &best.buf[0]
		best.buf = best.buf[1:]
		best.after, best.at = aws.ToString(r.Dynamodb.SequenceNumber), ""
		if best.exhausted && len(best.buf) == 0 {
			best.done, ended = true, true
		}
		progress = true
		rec, err := decodeRecord(c.table.Schema(), c.cv, r, best.id, c.arn)
		if !yield(rec, err) || err != nil {
			return progress, errStop
		}
		if err := c.heartbeat(ctx, active); err != nil {
			return progress, err
		}
		if len(best.buf) == 0 && best.hadBuf && !best.exhausted {
			break // fetch it again before merging further
		}
	}
	if ended {
		// A shard ended: its children may be new.
		if _, err := c.refresh(ctx); err != nil {
			return progress, err
		}
		progress = true
	}
	return progress, nil
}

// before orders the records of two shards: creation time, then sequence
// number.
func before(a, b *streamtypes.Record) bool {
	ta, tb := aws.ToTime(a.Dynamodb.ApproximateCreationDateTime), aws.ToTime(b.Dynamodb.ApproximateCreationDateTime)
	if !ta.Equal(tb) {
		return ta.Before(tb)
	}
	return compareSeq(aws.ToString(a.Dynamodb.SequenceNumber), aws.ToString(b.Dynamodb.SequenceNumber)) < 0
}

// heartbeat keeps the iterators of the shards being read from expiring
// while the loop body takes its time. An iterator with a position (a
// record fetched, or the trim horizon) is rebuilt from it when next used
// (see fetch); one at the latest record without any record fetched yet has
// no position to rebuild from, so it is renewed now, by reading its shard,
// once older than Options.RefreshAfter.
func (c *Consumer[T]) heartbeat(ctx context.Context, active []*shard) error {
	now := c.opts.Now()
	for _, s := range active {
		if s.iter == nil || s.fetched != "" || s.start != startLatest || now.Sub(s.iterAt) < c.opts.RefreshAfter {
			continue
		}
		if _, err := c.fetch(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// fetch reads the next records of a shard into its buffer and returns how
// many it received.
func (c *Consumer[T]) fetch(ctx context.Context, s *shard) (int, error) {
	for attempt := 0; ; attempt++ {
		if s.iter != nil && c.opts.Now().Sub(s.iterAt) >= c.opts.RefreshAfter && (s.fetched != "" || s.start != startLatest) {
			s.iter = nil // too old to trust: rebuild from the position
		}
		if s.iter == nil {
			if err := c.position(ctx, s); err != nil {
				return 0, err
			}
			if s.exhausted {
				return 0, nil // gone, skipped under TrimContinue
			}
		}
		out, err := c.client.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: s.iter, Limit: aws.Int32(c.opts.Limit)}, c.opts.ClientOptions...)
		if err != nil {
			var expired *streamtypes.ExpiredIteratorException
			if errors.As(err, &expired) && attempt == 0 {
				s.iter = nil // rebuilt from the last record fetched
				continue
			}
			if ok, err := c.lost(s, err); ok && attempt < 2 {
				if err != nil || s.exhausted {
					return 0, err
				}
				continue
			}
			return 0, fmt.Errorf("gonamo: stream shard %s: %w", s.id, err)
		}
		s.iter, s.iterAt = out.NextShardIterator, c.opts.Now()
		if s.iter == nil {
			s.exhausted = true
		}
		recs := out.Records
		first := 0 // the records before it were skipped while seeking
		for i := range recs {
			r := &recs[i]
			if r.Dynamodb == nil || r.Dynamodb.SequenceNumber == nil {
				s.buffer(recs[first:i])
				return 0, fmt.Errorf("gonamo: stream shard %s: record without sequence number", s.id)
			}
			seq := *r.Dynamodb.SequenceNumber
			s.fetched = seq
			if s.seeking {
				if aws.ToTime(r.Dynamodb.ApproximateCreationDateTime).Before(s.since) {
					first = i + 1
					continue // a token keeps seeking from the trim horizon
				}
				s.seeking = false
			}
			if s.after == "" && s.at == "" && s.start == startLatest {
				s.at = seq
			}
		}
		s.buffer(recs[first:])
		return len(recs), nil
	}
}

// buffer adds records to the shard's buffer. An empty buffer becomes the
// page itself, not a copy: the records are only read, and its capacity is
// cut so that appending to it never writes into the page.
func (s *shard) buffer(recs []streamtypes.Record) {
	if len(s.buf) == 0 {
		s.buf = recs[:len(recs):len(recs)]
		return
	}
	s.buf = append(s.buf, recs...)
}

// position gets an iterator for a shard's position: after the last record
// fetched, at the first record of a "latest" shard not yielded yet, or its
// start.
func (c *Consumer[T]) position(ctx context.Context, s *shard) error {
	for attempt := 0; ; attempt++ {
		in := &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(c.arn), ShardId: aws.String(s.id)}
		switch {
		case s.fetched != "":
			in.ShardIteratorType, in.SequenceNumber = streamtypes.ShardIteratorTypeAfterSequenceNumber, aws.String(s.fetched)
		case s.at != "":
			in.ShardIteratorType, in.SequenceNumber = streamtypes.ShardIteratorTypeAtSequenceNumber, aws.String(s.at)
		case s.start == startLatest:
			in.ShardIteratorType = streamtypes.ShardIteratorTypeLatest
			if s.latestAt.IsZero() {
				s.latestAt = c.opts.Now() // before the call: no later record is older
			}
		default:
			in.ShardIteratorType = streamtypes.ShardIteratorTypeTrimHorizon
		}
		out, err := c.client.GetShardIterator(ctx, in, c.opts.ClientOptions...)
		if err != nil {
			if ok, err := c.lost(s, err); ok && attempt < 2 {
				if err != nil || s.exhausted {
					return err
				}
				continue
			}
			return fmt.Errorf("gonamo: stream shard %s: %w", s.id, err)
		}
		s.iter, s.iterAt = out.ShardIterator, c.opts.Now()
		if s.iter == nil {
			s.exhausted = true
		}
		return nil
	}
}

// lost handles an error that says records of s are gone: trimmed, or the
// shard itself. It reports whether err was one; under TrimFail it returns
// the *TrimmedError to yield, under TrimContinue it reports it to
// OnTrimmed and moves s to its trim horizon (or, gone, to its end).
func (c *Consumer[T]) lost(s *shard, err error) (bool, error) {
	var trimmed *streamtypes.TrimmedDataAccessException
	var gone *streamtypes.ResourceNotFoundException
	te := &TrimmedError{ShardID: s.id, After: s.fetched, Err: err}
	switch {
	case errors.As(err, &trimmed) && s.fetched == "" && s.at == "" && s.start != startLatest:
		// Nothing read yet from a shard read from its trim horizon: the
		// horizon moved under the iterator, which loses nothing promised.
		// Start again from it.
		s.iter = nil
		return true, nil
	case errors.As(err, &trimmed):
	case errors.As(err, &gone):
		te.Gone = true
	default:
		return false, nil
	}
	if c.opts.Trimmed == TrimFail {
		return true, te
	}
	if c.opts.OnTrimmed != nil {
		c.opts.OnTrimmed(te)
	}
	s.iter, s.fetched, s.at, s.start = nil, "", "", startTrimHorizon
	if te.Gone {
		s.exhausted = true
	}
	return true, nil
}

// describe lists the shards of the stream, every page.
func (c *Consumer[T]) describe(ctx context.Context) ([]streamtypes.Shard, error) {
	var all []streamtypes.Shard
	var from *string
	for {
		out, err := c.client.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(c.arn), ExclusiveStartShardId: from}, c.opts.ClientOptions...)
		if err != nil {
			return nil, fmt.Errorf("gonamo: stream %s: %w", c.arn, err)
		}
		d := out.StreamDescription
		if d == nil {
			return all, nil
		}
		all = append(all, d.Shards...)
		if d.LastEvaluatedShardId == nil {
			break
		}
		from = d.LastEvaluatedShardId
	}
	c.described = c.opts.Now()
	return all, nil
}

// refresh describes the stream again: shards not known yet are new and read
// from their start; finished shards no longer described are forgotten. It
// reports whether it found new shards.
func (c *Consumer[T]) refresh(ctx context.Context) (bool, error) {
	shards, err := c.describe(ctx)
	if err != nil {
		return false, err
	}
	described := map[string]bool{}
	added := false
	for _, d := range shards {
		id := aws.ToString(d.ShardId)
		described[id] = true
		if _, ok := c.shards[id]; !ok {
			c.add(d, startTrimHorizon)
			added = true
		}
	}
	kept := c.order[:0]
	for _, s := range c.order {
		if s.done && !described[s.id] {
			delete(c.shards, s.id)
			continue
		}
		kept = append(kept, s)
	}
	clear(c.order[len(kept):])
	c.order = kept
	return added, nil
}

func (c *Consumer[T]) add(d streamtypes.Shard, start string) *shard {
	s := &shard{id: aws.ToString(d.ShardId), parent: aws.ToString(d.ParentShardId), start: start}
	c.shards[s.id] = s
	c.order = append(c.order, s)
	return s
}

// init finds the stream and places every shard at the starting position.
func (c *Consumer[T]) init(ctx context.Context) error {
	pos := c.opts.Position
	c.shards, c.order = map[string]*shard{}, nil
	c.arn = c.opts.StreamArn
	if pos.kind == posToken {
		c.arn = pos.token.StreamArn
	}
	if c.arn == "" {
		arn, err := c.latestStream(ctx)
		if err != nil {
			return err
		}
		c.arn = arn
	}
	shards, err := c.describe(ctx)
	if err != nil {
		return err
	}
	switch pos.kind {
	case posTrimHorizon:
		for _, d := range shards {
			c.add(d, startTrimHorizon)
		}
	case posLatest:
		for _, d := range shards {
			s := c.add(d, startLatest)
			if d.SequenceNumberRange != nil && d.SequenceNumberRange.EndingSequenceNumber != nil {
				s.exhausted, s.done = true, true
			}
		}
	case posTime:
		c.since = pos.at
		for _, d := range shards {
			s := c.add(d, startTime)
			s.seeking, s.since = true, pos.at
		}
	case posToken:
		return c.resume(pos.token, shards)
	}
	return nil
}

// resume places the shards at a token's positions. Shards of the token
// keep their position; described shards that descend from one are new and
// read whole; those it descends from are done. A shard of the token that
// is no longer described and was not done lost its records.
func (c *Consumer[T]) resume(tok Token, shards []streamtypes.Shard) error {
	c.since = tok.Since
	inToken := map[string]ShardPosition{}
	for _, p := range tok.Shards {
		inToken[p.ShardID] = p
	}
	parent := map[string]string{}
	for _, d := range shards {
		parent[aws.ToString(d.ShardId)] = aws.ToString(d.ParentShardId)
	}
	ancestor := map[string]bool{}
	for id := range inToken {
		for p := parent[id]; p != "" && !ancestor[p]; p = parent[p] {
			ancestor[p] = true
		}
	}
	for _, d := range shards {
		id := aws.ToString(d.ShardId)
		if p, ok := inToken[id]; ok {
			s := c.add(d, p.Start)
			if s.start == "" {
				s.start = startTrimHorizon
			}
			s.after, s.fetched, s.at = p.After, p.After, p.At
			s.since = tok.Since
			if !p.Since.IsZero() {
				s.since = p.Since
			}
			if s.start == startLatest && p.After == "" && p.At == "" && !p.LatestAt.IsZero() {
				// No record of the shard was seen: read the records
				// created since the latest position was taken, so none
				// written after the token is lost.
				s.start, s.since = startTime, p.LatestAt.Add(-LatestMargin)
			}
			s.seeking = s.start == startTime && p.After == "" && p.At == ""
			s.exhausted, s.done = p.Done, p.Done
			continue
		}
		s := c.add(d, startTrimHorizon)
		if ancestor[id] {
			s.exhausted, s.done = true, true
		}
	}
	for _, p := range tok.Shards {
		if _, ok := c.shards[p.ShardID]; ok || p.Done {
			continue
		}
		te := &TrimmedError{ShardID: p.ShardID, After: p.After, Gone: true}
		if c.opts.Trimmed == TrimFail {
			return te
		}
		if c.opts.OnTrimmed != nil {
			c.opts.OnTrimmed(te)
		}
	}
	return nil
}

// latestStream returns the ARN of the table's latest stream.
func (c *Consumer[T]) latestStream(ctx context.Context) (string, error) {
	name := c.table.Name()
	out, err := c.table.DB().Client().DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	if err != nil {
		return "", fmt.Errorf("gonamo: stream of table %s: %w", name, err)
	}
	if out.Table == nil || out.Table.LatestStreamArn == nil {
		return "", fmt.Errorf("%w: %s", ErrNoStream, name)
	}
	return *out.Table.LatestStreamArn, nil
}

// Token returns the consumer's position exactly after the last record
// yielded, to resume from with AtToken; it may be taken inside the loop
// body. Before Records has started, it is the token of Options.Position
// when that is AtToken, else a token without shards that resumes nothing.
func (c *Consumer[T]) Token() Token {
	if !c.started {
		if c.opts.Position.kind == posToken {
			return c.opts.Position.token.clone()
		}
		return Token{StreamArn: c.opts.StreamArn}
	}
	t := Token{StreamArn: c.arn, Since: c.since, Shards: []ShardPosition{}}
	hasChild := map[string]bool{}
	for _, s := range c.order {
		hasChild[s.parent] = true
	}
	for _, s := range c.order {
		if s.done && hasChild[s.id] {
			continue // its children say more
		}
		p := ShardPosition{ShardID: s.id, After: s.after, At: s.at, Done: s.done}
		if s.start != startTrimHorizon {
			p.Start = s.start
		}
		switch {
		case s.start == startTime && !s.since.Equal(c.since):
			p.Since = s.since
		case s.start == startLatest && s.after == "" && s.at == "":
			p.LatestAt = s.latestAt
		}
		t.Shards = append(t.Shards, p)
	}
	return t
}
