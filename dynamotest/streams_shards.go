package dynamotest

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo/internal/value"
)

// streamLabelLayout is the layout of a stream label: the stream's creation time
// in UTC with milliseconds.
const streamLabelLayout = "2006-01-02T15:04:05.000"

// maxStreamSeq bounds the sequence numbers the fake parses; larger ones are
// beyond any record.
const maxStreamSeq = 1 << 62

// stream is one stream of a table, derived from the table's change log:
// its records are the changes committed under its label.
type stream struct {
	t       *table
	label   string
	arn     string
	created time.Time
	view    types.StreamViewType
	open    bool      // the table's enabled stream
	recs    []int     // indexes in t.log of its records, in order
	start   uint64    // sequence number of its first record, or of the next one
	retired time.Time // for a disabled stream, when it last changed
	splits  []shardSplit
}

// tableStreams returns the streams of a table in creation order: those
// named by the labels of its change log and the table's latest stream. The
// caller holds db.mu.
func (db *DB) tableStreams(t *table) []*stream {
	var out []*stream
	byLabel := map[string]*stream{}
	add := func(label string) *stream {
		st := byLabel[label]
		if st == nil {
			created, _ := time.Parse(streamLabelLayout, label)
			st = &stream{t: t, label: label, arn: db.arn(t.name, "stream", label), created: created}
			byLabel[label] = st
			out = append(out, st)
		}
		return st
	}
	for _, lv := range t.streamViews {
		add(lv.label).view = lv.view
	}
	var lastLabeled uint64
	for i := range t.log {
		c := &t.log[i]
		if c.stream == "" {
			continue
		}
		st := add(c.stream)
		st.recs = append(st.recs, i)
		st.view = c.view
		lastLabeled = c.Seq
	}
	if t.streamLabel != "" {
		add(t.streamLabel)
	}
	for _, st := range out {
		st.open = t.stream != nil && st.label == t.streamLabel
		st.splits = db.splitsOf(t, st.label)
		st.retired = st.created
		switch {
		case len(st.recs) > 0:
			st.start = t.log[st.recs[0]].Seq
			st.retired = laterOf(st.retired, t.log[st.recs[len(st.recs)-1]].Time)
		case st.open:
			st.start = t.nextSeq + 1
		default:
			// A disabled stream without records: it began after the last
			// labelled change, closed before the next one.
			st.start = lastLabeled + 1
		}
		if st.open {
			st.view = t.stream.StreamViewType
		}
		if n := len(st.splits); n > 0 {
			st.retired = laterOf(st.retired, st.splits[n-1].at)
		}
	}
	return out
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// visible reports whether a stream is still served: enabled, or disabled
// for at most the streamRetention period.
func (st *stream) visible(now time.Time) bool {
	return st.open || now.Sub(st.retired) <= streamRetention
}

// findStream returns the stream with the given ARN, or nil. The caller
// holds db.mu.
func (db *DB) findStream(arn string) *stream {
	rest, ok := strings.CutPrefix(arn, db.arn(""))
	if !ok {
		return nil
	}
	name, label, ok := strings.Cut(rest, "/stream/")
	if !ok {
		return nil
	}
	for _, t := range db.streamTables(&name) {
		for _, st := range db.tableStreams(t) {
			if st.label == label {
				return st
			}
		}
	}
	return nil
}

// shard is one shard of a stream: the records with sequence numbers from
// start to end (to the table's latest while open).
type shard struct {
	id, parent string
	start      uint64
	end        uint64 // when closed; start-1 for a shard closed empty
	closed     bool
	records    int
	created    time.Time
	closedAt   time.Time
}

// shownEnd is the EndingSequenceNumber of a closed shard; DynamoDB Local
// shows an empty one as ending where it starts.
func (sh *shard) shownEnd() uint64 {
	if sh.records == 0 {
		return sh.start
	}
	return sh.end
}

// visible reports whether a shard is still described: open, or closed for
// at most the streamRetention period.
func (sh *shard) visible(now time.Time) bool {
	return !sh.closed || now.Sub(sh.closedAt) <= streamRetention
}

// latest is the position just after the shard's newest record.
func (sh *shard) latest(t *table) uint64 {
	if sh.closed {
		return sh.shownEnd() + 1
	}
	return max(sh.start, t.nextSeq+1)
}

// atTime is the position of the shard's first record at or after from
// committed at or after ts, or the position after its newest record.
func (sh *shard) atTime(st *stream, ts time.Time, from uint64) uint64 {
	log := st.t.log
	for i := firstAtOrAfter(log, from); i < len(log) && (!sh.closed || log[i].Seq <= sh.end); i++ {
		if log[i].stream == st.label && !log[i].Time.Before(ts) {
			return log[i].Seq
		}
	}
	return max(from, sh.latest(st.t))
}

func (sh *shard) describe() streamtypes.Shard {
	d := streamtypes.Shard{
		ShardId:             aws.String(sh.id),
		SequenceNumberRange: &streamtypes.SequenceNumberRange{StartingSequenceNumber: aws.String(seqString(sh.start))},
	}
	if sh.parent != "" {
		d.ParentShardId = aws.String(sh.parent)
	}
	if sh.closed {
		d.SequenceNumberRange.EndingSequenceNumber = aws.String(seqString(sh.shownEnd()))
	}
	return d
}

// shards returns the shards of a stream in creation order. A stream starts
// with one open shard; a shard closes when it holds
// StreamOptions.ShardRecords records, at each SplitShard, and when the
// stream is disabled, and every closing but the last opens a child. Shard
// IDs have DynamoDB Local's form, shardId-<creation ms>-<8 hex digits>,
// and increase with creation. The caller holds db.mu.
func (db *DB) shards(st *stream) []*shard {
	var out []*shard
	lastMs := int64(-1)
	open := func(start uint64, at time.Time, parent string) *shard {
		ms := max(at.UnixMilli(), lastMs+1, 0)
		lastMs = ms
		sh := &shard{id: shardID(st, ms, len(out)), parent: parent, start: start, created: at}
		out = append(out, sh)
		return sh
	}
	cur := open(st.start, st.created, "")
	split := func(end uint64, at time.Time) {
		cur.closed, cur.end, cur.closedAt = true, max(end, cur.start-1), at
		cur = open(cur.end+1, at, cur.id)
	}
	perShard := db.opts.Streams.ShardRecords
	splits := st.splits
	var last *Change
	for _, i := range st.recs {
		c := &st.t.log[i]
		for len(splits) > 0 && splits[0].after < c.Seq {
			split(splits[0].after, splits[0].at)
			splits = splits[1:]
		}
		cur.records++
		last = c
		if perShard > 0 && cur.records == perShard {
			split(c.Seq, c.Time)
		}
	}
	for _, sp := range splits {
		split(sp.after, sp.at)
	}
	if !st.open {
		cur.closed, cur.end, cur.closedAt = true, cur.start-1, cur.created
		if cur.records > 0 {
			cur.end, cur.closedAt = last.Seq, last.Time
		}
	}
	return out
}

func shardID(st *stream, ms int64, n int) string {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%s/%d", st.t.name, st.label, n)
	return fmt.Sprintf("shardId-%020d-%08x", ms, h.Sum32())
}

func seqString(seq uint64) string { return fmt.Sprintf("%021d", seq) }

// parseSeq parses a sequence number of decimal digits; numbers beyond
// maxStreamSeq are taken as maxStreamSeq.
func parseSeq(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	s = strings.TrimLeft(s, "0")
	if len(s) > 19 {
		return maxStreamSeq, true
	}
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > maxStreamSeq {
		return maxStreamSeq, true
	}
	return n, true
}

// trimmedThrough returns the sequence number of the table's newest trimmed
// change: the changes older than the streamRetention period, counted from the
// oldest; 0 when none is.
func trimmedThrough(t *table, now time.Time) uint64 {
	var seq uint64
	for i := range t.log {
		if now.Sub(t.log[i].Time) <= streamRetention {
			break
		}
		seq = t.log[i].Seq
	}
	return seq
}

// firstAtOrAfter returns the index of the first change of log whose
// sequence number is pos or more.
func firstAtOrAfter(log []Change, pos uint64) int {
	return sort.Search(len(log), func(i int) bool { return log[i].Seq >= pos })
}

// shardIterator is a position in a shard. Its string form follows DynamoDB
// Local's: the stream ARN, "|001|" and the base64 of
// "<shard id>|<21-digit sequence number>|<30-digit creation ms>".
type shardIterator struct {
	arn, shard string
	pos        uint64
	created    int64 // Unix milliseconds on the DB's clock
}

const streamIteratorVersion = "|001|"

func (it shardIterator) String() string {
	payload := fmt.Sprintf("%s|%021d|%030d", it.shard, it.pos, it.created)
	return it.arn + streamIteratorVersion + base64.StdEncoding.EncodeToString([]byte(payload))
}

func parseShardIterator(s string) (shardIterator, bool) {
	arn, enc, ok := strings.Cut(s, streamIteratorVersion)
	if !ok || arn == "" {
		return shardIterator{}, false
	}
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return shardIterator{}, false
	}
	parts := strings.Split(string(b), "|")
	if len(parts) != 3 || parts[0] == "" {
		return shardIterator{}, false
	}
	pos, ok := parseSeq(parts[1])
	if !ok {
		return shardIterator{}, false
	}
	created, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return shardIterator{}, false
	}
	return shardIterator{arn: arn, shard: parts[0], pos: pos, created: created}, true
}

// ttlIdentity is the UserIdentity of deletions by time to live.
func ttlIdentity() *streamtypes.Identity {
	return &streamtypes.Identity{Type: aws.String("Service"), PrincipalId: aws.String("dynamodb.amazonaws.com")}
}

// streamRecord renders a change as a stream record and returns it with its
// size in bytes. The caller holds db.mu.
func (db *DB) streamRecord(t *table, c *Change) (streamtypes.Record, int) {
	sr := &streamtypes.StreamRecord{
		ApproximateCreationDateTime: aws.Time(c.Time.Round(0).Truncate(time.Minute)),
		Keys:                        toStreamItem(c.Keys),
		SequenceNumber:              aws.String(seqString(c.Seq)),
		StreamViewType:              streamtypes.StreamViewType(c.view),
	}
	size := c.keysSize
	newImage, oldImage, known := false, false, true
	switch c.view {
	case types.StreamViewTypeKeysOnly:
	case types.StreamViewTypeNewImage:
		newImage = true
	case types.StreamViewTypeOldImage:
		oldImage = true
	case types.StreamViewTypeNewAndOldImages:
		newImage, oldImage = true, true
	default:
		known = false // DynamoDB Local sends the keys alone, without a size
	}
	if newImage && c.New != nil {
		sr.NewImage = toStreamItem(c.New)
		size += c.newSize
	}
	if oldImage && c.Old != nil {
		sr.OldImage = toStreamItem(c.Old)
		size += c.oldSize
	}
	if known {
		sr.SizeBytes = aws.Int64(int64(size))
	}
	r := streamtypes.Record{
		AwsRegion:    aws.String(db.opts.Region),
		Dynamodb:     sr,
		EventID:      aws.String(eventID(t, c)),
		EventName:    streamtypes.OperationType(c.Event),
		EventSource:  aws.String("aws:dynamodb"),
		EventVersion: aws.String("1.1"),
	}
	if c.TTL {
		r.UserIdentity = ttlIdentity()
	}
	return r, size
}

// eventID derives a record's eventID, a UUID as DynamoDB Local's, from the
// table and the change, so that every read of a record shows the same one.
func eventID(t *table, c *Change) string {
	var b [16]byte
	for half := range 2 {
		h := fnv.New64a()
		fmt.Fprintf(h, "%d|%s|%d|%s|%d", half, t.name, t.created.UnixNano(), c.stream, c.Seq)
		v := h.Sum64()
		for i := range 8 {
			b[half*8+i] = byte(v >> (8 * i))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// streamKeySchema returns a table's key schema as Streams types.
func streamKeySchema(t *table) []streamtypes.KeySchemaElement {
	var out []streamtypes.KeySchemaElement
	for _, e := range t.keys.elements() {
		out = append(out, streamtypes.KeySchemaElement{AttributeName: aws.String(aws.ToString(e.AttributeName)), KeyType: streamtypes.KeyType(e.KeyType)})
	}
	return out
}

// toStreamItem deep-copies an item into Streams attribute values.
func toStreamItem(it value.Item) map[string]streamtypes.AttributeValue {
	if it == nil {
		return nil
	}
	var c streamCounts
	c.item(it)
	a := streamArena{
		s: make([]streamtypes.AttributeValueMemberS, c.s),
		n: make([]streamtypes.AttributeValueMemberN, c.n),
		m: make([]streamtypes.AttributeValueMemberM, c.m),
		l: make([]streamtypes.AttributeValueMemberL, c.l),
		e: make([]streamtypes.AttributeValue, c.e),
	}
	return a.item(it)
}

// streamCounts counts the members of an item by kind, nested ones
// included: what its copy takes from a streamArena.
type streamCounts struct{ s, n, m, l, e int }

func (c *streamCounts) item(it value.Item) {
	for _, v := range it {
		c.value(v)
	}
}

func (c *streamCounts) value(av types.AttributeValue) {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		c.s++
	case *types.AttributeValueMemberN:
		c.n++
	case *types.AttributeValueMemberL:
		c.l++
		c.e += len(v.Value)
		for _, e := range v.Value {
			c.value(e)
		}
	case *types.AttributeValueMemberM:
		c.m++
		c.item(v.Value)
	}
}

// streamArena holds the members of one item's copy in one slice per kind
// (and the elements of its lists in one more), so that a copy takes a few
// allocations and its maps rather than one per member.
type streamArena struct {
	s []streamtypes.AttributeValueMemberS
	n []streamtypes.AttributeValueMemberN
	m []streamtypes.AttributeValueMemberM
	l []streamtypes.AttributeValueMemberL
	e []streamtypes.AttributeValue
}

func (a *streamArena) item(it value.Item) map[string]streamtypes.AttributeValue {
	out := make(map[string]streamtypes.AttributeValue, len(it))
	for k, v := range it {
		out[k] = a.value(v)
	}
	return out
}

func (a *streamArena) value(av types.AttributeValue) streamtypes.AttributeValue {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		x := &a.s[0]
		a.s, x.Value = a.s[1:], v.Value
		return x
	case *types.AttributeValueMemberN:
		x := &a.n[0]
		a.n, x.Value = a.n[1:], v.Value
		return x
	case *types.AttributeValueMemberL:
		x := &a.l[0]
		a.l = a.l[1:]
		n := len(v.Value)
		x.Value = a.e[:n:n] // its capacity cut: an append cannot reach a neighbour
		a.e = a.e[n:]
		if n == 0 {
			x.Value = []streamtypes.AttributeValue{}
		}
		for i, e := range v.Value {
			x.Value[i] = a.value(e)
		}
		return x
	case *types.AttributeValueMemberM:
		x := &a.m[0]
		a.m = a.m[1:]
		x.Value = a.item(v.Value)
		return x
	}
	return toStreamScalar(av)
}

// toStreamScalar copies a value that is neither S, N, L nor M.
func toStreamScalar(av types.AttributeValue) streamtypes.AttributeValue {
	switch v := av.(type) {
	case *types.AttributeValueMemberB:
		return &streamtypes.AttributeValueMemberB{Value: cloneStreamBytes(v.Value)}
	case *types.AttributeValueMemberBOOL:
		return &streamtypes.AttributeValueMemberBOOL{Value: v.Value}
	case *types.AttributeValueMemberNULL:
		return &streamtypes.AttributeValueMemberNULL{Value: v.Value}
	case *types.AttributeValueMemberSS:
		return &streamtypes.AttributeValueMemberSS{Value: append([]string{}, v.Value...)}
	case *types.AttributeValueMemberNS:
		return &streamtypes.AttributeValueMemberNS{Value: append([]string{}, v.Value...)}
	case *types.AttributeValueMemberBS:
		bs := make([][]byte, len(v.Value))
		for i, b := range v.Value {
			bs[i] = cloneStreamBytes(b)
		}
		return &streamtypes.AttributeValueMemberBS{Value: bs}
	}
	return nil // stored items hold only the types above
}

func cloneStreamBytes(b []byte) []byte { return append([]byte{}, b...) }

// shardSplit is a SplitShard: the open shard closed after sequence number
// after, at the DB clock's time at.
type shardSplit struct {
	after uint64
	at    time.Time
}

// streamState is the part of a DB's streams that its tables do not hold:
// the splits made by SplitShard, by table and stream label. It is guarded
// by db.mu.
type streamState struct {
	splits map[*table]map[string][]shardSplit
	// dropped are the deleted tables that had streams, as DynamoDB keeps
	// serving those for 24 hours: disabled, their shards closed.
	dropped []*table
}

// drop keeps the streams of t, a table being deleted, and forgets the
// deleted tables none of whose streams is visible any more. The caller
// holds db.mu for writing.
func (s *streamState) drop(db *DB, t *table, now time.Time) {
	s.dropped = slices.DeleteFunc(s.dropped, func(old *table) bool {
		for _, st := range db.tableStreams(old) {
			if st.visible(now) {
				return false
			}
		}
		return true
	})
	if t.streamLabel != "" {
		t.stream = nil // disabled with the table
		s.dropped = append(s.dropped, t)
	}
}

// streamTables returns the tables whose streams may be served: the live
// ones, in name order, then the deleted ones kept by drop; only those
// named name when it is not nil. The caller holds db.mu.
func (db *DB) streamTables(name *string) []*table {
	var out []*table
	for _, n := range sortedTables(db.tables) {
		if name == nil || *name == n {
			out = append(out, db.tables[n])
		}
	}
	for _, t := range db.streams.dropped {
		if name == nil || *name == t.name {
			out = append(out, t)
		}
	}
	return out
}

// streamState returns db's stream state. The caller holds db.mu for writing.
func (db *DB) streamState() *streamState {
	if db.streams.splits == nil {
		db.streams.splits = map[*table]map[string][]shardSplit{}
	}
	return &db.streams
}

// splitsOf returns the splits of a stream. The caller holds db.mu.
func (db *DB) splitsOf(t *table, label string) []shardSplit {
	return db.streams.splits[t][label]
}

// split records a split of the enabled stream of t and forgets the splits
// of deleted tables. The caller holds db.mu for writing.
func (s *streamState) split(db *DB, t *table, sp shardSplit) {
	for old := range s.splits {
		if db.tables[old.name] != old && !slices.Contains(s.dropped, old) {
			delete(s.splits, old)
		}
	}
	m := s.splits[t]
	if m == nil {
		m = map[string][]shardSplit{}
		s.splits[t] = m
	}
	m[t.streamLabel] = append(m[t.streamLabel], sp)
}
