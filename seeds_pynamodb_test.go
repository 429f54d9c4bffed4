package gonamo_test

// Ports of the examples of PynamoDB's documentation (usage, update
// operations, conditional operations) to gonamo, run on the in-memory fake
// and, with GONAMO_TEST_ENDPOINT set, on DynamoDB Local.

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

// seedTables runs f, once per test backend, on a fresh table called name
// for model T declared by opts, and deletes the table afterwards.
func seedTables[T any](t *testing.T, name string, opts []gonamo.TableOption[T], f func(t *testing.T, tbl *gonamo.Table[T])) {
	t.Helper()
	for backend, db := range testDBs() {
		t.Run(backend, func(t *testing.T) {
			tbl, err := gonamo.NewTable(db, name, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if err := tbl.Create(context.Background()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if err := tbl.DeleteTable(context.Background()); err != nil {
					t.Errorf("delete table %s: %v", tbl.Name(), err)
				}
			})
			f(t, tbl)
		})
	}
}

// seedRawGet reads the stored item with key as DynamoDB holds it, bypassing
// the model, to see stored names and absent attributes.
func seedRawGet[T any](t *testing.T, tbl *gonamo.Table[T], key map[string]types.AttributeValue) map[string]types.AttributeValue {
	t.Helper()
	out, err := tbl.DB().Client().GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(tbl.Name()), Key: key, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	return out.Item
}

// seedRawPut stores item as is, bypassing the model, as another program
// writing the table would.
func seedRawPut[T any](t *testing.T, tbl *gonamo.Table[T], item map[string]types.AttributeValue) {
	t.Helper()
	_, err := tbl.DB().Client().PutItem(context.Background(), &dynamodb.PutItemInput{
		TableName: aws.String(tbl.Name()), Item: item})
	if err != nil {
		t.Fatal(err)
	}
}

func seedS(s string) *types.AttributeValueMemberS { return &types.AttributeValueMemberS{Value: s} }
func seedN(n string) *types.AttributeValueMemberN { return &types.AttributeValueMemberN{Value: n} }
func seedPtr[V any](v V) *V                       { return &v }

// pynThread is the Thread model of PynamoDB's usage and update examples: a
// forum thread with counters, a set of subjects, a list of notes and a
// nullable author.
type pynThread struct {
	ForumName, Subject string
	Views, Replies     int
	Subjects           []string
	Notes              []string
	Author             *string // PynamoDB's null=True
	LastPost           time.Time
}

var (
	pynForumName = attr.String("forum_name", func(t *pynThread) *string { return &t.ForumName })
	pynSubject   = attr.String("subject", func(t *pynThread) *string { return &t.Subject })
	pynViews     = attr.Int("views", func(t *pynThread) *int { return &t.Views }, attr.Default(0))
	pynReplies   = attr.Int("replies", func(t *pynThread) *int { return &t.Replies })
	pynSubjects  = attr.StringSet("subjects", func(t *pynThread) *[]string { return &t.Subjects }, attr.OmitEmpty)
	pynNotes     = attr.List("notes", func(t *pynThread) *[]string { return &t.Notes }, attr.StringCodec[string](), attr.OmitEmpty)
	pynAuthor    = attr.Pointer("author", func(t *pynThread) **string { return &t.Author }, attr.StringCodec[string]())
	pynLastPost  = attr.Time("last_post", func(t *pynThread) *time.Time { return &t.LastPost }, attr.OmitEmpty)

	pynThreadOpts = []gonamo.TableOption[pynThread]{
		gonamo.Key(pynForumName, pynSubject),
		gonamo.Attrs[pynThread](pynViews, pynReplies, pynSubjects, pynNotes, pynAuthor, pynLastPost),
	}
)

// TestSeedPynamoDBUsage ports PynamoDB's model usage walk-through: create the
// table, save an item, get it, refresh a stale copy, update it with actions,
// delete it.
func TestSeedPynamoDBUsage(t *testing.T) {
	seedTables(t, "seeds_pyn_usage", pynThreadOpts, func(t *testing.T, threads *gonamo.Table[pynThread]) {
		is := is.New(t)
		ctx := context.Background()

		// Thread.exists() / create_table: the table is there and matches.
		ok, err := threads.Exists(ctx)
		is.NoErr(err)
		is.True(ok)
		is.NoErr(threads.CreateOrVerify(ctx))

		// thread.save()
		posted := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
		thread := &pynThread{ForumName: "Some Forum", Subject: "Some Subject", Replies: 2,
			Subjects: []string{"general"}, LastPost: posted}
		is.NoErr(threads.Put(ctx, thread))

		// Thread.get(hash_key, range_key)
		got, err := threads.Get(ctx, &pynThread{ForumName: "Some Forum", Subject: "Some Subject"}, gonamo.Consistent[pynThread]())
		is.NoErr(err)
		is.Equal(got.Views, 0) // the default
		is.Equal(got.Replies, 2)
		is.Equal(got.Subjects, []string{"general"})
		is.Equal(got.Author, nil)
		is.True(got.LastPost.Equal(posted))

		// thread.refresh(): someone else writes, the stale copy reloads.
		stale := *got
		is.NoErr(threads.Update(ctx, got, pynViews.Add(5).And(pynAuthor.Set("ada"))))
		is.Equal(stale.Views, 0)
		is.NoErr(threads.Load(ctx, &stale, gonamo.Consistent[pynThread]()))
		is.Equal(stale.Views, 5)
		is.Equal(*stale.Author, "ada")

		// thread.update(actions=[...]) refreshes the instance from ALL_NEW.
		later := posted.Add(time.Hour)
		is.NoErr(threads.Update(ctx, &stale,
			pynViews.Add(1).And(pynSubjects.Add("announcements"), pynLastPost.Set(later), pynAuthor.Remove()),
			gonamo.ReturnNew(&stale)))
		is.Equal(stale.Views, 6)
		is.Equal(stale.Author, nil)
		is.True(stale.LastPost.Equal(later))
		is.Equal(seedSorted(stale.Subjects), []string{"announcements", "general"})

		// thread.delete(), then Thread.get raises DoesNotExist.
		is.NoErr(threads.Delete(ctx, &stale))
		_, err = threads.Get(ctx, &pynThread{ForumName: "Some Forum", Subject: "Some Subject"})
		is.True(errors.Is(err, gonamo.ErrNotFound))
		// refresh() of a deleted item fails and leaves the copy untouched.
		err = threads.Load(ctx, &stale)
		is.True(errors.Is(err, gonamo.ErrNotFound))
		is.Equal(stale.Views, 6)
	})
}

// pynCustomer ports PynamoDB's custom attribute names (attr_name=...): the Go
// field names differ from the names stored in DynamoDB, down to the
// attributes of a map.
type pynCustomer struct {
	CustomerID string
	FullName   string
	Address    pynAddress
}

type pynAddress struct {
	City string
	Zip  int
}

var (
	pynCustomerID = attr.String("cid", func(c *pynCustomer) *string { return &c.CustomerID })
	pynFullName   = attr.String("n", func(c *pynCustomer) *string { return &c.FullName })
	pynCity       = attr.String("c", func(a *pynAddress) *string { return &a.City })
	pynZip        = attr.Int("z", func(a *pynAddress) *int { return &a.Zip })
	pynAddr       = attr.Struct("addr", func(c *pynCustomer) *pynAddress { return &c.Address }, pynCity, pynZip)
)

// TestSeedPynamoDBCustomAttributeNames ports PynamoDB's attr_name example:
// items are stored under the short names, conditions and updates built from
// the descriptors use them, and reads map them back to the Go fields.
func TestSeedPynamoDBCustomAttributeNames(t *testing.T) {
	opts := []gonamo.TableOption[pynCustomer]{gonamo.Key(pynCustomerID), gonamo.Attrs(pynFullName, pynAddr)}
	seedTables(t, "seeds_pyn_names", opts, func(t *testing.T, customers *gonamo.Table[pynCustomer]) {
		is := is.New(t)
		ctx := context.Background()
		c := &pynCustomer{CustomerID: "c-1", FullName: "Ada Lovelace", Address: pynAddress{City: "London", Zip: 1815}}
		is.NoErr(customers.Put(ctx, c))

		raw := seedRawGet(t, customers, map[string]types.AttributeValue{"cid": seedS("c-1")})
		is.Equal(len(raw), 3)
		is.Equal(raw["n"], types.AttributeValue(seedS("Ada Lovelace")))
		addr, ok := raw["addr"].(*types.AttributeValueMemberM)
		is.True(ok)
		is.Equal(addr.Value["c"], types.AttributeValue(seedS("London")))
		is.Equal(addr.Value["z"], types.AttributeValue(seedN("1815")))
		_, hasGoName := raw["FullName"]
		is.True(!hasGoName)

		// Expressions use the stored names too.
		city := attr.NestedString(pynAddr, pynCity)
		is.NoErr(customers.Update(ctx, c, pynFullName.Set("Augusta Ada King").And(city.Set("Marylebone")),
			gonamo.If(city.Eq("London").And(attr.NestedNumber(pynAddr, pynZip).Eq(1815)))))
		got, err := customers.Get(ctx, &pynCustomer{CustomerID: "c-1"})
		is.NoErr(err)
		is.Equal(*got, pynCustomer{CustomerID: "c-1", FullName: "Augusta Ada King", Address: pynAddress{City: "Marylebone", Zip: 1815}})
	})
}

// pynAccount ports PynamoDB's defaults (default=..., callable defaults) and
// nullability (null=True versus the non-null default).
type pynAccount struct {
	Email    string
	Name     string    // required: never empty
	Plan     string    // default "free"
	Credits  int       // default 100
	Created  time.Time // default from a clock
	Phone    *string   // required pointer: a nil phone is an error
	Nickname *string   // nullable: nil is stored as no attribute
}

var pynClock = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

var (
	pynEmail    = attr.String("email", func(a *pynAccount) *string { return &a.Email })
	pynName     = attr.String("name", func(a *pynAccount) *string { return &a.Name }, attr.OmitEmpty, attr.Required)
	pynPlan     = attr.String("plan", func(a *pynAccount) *string { return &a.Plan }, attr.Default("free"))
	pynCredits  = attr.Int("credits", func(a *pynAccount) *int { return &a.Credits }, attr.Default(100))
	pynCreated  = attr.Time("created", func(a *pynAccount) *time.Time { return &a.Created }, attr.DefaultFunc(func() time.Time { return pynClock }))
	pynPhone    = attr.Pointer("phone", func(a *pynAccount) **string { return &a.Phone }, attr.StringCodec[string](), attr.Required)
	pynNickname = attr.Pointer("nick", func(a *pynAccount) **string { return &a.Nickname }, attr.StringCodec[string]())
)

// TestSeedPynamoDBDefaultsAndNull ports PynamoDB's attribute defaults and
// null handling: defaults fill empty fields on save and absent attributes
// on read; a nullable attribute may be missing; a required one may not, on
// save, on update and on read.
func TestSeedPynamoDBDefaultsAndNull(t *testing.T) {
	opts := []gonamo.TableOption[pynAccount]{gonamo.Key(pynEmail),
		gonamo.Attrs(pynName, pynPlan, pynCredits, pynCreated, pynPhone, pynNickname)}
	seedTables(t, "seeds_pyn_defaults", opts, func(t *testing.T, accounts *gonamo.Table[pynAccount]) {
		is := is.New(t)
		ctx := context.Background()
		key := func(email string) map[string]types.AttributeValue {
			return map[string]types.AttributeValue{"email": seedS(email)}
		}

		// Defaults are written into the item on save, as a constructor would.
		a := &pynAccount{Email: "ada@example.com", Name: "Ada", Phone: seedPtr("555-0100")}
		is.NoErr(accounts.Put(ctx, a))
		is.Equal(a.Plan, "free")
		is.Equal(a.Credits, 100)
		is.True(a.Created.Equal(pynClock))
		raw := seedRawGet(t, accounts, key("ada@example.com"))
		is.Equal(raw["plan"], types.AttributeValue(seedS("free")))
		is.Equal(raw["credits"], types.AttributeValue(seedN("100")))
		_, hasNick := raw["nick"]
		is.True(!hasNick) // a nil nullable attribute is not stored

		got, err := accounts.Get(ctx, &pynAccount{Email: "ada@example.com"})
		is.NoErr(err)
		is.Equal(got.Nickname, nil)
		is.Equal(*got.Phone, "555-0100")

		// A nullable attribute is set and removed freely.
		is.NoErr(accounts.Update(ctx, got, pynNickname.Set("countess"), gonamo.ReturnNew(got)))
		is.Equal(*got.Nickname, "countess")
		is.NoErr(accounts.Update(ctx, got, pynNickname.Remove(), gonamo.ReturnNew(got)))
		is.Equal(got.Nickname, nil)

		// A zero value is "empty": a default replaces it (use a pointer to
		// store a real zero).
		zero := &pynAccount{Email: "zero@example.com", Name: "Zero", Phone: seedPtr("555-0000"), Credits: 0}
		is.NoErr(accounts.Put(ctx, zero))
		is.Equal(zero.Credits, 100)

		// Defaults also fill attributes absent from a stored item on read.
		seedRawPut(t, accounts, map[string]types.AttributeValue{"email": seedS("old@example.com"),
			"name": seedS("Old"), "phone": seedS("555-0199")})
		old, err := accounts.Get(ctx, &pynAccount{Email: "old@example.com"})
		is.NoErr(err)
		is.Equal(old.Plan, "free")
		is.Equal(old.Credits, 100)
		is.True(old.Created.Equal(pynClock))

		// Required attributes: saving, updating or reading without them is a
		// typed error, caught before any call for writes.
		cases := []struct {
			name string
			err  error
			attr string
		}{
			{"nil required pointer", accounts.Put(ctx, &pynAccount{Email: "x@example.com", Name: "X"}), "phone"},
			{"empty required string", accounts.Put(ctx, &pynAccount{Email: "x@example.com", Phone: seedPtr("1")}), "name"},
			{"remove required", accounts.Update(ctx, &pynAccount{Email: "ada@example.com"}, pynPhone.Remove()), "phone"},
			{"set required to empty", accounts.Update(ctx, &pynAccount{Email: "ada@example.com"}, pynName.Set("")), "name"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				is := is.New(t)
				is.True(errors.Is(c.err, attr.ErrRequired))
				var verr *gonamo.ValidationError
				is.True(errors.As(c.err, &verr))
				is.Equal(verr.Attr, c.attr)
			})
		}
		_, err = accounts.Get(ctx, &pynAccount{Email: "x@example.com"})
		is.True(errors.Is(err, gonamo.ErrNotFound)) // nothing was written

		seedRawPut(t, accounts, map[string]types.AttributeValue{"email": seedS("nophone@example.com"), "name": seedS("N")})
		_, err = accounts.Get(ctx, &pynAccount{Email: "nophone@example.com"})
		is.True(errors.Is(err, attr.ErrRequired))
		var aerr *attr.Error
		is.True(errors.As(err, &aerr))
		is.Equal(aerr.Attr, "phone")
	})
}

// TestSeedPynamoDBUpdateExpressions ports PynamoDB's table of update
// operations: SET, REMOVE (attribute and list element), ADD (number and
// set), DELETE (set), + and -, list_append at either end, and
// if_not_exists.
func TestSeedPynamoDBUpdateExpressions(t *testing.T) {
	n := func(v int) expr.Operand[pynThread] { return expr.Value[pynThread](seedN(strconv.Itoa(v))) }
	views := expr.PathOf[pynThread](pynViews.Path())
	base := pynThread{Views: 10, Subjects: []string{"An Old Subject", "Kept"}, Notes: []string{"a", "b", "c"}}
	withAuthor := base
	withAuthor.Author = seedPtr("ada")
	cases := []struct {
		name   string
		before pynThread
		upd    attr.Update[pynThread]
		check  func(is *is.I, got *pynThread)
	}{
		{"set", base, pynViews.Set(10 + 32), func(is *is.I, got *pynThread) { is.Equal(got.Views, 42) }},
		{"remove", base, pynNotes.Remove(), func(is *is.I, got *pynThread) { is.Equal(got.Notes, nil) }},
		{"remove set", base, pynSubjects.Remove(), func(is *is.I, got *pynThread) { is.Equal(got.Subjects, nil) }},
		{"remove list element", base, pynNotes.Index(0).Remove(), func(is *is.I, got *pynThread) { is.Equal(got.Notes, []string{"b", "c"}) }},
		{"remove list elements", base, pynNotes.Index(0).Remove().And(pynNotes.Index(1).Remove()),
			func(is *is.I, got *pynThread) { is.Equal(got.Notes, []string{"c"}) }},
		{"add number", base, pynViews.Add(1), func(is *is.I, got *pynThread) { is.Equal(got.Views, 11) }},
		{"add negative number", base, pynViews.Add(-1), func(is *is.I, got *pynThread) { is.Equal(got.Views, 9) }},
		{"add set", base, pynSubjects.Add("A New Subject", "Another New Subject"), func(is *is.I, got *pynThread) {
			is.Equal(seedSorted(got.Subjects), []string{"A New Subject", "An Old Subject", "Another New Subject", "Kept"})
		}},
		{"delete set", base, pynSubjects.Delete("An Old Subject"), func(is *is.I, got *pynThread) { is.Equal(got.Subjects, []string{"Kept"}) }},
		{"delete whole set", base, pynSubjects.Delete("An Old Subject", "Kept"), func(is *is.I, got *pynThread) { is.Equal(got.Subjects, nil) }},
		{"plus", base, attr.RawUpdate(expr.Set(pynViews.Path(), views.Plus(n(5)))), func(is *is.I, got *pynThread) { is.Equal(got.Views, 15) }},
		{"minus", base, attr.RawUpdate(expr.Set(pynViews.Path(), views.Minus(n(1)))), func(is *is.I, got *pynThread) { is.Equal(got.Views, 9) }},
		{"value minus attribute", base, attr.RawUpdate(expr.Set(pynViews.Path(), n(5).Minus(views))), func(is *is.I, got *pynThread) { is.Equal(got.Views, -5) }},
		{"append", base, pynNotes.Append("my last note"), func(is *is.I, got *pynThread) {
			is.Equal(got.Notes, []string{"a", "b", "c", "my last note"})
		}},
		{"prepend", base, pynNotes.Prepend("my first note"), func(is *is.I, got *pynThread) {
			is.Equal(got.Notes, []string{"my first note", "a", "b", "c"})
		}},
		{"append to missing list", pynThread{}, pynNotes.Append("first"), func(is *is.I, got *pynThread) { is.Equal(got.Notes, []string{"first"}) }},
		{"if_not_exists on missing", base, pynAuthor.SetIfNotExists("Default Author"), func(is *is.I, got *pynThread) {
			is.Equal(*got.Author, "Default Author")
		}},
		{"if_not_exists on present", withAuthor, pynAuthor.SetIfNotExists("Default Author"), func(is *is.I, got *pynThread) {
			is.Equal(*got.Author, "ada")
		}},
		{"if_not_exists plus", pynThread{}, attr.RawUpdate(expr.Set(pynViews.Path(), expr.IfNotExists(pynViews.Path(), n(0)).Plus(n(1)))),
			func(is *is.I, got *pynThread) { is.Equal(got.Views, 1) }},
		{"several actions", base, pynViews.Set(0).And(pynNotes.Append("d"), pynSubjects.Delete("Kept"), pynAuthor.Set("bob")),
			func(is *is.I, got *pynThread) {
				is.Equal(got.Views, 0)
				is.Equal(got.Notes, []string{"a", "b", "c", "d"})
				is.Equal(got.Subjects, []string{"An Old Subject"})
				is.Equal(*got.Author, "bob")
			}},
	}
	seedTables(t, "seeds_pyn_updates", pynThreadOpts, func(t *testing.T, threads *gonamo.Table[pynThread]) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				is := is.New(t)
				ctx := context.Background()
				item := c.before
				item.ForumName, item.Subject = "updates", c.name
				item.Subjects = slices.Clone(item.Subjects)
				item.Notes = slices.Clone(item.Notes)
				is.NoErr(threads.Put(ctx, &item))
				is.NoErr(threads.Update(ctx, &item, c.upd))
				got, err := threads.Get(ctx, &item, gonamo.Consistent[pynThread]())
				is.NoErr(err)
				c.check(is, got)
			})
		}
	})
}

// seedSorted returns a sorted copy of a set read back, as DynamoDB keeps no
// order in sets.
func seedSorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// pynContainer is the model of PynamoDB's condition examples, with a map,
// a list and a struct to reach nested paths.
type pynContainer struct {
	Name    string
	Subject string
	Views   int
	Tags    []string
	MyMap   map[string]string
	MyList  []string
	Place   pynPlace
	Author  *string
	Checks  int // counts the writes whose condition held
}

type pynPlace struct {
	City string
	Zip  int
}

var (
	pcName    = attr.String("name", func(c *pynContainer) *string { return &c.Name })
	pcSubject = attr.String("subject", func(c *pynContainer) *string { return &c.Subject })
	pcViews   = attr.Int("views", func(c *pynContainer) *int { return &c.Views })
	pcTags    = attr.StringSet("tags", func(c *pynContainer) *[]string { return &c.Tags }, attr.OmitEmpty)
	pcMap     = attr.Map("my_map", func(c *pynContainer) *map[string]string { return &c.MyMap }, attr.StringCodec[string]())
	pcList    = attr.List("my_list", func(c *pynContainer) *[]string { return &c.MyList }, attr.StringCodec[string]())
	pcCity    = attr.String("city", func(p *pynPlace) *string { return &p.City })
	pcZip     = attr.Int("zip", func(p *pynPlace) *int { return &p.Zip })
	pcPlace   = attr.Struct("place", func(c *pynContainer) *pynPlace { return &c.Place }, pcCity, pcZip)
	pcAuthor  = attr.Pointer("author", func(c *pynContainer) **string { return &c.Author }, attr.StringCodec[string]())
	pcChecks  = attr.Int("checks", func(c *pynContainer) *int { return &c.Checks })
)

// TestSeedPynamoDBConditions ports PynamoDB's table of condition
// expressions: every comparison, BETWEEN, IN, attribute_exists,
// attribute_not_exists, attribute_type, begins_with, contains, size, paths
// into maps, lists and structs, and AND, OR, NOT. Each condition guards an
// update of the stored item: it must go through exactly when the condition
// holds.
func TestSeedPynamoDBConditions(t *testing.T) {
	// list[0] is a plain Attr; wrapping it as a StringAttr gives it the
	// string functions (PynamoDB's my_list[0].contains('bar')).
	first := attr.StringAttr[pynContainer, string]{Attr: pcList.Index(0)}
	city := attr.NestedString(pcPlace, pcCity)
	zip := attr.NestedNumber(pcPlace, pcZip)
	cases := []struct {
		name  string
		cond  attr.Condition[pynContainer]
		holds bool
	}{
		{"== holds", pcSubject.Eq("Example Subject"), true},
		{"== fails", pcSubject.Eq("Some Subject"), false},
		{"!= holds", pcSubject.Ne("Some Subject"), true},
		{"!= fails", pcSubject.Ne("Example Subject"), false},
		{"< holds", pcViews.Lt(10), true},
		{"< fails", pcViews.Lt(5), false},
		{"<= holds", pcViews.Le(5), true},
		{"<= fails", pcViews.Le(4), false},
		{"> holds", pcViews.Gt(4), true},
		{"> fails", pcViews.Gt(5), false},
		{">= holds", pcViews.Ge(5), true},
		{">= fails", pcViews.Ge(6), false},
		{"between holds", pcViews.Between(1, 5), true},
		{"between fails", pcViews.Between(6, 10), false},
		{"in holds", pcSubject.In("Subject", "Example Subject"), true},
		{"in fails", pcSubject.In("Subject", "Other Subject"), false},
		{"exists holds", pcName.Exists(), true},
		{"exists fails", pcAuthor.Exists(), false},
		{"does_not_exist holds", pcAuthor.NotExists(), true},
		{"does_not_exist fails", pcSubject.NotExists(), false},
		{"is_type string", pcSubject.IsType(expr.TypeString), true},
		{"is_type set", pcTags.IsType(expr.TypeStringSet), true},
		{"is_type fails", pcViews.IsType(expr.TypeString), false},
		{"startswith holds", pcSubject.BeginsWith("Example"), true},
		{"startswith fails", pcSubject.BeginsWith("Other"), false},
		{"contains substring", pcSubject.Contains("ple Sub"), true},
		{"contains substring fails", pcSubject.Contains("foobar"), false},
		{"contains set element", pcTags.Contains("go"), true},
		{"contains set element fails", pcTags.Contains("rust"), false},
		{"contains list element", pcList.Contains("bar"), true},
		{"size ==", pcSubject.Size().Eq(15), true},
		{"size of set >", pcTags.Size().Gt(2), false},
		{"size of list between", pcList.Size().Between(1, 2), true},
		{"map key exists", pcMap.Key("foo").Exists(), true},
		{"map key missing", pcMap.Key("nope").Exists(), false},
		{"map key value", pcMap.Key("foo").Eq("bar"), true},
		{"list index", pcList.Index(1).Eq("baz"), true},
		{"list index out of range", pcList.Index(5).Exists(), false},
		{"list element contains", first.Contains("ar"), true},
		{"list element startswith", first.BeginsWith("x"), false},
		{"struct field", city.Eq("Paris"), true},
		{"struct number", zip.Between(75000, 75999), true},
		{"struct field fails", city.Ne("Paris"), false},
		{"map or list", pcMap.Key("foo").Exists().Or(first.Contains("bar")), true},
		{"and holds", pcViews.Gt(1).And(pcViews.Lt(10)), true},
		{"and fails", pcViews.Gt(1).And(pcViews.Gt(10)), false},
		{"or holds", pcViews.Lt(1).Or(pcViews.Ge(5)), true},
		{"or fails", pcViews.Lt(1).Or(pcViews.Gt(10)), false},
		{"not holds", pcSubject.Contains("foobar").Not(), true},
		{"not fails", pcSubject.Contains("Example").Not(), false},
		{"nested and/or/not", pcViews.Eq(5).And(pcTags.Contains("go").Or(pcAuthor.Exists())).And(city.Eq("Lyon").Not()), true},
	}
	opts := []gonamo.TableOption[pynContainer]{gonamo.Key(pcName),
		gonamo.Attrs(pcSubject, pcViews, pcTags, pcMap, pcList, pcPlace, pcAuthor, pcChecks)}
	seedTables(t, "seeds_pyn_conditions", opts, func(t *testing.T, containers *gonamo.Table[pynContainer]) {
		is := is.New(t)
		ctx := context.Background()
		item := &pynContainer{Name: "box", Subject: "Example Subject", Views: 5, Tags: []string{"go", "db"},
			MyMap: map[string]string{"foo": "bar"}, MyList: []string{"bar", "baz"}, Place: pynPlace{City: "Paris", Zip: 75001}}
		is.NoErr(containers.Put(ctx, item))
		held := 0
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				is := is.New(t)
				err := containers.Update(ctx, &pynContainer{Name: "box"}, pcChecks.Add(1), gonamo.If(c.cond))
				if c.holds {
					is.NoErr(err)
					held++
					return
				}
				var cf *gonamo.ConditionFailedError
				is.True(errors.As(err, &cf))
			})
		}
		got, err := containers.Get(ctx, &pynContainer{Name: "box"}, gonamo.Consistent[pynContainer]())
		is.NoErr(err)
		is.Equal(got.Checks, held) // failed conditions wrote nothing
		got.Checks = 0
		got.Tags, item.Tags = seedSorted(got.Tags), seedSorted(item.Tags)
		is.Equal(got, item)
	})
}

// TestSeedPynamoDBConditionalWrites ports PynamoDB's conditional save,
// update and delete and its inspection of the failure: the error is a
// *gonamo.ConditionFailedError that still unwraps to the SDK's
// ConditionalCheckFailedException, and can carry the item as stored.
func TestSeedPynamoDBConditionalWrites(t *testing.T) {
	seedTables(t, "seeds_pyn_condwrites", pynThreadOpts, func(t *testing.T, threads *gonamo.Table[pynThread]) {
		is := is.New(t)
		ctx := context.Background()
		item := &pynThread{ForumName: "Existing Forum", Subject: "Example Subject"}

		// thread_item.save(Thread.forum_name.exists()) on a new item fails.
		err := threads.Put(ctx, item, gonamo.If(pynForumName.Exists()))
		var cf *gonamo.ConditionFailedError
		is.True(errors.As(err, &cf))
		is.Equal(cf.Table, threads.Name())
		is.Equal(cf.Item, nil) // nothing stored, nothing asked for
		var sdk *types.ConditionalCheckFailedException
		is.True(errors.As(err, &sdk)) // PynamoDB's e.cause code check
		is.Equal(sdk.ErrorCode(), "ConditionalCheckFailedException")
		_, err = threads.Get(ctx, item)
		is.True(errors.Is(err, gonamo.ErrNotFound))

		is.NoErr(threads.Put(ctx, item, gonamo.If(pynForumName.NotExists())))
		// Several conditions: exists AND contains.
		err = threads.Put(ctx, item, gonamo.If(pynForumName.Exists().And(pynSubject.Contains("foobar"))))
		is.True(gonamo.IsConditionFailed(err))
		is.NoErr(threads.Put(ctx, item, gonamo.If(pynForumName.Exists()), gonamo.If(pynSubject.Contains("Example"))))

		// thread_item.update(condition=(views < 5) | (views > 10))
		upd := pynViews.Add(3)
		lowOrHigh := gonamo.If(pynViews.Lt(5).Or(pynViews.Gt(10)))
		is.NoErr(threads.Update(ctx, item, upd, lowOrHigh, gonamo.ReturnNew(item)))
		is.Equal(item.Views, 3)
		is.NoErr(threads.Update(ctx, item, upd, lowOrHigh, gonamo.ReturnNew(item)))
		is.Equal(item.Views, 6)
		err = threads.Update(ctx, item, upd, lowOrHigh)
		is.True(gonamo.IsConditionFailed(err))

		// thread_item.delete(Thread.views == 0), with the stored item
		// returned on failure.
		var current pynThread
		err = threads.Delete(ctx, item, gonamo.If(pynViews.Eq(0)), gonamo.ReturnOnFailure(&current))
		is.True(errors.As(err, &cf))
		is.Equal(cf.Item["views"], types.AttributeValue(seedN("6")))
		is.True(cf.Current.(*pynThread) == &current)
		is.Equal(current.Views, 6)
		is.Equal(current.Subject, "Example Subject")

		// The same on an update that must not create its item.
		var none pynThread
		err = threads.Update(ctx, &pynThread{ForumName: "Existing Forum", Subject: "absent"}, upd,
			gonamo.If(threads.ItemExists()), gonamo.ReturnOnFailure(&none))
		is.True(errors.As(err, &cf))
		is.Equal(cf.Current, nil) // no stored item to return
		is.Equal(none.Subject, "")

		is.NoErr(threads.Delete(ctx, item, gonamo.If(pynViews.Eq(6))))
		_, err = threads.Get(ctx, item)
		is.True(errors.Is(err, gonamo.ErrNotFound))
	})
}
