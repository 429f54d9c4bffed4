package iter

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// A cursor is base64url(JSON payload), followed when signed by "." and
// base64url(HMAC-SHA256 of the first part). The payload records the scope,
// the expiry time, the segment layout and, per segment, the key of the last
// item handed out (or of the last page's LastEvaluatedKey), in DynamoDB's
// JSON format.

// cursorVersion is the payload format; other versions are refused.
const cursorVersion = 1

type cursorPayload struct {
	V     int               `json:"v"`
	Scope string            `json:"sc,omitempty"`
	Exp   int64             `json:"exp,omitempty"` // Unix milliseconds
	Total int               `json:"n,omitempty"`   // TotalSegments, 0 if not segmented
	Seg   int               `json:"g,omitempty"`   // the segment of a single-segment cursor
	Par   bool              `json:"p,omitempty"`   // a merged parallel scan's cursor
	Key   map[string]avJSON `json:"k,omitempty"`   // plain or single segment: resume after Key
	Segs  []segmentPayload  `json:"s,omitempty"`   // parallel: one per segment
}

type segmentPayload struct {
	Done bool              `json:"d,omitempty"`
	Key  map[string]avJSON `json:"k,omitempty"`
}

// layout is the segment layout of a run, which its cursors must match.
type layout struct {
	parallel bool
	total    int // TotalSegments, 0 when not segmented
	segment  int // New's segment
}

// positions returns the number of positions a run of this layout tracks.
func (l layout) positions() int {
	if l.parallel {
		return l.total
	}
	return 1
}

// segmentOf returns the segment number of position i.
func (l layout) segmentOf(i int) int {
	if l.parallel {
		return i
	}
	return l.segment
}

// position is where one segment (or the whole plain run) stands.
type position struct {
	key   map[string]types.AttributeValue // resume after key; nil: from the start
	names []string                        // when set, the attributes of key that make the key
	done  bool                            // nothing left to read
}

// resumeKey returns the key to resume after: key, restricted to names
// when they are set.
func (p position) resumeKey() map[string]types.AttributeValue {
	if p.names == nil {
		return p.key
	}
	k := make(map[string]types.AttributeValue, len(p.names))
	for _, name := range p.names {
		k[name] = p.key[name]
	}
	return k
}

// codec holds what encoding and decoding cursors need from the Options.
type codec struct {
	scope  string
	signer *Signer
	ttl    time.Duration
	now    func() time.Time
}

// cursorState is a run's position: enough to encode a cursor.
type cursorState struct {
	codec  *codec
	layout layout
	pos    []position
}

// encode returns the cursor of the state, or "" when every position is
// done.
func (c *cursorState) encode() string {
	p := cursorPayload{V: cursorVersion, Scope: c.codec.scope, Total: c.layout.total, Par: c.layout.parallel}
	if c.codec.ttl > 0 {
		p.Exp = c.codec.now().Add(c.codec.ttl).UnixMilli()
	}
	done := true
	if c.layout.parallel {
		p.Segs = make([]segmentPayload, len(c.pos))
		for i, s := range c.pos {
			p.Segs[i] = segmentPayload{Done: s.done, Key: keyToJSON(s.resumeKey())}
			done = done && s.done
		}
	} else {
		p.Seg = c.layout.segment
		p.Key = keyToJSON(c.pos[0].resumeKey())
		done = c.pos[0].done
	}
	if done {
		return ""
	}
	raw, err := json.Marshal(p)
	if err != nil {
		// Unreachable: every key was checked by checkKey when its page
		// arrived, and the payload holds nothing else that can fail.
		panic("gonamo/iter: encoding a cursor: " + err.Error())
	}
	text := base64.RawURLEncoding.EncodeToString(raw)
	if c.codec.signer != nil {
		text += "." + base64.RawURLEncoding.EncodeToString(c.codec.signer.sign(text))
	}
	return text
}

// decode parses cursor into the positions of a run of layout l. "" is the
// start of the run.
func (c *codec) decode(cursor string, l layout) ([]position, error) {
	pos := make([]position, l.positions())
	if cursor == "" {
		return pos, nil
	}
	text, sigText, signed := strings.Cut(cursor, ".")
	if c.signer != nil {
		if !signed {
			return nil, cursorError(CursorUnsigned, nil)
		}
		sig, err := base64.RawURLEncoding.Strict().DecodeString(sigText)
		if err != nil || !c.signer.verify(text, sig) {
			return nil, cursorError(CursorBadSignature, nil)
		}
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(text)
	if err != nil {
		return nil, cursorError(CursorMalformed, err)
	}
	var p cursorPayload
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, cursorError(CursorMalformed, err)
	}
	if dec.More() {
		return nil, cursorError(CursorMalformed, errors.New("data after the payload"))
	}
	if p.V != cursorVersion {
		return nil, cursorError(CursorMalformed, fmt.Errorf("unsupported version %d", p.V))
	}
	if p.Exp != 0 && !c.now().Before(time.UnixMilli(p.Exp)) {
		return nil, cursorError(CursorExpired, nil)
	}
	if p.Scope != c.scope {
		return nil, cursorError(CursorWrongScope, nil)
	}
	if p.Par != l.parallel || p.Total != l.total || (!l.parallel && p.Seg != l.segment) {
		return nil, cursorError(CursorWrongSegments, nil)
	}
	if l.parallel {
		if p.Key != nil || len(p.Segs) != l.total {
			return nil, cursorError(CursorMalformed, fmt.Errorf("%d segment positions for %d segments", len(p.Segs), l.total))
		}
		for i, s := range p.Segs {
			if s.Done && s.Key != nil {
				return nil, cursorError(CursorMalformed, fmt.Errorf("segment %d both done and at a key", i))
			}
			if pos[i].key, err = keyFromJSON(s.Key); err != nil {
				return nil, cursorError(CursorMalformed, err)
			}
			pos[i].done = s.Done
		}
		return pos, nil
	}
	if p.Segs != nil {
		return nil, cursorError(CursorMalformed, errors.New("segment positions in a single cursor"))
	}
	if pos[0].key, err = keyFromJSON(p.Key); err != nil {
		return nil, cursorError(CursorMalformed, err)
	}
	return pos, nil
}

// runState tracks the position of one run as the consumer is handed items.
// The consumer's goroutine updates it; Iterator.Cursor may read it from
// anywhere.
type runState struct {
	mu     sync.Mutex
	state  cursorState
	origin string // the cursor the run started from
	moved  bool   // whether any position changed since the start
	cache  string
	cached bool
}

// advance records that the consumer was handed the first n items of a page
// of position i (n == len(keys) for the whole page, 0 for an empty one).
// After a whole page the position is its LastEvaluatedKey, which skips the
// items the filter dropped after the last item returned; if there is none,
// the position is done. Inside a page it is the key of item n-1.
func (r *runState) advance(i int, keys []map[string]types.AttributeValue, names []string, lastEvaluated map[string]types.AttributeValue, n int) {
	r.mu.Lock()
	p := &r.state.pos[i]
	switch {
	case n < len(keys):
		p.key, p.names = keys[n-1], names
	case len(lastEvaluated) == 0:
		p.key, p.names, p.done = nil, nil, true
	default:
		p.key, p.names = lastEvaluated, nil
	}
	r.moved, r.cached = true, false
	r.mu.Unlock()
}

// cursor returns the run's cursor: the one it started from while nothing
// moved, else the encoded position ("" once everything was read).
func (r *runState) cursor() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.moved && r.origin != "" {
		return r.origin
	}
	if !r.cached {
		r.cache, r.cached = r.state.encode(), true
	}
	return r.cache
}

// snapshot returns a copy of the current position.
func (r *runState) snapshot() *cursorState {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.state
	s.pos = append([]position(nil), s.pos...)
	return &s
}
