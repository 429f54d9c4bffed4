package gonamo_test

// Ports of the query, scan and index examples of PynamoDB's and bloop's
// documentation, run on the in-memory fake and, with GONAMO_TEST_ENDPOINT
// set, on DynamoDB Local.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/iter"
)

// pynIndexed is PynamoDB's indexes example: a forum thread with a global
// index on views (view_index, ALL) and a local index on views
// (local_view_index, KEYS_ONLY).
type pynIndexed struct {
	Forum, Thread string
	View          int
	Replies       int
}

var (
	pyiForum   = attr.String("forum", func(t *pynIndexed) *string { return &t.Forum })
	pyiThread  = attr.String("thread", func(t *pynIndexed) *string { return &t.Thread })
	pyiView    = attr.Int("view", func(t *pynIndexed) *int { return &t.View }, attr.Default(0))
	pyiReplies = attr.Int("replies", func(t *pynIndexed) *int { return &t.Replies })

	pyiOpts = []gonamo.TableOption[pynIndexed]{
		gonamo.Key(pyiForum, pyiThread),
		gonamo.Attrs[pynIndexed](pyiView, pyiReplies),
		gonamo.GlobalIndex("view_index", pyiView, nil, gonamo.ProjectAll[pynIndexed]()),
		gonamo.LocalIndex("local_view_index", pyiView, gonamo.ProjectKeys[pynIndexed]()),
	}
)

// TestSeedPynamoDBQueries ports PynamoDB's querying walk-through: range key
// conditions and filters, count with and without a hash key, GSI and LSI
// queries, pagination with last_evaluated_key, limit, and scan filters.
func TestSeedPynamoDBQueries(t *testing.T) {
	seedTables(t, "pyn_indexed", pyiOpts, func(t *testing.T, tbl *gonamo.Table[pynIndexed]) {
		is := is.New(t)
		ctx := context.Background()
		for i := range 12 {
			is.NoErr(tbl.Put(ctx, &pynIndexed{Forum: "Some Forum", Thread: fmt.Sprintf("Some Subject %02d", i), View: i % 4, Replies: i}))
		}
		is.NoErr(tbl.Put(ctx, &pynIndexed{Forum: "Other Forum", Thread: "Hello", View: 1}))

		// for item in Thread.query("Some Forum", Thread.subject.startswith("Some"),
		//                          filter_condition=Thread.replies > 5)
		got, err := tbl.Query(pyiForum.Eq("Some Forum")).SortKey(pyiThread.BeginsWith("Some")).Filter(pyiReplies.Gt(5)).Collect(ctx)
		is.NoErr(err)
		is.Equal(len(got), 6)
		is.Equal(got[0].Thread, "Some Subject 06")

		// Thread.count("Some Forum", Thread.replies > 5), and Thread.count()
		// without a hash key (a scan here: DescribeTable's count is stale).
		n, _, err := tbl.Query(pyiForum.Eq("Some Forum")).Filter(pyiReplies.Gt(5)).Count(ctx)
		is.NoErr(err)
		is.Equal(n, int64(6))
		n, _, err = tbl.Scan().Count(ctx)
		is.NoErr(err)
		is.Equal(n, int64(13))

		// Thread.view_index.query(1): a GSI keyed by a number.
		viewIndex, err := gonamo.IndexOf[pynIndexed, int](tbl, "view_index")
		is.NoErr(err)
		ones, err := viewIndex.Query(1).Collect(ctx)
		is.NoErr(err)
		is.Equal(len(ones), 4) // threads 01, 05, 09 and Other Forum's Hello
		for _, th := range ones {
			is.Equal(th.View, 1)
		}

		// Thread.local_view_index.query("Some Forum", Thread.view > 2).
		localIndex, err := gonamo.IndexOf[pynIndexed, string](tbl, "local_view_index")
		is.NoErr(err)
		threes, err := localIndex.Query("Some Forum").SortKey(pyiView.Gt(2)).Collect(ctx)
		is.NoErr(err)
		is.Equal(len(threes), 3)
		is.Equal(threes[0].Replies, 0) // KEYS_ONLY: replies is not projected

		// Pagination: query with limit, then resume from last_evaluated_key.
		it := tbl.Query(pyiForum.Eq("Some Forum")).Limit(5).Iter(ctx)
		page1, err := iter.Collect(it.All())
		is.NoErr(err)
		is.Equal(len(page1), 5)
		lastEvaluatedKey := it.Cursor()
		page2, err := tbl.Query(pyiForum.Eq("Some Forum")).Limit(5).From(lastEvaluatedKey).Collect(ctx)
		is.NoErr(err)
		is.Equal(page2[0].Thread, "Some Subject 05")

		// Scan with a filter: Thread.scan(Thread.view == 0).
		zeros, err := tbl.Scan().Filter(pyiView.Eq(0)).Collect(ctx)
		is.NoErr(err)
		is.Equal(len(zeros), 3)
	})
}

// bloopMember is bloop's User model of its query examples with a strict LSI on email (KEYS_ONLY)
// and a GSI by name including email.
type bloopMember struct {
	Team, ID, Name, Email string
	Level                 int
}

var (
	bmMemberTeam = attr.String("team", func(u *bloopMember) *string { return &u.Team })
	bmMemberID   = attr.String("id", func(u *bloopMember) *string { return &u.ID })
	bmName       = attr.String("name", func(u *bloopMember) *string { return &u.Name })
	bmEmail      = attr.String("email", func(u *bloopMember) *string { return &u.Email })
	bmLevel      = attr.Int("level", func(u *bloopMember) *int { return &u.Level })

	bloopMemberOpts = []gonamo.TableOption[bloopMember]{
		gonamo.Key(bmMemberTeam, bmMemberID),
		gonamo.Attrs[bloopMember](bmName, bmEmail, bmLevel),
		gonamo.LocalIndex("by_email", bmEmail, gonamo.ProjectKeys[bloopMember]()),
		gonamo.GlobalIndex("by_name", bmName, nil, gonamo.ProjectInclude[bloopMember](bmEmail)),
	}
)

// TestSeedBloopQueries ports bloop's query and scan walk-through: key,
// filter and projection; first, one and count with their errors; the
// exhausted/scanned state and reset; continuation tokens (move_to);
// parallel scans; the strict-LSI error.
func TestSeedBloopQueries(t *testing.T) {
	seedTables(t, "bloop_users", bloopMemberOpts, func(t *testing.T, users *gonamo.Table[bloopMember]) {
		is := is.New(t)
		ctx := context.Background()
		for i := range 10 {
			is.NoErr(users.Put(ctx, &bloopMember{Team: "red", ID: fmt.Sprintf("u%d", i), Name: fmt.Sprintf("user%d", i%5),
				Email: fmt.Sprintf("u%d@example.com", i), Level: i}))
		}
		is.NoErr(users.Put(ctx, &bloopMember{Team: "blue", ID: "b0", Name: "user0", Email: "b0@example.com", Level: 3}))

		// engine.query(User, key=User.team == "red", filter=User.level >= 5, projection={User.email})
		q := users.Query(bmMemberTeam.Eq("red")).Filter(bmLevel.Ge(5)).Only(bmEmail)
		got, err := q.Collect(ctx)
		is.NoErr(err)
		is.Equal(len(got), 5)
		is.Equal(got[0], bloopMember{Team: "red", ID: "u5", Email: "u5@example.com"})

		// .first(), .one() and their errors.
		first, err := users.Query(bmMemberTeam.Eq("red")).First(ctx)
		is.NoErr(err)
		is.Equal(first.ID, "u0")
		_, err = users.Query(bmMemberTeam.Eq("green")).First(ctx)
		is.True(errors.Is(err, gonamo.ErrNotFound)) // bloop's ConstraintViolation "no results"
		_, err = users.Query(bmMemberTeam.Eq("red")).One(ctx)
		is.True(errors.Is(err, gonamo.ErrTooMany)) // bloop's ConstraintViolation "more than one"
		blue, err := users.Query(bmMemberTeam.Eq("blue")).One(ctx)
		is.NoErr(err)
		is.Equal(blue.Level, 3)

		// .count and .scanned, and exhausted: pages report both; a run is
		// exhausted when its cursor is "".
		it := users.Query(bmMemberTeam.Eq("red")).Filter(bmLevel.Lt(3)).PageSize(4).Iter(ctx)
		var count, scanned int32
		for page, err := range it.Pages() {
			is.NoErr(err)
			count += page.Count
			scanned += page.ScannedCount
		}
		is.Equal(count, int32(3))
		is.Equal(scanned, int32(10))
		is.Equal(it.Cursor(), "") // exhausted

		// reset(): ranging the iterator again runs the query again.
		again, err := iter.Collect(it.All())
		is.NoErr(err)
		is.Equal(len(again), 3)

		// token / move_to(token): stop after two items, resume elsewhere.
		it = users.Query(bmMemberTeam.Eq("red")).Iter(ctx)
		for u, err := range it.All() {
			is.NoErr(err)
			if u.ID == "u1" {
				break
			}
		}
		token := it.Cursor()
		rest, err := users.Query(bmMemberTeam.Eq("red")).From(token).Collect(ctx)
		is.NoErr(err)
		is.Equal(len(rest), 8)
		is.Equal(rest[0].ID, "u2")

		// Parallel scans: engine.scan(User, parallel=(i, 3)) per worker.
		var ids []string
		for seg := range 3 {
			part, err := users.Scan().Segment(seg, 3).Collect(ctx)
			is.NoErr(err)
			for _, u := range part {
				ids = append(ids, u.ID)
			}
		}
		slices.Sort(ids)
		is.Equal(len(ids), 11)

		// GSI query with the included attribute.
		byName, err := gonamo.IndexOf[bloopMember, string](users, "by_name")
		is.NoErr(err)
		named, err := byName.Query("user0").Collect(ctx)
		is.NoErr(err)
		is.Equal(len(named), 3)
		for _, u := range named {
			is.True(u.Email != "")
			is.Equal(u.Level, 0) // not projected
		}

		// Strict LSI: a filter or projection on an attribute the index does
		// not project is refused before any call (bloop raises
		// InvalidFilterCondition / InvalidProjection).
		byEmail, err := gonamo.IndexOf[bloopMember, string](users, "by_email")
		is.NoErr(err)
		_, err = byEmail.Query("red").Filter(bmLevel.Gt(1)).Collect(ctx)
		is.True(errors.Is(err, gonamo.ErrNotProjected))
		_, err = byEmail.Query("red").Only(bmName).Collect(ctx)
		is.True(errors.Is(err, gonamo.ErrNotProjected))
		keys, err := byEmail.Query("red").SortKey(bmEmail.BeginsWith("u1")).Collect(ctx)
		is.NoErr(err)
		is.Equal(keys, []bloopMember{{Team: "red", ID: "u1", Email: "u1@example.com"}})
	})
}
