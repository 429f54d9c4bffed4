// Package txn runs DynamoDB transactions built from the same typed
// operations as gonamo's single writes and reads, across tables.
//
// A write transaction (TransactWriteItems) applies up to MaxActions Put,
// Save, Update, Delete and Check operations atomically:
//
//	err := txn.Write(ctx, db,
//		txn.Update(accounts, &Account{ID: "alice"}, balance.Add(-50), gonamo.If(balance.Ge(50))),
//		txn.Update(accounts, &Account{ID: "bob"}, balance.Add(50)),
//	)
//
// The operations carry the tables' extensions: on a table with a
// version.Lock every write checks and increments the version, as it does
// alone, and once the transaction committed the local objects carry their
// new versions. When DynamoDB cancels the transaction the error is a
// *CanceledError listing, per action, DynamoDB's reason code and message
// and the stored item decoded as the action's *T; errors.Is(err,
// version.ErrConflict) holds when a versioned action conflicted, and
// errors.As to the SDK's *types.TransactionCanceledException keeps
// working. Mistakes (more than MaxActions actions, an item twice, a table
// of another DB, invalid arguments) are an *InvalidError before any call.
//
// Run is the function form: it commits what the function added when it
// returns nil, and retries TransactionConflict cancellations with a
// backoff when asked (Options.MaxAttempts), calling the function again.
// Every write transaction carries a client request token, random or given
// (Options.Token), so that DynamoDB applies it at most once.
//
// Read loads up to MaxActions objects in place with one consistent
// snapshot (TransactGetItems); missing items are a *NotFoundError listing
// them, the others being loaded.
//
// As in bloop, a transaction can be prepared once and committed later:
// PrepareWrite renders the operations (with the versions of that moment)
// and a token; committing it again within DynamoDB's 10-minute token
// window does not apply it twice, and after that window Commit refuses
// with ErrTokenExpired. PrepareRead's ReadTx reloads the objects on every
// Commit.
//
// The calls go through gonamo.Do, so the DB's hooks, logger and client
// options apply to them as to every other call.
package txn
