package gonamo_test

// Ports of the batch examples of PynamoDB's documentation (batch_write as a
// context manager with save and delete, batch_get of many keys) and of
// bloop's engine.load of many objects, run on the in-memory fake and, with
// GONAMO_TEST_ENDPOINT set, on DynamoDB Local.

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
)

// TestSeedPynamoDBBatchWrite ports PynamoDB's batch_write: inside the
// context manager every save and delete is buffered and sent 25 at a time;
// here the requests are collected as ops and sent by one BatchWrite, which
// groups them the same way. Then batch_get reads every key back and a
// second batch deletes them.
func TestSeedPynamoDBBatchWrite(t *testing.T) {
	for _, n := range []int{100, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			seedTables(t, "seeds_pyn_batch", pynThreadOpts, func(t *testing.T, threads *gonamo.Table[pynThread]) {
				is := is.New(t)
				ctx := context.Background()
				db := threads.DB()

				// with Thread.batch_write() as batch:
				//     for item in items: batch.save(item)
				var batch []gonamo.WriteOp
				items := make([]*pynThread, n)
				for x := range items {
					items[x] = &pynThread{ForumName: fmt.Sprintf("forum-%d", x), Subject: fmt.Sprintf("subject-%d", x)}
					batch = append(batch, threads.PutOp(items[x]))
				}
				is.NoErr(db.BatchWrite(ctx, batch))
				is.Equal(len(scanAll(t, db, threads.Name(), "forum_name")), n)
				stored := seedRawGet(t, threads, map[string]types.AttributeValue{"forum_name": seedS("forum-7"), "subject": seedS("subject-7")})
				is.Equal(stored["views"], types.AttributeValue(seedN("0"))) // the default, as PynamoDB's views

				// for item in Thread.batch_get(item_keys): ...
				keys := make([]*pynThread, n)
				for x := range keys {
					keys[x] = &pynThread{ForumName: fmt.Sprintf("forum-%d", x), Subject: fmt.Sprintf("subject-%d", x)}
				}
				seen := map[string]bool{}
				for th, err := range threads.BatchGet(ctx, keys) {
					is.NoErr(err)
					is.True(!seen[th.ForumName])
					seen[th.ForumName] = true
					is.Equal(th.Subject, "subject-"+th.ForumName[len("forum-"):])
				}
				is.Equal(len(seen), n)

				// with Thread.batch_write() as batch:
				//     for item in items: batch.delete(item)
				// mixed with saves: the first half deleted, one item saved anew.
				batch = batch[:0]
				for _, item := range items[:n/2] {
					batch = append(batch, threads.DeleteOp(item))
				}
				batch = append(batch, threads.PutOp(&pynThread{ForumName: "forum-new", Subject: "subject-new", Views: 1}))
				is.NoErr(db.BatchWrite(ctx, batch))
				is.Equal(len(scanAll(t, db, threads.Name(), "forum_name")), n-n/2+1)
			})
		})
	}
}

// TestSeedBloopLoadMany ports bloop's engine.load(*objs): objects of
// several models are loaded in place by their keys in as few calls as
// possible; objects with no stored item raise MissingObjects listing
// exactly them, after the others were loaded.
func TestSeedBloopLoadMany(t *testing.T) {
	seedTables(t, "seeds_bloop_load", bloopUserOpts, func(t *testing.T, users *gonamo.Table[bloopUser]) {
		is := is.New(t)
		ctx := context.Background()
		db := users.DB()
		accounts, err := gonamo.NewTable(db, "seeds_bloop_load_accounts", gonamo.Key(buID), gonamo.Attrs(buName))
		is.NoErr(err)
		is.NoErr(accounts.Create(ctx))
		t.Cleanup(func() { accounts.DeleteTable(context.Background()) })

		is.NoErr(db.BatchWrite(ctx, []gonamo.WriteOp{
			users.PutOp(&bloopUser{Username: "n/0", Email: "n0@example.com", Logins: 3}, &bloopUser{Username: "n/1", Logins: 1}),
			accounts.PutOp(&batchUser{ID: 10, Name: "ten"}),
		}))

		// engine.load(user, other_user, account, consistent=True)
		u0, u1, acct := &bloopUser{Username: "n/0"}, &bloopUser{Username: "n/1", Bio: "stale"}, &batchUser{ID: 10}
		is.NoErr(db.LoadAll(ctx, []gonamo.LoadOp{users.LoadOp(u0, u1), accounts.LoadOp(acct)},
			func(o *gonamo.BatchOptions) { o.ConsistentRead = true }))
		is.Equal(*u0, bloopUser{Username: "n/0", Email: "n0@example.com", Logins: 3})
		is.Equal(u1.Bio, "") // replaced by the stored item, which has none
		is.Equal(acct.Name, "ten")

		// except MissingObjects as exc: exc.objects
		ghost, nobody := &bloopUser{Username: "ghost", Logins: 42}, &batchUser{ID: 99, Name: "kept"}
		again := &bloopUser{Username: "n/1"}
		err = db.LoadAll(ctx, []gonamo.LoadOp{users.LoadOp(ghost, again), accounts.LoadOp(nobody)})
		var missing *gonamo.MissingError
		is.True(errors.As(err, &missing))
		is.True(errors.Is(err, gonamo.ErrNotFound))
		is.Equal(len(missing.Items), 2)
		is.Equal(gonamo.Missing(err, users), []*bloopUser{ghost})
		is.Equal(gonamo.Missing(err, accounts), []*batchUser{nobody})
		is.Equal(ghost.Logins, 42) // missing objects are left as they were
		is.Equal(nobody.Name, "kept")
		is.Equal(again.Logins, 1) // the others are loaded all the same
	})
}
