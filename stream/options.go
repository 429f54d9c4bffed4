package stream

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
)

// TrimPolicy says what a Consumer does when records it has not read yet
// were trimmed from the stream (see TrimmedError).
type TrimPolicy int

const (
	// TrimFail yields a *TrimmedError, which ends the loop. The default.
	TrimFail TrimPolicy = iota
	// TrimContinue passes the *TrimmedError to Options.OnTrimmed and goes
	// on from the oldest record still kept.
	TrimContinue
)

// Options configure a Consumer.
type Options struct {
	// StreamArn is the stream to read. Empty, the default, takes the
	// table's latest stream from DescribeTable, or the token's stream when
	// starting AtToken.
	StreamArn string
	// Position is where reading starts; the zero value is TrimHorizon.
	Position Position
	// PollMin and PollMax bound the wait between two polls of a stream
	// that had no new record: it starts at PollMin and doubles up to
	// PollMax while the stream stays idle. Defaults: 250ms and 5s.
	PollMin, PollMax time.Duration
	// StopWhenCaughtUp ends the loop, instead of waiting for more, once a
	// poll of every shard being read found no record: for batch jobs and
	// tests. Records then resumes from where it stopped.
	StopWhenCaughtUp bool
	// Trimmed is the policy for trimmed records; TrimFail by default. A
	// shard read from its trim horizon that reports trimmed records before
	// any was read from it has lost nothing: it is read again from its
	// horizon under either policy.
	Trimmed TrimPolicy
	// OnTrimmed receives the *TrimmedError of every loss under
	// TrimContinue. It runs on the loop's goroutine.
	OnTrimmed func(*TrimmedError)
	// Limit caps the records of one GetRecords call (at most 1000, the
	// default).
	Limit int32
	// RefreshAfter is the age at which a shard iterator is replaced before
	// use; DynamoDB expires them after 15 minutes. Default: 10 minutes.
	RefreshAfter time.Duration
	// DescribeEvery is how often an idle consumer describes the stream to
	// find new shards; it also does so whenever a shard ends and before it
	// reports being caught up. Default: 10s.
	DescribeEvery time.Duration
	// Now is the consumer's clock, which ages shard iterators and dates
	// the latest positions of tokens (ShardPosition.LatestAt). Defaults
	// to time.Now; tests inject the clock of the fake.
	Now func() time.Time
	// ClientOptions are passed to every call of the Client.
	ClientOptions []func(*dynamodbstreams.Options)
}

// Defaults of Options.
const (
	defaultPollMin       = 250 * time.Millisecond
	defaultPollMax       = 5 * time.Second
	defaultRefreshAfter  = 10 * time.Minute
	defaultDescribeEvery = 10 * time.Second
	maxLimit             = 1000
)

// options applies optFns over the defaults and validates the result.
func options(optFns []func(*Options)) (Options, error) {
	var o Options
	for _, f := range optFns {
		f(&o)
	}
	bad := func(format string, a ...any) (Options, error) {
		return o, fmt.Errorf("%w: "+format, append([]any{ErrInvalidOptions}, a...)...)
	}
	switch {
	case o.PollMin < 0 || o.PollMax < 0:
		return bad("negative poll interval")
	case o.PollMin > 0 && o.PollMax > 0 && o.PollMin > o.PollMax:
		return bad("PollMin %v above PollMax %v", o.PollMin, o.PollMax)
	case o.Limit < 0 || o.Limit > maxLimit:
		return bad("Limit %d outside 1 to %d", o.Limit, maxLimit)
	case o.RefreshAfter < 0 || o.RefreshAfter >= 15*time.Minute:
		return bad("RefreshAfter %v must be under the 15 minutes iterators live", o.RefreshAfter)
	case o.DescribeEvery < 0:
		return bad("negative DescribeEvery")
	case o.Trimmed != TrimFail && o.Trimmed != TrimContinue:
		return bad("unknown trim policy %d", o.Trimmed)
	}
	if o.PollMin == 0 {
		o.PollMin = defaultPollMin
		if o.PollMax > 0 {
			o.PollMin = min(o.PollMin, o.PollMax)
		}
	}
	if o.PollMax == 0 {
		o.PollMax = max(defaultPollMax, o.PollMin)
	}
	if o.Limit == 0 {
		o.Limit = maxLimit
	}
	if o.RefreshAfter == 0 {
		o.RefreshAfter = defaultRefreshAfter
	}
	if o.DescribeEvery == 0 {
		o.DescribeEvery = defaultDescribeEvery
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Position.kind == posToken {
		if err := o.Position.token.check(); err != nil {
			return o, err
		}
		if o.StreamArn != "" && o.StreamArn != o.Position.token.StreamArn {
			return o, fmt.Errorf("%w: token of stream %s, options name %s", ErrInvalidToken, o.Position.token.StreamArn, o.StreamArn)
		}
	}
	return o, nil
}
