// Package iter runs any paged DynamoDB call (Query, Scan, and later
// BatchGetItem) as a lazy Go iterator, with resumable cursors, prefetch, a
// read capacity rate limit and parallel scans.
//
// The package knows nothing of tables or decoding: the caller gives a
// Fetch, a function that runs one request (its own QueryInput or ScanInput
// plus the start key, limit and segment of a Request) and returns a Page:
// the decoded items, each item's key, DynamoDB's LastEvaluatedKey, counts
// and consumed capacity. Package gonamo builds one per Query or Scan; see
// ExampleFetch for one written by hand.
//
//	it := iter.New(ctx, fetch, func(o *iter.Options) { o.PageSize = 100; o.Limit = 20 })
//	for item, err := range it.All() {
//		if err != nil {
//			return err
//		}
//		use(item)
//	}
//	next := it.Cursor() // "" when there is nothing left
//
// # Why an Iterator
//
// New and Parallel return an *Iterator rather than a bare
// iter.Seq2[T, error], because a resumable read needs to know, after (or
// during) the loop, where it stopped: the Iterator is the thing with a
// Cursor method, and All, Pages and Count are its views. Package-level
// Collect, First and One take any iter.Seq2[T, error], so they also work
// on sequences that gonamo returns directly. Page views (Pages) add, per
// page, the counts, the consumed capacity, the segment and the cursor
// after the page.
//
// Each range over All or Pages, and each Count, is a new run: it requests
// the pages again, from Options.Cursor (the beginning if ""). Nothing is
// cached between runs, so ranging twice costs twice and may see new data.
//
// # Errors and stopping
//
// A run yields an error at most once, as its last element, and ends: the
// fetch's error unchanged, the context's error if it ends, a *CursorError
// for a cursor that cannot be used, or ErrInvalidOptions for unusable
// options. Breaking out of the loop (or an item Limit) ends the run: the
// requests in flight are cancelled through their context and the loop
// returns only once they have returned, so no goroutine outlives it. A
// Fetch must therefore honour its context.
//
// # Cursors
//
// A cursor records the key of the last item handed to the caller, which
// the Fetch reports with each item (the table's key plus, on an index, the
// index's). So it is exact in the middle of a page, with an item Limit,
// and with filters: an item the filter dropped is never handed out, and
// once the caller has every item of a page the cursor moves to the page's
// LastEvaluatedKey, so resuming does not evaluate the dropped items again
// (nor a page whose items were all dropped). Resuming from a cursor
// continues just after that item, with nothing skipped or repeated.
//
// Cursors are opaque URL-safe strings, fit for JSON and query strings:
// base64url of a small JSON payload, which holds the keys in DynamoDB's
// JSON format (S, N and B round-trip exactly, as does any other type).
// The payload carries a scope (Options.Scope, say "table/index"), and
// optionally an expiry time (Options.CursorTTL); a cursor of another scope,
// or expired, is refused with a *CursorError. With Options.Signer, cursors
// are signed with HMAC-SHA256 over the whole payload, so a client can
// neither alter nor forge one, nor push back its expiry; a Signer accepts
// previous keys, for rotation. An unsigned cursor can be read and edited
// by whoever holds it: sign cursors that leave the server.
//
// A cursor also records the segment layout: the segment of a single
// segment read (New with Options.Segment and TotalSegments), or, for a
// merged parallel scan (Parallel), the position of every segment, so that
// a parallel scan too resumes exactly. A cursor of one layout is refused by
// another (CursorWrongSegments).
//
// # Prefetch
//
// By default, while the caller works on page k, page k+1 is already being
// fetched by a goroutine: one page ahead, never more (per segment), and
// not at all when page k completes the item Limit. NoPrefetch turns it
// off. A consumer that spends as long on a page as a request takes thus
// runs in about half the time: see BenchmarkPrefetch.
//
// # Rate limit
//
// Options.ReadUnitsPerSecond (or a shared *rate.Limiter in Options.Limiter)
// caps the read capacity consumed, like PynamoDB's rate_limit. The units a
// page consumed, as its ConsumedCapacity reports them (the Request asks
// the fetch to return it), are charged to the limiter when the page
// arrives, and the next request waits until they fit in the rate.
// Fractional units carry over; a page larger than the limiter's burst is
// charged in parts. The first request never waits.
//
// # Parallel scans
//
// A parallel scan is either N independent Iterators, one per segment (New
// with Options.Segment and TotalSegments, each with its own consumer and
// cursor), or one merged Iterator (Parallel) that reads the segments
// concurrently with at most Options.Workers of them at once, yields their
// items in no specified order, applies one Limit and one rate limit to
// all, and has one cursor for all.
package iter
