// Package borrow lets gonamo read the items of an in-process dynamotest.DB
// without the deep copy the fake makes of every item it returns.
//
// The fake never changes a stored item: a write stores a new one in its
// place. So the items it holds can be handed out as they are, to a caller
// that neither modifies them nor keeps memory of theirs that can change
// (byte slices, maps, lists, member structs): strings are immutable and may
// be kept. gonamo borrows when it decodes items with a schema whose Decode
// copies (attr.Schema.DecodeCopies) and does not hand the raw items to its
// user. Every other caller, and every request over HTTP, gets copies.
package borrow

import "context"

type key struct{}

// Items returns ctx marked as borrowing the items of the reads made with
// it.
func Items(ctx context.Context) context.Context { return context.WithValue(ctx, key{}, key{}) }

// Allowed reports whether ctx borrows items.
func Allowed(ctx context.Context) bool { return ctx.Value(key{}) != nil }
