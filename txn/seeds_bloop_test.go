package txn_test

import (
	"context"
	"errors"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/txn"
	"github.com/gonamo/gonamo/version"
)

// Metadata and Tweet are the models of bloop's transactions guide.
type Metadata struct {
	ID       string
	Verified bool
	Tweets   int
	Version  int64
}

type Tweet struct {
	Account, ID string
	Content     string
}

var (
	metaID       = attr.String("id", func(m *Metadata) *string { return &m.ID })
	metaVerified = attr.Bool("verified", func(m *Metadata) *bool { return &m.Verified })
	metaTweets   = attr.Int("tweets", func(m *Metadata) *int { return &m.Tweets })
	metaVer      = version.Attr("v", func(m *Metadata) *int64 { return &m.Version })

	tweetAccount = attr.String("account", func(t *Tweet) *string { return &t.Account })
	tweetID      = attr.String("id", func(t *Tweet) *string { return &t.ID })
	tweetContent = attr.String("content", func(t *Tweet) *string { return &t.Content })
)

func bloopTables(t *testing.T, db *gonamo.DB) (*gonamo.Table[Metadata], *gonamo.Table[Tweet]) {
	meta, err := gonamo.NewTable(db, "metadata", gonamo.Key(metaID), gonamo.Attrs[Metadata](metaVerified, metaTweets), version.Lock(metaVer))
	meta = create(t, meta, err)
	tweets, err := gonamo.NewTable(db, "tweets", gonamo.Key(tweetAccount, tweetID), gonamo.Attrs[Tweet](tweetContent))
	return meta, create(t, tweets, err)
}

// TestBloopTransactions ports bloop's transactions guide: a transaction
// condition on an object not modified, a save with its own condition,
// a prepared write transaction committed twice (idempotent through its
// token) and a prepared read transaction whose every commit reloads.
func TestBloopTransactions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *gonamo.DB) {
		is := is.New(t)
		ctx := context.Background()
		meta, tweets := bloopTables(t, db)
		userMeta := &Metadata{ID: "numberoverzero"}
		is.NoErr(meta.Put(ctx, userMeta))

		// tx.check(user_meta, condition=Metadata.verified.is_(True))
		newTweet := &Tweet{Account: "numberoverzero", ID: "1", Content: "hello"}
		err := txn.Write(ctx, db, txn.Put(tweets, newTweet), txn.Check(meta, userMeta, metaVerified.Eq(true)))
		var ce *txn.CanceledError
		is.True(errors.As(err, &ce))
		is.Equal(ce.Reasons[1].Code, "ConditionalCheckFailed")
		is.True(!errors.Is(err, version.ErrConflict)) // the version held
		_, err = tweets.Get(ctx, newTweet)
		is.True(errors.Is(err, gonamo.ErrNotFound))

		// Verify the user, then save the tweet and the metadata with a
		// condition on the metadata (and its version: bloop's atomic=True).
		userMeta.Verified = true
		is.NoErr(meta.Save(ctx, userMeta))
		userMeta.Tweets++
		p, err := txn.PrepareWrite(db, txn.Put(tweets, newTweet), txn.Save(meta, userMeta, gonamo.If(metaTweets.Le(500))))
		is.NoErr(err)
		is.Equal(len(p.Token), 36)
		is.NoErr(p.Commit(ctx))
		is.Equal(userMeta.Version, int64(3))

		// Committing again sends the same token: DynamoDB does not apply it
		// twice, and the local object keeps its version.
		is.NoErr(p.Commit(ctx))
		is.Equal(userMeta.Version, int64(3))
		stored, err := meta.Get(ctx, &Metadata{ID: "numberoverzero"}, gonamo.Consistent[Metadata]())
		is.NoErr(err)
		is.Equal(*stored, Metadata{ID: "numberoverzero", Verified: true, Tweets: 1, Version: 3})

		// A new transaction with the same (stale) version conflicts.
		again, err := txn.PrepareWrite(db, txn.Save(meta, &Metadata{ID: "numberoverzero", Tweets: 9, Version: 2}))
		is.NoErr(err)
		is.True(again.Token != p.Token)
		is.True(errors.Is(again.Commit(ctx), version.ErrConflict))

		// A prepared read transaction reloads its objects on every commit.
		m, tw := &Metadata{ID: "numberoverzero"}, &Tweet{Account: "numberoverzero", ID: "1"}
		rx, err := txn.PrepareRead(db, txn.Get(meta, m), txn.Get(tweets, tw, gonamo.Only[Tweet](tweetContent)))
		is.NoErr(err)
		is.NoErr(rx.Commit(ctx))
		is.Equal(*m, *stored)
		is.Equal(tw.Content, "hello")
		is.NoErr(tweets.Update(ctx, &Tweet{Account: "numberoverzero", ID: "1"}, tweetContent.Set("edited")))
		is.NoErr(rx.Commit(ctx))
		is.Equal(tw.Content, "edited")

		// Missing objects are listed (bloop's MissingObjects).
		is.NoErr(tweets.Delete(ctx, tw))
		err = rx.Commit(ctx)
		var nf *txn.NotFoundError
		is.True(errors.As(err, &nf))
		is.Equal(nf.Missing[0].Object.(*Tweet), tw)
		is.Equal(nf.Missing[0].Index, 1)
	})
}
