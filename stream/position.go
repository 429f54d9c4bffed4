package stream

import (
	"encoding/json"
	"fmt"
	"time"
)

// Position is where a Consumer starts reading: TrimHorizon (the default),
// Latest, AtToken or AtTime.
type Position struct {
	kind  positionKind
	token Token
	at    time.Time
}

type positionKind int

const (
	posTrimHorizon positionKind = iota
	posLatest
	posToken
	posTime
)

// TrimHorizon starts with the oldest record the stream keeps (records live
// 24 hours), in every shard.
func TrimHorizon() Position { return Position{kind: posTrimHorizon} }

// Latest starts after the newest record: only changes made from now on are
// read. A shard of which nothing was read yet keeps this position in a
// Token, and resuming from it starts again at the then newest record.
func Latest() Position { return Position{kind: posLatest} }

// AtToken resumes exactly after the last record yielded before the token
// was taken (see Consumer.Token).
func AtToken(t Token) Position { return Position{kind: posToken, token: t.clone()} }

// AtTime starts with the first record created at or after t. DynamoDB
// Streams cannot seek by time, so every shard is read from its trim
// horizon and the older records are skipped: this costs as much as reading
// up to 24 hours of changes. Creation times are approximate (DynamoDB Local
// rounds them down to the minute).
func AtTime(t time.Time) Position { return Position{kind: posTime, at: t} }

// Token is a Consumer's position in its stream, per shard, exactly after
// the last record yielded. It is JSON-serialisable: store it and later
// resume with AtToken. Treat its content as opaque.
type Token struct {
	// StreamArn is the stream the token belongs to.
	StreamArn string `json:"stream_arn"`
	// Since is the time of AtTime for shards still looking for their first
	// record at or after it.
	Since time.Time `json:"since,omitzero"`
	// Shards are the shards being read or finished without known children.
	Shards []ShardPosition `json:"shards"`
}

// ShardPosition is the position of a Token in one shard.
type ShardPosition struct {
	// ShardID names the shard.
	ShardID string `json:"shard_id"`
	// After is the sequence number of the last record yielded from (or,
	// while seeking a time, skipped in) the shard; empty when none was.
	After string `json:"after,omitempty"`
	// At is the sequence number of the first record not yet yielded, for
	// a shard started at "latest" that received records but yielded none;
	// used when After is empty.
	At string `json:"at,omitempty"`
	// Start says where the shard is read from when After is empty:
	// "trim_horizon" (or empty), "latest" or "time" (from the trim horizon,
	// skipping records older than Token.Since).
	Start string `json:"start,omitempty"`
	// Done is true for a shard read to its end.
	Done bool `json:"done,omitempty"`
	// Since, when set, replaces Token.Since for this shard.
	Since time.Time `json:"since,omitzero"`
	// LatestAt is when the position of a shard read from "latest" was
	// taken, while none of its records has been seen. Resuming reads the
	// shard from the trim horizon, skipping the records created more than
	// LatestMargin before it: no record written after the token was taken
	// is lost, and a few written just before may be yielded. It is read
	// from Options.Now, which must agree within LatestMargin with the clock
	// of the DynamoDB serving the stream: a consumer of a dynamotest DB on
	// a clock of its own needs that clock.
	LatestAt time.Time `json:"latest_at,omitzero"`
}

// LatestMargin is how long before ShardPosition.LatestAt a resumed shard
// starts: it covers the rounding of the creation times DynamoDB gives
// records (down to the minute in DynamoDB Local) and a difference between
// the consumer's clock and DynamoDB's.
const LatestMargin = 2 * time.Minute

// Values of ShardPosition.Start.
const (
	startTrimHorizon = "trim_horizon"
	startLatest      = "latest"
	startTime        = "time"
)

func (t Token) clone() Token {
	t.Shards = append([]ShardPosition(nil), t.Shards...)
	return t
}

// check validates a token read back from storage.
func (t Token) check() error {
	if t.StreamArn == "" {
		return fmt.Errorf("%w: no stream ARN", ErrInvalidToken)
	}
	seen := map[string]bool{}
	for _, p := range t.Shards {
		if p.ShardID == "" {
			return fmt.Errorf("%w: shard without ID", ErrInvalidToken)
		}
		if seen[p.ShardID] {
			return fmt.Errorf("%w: shard %s twice", ErrInvalidToken, p.ShardID)
		}
		seen[p.ShardID] = true
		for _, seq := range []string{p.After, p.At} {
			for _, c := range seq {
				if c < '0' || c > '9' {
					return fmt.Errorf("%w: shard %s: sequence number %q", ErrInvalidToken, p.ShardID, seq)
				}
			}
		}
		switch p.Start {
		case "", startTrimHorizon, startLatest, startTime:
		default:
			return fmt.Errorf("%w: shard %s: start %q", ErrInvalidToken, p.ShardID, p.Start)
		}
	}
	return nil
}

// String returns the token as JSON.
func (t Token) String() string {
	b, _ := json.Marshal(t) // strings, a time and booleans always marshal
	return string(b)
}

// ParseToken reads a token from its JSON form, as String and json.Marshal
// write it; a malformed one is an error wrapping ErrInvalidToken.
func ParseToken(s string) (Token, error) {
	var t Token
	if err := json.Unmarshal([]byte(s), &t); err != nil {
		return Token{}, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	if err := t.check(); err != nil {
		return Token{}, err
	}
	return t, nil
}
