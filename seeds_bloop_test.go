package gonamo_test

// Ports of the examples of bloop's documentation (quickstart, save,
// conditions, actions, types) to gonamo, run on the in-memory fake and, with
// GONAMO_TEST_ENDPOINT set, on DynamoDB Local.

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
)

// bloopUser is the User model of bloop's quickstart, keyed by username so
// that saving "only if the username is available" is a condition on the
// key.
type bloopUser struct {
	Username string
	Email    string
	Logins   int
	Roles    []string
	Bio      string
}

var (
	buUsername = attr.String("username", func(u *bloopUser) *string { return &u.Username })
	buEmail    = attr.String("email", func(u *bloopUser) *string { return &u.Email }, attr.OmitEmpty)
	buLogins   = attr.Int("logins", func(u *bloopUser) *int { return &u.Logins })
	buRoles    = attr.StringSet("roles", func(u *bloopUser) *[]string { return &u.Roles }, attr.OmitEmpty)
	buBio      = attr.String("bio", func(u *bloopUser) *string { return &u.Bio }, attr.OmitEmpty)

	bloopUserOpts = []gonamo.TableOption[bloopUser]{gonamo.Key(buUsername), gonamo.Attrs(buEmail, buLogins, buRoles, buBio)}
)

// TestSeedBloopUsernameAvailable ports bloop's quickstart save with a
// condition that the user does not exist yet (username_available): the
// first sign-up of a name wins, later ones fail without overwriting it, with
// Put (PutItem) and Save (bloop's UpdateItem save) alike, and with the
// table's generic condition or the key descriptor's.
func TestSeedBloopUsernameAvailable(t *testing.T) {
	seedTables(t, "seeds_bloop_users", bloopUserOpts, func(t *testing.T, users *gonamo.Table[bloopUser]) {
		writes := []struct {
			name      string
			write     func(context.Context, *bloopUser, ...gonamo.WriteOption[bloopUser]) error
			available attr.Condition[bloopUser]
		}{
			{"put", users.Put, users.ItemNotExists()},
			{"save", users.Save, users.ItemNotExists()},
			{"put key descriptor", users.Put, buUsername.NotExists()},
			{"save key descriptor", users.Save, buUsername.NotExists()},
		}
		for _, w := range writes {
			t.Run(w.name, func(t *testing.T) {
				is := is.New(t)
				ctx := context.Background()
				name := "ada-" + w.name
				first := &bloopUser{Username: name, Email: "ada@example.com", Roles: []string{"user"}}
				is.NoErr(w.write(ctx, first, gonamo.If(w.available)))

				var owner bloopUser
				err := w.write(ctx, &bloopUser{Username: name, Email: "impostor@example.com"},
					gonamo.If(w.available), gonamo.ReturnOnFailure(&owner))
				var cf *gonamo.ConditionFailedError
				is.True(errors.As(err, &cf))
				is.Equal(owner.Email, "ada@example.com") // who holds the name
				is.Equal(owner.Roles, []string{"user"})

				got, err := users.Get(ctx, &bloopUser{Username: name}, gonamo.Consistent[bloopUser]())
				is.NoErr(err)
				is.Equal(got.Email, "ada@example.com") // not overwritten

				is.NoErr(w.write(ctx, &bloopUser{Username: "grace-" + w.name}, gonamo.If(w.available))) // another name is free
			})
		}
	})
}

// TestSeedBloopActions ports bloop's atomic actions (add, delete, remove,
// set on a column): each action changes one attribute on the server, and
// concurrent adds all count, where saving two stale copies loses one.
func TestSeedBloopActions(t *testing.T) {
	seedTables(t, "seeds_bloop_actions", bloopUserOpts, func(t *testing.T, users *gonamo.Table[bloopUser]) {
		ctx := context.Background()
		steps := []struct {
			name  string
			upd   attr.Update[bloopUser]
			check func(is *is.I, u *bloopUser)
		}{
			{"add number", buLogins.Add(1), func(is *is.I, u *bloopUser) { is.Equal(u.Logins, 1) }},
			{"add again", buLogins.Add(2), func(is *is.I, u *bloopUser) { is.Equal(u.Logins, 3) }},
			{"add to set", buRoles.Add("admin"), func(is *is.I, u *bloopUser) {
				is.Equal(seedSorted(u.Roles), []string{"admin", "guest", "user"})
			}},
			{"delete from set", buRoles.Delete("guest"), func(is *is.I, u *bloopUser) {
				is.Equal(seedSorted(u.Roles), []string{"admin", "user"})
			}},
			{"remove", buBio.Remove(), func(is *is.I, u *bloopUser) { is.Equal(u.Bio, "") }},
			{"set", buEmail.Set("ada@lovelace.example"), func(is *is.I, u *bloopUser) { is.Equal(u.Email, "ada@lovelace.example") }},
			{"set empty removes", buEmail.Set(""), func(is *is.I, u *bloopUser) { is.Equal(u.Email, "") }},
			{"several", buLogins.Add(-3).And(buRoles.Delete("admin", "user"), buBio.Set("back")), func(is *is.I, u *bloopUser) {
				is.Equal(u.Logins, 0)
				is.Equal(u.Roles, nil) // an emptied set is removed
				is.Equal(u.Bio, "back")
			}},
		}
		is := is.New(t)
		user := &bloopUser{Username: "ada", Email: "ada@example.com", Roles: []string{"guest", "user"}, Bio: "hello"}
		is.NoErr(users.Put(ctx, user))
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				is := is.New(t)
				var after bloopUser
				is.NoErr(users.Update(ctx, &bloopUser{Username: "ada"}, s.upd, gonamo.ReturnNew(&after)))
				s.check(is, &after)
				stored, err := users.Get(ctx, &bloopUser{Username: "ada"}, gonamo.Consistent[bloopUser]())
				is.NoErr(err)
				s.check(is, stored)
			})
		}

		// Two clients load the same user and each counts one login.
		a, err := users.Get(ctx, &bloopUser{Username: "ada"}, gonamo.Consistent[bloopUser]())
		is.NoErr(err)
		b := *a
		a.Logins++
		b.Logins++
		is.NoErr(users.Save(ctx, a))
		is.NoErr(users.Save(ctx, &b))
		got, err := users.Get(ctx, a, gonamo.Consistent[bloopUser]())
		is.NoErr(err)
		is.Equal(got.Logins, 1) // saving stale copies lost a login
		is.NoErr(users.Update(ctx, a, buLogins.Add(1)))
		is.NoErr(users.Update(ctx, &b, buLogins.Add(1)))
		got, err = users.Get(ctx, a, gonamo.Consistent[bloopUser]())
		is.NoErr(err)
		is.Equal(got.Logins, 3) // actions never lose one
	})
}

// bloopDocument is the Document model of bloop's conditions chapter, with a
// location to move documents around.
type bloopDocument struct {
	ID       int
	Folder   string
	Name     string
	Size     int
	Data     []byte
	Location string
}

var (
	bdID       = attr.Int("id", func(d *bloopDocument) *int { return &d.ID })
	bdFolder   = attr.String("folder", func(d *bloopDocument) *string { return &d.Folder }, attr.OmitEmpty)
	bdName     = attr.String("name", func(d *bloopDocument) *string { return &d.Name }, attr.OmitEmpty)
	bdSize     = attr.Int("size", func(d *bloopDocument) *int { return &d.Size }, attr.OmitEmpty)
	bdData     = attr.Bytes("data", func(d *bloopDocument) *[]byte { return &d.Data })
	bdLocation = attr.String("location", func(d *bloopDocument) *string { return &d.Location }, attr.OmitEmpty)

	bloopDocumentOpts = []gonamo.TableOption[bloopDocument]{gonamo.Key(bdID),
		gonamo.Attrs(bdFolder, bdName, bdSize, bdData, bdLocation)}
)

// TestSeedBloopSync ports bloop's save and delete with sync="old" and
// sync="new": the write hands back the item as it was before or as it is
// after, here moving a document from one location to another.
func TestSeedBloopSync(t *testing.T) {
	seedTables(t, "seeds_bloop_sync", bloopDocumentOpts, func(t *testing.T, docs *gonamo.Table[bloopDocument]) {
		is := is.New(t)
		ctx := context.Background()
		doc := &bloopDocument{ID: 10, Folder: "~", Name: ".bashrc", Location: "us-east-1"}

		// A first save with sync="old" has nothing to return: dst is left
		// as it was.
		old := bloopDocument{Name: "untouched"}
		is.NoErr(docs.Put(ctx, doc, gonamo.ReturnOld(&old)))
		is.Equal(old, bloopDocument{Name: "untouched"})

		// Move it: sync="old" returns where it was.
		doc.Location = "eu-west-1"
		is.NoErr(docs.Save(ctx, doc, gonamo.ReturnOld(&old)))
		is.Equal(old.Location, "us-east-1")
		is.Equal(old.Name, ".bashrc")
		is.Equal(doc.Location, "eu-west-1")

		// sync="new" refreshes the object with what the server computed.
		is.NoErr(docs.Update(ctx, &bloopDocument{ID: 10}, bdSize.Add(512), gonamo.ReturnNew(doc)))
		is.Equal(doc.Size, 512)
		is.Equal(doc.Location, "eu-west-1")
		var fresh bloopDocument
		doc.Location = "ap-south-1"
		is.NoErr(docs.Save(ctx, doc, gonamo.ReturnNew(&fresh)))
		is.Equal(fresh, bloopDocument{ID: 10, Folder: "~", Name: ".bashrc", Size: 512, Location: "ap-south-1"})

		// Put replaces the whole item and returns the previous one.
		var replaced bloopDocument
		is.NoErr(docs.Put(ctx, &bloopDocument{ID: 10, Name: "new"}, gonamo.ReturnOld(&replaced)))
		is.Equal(replaced.Location, "ap-south-1")
		is.Equal(replaced.Size, 512)

		// delete(sync="old")
		var gone bloopDocument
		is.NoErr(docs.Delete(ctx, &bloopDocument{ID: 10}, gonamo.ReturnOld(&gone)))
		is.Equal(gone, bloopDocument{ID: 10, Name: "new"})

		// Old and new at once is a mistake caught before any call.
		err := docs.Update(ctx, &bloopDocument{ID: 10}, bdSize.Add(1), gonamo.ReturnOld(&old), gonamo.ReturnNew(&fresh))
		is.True(errors.Is(err, gonamo.ErrInvalidModel))
		var verr *gonamo.ValidationError
		is.True(errors.As(err, &verr))
		_, err = docs.Get(ctx, &bloopDocument{ID: 10})
		is.True(errors.Is(err, gonamo.ErrNotFound))
	})
}

// bloopCreateOnce checks the generic if_not_exist condition on any table:
// item is created once, a second create fails, and an update guarded by
// ItemExists never creates missing.
func bloopCreateOnce[T any](t *testing.T, tbl *gonamo.Table[T], item, changed, missing *T, upd attr.Update[T]) {
	t.Helper()
	is := is.New(t)
	ctx := context.Background()
	is.NoErr(tbl.Put(ctx, item, gonamo.If(tbl.ItemNotExists())))
	err := tbl.Put(ctx, changed, gonamo.If(tbl.ItemNotExists()))
	is.True(gonamo.IsConditionFailed(err))
	got, err := tbl.Get(ctx, item, gonamo.Consistent[T]())
	is.NoErr(err)
	is.Equal(got, item) // the first write stands
	is.NoErr(tbl.Update(ctx, item, upd, gonamo.If(tbl.ItemExists())))

	err = tbl.Update(ctx, missing, upd, gonamo.If(tbl.ItemExists()))
	is.True(gonamo.IsConditionFailed(err))
	_, err = tbl.Get(ctx, missing, gonamo.Consistent[T]())
	is.True(errors.Is(err, gonamo.ErrNotFound))
	is.NoErr(tbl.Update(ctx, missing, upd)) // without the condition, an update creates
	_, err = tbl.Get(ctx, missing, gonamo.Consistent[T]())
	is.NoErr(err)
}

// TestSeedBloopIfNotExist ports bloop's generic "if not exist" condition: it
// needs no attribute of the model, so the same helper guards a table keyed
// by a string, one keyed by a number and one with a range key.
func TestSeedBloopIfNotExist(t *testing.T) {
	t.Run("string key", func(t *testing.T) {
		seedTables(t, "seeds_bloop_ine_users", bloopUserOpts, func(t *testing.T, users *gonamo.Table[bloopUser]) {
			bloopCreateOnce(t, users, &bloopUser{Username: "ada", Email: "a@example.com"},
				&bloopUser{Username: "ada", Email: "b@example.com"}, &bloopUser{Username: "nobody"}, buLogins.Add(1))
		})
	})
	t.Run("number key", func(t *testing.T) {
		seedTables(t, "seeds_bloop_ine_docs", bloopDocumentOpts, func(t *testing.T, docs *gonamo.Table[bloopDocument]) {
			bloopCreateOnce(t, docs, &bloopDocument{ID: 1, Name: "a"}, &bloopDocument{ID: 1, Name: "b"},
				&bloopDocument{ID: 2}, bdSize.Add(1))
		})
	})
	t.Run("range key", func(t *testing.T) {
		seedTables(t, "seeds_bloop_ine_threads", pynThreadOpts, func(t *testing.T, threads *gonamo.Table[pynThread]) {
			// Same hash key, another range key: a different item.
			bloopCreateOnce(t, threads, &pynThread{ForumName: "f", Subject: "a", Replies: 1},
				&pynThread{ForumName: "f", Subject: "a", Replies: 2}, &pynThread{ForumName: "f", Subject: "b"}, pynViews.Add(1))
		})
	})
}

// TestSeedBloopSnapshot ports bloop's atomic conditions on the Document
// model: a new object is saved only if it did not exist; a loaded object is
// saved only if the stored item still holds what was loaded, missing
// attributes included; after a successful write the snapshot is taken
// again.
func TestSeedBloopSnapshot(t *testing.T) {
	seedTables(t, "seeds_bloop_snapshot", bloopDocumentOpts, func(t *testing.T, docs *gonamo.Table[bloopDocument]) {
		is := is.New(t)
		ctx := context.Background()

		// Rule 1: a new local object expects nothing stored.
		is.NoErr(docs.Put(ctx, &bloopDocument{ID: 10, Folder: "~", Name: ".bashrc"}, gonamo.If(docs.ItemNotExists())))

		// Rule 2: load, snapshot, change locally, save under the snapshot.
		doc := &bloopDocument{ID: 10}
		is.NoErr(docs.Load(ctx, doc, gonamo.Consistent[bloopDocument]()))
		snap, err := docs.Snapshot(doc)
		is.NoErr(err)
		doc.Data = []byte("# ... for non-login shells.")
		doc.Size = len(doc.Data)
		is.NoErr(docs.Save(ctx, doc, gonamo.If(snap)))
		// The same snapshot no longer holds: size and data were missing.
		is.True(gonamo.IsConditionFailed(docs.Save(ctx, doc, gonamo.If(snap))))

		// Rule 3: take the snapshot again after each successful write.
		snap, err = docs.Snapshot(doc)
		is.NoErr(err)
		is.NoErr(docs.Update(ctx, doc, bdLocation.Set("home"), gonamo.If(snap), gonamo.ReturnNew(doc)))

		// Each kind of concurrent change makes a stale snapshot fail.
		stale := []struct {
			name string
			upd  attr.Update[bloopDocument]
		}{
			{"value changed", bdFolder.Set("/etc")},
			{"value removed", bdName.Remove()},
			{"number changed", bdSize.Add(1)},
			{"binary changed", bdData.Set([]byte("other"))},
		}
		for _, c := range stale {
			t.Run(c.name, func(t *testing.T) {
				is := is.New(t)
				mine := &bloopDocument{ID: 10}
				is.NoErr(docs.Load(ctx, mine, gonamo.Consistent[bloopDocument]()))
				snap, err := docs.Snapshot(mine)
				is.NoErr(err)
				var theirs bloopDocument
				is.NoErr(docs.Update(ctx, &bloopDocument{ID: 10}, c.upd, gonamo.ReturnNew(&theirs))) // someone else

				mine.Location = "mine"
				var current bloopDocument
				err = docs.Save(ctx, mine, gonamo.If(snap), gonamo.ReturnOnFailure(&current))
				is.True(gonamo.IsConditionFailed(err))
				is.Equal(current, theirs) // what beat us
				err = docs.Delete(ctx, mine, gonamo.If(snap))
				is.True(gonamo.IsConditionFailed(err))
			})
		}

		// A missing attribute someone else sets fails the snapshot too.
		mine := &bloopDocument{ID: 20, Name: "sparse"}
		is.NoErr(docs.Put(ctx, mine))
		snap, err = docs.Snapshot(mine) // expects folder, data, location absent
		is.NoErr(err)
		is.NoErr(docs.Update(ctx, mine, bdFolder.Set("/tmp")))
		is.True(gonamo.IsConditionFailed(docs.Delete(ctx, mine, gonamo.If(snap))))
		is.NoErr(docs.Load(ctx, mine))
		snap, err = docs.Snapshot(mine)
		is.NoErr(err)
		is.NoErr(docs.Delete(ctx, mine, gonamo.If(snap)))
	})
}

// bloopMeasure holds the number types of bloop's types chapter: an exact
// Number (decimal, 38 digits), a Float and an Integer.
type bloopMeasure struct {
	ID      string
	Amount  attr.Decimal
	Ratio   float64
	Count   int64
	Samples []float64
}

var (
	bmID      = attr.String("id", func(m *bloopMeasure) *string { return &m.ID })
	bmAmount  = attr.Exact("amount", func(m *bloopMeasure) *attr.Decimal { return &m.Amount })
	bmRatio   = attr.Number("ratio", func(m *bloopMeasure) *float64 { return &m.Ratio })
	bmCount   = attr.Number("count", func(m *bloopMeasure) *int64 { return &m.Count })
	bmSamples = attr.NumberSet("samples", func(m *bloopMeasure) *[]float64 { return &m.Samples }, attr.OmitEmpty)

	bloopMeasureOpts = []gonamo.TableOption[bloopMeasure]{gonamo.Key(bmID), gonamo.Attrs(bmAmount, bmRatio, bmCount, bmSamples)}
)

func bloopDecimal(t *testing.T, s string) attr.Decimal {
	t.Helper()
	d, err := attr.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSeedBloopNumbers ports bloop's Number and Float types: exact decimals
// up to DynamoDB's 38 digits round-trip unchanged and add up exactly,
// floats go through DynamoDB's decimal arithmetic, and the values DynamoDB
// cannot store (NaN, infinities, more digits, too large or small
// magnitudes) are typed errors raised before any call.
func TestSeedBloopNumbers(t *testing.T) {
	// Parsing rejects what DynamoDB would.
	parse := []struct {
		text string
		want error
	}{
		{"12345678901234567890.123456789012345678", nil}, // 38 digits
		{"123456789012345678901234567890123456789", attr.ErrNumberRange},
		{"1.000000000000000000000000000000000000000", nil}, // trailing zeros are not significant
		{"9.9999999999999999999999999999999999999E+125", nil},
		{"1E+126", attr.ErrNumberRange},
		{"1E-130", nil},
		{"1E-131", attr.ErrNumberRange},
		{"NaN", attr.ErrInvalidNumber},
		{"Infinity", attr.ErrInvalidNumber},
		{"12,5", attr.ErrInvalidNumber},
	}
	for _, c := range parse {
		t.Run("parse "+c.text, func(t *testing.T) {
			is := is.New(t)
			_, err := attr.ParseDecimal(c.text)
			if c.want == nil {
				is.NoErr(err)
				return
			}
			is.True(errors.Is(err, c.want))
		})
	}

	seedTables(t, "seeds_bloop_numbers", bloopMeasureOpts, func(t *testing.T, measures *gonamo.Table[bloopMeasure]) {
		ctx := context.Background()

		// Exact decimals round-trip at full precision.
		for i, text := range []string{
			"12345678901234567890.123456789012345678",
			"-0.00000000000000000000000000000000000001",
			"99999999999999999999999999999999999999",
			"9.9999999999999999999999999999999999999E+125",
			"1E-130",
			"0",
		} {
			t.Run("round trip "+text, func(t *testing.T) {
				is := is.New(t)
				m := &bloopMeasure{ID: "exact-" + string(rune('a'+i)), Amount: bloopDecimal(t, text)}
				is.NoErr(measures.Put(ctx, m))
				got, err := measures.Get(ctx, m, gonamo.Consistent[bloopMeasure]())
				is.NoErr(err)
				is.Equal(got.Amount.Cmp(m.Amount), 0)
			})
		}

		t.Run("exact arithmetic", func(t *testing.T) {
			is := is.New(t)
			tenth := bloopDecimal(t, "0.1")
			m := &bloopMeasure{ID: "sum", Amount: tenth, Ratio: 0.1}
			is.NoErr(measures.Put(ctx, m))
			is.NoErr(measures.Update(ctx, m, bmAmount.Add(tenth).And(bmRatio.Add(0.2))))
			is.NoErr(measures.Update(ctx, m, bmAmount.Add(tenth), gonamo.ReturnNew(m)))
			is.Equal(m.Amount.Cmp(bloopDecimal(t, "0.3")), 0)
			is.Equal(m.Amount.String(), "0.3")
			// DynamoDB adds decimals: 0.1 + 0.2 is 0.3, unlike float64.
			is.Equal(m.Ratio, 0.3)
			tenthF, fifthF := 0.1, 0.2
			is.True(tenthF+fifthF != 0.3)

			// 38 digits hold; a 39th is refused by DynamoDB itself.
			big := &bloopMeasure{ID: "big", Amount: bloopDecimal(t, "12345678901234567890123456789012345678")}
			is.NoErr(measures.Put(ctx, big))
			err := measures.Update(ctx, big, bmAmount.Add(tenth))
			var api smithy.APIError
			is.True(errors.As(err, &api))
			is.Equal(api.ErrorCode(), "ValidationException")
			is.Equal(api.ErrorMessage(), "DynamoDB only supports precision up to 38 digits")
			nines := &bloopMeasure{ID: "nines", Amount: bloopDecimal(t, "99999999999999999999999999999999999999")}
			is.NoErr(measures.Put(ctx, nines))
			is.NoErr(measures.Update(ctx, nines, bmAmount.Add(bloopDecimal(t, "1")), gonamo.ReturnNew(nines)))
			is.Equal(nines.Amount.Cmp(bloopDecimal(t, "1E+38")), 0) // one significant digit
		})

		t.Run("floats", func(t *testing.T) {
			is := is.New(t)
			for i, f := range []float64{1.5, -2.25e-10, 6.02214076e23, math.MaxFloat64 / 1e200, math.SmallestNonzeroFloat64 * 1e200, 1.0 / 3} {
				m := &bloopMeasure{ID: "float-" + string(rune('a'+i)), Ratio: f, Samples: []float64{f, 0.5}}
				is.NoErr(measures.Put(ctx, m))
				got, err := measures.Get(ctx, m, gonamo.Consistent[bloopMeasure]())
				is.NoErr(err)
				is.Equal(got.Ratio, f) // the shortest text reads back the same float64
				is.Equal(len(got.Samples), 2)
			}
		})

		// NaN and the infinities are typed errors, wherever they appear,
		// and nothing reaches DynamoDB.
		key := &bloopMeasure{ID: "guarded"}
		is := is.New(t)
		is.NoErr(measures.Put(ctx, &bloopMeasure{ID: "guarded", Ratio: 1, Count: 1}))
		snapNaN := func() error { _, err := measures.Snapshot(&bloopMeasure{ID: "guarded", Ratio: math.NaN()}); return err }
		bad := []struct {
			name string
			err  error
			want error
		}{
			{"put NaN", measures.Put(ctx, &bloopMeasure{ID: "guarded", Ratio: math.NaN()}), attr.ErrInvalidNumber},
			{"put +Inf", measures.Put(ctx, &bloopMeasure{ID: "guarded", Ratio: math.Inf(1)}), attr.ErrInvalidNumber},
			{"save -Inf", measures.Save(ctx, &bloopMeasure{ID: "guarded", Ratio: math.Inf(-1)}), attr.ErrInvalidNumber},
			{"put NaN in set", measures.Put(ctx, &bloopMeasure{ID: "guarded", Samples: []float64{1, math.NaN()}}), attr.ErrInvalidNumber},
			{"put too large", measures.Put(ctx, &bloopMeasure{ID: "guarded", Ratio: 1e200}), attr.ErrNumberRange},
			{"put too small", measures.Put(ctx, &bloopMeasure{ID: "guarded", Ratio: 1e-200}), attr.ErrNumberRange},
			{"set NaN", measures.Update(ctx, key, bmRatio.Set(math.NaN())), attr.ErrInvalidNumber},
			{"add +Inf", measures.Update(ctx, key, bmRatio.Add(math.Inf(1))), attr.ErrInvalidNumber},
			{"add NaN to set", measures.Update(ctx, key, bmSamples.Add(math.NaN())), attr.ErrInvalidNumber},
			{"condition NaN", measures.Update(ctx, key, bmCount.Add(1), gonamo.If(bmRatio.Lt(math.NaN()))), attr.ErrInvalidNumber},
			{"delete condition Inf", measures.Delete(ctx, key, gonamo.If(bmRatio.Between(0, math.Inf(1)))), attr.ErrInvalidNumber},
			{"snapshot NaN", snapNaN(), attr.ErrInvalidNumber},
		}
		for _, c := range bad {
			t.Run(c.name, func(t *testing.T) {
				is := is.New(t)
				is.True(errors.Is(c.err, c.want))
				var verr *gonamo.ValidationError
				is.True(errors.As(c.err, &verr))
				var aerr *attr.Error
				is.True(errors.As(c.err, &aerr))
				is.Equal(aerr.Model, "bloopMeasure")
			})
		}
		got, err := measures.Get(ctx, key, gonamo.Consistent[bloopMeasure]())
		is.NoErr(err)
		// None of them wrote.
		is.Equal(got.Ratio, 1.0)
		is.Equal(got.Count, int64(1))
		is.True(got.Amount.IsZero())
		is.Equal(got.Samples, nil)

		// Numbers stored by others that the Go type cannot hold are typed
		// errors on read.
		reads := []struct {
			name, count string
		}{
			{"integer overflow", "1E+30"},
			{"fraction into integer", "1.5"},
		}
		for _, c := range reads {
			t.Run(c.name, func(t *testing.T) {
				is := is.New(t)
				seedRawPut(t, measures, map[string]types.AttributeValue{"id": seedS("raw"), "count": seedN(c.count)})
				_, err := measures.Get(ctx, &bloopMeasure{ID: "raw"}, gonamo.Consistent[bloopMeasure]())
				is.True(errors.Is(err, attr.ErrNumberRange))
				var aerr *attr.Error
				is.True(errors.As(err, &aerr))
				is.Equal(aerr.Attr, "count")
			})
		}
		seedRawPut(t, measures, map[string]types.AttributeValue{"id": seedS("raw"), "count": seedN("1E+2")})
		got, err = measures.Get(ctx, &bloopMeasure{ID: "raw"}, gonamo.Consistent[bloopMeasure]())
		is.NoErr(err)
		is.Equal(got.Count, int64(100)) // an integral number in any notation reads as an integer
	})
}
