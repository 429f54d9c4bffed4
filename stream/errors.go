package stream

import (
	"errors"
	"fmt"
)

var (
	// ErrNoStream: the table has no stream (or DescribeTable shows none).
	ErrNoStream = errors.New("gonamo: table has no stream")
	// ErrInvalidToken: a token that cannot be resumed: malformed, or of
	// another stream than the one Options.StreamArn names.
	ErrInvalidToken = errors.New("gonamo: invalid stream token")
	// ErrInvalidOptions: options a Consumer cannot work with, such as a
	// nil table or client or a negative poll interval.
	ErrInvalidOptions = errors.New("gonamo: invalid stream options")
)

// TrimmedError reports records lost to the stream's 24-hour retention: the
// position to read a shard from is older than the oldest record DynamoDB
// keeps, or the shard itself is gone. Under TrimFail it ends the loop; under
// TrimContinue it is passed to Options.OnTrimmed and the shard is read from
// its trim horizon (or, gone, skipped).
type TrimmedError struct {
	// ShardID is the shard whose records were lost.
	ShardID string
	// After is the sequence number of the last record read from the
	// shard, empty when none was.
	After string
	// Gone is true when the shard itself no longer exists.
	Gone bool
	// Err is DynamoDB's error, a *types.TrimmedDataAccessException or a
	// *types.ResourceNotFoundException of the Streams API, when there was
	// one.
	Err error
}

func (e *TrimmedError) Error() string {
	what := "records trimmed"
	if e.Gone {
		what = "shard gone"
	}
	after := ""
	if e.After != "" {
		after = " after " + e.After
	}
	msg := fmt.Sprintf("gonamo: stream shard %s: %s%s", e.ShardID, what, after)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *TrimmedError) Unwrap() error { return e.Err }
