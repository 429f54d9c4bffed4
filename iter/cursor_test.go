package iter_test

import (
	"context"
	"encoding/base64"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/iter"
	"github.com/matryer/is"
)

// cursorAfter returns the cursor after n items of a run with the options.
func cursorAfter(t *testing.T, src *source, n int, opts func(*iter.Options)) string {
	t.Helper()
	it := iter.New(context.Background(), src.fetch, opts, func(o *iter.Options) { o.Limit = n })
	if _, err := iter.Collect(it.All()); err != nil {
		t.Fatal(err)
	}
	return it.Cursor()
}

// resumeErr returns the error of resuming from cursor.
func resumeErr(src *source, cursor string, opts ...func(*iter.Options)) error {
	opts = append(opts, func(o *iter.Options) { o.Cursor = cursor })
	_, err := iter.Collect(iter.New(context.Background(), src.fetch, opts...).All())
	return err
}

func reason(err error) iter.CursorReason {
	var ce *iter.CursorError
	if errors.As(err, &ce) {
		return ce.Reason
	}
	return ""
}

func TestSignedCursors(t *testing.T) {
	src := newSource(10)
	key, other := []byte("0123456789abcdef0123456789abcdef"), []byte("another key of 32 bytes or so...")
	signed := func(o *iter.Options) { o.Signer, o.Scope = iter.NewSigner(key), "rows/by_tag" }
	good := cursorAfter(t, src, 3, signed)
	payload, _, _ := strings.Cut(good, ".")
	forged := cursorAfter(t, src, 3, func(o *iter.Options) { o.Signer, o.Scope = iter.NewSigner(other), "rows/by_tag" })
	unsigned := cursorAfter(t, src, 3, func(o *iter.Options) { o.Scope = "rows/by_tag" })
	otherScope := cursorAfter(t, src, 3, func(o *iter.Options) { o.Signer, o.Scope = iter.NewSigner(key), "rows" })

	cases := []struct {
		name   string
		cursor string
		opts   func(*iter.Options)
		reason iter.CursorReason // "" for success
	}{
		{"good", good, signed, ""},
		{"signed with another key", forged, signed, iter.CursorBadSignature},
		{"unsigned", unsigned, signed, iter.CursorUnsigned},
		{"signature stripped", payload, signed, iter.CursorUnsigned},
		{"signature of another cursor", payload + "." + strings.SplitN(otherScope, ".", 2)[1], signed, iter.CursorBadSignature},
		{"signature not base64", payload + ".!!", signed, iter.CursorBadSignature},
		{"empty signature", payload + ".", signed, iter.CursorBadSignature},
		{"replayed on another scope", otherScope, signed, iter.CursorWrongScope},
		{"replayed on another index", good, func(o *iter.Options) { signed(o); o.Scope = "rows/by_date" }, iter.CursorWrongScope},
		{"rotated key", good, func(o *iter.Options) { signed(o); o.Signer = iter.NewSigner(other, key) }, ""},
		{"key rotated out", good, func(o *iter.Options) { signed(o); o.Signer = iter.NewSigner(other) }, iter.CursorBadSignature},
		{"no signer: not checked", good, func(o *iter.Options) { o.Scope = "rows/by_tag" }, ""},
		{"no signer, wrong scope", unsigned, func(o *iter.Options) { o.Scope = "users" }, iter.CursorWrongScope},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			err := resumeErr(src, tc.cursor, tc.opts)
			if tc.reason == "" {
				is.NoErr(err)
				return
			}
			is.True(errors.Is(err, iter.ErrInvalidCursor))
			is.Equal(reason(err), tc.reason)
		})
	}
}

func TestTamperedCursorsAreRefused(t *testing.T) {
	is := is.New(t)
	src := newSource(10)
	signed := func(o *iter.Options) { o.Signer, o.Scope = iter.NewSigner([]byte("k")), "s" }
	good := cursorAfter(t, src, 4, signed)
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
	tried := 0
	for i := range len(good) {
		for _, c := range []byte{alphabet[(strings.IndexByte(alphabet, good[i])+1)%len(alphabet)], 'A'} {
			if c == good[i] {
				continue
			}
			bad := good[:i] + string(c) + good[i+1:]
			err := resumeErr(src, bad, signed)
			is.True(errors.Is(err, iter.ErrInvalidCursor)) // every altered byte is caught
			tried++
		}
	}
	is.True(tried > len(good))
	is.NoErr(resumeErr(src, good, signed))
	// Truncations and extensions too.
	for _, bad := range []string{good[:len(good)-1], good + "A", good[1:], "." + good} {
		is.True(errors.Is(resumeErr(src, bad, signed), iter.ErrInvalidCursor))
	}
}

func TestCursorExpiry(t *testing.T) {
	is := is.New(t)
	src := newSource(10)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	clock := func() time.Time { return now }
	opts := func(o *iter.Options) {
		o.Signer, o.CursorTTL, o.Now = iter.NewSigner([]byte("k")), time.Minute, clock
	}
	c := cursorAfter(t, src, 2, opts)
	now = now.Add(time.Minute - time.Millisecond)
	is.NoErr(resumeErr(src, c, opts))
	now = now.Add(time.Millisecond)
	err := resumeErr(src, c, opts)
	is.Equal(reason(err), iter.CursorExpired)
	is.Equal(err.Error(), "gonamo/iter: invalid cursor: expired")
	// The expiry is covered by the signature: it cannot be pushed back.
	is.Equal(reason(resumeErr(src, c, func(o *iter.Options) { opts(o); o.CursorTTL = 0 })), iter.CursorExpired)
	// Without a TTL cursors do not expire.
	c = cursorAfter(t, src, 2, func(o *iter.Options) { o.Now = clock })
	now = now.AddDate(10, 0, 0)
	is.NoErr(resumeErr(src, c, func(o *iter.Options) { o.Now = clock }))
}

// craft encodes a payload the way cursors are, unsigned.
func craft(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }

func TestMalformedCursors(t *testing.T) {
	src := newSource(10)
	cases := []struct {
		name, cursor string
		parallel     int
		reason       iter.CursorReason
	}{
		{"not base64", "!!!", 0, iter.CursorMalformed},
		{"not json", craft("hello"), 0, iter.CursorMalformed},
		{"json but not an object", craft(`[1]`), 0, iter.CursorMalformed},
		{"trailing data", craft(`{"v":1}{}`), 0, iter.CursorMalformed},
		{"unknown field", craft(`{"v":1,"zz":1}`), 0, iter.CursorMalformed},
		{"no version", craft(`{}`), 0, iter.CursorMalformed},
		{"future version", craft(`{"v":2}`), 0, iter.CursorMalformed},
		{"value with two types", craft(`{"v":1,"k":{"sk":{"N":"1","S":"x"}}}`), 0, iter.CursorMalformed},
		{"value with no type", craft(`{"v":1,"k":{"sk":{}}}`), 0, iter.CursorMalformed},
		{"bad binary", craft(`{"v":1,"k":{"b":{"B":"%%"}}}`), 0, iter.CursorMalformed},
		{"segment positions in a plain cursor", craft(`{"v":1,"s":[{}]}`), 0, iter.CursorMalformed},
		{"parallel cursor, positions missing", craft(`{"v":1,"p":true,"n":3,"s":[{},{}]}`), 3, iter.CursorMalformed},
		{"parallel cursor, done and key", craft(`{"v":1,"p":true,"n":1,"s":[{"d":true,"k":{"sk":{"N":"1"}}}]}`), 1, iter.CursorMalformed},
		{"parallel cursor for New", craft(`{"v":1,"p":true,"n":2,"s":[{},{}]}`), 0, iter.CursorWrongSegments},
		{"plain cursor for Parallel", craft(`{"v":1,"k":{"sk":{"N":"1"}}}`), 2, iter.CursorWrongSegments},
		{"segment cursor for New", craft(`{"v":1,"n":4,"g":1}`), 0, iter.CursorWrongSegments},
		{"other segment count", craft(`{"v":1,"p":true,"n":3,"s":[{},{},{}]}`), 2, iter.CursorWrongSegments},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			var it *iter.Iterator[row]
			if tc.parallel > 0 {
				it = iter.Parallel(context.Background(), src.fetch, tc.parallel, func(o *iter.Options) { o.Cursor = tc.cursor })
			} else {
				it = iter.New(context.Background(), src.fetch, func(o *iter.Options) { o.Cursor = tc.cursor })
			}
			_, err := iter.Collect(it.All())
			is.Equal(reason(err), tc.reason)
			is.True(errors.Is(err, iter.ErrInvalidCursor))
			is.Equal(src.calls(), 0)
			is.Equal(it.Cursor(), tc.cursor) // no run started
		})
	}
}

func TestSegmentCursorsAreBound(t *testing.T) {
	is := is.New(t)
	src := newSource(20)
	seg := func(s, n int) func(*iter.Options) {
		return func(o *iter.Options) { o.Segment, o.TotalSegments = s, n }
	}
	c := cursorAfter(t, src, 2, seg(2, 4)) // sort keys 10, 30, 50...
	is.True(c != "")
	is.NoErr(resumeErr(src, c, seg(2, 4)))
	is.Equal(reason(resumeErr(src, c, seg(1, 4))), iter.CursorWrongSegments)
	is.Equal(reason(resumeErr(src, c, seg(2, 3))), iter.CursorWrongSegments)
	is.Equal(reason(resumeErr(src, c)), iter.CursorWrongSegments)
	_, err := iter.Collect(iter.Parallel(context.Background(), src.fetch, 4, func(o *iter.Options) { o.Cursor = c }).All())
	is.Equal(reason(err), iter.CursorWrongSegments)
}

// Keys hold S, N and B, but any attribute value a fetch reports must come
// back unchanged as the ExclusiveStartKey.
func TestCursorKeysRoundTrip(t *testing.T) {
	is := is.New(t)
	key := map[string]types.AttributeValue{
		"s":     &types.AttributeValueMemberS{Value: "héllo \"wörld\" \u2028 <&>"},
		"empty": &types.AttributeValueMemberS{Value: ""},
		"n":     &types.AttributeValueMemberN{Value: "-1.50E+10"},
		"b":     &types.AttributeValueMemberB{Value: []byte{0, 1, 0xfe, 0xff}},
		"eb":    &types.AttributeValueMemberB{Value: []byte{}},
		"bool":  &types.AttributeValueMemberBOOL{Value: true},
		"null":  &types.AttributeValueMemberNULL{Value: true},
		"ss":    &types.AttributeValueMemberSS{Value: []string{"a", "b"}},
		"ns":    &types.AttributeValueMemberNS{Value: []string{"1", "2.5"}},
		"bs":    &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}},
		"l":     &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberN{Value: "1"}, &types.AttributeValueMemberL{Value: []types.AttributeValue{}}}},
		"m":     &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"x": &types.AttributeValueMemberS{Value: "y"}, "e": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}}}},
	}
	var starts []map[string]types.AttributeValue
	fetch := func(_ context.Context, req iter.Request) (iter.Page[int], error) {
		starts = append(starts, req.ExclusiveStartKey)
		return iter.Page[int]{Items: []int{1, 2}, Keys: []map[string]types.AttributeValue{key, {"other": &types.AttributeValueMemberS{Value: "x"}}}}, nil
	}
	for _, signer := range []*iter.Signer{nil, iter.NewSigner([]byte("k"))} {
		starts = nil
		it := iter.New(context.Background(), fetch, func(o *iter.Options) { o.Signer = signer })
		for range it.All() {
			break
		}
		_, err := iter.Collect(iter.New(context.Background(), fetch, func(o *iter.Options) { o.Signer, o.Cursor = signer, it.Cursor() }).All())
		is.NoErr(err)
		is.Equal(len(starts), 2)
		is.Equal(starts[0], nil)
		is.True(reflect.DeepEqual(starts[1], key))
	}
}

func TestCursorIsURLSafe(t *testing.T) {
	is := is.New(t)
	c := cursorAfter(t, newSource(10), 3, func(o *iter.Options) { o.Signer, o.Scope = iter.NewSigner([]byte("k")), "t/i" })
	is.True(c != "")
	for _, r := range c {
		is.True(strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.", r))
	}
}

func TestCursorErrorUnwrap(t *testing.T) {
	is := is.New(t)
	cause := errors.New("cause")
	err := error(&iter.CursorError{Reason: iter.CursorMalformed, Err: cause})
	is.True(errors.Is(err, iter.ErrInvalidCursor))
	is.True(errors.Is(err, cause))
	is.Equal(err.Error(), "gonamo/iter: invalid cursor: malformed: cause")
	err = &iter.CursorError{Reason: iter.CursorWrongScope}
	is.True(errors.Is(err, iter.ErrInvalidCursor))
	is.Equal(err.Error(), "gonamo/iter: invalid cursor: wrong scope")
}

// TestKeyNamesRestrictCursorKeys: with Page.KeyNames, Keys may be whole
// items; cursors keep only the named attributes, and resume exactly.
func TestKeyNamesRestrictCursorKeys(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	src := newSource(30)
	wide := func(ctx context.Context, req iter.Request) (iter.Page[row], error) {
		p, err := src.fetch(ctx, req)
		for _, k := range p.Keys {
			k["extra"] = &types.AttributeValueMemberS{Value: strings.Repeat("x", 100)}
			k["set"] = &types.AttributeValueMemberSS{Value: []string{"a"}}
		}
		p.KeyNames = []string{"pk", "sk", "tag"}
		return p, err
	}
	it := iter.New(ctx, wide, func(o *iter.Options) { o.PageSize = 7; o.Limit = 10 })
	first, err := iter.Collect(it.All())
	is.NoErr(err)
	is.Equal(len(first), 10)
	cursor := it.Cursor()
	is.True(len(cursor) < 200) // the extra attributes are not in it
	rest, err := iter.Collect(iter.New(ctx, wide, func(o *iter.Options) { o.Cursor = cursor }).All())
	is.NoErr(err)
	is.Equal(rest[0].SK, 100)
	is.Equal(len(rest), 20)

	missing := func(ctx context.Context, req iter.Request) (iter.Page[row], error) {
		p, err := src.fetch(ctx, req)
		p.KeyNames = []string{"pk", "nope"}
		return p, err
	}
	_, err = iter.Collect(iter.New(ctx, missing).All())
	is.True(errors.Is(err, iter.ErrInvalidOptions))
}
