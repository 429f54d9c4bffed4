package gonamo_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
)

// batchUser is a second model, keyed by a number, for batches across
// tables.
type batchUser struct {
	ID   int
	Name string
}

var (
	buID   = attr.Int("id", func(u *batchUser) *int { return &u.ID })
	buName = attr.String("name", func(u *batchUser) *string { return &u.Name }, attr.OmitEmpty)
)

// counter counts calls and item events of a DB through its hooks.
type counter struct {
	mu                     sync.Mutex
	calls                  map[string]int
	saved, deleted, loaded int
	after                  func(ctx context.Context, c gonamo.Call) // run after counting
}

func (c *counter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls, c.saved, c.deleted, c.loaded = map[string]int{}, 0, 0, 0
}

func (c *counter) get(op string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[op]
}

// hooked returns a DB on the client and table prefix of db whose hooks
// count into c.
func hooked(db *gonamo.DB, c *counter) *gonamo.DB {
	c.calls = map[string]int{}
	return gonamo.New(db.Client(), func(o *gonamo.Options) {
		o.TableNamePrefix = db.TableName("")
		o.Hooks = gonamo.Hooks{
			AfterCall: func(ctx context.Context, call gonamo.Call) {
				c.mu.Lock()
				c.calls[call.Op]++
				c.mu.Unlock()
				if c.after != nil {
					c.after(ctx, call)
				}
			},
			Saved:   func(context.Context, string, any) { c.saved++ },
			Deleted: func(context.Context, string, map[string]types.AttributeValue) { c.deleted++ },
			Loaded:  func(context.Context, string, any) { c.loaded++ },
		}
	})
}

// batchTables runs f on every backend with fresh threads and users tables
// on a DB whose hooks count into a counter.
func batchTables(t *testing.T, f func(t *testing.T, threads *gonamo.Table[Thread], users *gonamo.Table[batchUser], c *counter)) {
	for name, base := range testDBs() {
		t.Run(name, func(t *testing.T) {
			c := &counter{}
			db := hooked(base, c)
			threads, err := threadsTable(db)
			if err != nil {
				t.Fatal(err)
			}
			users, err := gonamo.NewTable(db, "batch_users", gonamo.Key(buID), gonamo.Attrs(buName))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for _, create := range []func(context.Context) error{threads.Create, users.Create} {
				if err := create(ctx); err != nil {
					t.Fatal(err)
				}
			}
			t.Cleanup(func() {
				threads.DeleteTable(context.Background())
				users.DeleteTable(context.Background())
			})
			f(t, threads, users, c)
		})
	}
}

// fastRetries keeps test retries quick.
func fastRetries(o *gonamo.BatchOptions) {
	o.BaseDelay, o.MaxDelay = time.Microsecond, time.Millisecond
}

// scanAll reads every item of a table with the raw client, page by page,
// consistently, and returns the values of attribute name, as stored.
func scanAll(t *testing.T, db *gonamo.DB, table, name string) []string {
	t.Helper()
	var out []string
	in := &dynamodb.ScanInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true)}
	for {
		page, err := db.Client().Scan(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		for _, item := range page.Items {
			switch v := item[name].(type) {
			case *types.AttributeValueMemberS:
				out = append(out, v.Value)
			case *types.AttributeValueMemberN:
				out = append(out, v.Value)
			default:
				t.Fatalf("item without %s: %v", name, item)
			}
		}
		if page.LastEvaluatedKey == nil {
			slices.Sort(out)
			return out
		}
		in.ExclusiveStartKey = page.LastEvaluatedKey
	}
}

func batchThreads(n int) ([]*Thread, []string) {
	items := make([]*Thread, n)
	want := make([]string, n)
	for i := range items {
		items[i] = &Thread{Forum: "batch", Subject: fmt.Sprintf("s%05d", i), Views: i + 1}
		want[i] = items[i].Subject
	}
	return items, want
}

func keysOf(items []*Thread) []*Thread {
	keys := make([]*Thread, len(items))
	for i, it := range items {
		keys[i] = &Thread{Forum: it.Forum, Subject: it.Subject}
	}
	return keys
}

func TestBatchSizes(t *testing.T) {
	batchTables(t, func(t *testing.T, threads *gonamo.Table[Thread], _ *gonamo.Table[batchUser], c *counter) {
		ctx := context.Background()
		db := threads.DB()
		sizes := []struct{ n, concurrency int }{{0, 1}, {1, 1}, {25, 1}, {26, 1}, {100, 1}, {101, 1}, {250, 1}, {26, 2}, {250, 4}}
		for _, size := range sizes {
			n := size.n
			t.Run(fmt.Sprintf("%d items, %d at once", n, size.concurrency), func(t *testing.T) {
				is := is.New(t)
				c.reset()
				items, want := batchThreads(n)
				concurrency := func(o *gonamo.BatchOptions) { o.Concurrency = size.concurrency }
				is.NoErr(threads.BatchPut(ctx, items, concurrency))
				is.Equal(c.get("BatchWriteItem"), (n+24)/25) // 25 requests a call
				is.Equal(c.saved, n)
				is.Equal(len(scanAll(t, db, threads.Name(), "subject")), n)
				if n > 0 {
					is.Equal(scanAll(t, db, threads.Name(), "subject"), want)
				}

				seen := map[string]int{}
				for th, err := range threads.BatchGet(ctx, keysOf(items), concurrency, func(o *gonamo.BatchOptions) { o.ConsistentRead = true }) {
					is.NoErr(err)
					seen[th.Subject]++
					is.Equal(fmt.Sprintf("s%05d", th.Views-1), th.Subject) // decoded whole
				}
				is.Equal(len(seen), n)
				for _, k := range seen {
					is.Equal(k, 1)
				}
				is.Equal(c.get("BatchGetItem"), (n+99)/100) // 100 keys a call
				is.Equal(c.loaded, n)

				is.NoErr(threads.BatchDelete(ctx, keysOf(items), concurrency))
				is.Equal(c.deleted, n)
				is.Equal(len(scanAll(t, db, threads.Name(), "subject")), 0)
			})
		}
	})
}

func TestBatchDuplicatesMerged(t *testing.T) {
	batchTables(t, func(t *testing.T, threads *gonamo.Table[Thread], _ *gonamo.Table[batchUser], c *counter) {
		is := is.New(t)
		ctx := context.Background()
		db := threads.DB()
		// The last request on a key wins; DynamoDB would reject the call
		// with both.
		is.NoErr(db.BatchWrite(ctx, []gonamo.WriteOp{
			threads.PutOp(&Thread{Forum: "d", Subject: "a", Views: 1}, &Thread{Forum: "d", Subject: "b", Views: 1}),
			threads.PutOp(&Thread{Forum: "d", Subject: "a", Views: 2}),                // replaces the put of a
			threads.DeleteOp(&Thread{Forum: "d", Subject: "b"}),                       // replaces the put of b
			threads.PutOp(&Thread{Forum: "d", Subject: "c", Views: 3}),                // kept
			threads.DeleteOp(&Thread{Forum: "d", Subject: "c"}),                       // ...until deleted
			threads.PutOp(&Thread{Forum: "d", Subject: "c", Views: 4, Notes: "last"}), // ...and put again
		}))
		is.Equal(c.get("BatchWriteItem"), 1)
		is.Equal(c.saved, 2) // one per request sent
		is.Equal(c.deleted, 1)
		is.Equal(scanAll(t, db, threads.Name(), "subject"), []string{"a", "c"})
		is.Equal(scanAll(t, db, threads.Name(), "views"), []string{"2", "4"})

		// Keys read twice are read and yielded once.
		var got []string
		keys := []*Thread{{Forum: "d", Subject: "a"}, {Forum: "d", Subject: "c"}, {Forum: "d", Subject: "a"}, {Forum: "d", Subject: "missing"}}
		for th, err := range threads.BatchGet(ctx, keys) {
			is.NoErr(err)
			got = append(got, th.Subject)
		}
		slices.Sort(got)
		is.Equal(got, []string{"a", "c"})
		is.Equal(c.get("BatchGetItem"), 1)

		// LoadAll loads every item given, duplicates included.
		x, y := &Thread{Forum: "d", Subject: "c"}, &Thread{Forum: "d", Subject: "c"}
		is.NoErr(threads.LoadAll(ctx, []*Thread{x, y}))
		is.Equal(x.Notes, "last")
		is.Equal(y.Notes, "last")
		is.Equal(c.get("BatchGetItem"), 2)
	})
}

func TestBatchAcrossTables(t *testing.T) {
	batchTables(t, func(t *testing.T, threads *gonamo.Table[Thread], users *gonamo.Table[batchUser], c *counter) {
		is := is.New(t)
		ctx := context.Background()
		db := threads.DB()
		items, _ := batchThreads(30)
		var people []*batchUser
		for i := range 30 {
			people = append(people, &batchUser{ID: i, Name: fmt.Sprint("user ", i)})
		}
		is.NoErr(db.BatchWrite(ctx, []gonamo.WriteOp{threads.PutOp(items...), users.PutOp(people...)}))
		is.Equal(c.get("BatchWriteItem"), 3) // 60 requests, calls mixing tables
		is.Equal(len(scanAll(t, db, threads.Name(), "subject")), 30)
		is.Equal(len(scanAll(t, db, users.Name(), "id")), 30)

		// Load across tables in place, with items missing from both.
		t1, t2 := &Thread{Forum: "batch", Subject: "s00007"}, &Thread{Forum: "batch", Subject: "nope", Notes: "untouched"}
		u1, u2, u3 := &batchUser{ID: 29}, &batchUser{ID: 1000, Name: "untouched"}, &batchUser{ID: -1}
		err := db.LoadAll(ctx, []gonamo.LoadOp{threads.LoadOp(t1, t2), users.LoadOp(u1, u2, u3)})
		is.True(errors.Is(err, gonamo.ErrNotFound))
		var me *gonamo.MissingError
		is.True(errors.As(err, &me))
		is.Equal(len(me.Items), 3)
		is.Equal(gonamo.Missing(err, threads), []*Thread{t2})
		is.Equal(gonamo.Missing(err, users), []*batchUser{u2, u3})
		is.True(strings.HasPrefix(err.Error(), "gonamo: 3 items not found: "))
		is.Equal(t1.Views, 8)
		is.Equal(u1.Name, "user 29")
		is.Equal(t2.Notes, "untouched")
		is.Equal(u2.Name, "untouched")
		var be *gonamo.BatchError
		is.True(!errors.As(err, &be)) // every key was read

		// Deletes on one table and puts on the other in one batch.
		is.NoErr(db.BatchWrite(ctx, []gonamo.WriteOp{users.DeleteOp(people[:10]...), threads.PutOp(&Thread{Forum: "batch", Subject: "new"})}))
		is.Equal(len(scanAll(t, db, users.Name(), "id")), 20)
		is.Equal(len(scanAll(t, db, threads.Name(), "subject")), 31)
	})
}

func TestBatchValidation(t *testing.T) {
	batchTables(t, func(t *testing.T, threads *gonamo.Table[Thread], users *gonamo.Table[batchUser], c *counter) {
		is := is.New(t)
		ctx := context.Background()
		db := threads.DB()
		items, _ := batchThreads(40)
		bad := append(slices.Clone(items), &Thread{Forum: "batch"}) // no subject
		err := db.BatchWrite(ctx, []gonamo.WriteOp{users.PutOp(&batchUser{ID: 1}), threads.PutOp(bad...)})
		var ve *gonamo.ValidationError
		is.True(errors.As(err, &ve))
		is.True(errors.Is(err, gonamo.ErrMissingKey))
		is.Equal(ve.Attr, "subject")

		big := &Thread{Forum: "batch", Subject: "big", Notes: strings.Repeat("x", 400*1024)}
		err = threads.BatchPut(ctx, append(slices.Clone(items), big))
		is.True(errors.Is(err, gonamo.ErrItemTooLarge))
		err = threads.BatchDelete(ctx, []*Thread{nil})
		is.True(errors.Is(err, gonamo.ErrMissingKey))
		err = threads.LoadAll(ctx, []*Thread{{Subject: "no forum"}})
		is.True(errors.Is(err, gonamo.ErrMissingKey))
		for _, err := range threads.BatchGet(ctx, []*Thread{{Forum: "x"}}) {
			is.True(errors.Is(err, gonamo.ErrMissingKey))
		}
		for _, opt := range []func(*gonamo.BatchOptions){
			func(o *gonamo.BatchOptions) { o.MaxAttempts = 0 },
			func(o *gonamo.BatchOptions) { o.Concurrency = -1 },
			func(o *gonamo.BatchOptions) { o.Jitter = 2 },
			func(o *gonamo.BatchOptions) { o.BaseDelay = -time.Second },
		} {
			err := threads.BatchPut(ctx, items, opt)
			is.True(errors.As(err, &ve))
			is.Equal(ve.Model, "BatchOptions")
			is.True(errors.Is(err, gonamo.ErrInvalidModel))
		}
		other := gonamo.New(dynamotest.New())
		otherThreads, err := threadsTable(other)
		is.NoErr(err)
		err = db.BatchWrite(ctx, []gonamo.WriteOp{otherThreads.PutOp(items[0])})
		is.True(errors.Is(err, gonamo.ErrInvalidModel))
		err = db.LoadAll(ctx, []gonamo.LoadOp{otherThreads.LoadOp(items[0])})
		is.True(errors.Is(err, gonamo.ErrInvalidModel))

		is.Equal(c.get("BatchWriteItem")+c.get("BatchGetItem"), 0) // nothing sent
		is.Equal(len(scanAll(t, db, threads.Name(), "subject")), 0)
	})
}

// faultDB returns a DB on a fresh fake, with threads and users tables
// created, hooks counting into c.
func faultDB(t *testing.T, c *counter) (*dynamotest.DB, *gonamo.Table[Thread], *gonamo.Table[batchUser]) {
	t.Helper()
	fake := dynamotest.New(func(o *dynamotest.Options) { o.Seed = 42 })
	db := hooked(gonamo.New(fake), c)
	threads, err := threadsTable(db)
	if err != nil {
		t.Fatal(err)
	}
	users, err := gonamo.NewTable(db, "batch_users", gonamo.Key(buID), gonamo.Attrs(buName))
	if err != nil {
		t.Fatal(err)
	}
	if err := threads.Create(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := users.Create(context.Background()); err != nil {
		t.Fatal(err)
	}
	return fake, threads, users
}

func TestBatchMaxAttempts(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	var c counter
	fake, threads, users := faultDB(t, &c)
	db := threads.DB()
	items, _ := batchThreads(60)
	people := []*batchUser{{ID: 1}, {ID: 2}}
	fake.SetUnprocessed(1)
	err := db.BatchWrite(ctx, []gonamo.WriteOp{threads.PutOp(items...), users.DeleteOp(people...)}, fastRetries,
		func(o *gonamo.BatchOptions) { o.MaxAttempts = 3 })
	var be *gonamo.BatchError
	is.True(errors.As(err, &be))
	is.True(errors.Is(err, gonamo.ErrUnprocessed))
	is.Equal(be.Attempts, 3)
	is.Equal(len(be.Requests), 62)
	is.Equal(c.get("BatchWriteItem"), 3*3) // three chunks, three attempts each
	puts, deletes := gonamo.Unwritten(err, threads)
	is.Equal(puts, items) // exactly, in order
	is.Equal(len(deletes), 0)
	_, gone := gonamo.Unwritten(err, users)
	is.Equal(gone, people)
	is.Equal(c.saved, 0)

	// Half left unprocessed, one attempt: the error lists exactly the items
	// missing from the table.
	fake.SetUnprocessed(0.5)
	err = threads.BatchPut(ctx, items, func(o *gonamo.BatchOptions) { o.MaxAttempts = 1 })
	fake.ClearFaults()
	puts, _ = gonamo.Unwritten(err, threads)
	is.True(len(puts) > 0 && len(puts) < 60)
	stored := scanAll(t, db, threads.Name(), "subject")
	is.Equal(len(stored)+len(puts), 60)
	is.Equal(c.saved, len(stored))
	for _, p := range puts {
		_, found := slices.BinarySearch(stored, p.Subject)
		is.True(!found)
	}

	// The same for reads: the keys reported unread are exactly those not
	// yielded.
	is.NoErr(threads.BatchPut(ctx, items))
	fake.SetUnprocessed(0.5)
	var got []string
	var unread []*Thread
	for th, err := range threads.BatchGet(ctx, keysOf(items), func(o *gonamo.BatchOptions) { o.MaxAttempts = 1 }) {
		if err != nil {
			is.True(errors.Is(err, gonamo.ErrUnprocessed))
			unread = gonamo.Unread(err, threads)
			continue
		}
		got = append(got, th.Subject)
	}
	is.True(len(unread) > 0 && len(got) > 0)
	is.Equal(len(got)+len(unread), 60)
	for _, k := range unread {
		is.True(!slices.Contains(got, k.Subject))
	}
	// LoadAll reports unread keys and leaves those items untouched.
	loads := keysOf(items)
	err = threads.LoadAll(ctx, loads, func(o *gonamo.BatchOptions) { o.MaxAttempts = 1 })
	unread = gonamo.Unread(err, threads)
	is.True(len(unread) > 0)
	is.True(!errors.Is(err, gonamo.ErrNotFound)) // unread is not missing
	for i, it := range loads {
		is.Equal(it.Views == i+1, !slices.Contains(unread, it))
	}
}

// failingClient fails the nth BatchWriteItem call with err.
type failingClient struct {
	*dynamotest.DB
	mu   sync.Mutex
	n    int
	err  error
	seen int
}

func (f *failingClient) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	f.mu.Lock()
	f.seen++
	fail := f.seen == f.n
	f.mu.Unlock()
	if fail {
		return nil, f.err
	}
	return f.DB.BatchWriteItem(ctx, in, o...)
}

func TestBatchErrors(t *testing.T) {
	ctx := context.Background()
	items, _ := batchThreads(75)
	t.Run("throttling is retried", func(t *testing.T) {
		is := is.New(t)
		var c counter
		fake, threads, _ := faultDB(t, &c)
		fake.InjectFault(dynamotest.Fault{Op: "BatchWriteItem", Code: dynamotest.FaultThroughputExceeded, Next: 2})
		fake.InjectFault(dynamotest.Fault{Op: "BatchGetItem", Code: dynamotest.FaultThrottling, Next: 1})
		is.NoErr(threads.BatchPut(ctx, items, fastRetries))
		is.Equal(c.get("BatchWriteItem"), 3+2)
		n := 0
		for _, err := range threads.BatchGet(ctx, keysOf(items), fastRetries) {
			is.NoErr(err)
			n++
		}
		is.Equal(n, 75)
		is.Equal(c.get("BatchGetItem"), 1+1)
	})
	t.Run("throttling until attempts are spent", func(t *testing.T) {
		is := is.New(t)
		var c counter
		fake, threads, _ := faultDB(t, &c)
		fake.InjectFault(dynamotest.Fault{Op: "BatchWriteItem", Code: dynamotest.FaultInternalError, Rate: 1})
		err := threads.BatchPut(ctx, items, fastRetries, func(o *gonamo.BatchOptions) { o.MaxAttempts = 2 })
		var ise *types.InternalServerError
		is.True(errors.As(err, &ise)) // the last cause
		puts, _ := gonamo.Unwritten(err, threads)
		is.Equal(puts, items)
		is.Equal(c.get("BatchWriteItem"), 3*2)
	})
	t.Run("other errors stop the batch", func(t *testing.T) {
		is := is.New(t)
		var c counter
		fake := dynamotest.New()
		client := &failingClient{DB: fake, n: 2, err: &types.ResourceNotFoundException{Message: aws.String("gone")}}
		db := hooked(gonamo.New(client), &c)
		threads, err := threadsTable(db)
		is.NoErr(err)
		is.NoErr(threads.Create(ctx))
		err = threads.BatchPut(ctx, items, fastRetries)
		var rnf *types.ResourceNotFoundException
		is.True(errors.As(err, &rnf))
		var be *gonamo.BatchError
		is.True(errors.As(err, &be))
		is.Equal(be.Attempts, 1)
		puts, _ := gonamo.Unwritten(err, threads)
		is.Equal(puts, items[25:]) // the failed chunk and the one never sent
		is.Equal(c.get("BatchWriteItem"), 2)
		is.Equal(scanAll(t, db, threads.Name(), "subject"), func() []string { _, w := batchThreads(25); return w }())
	})
	t.Run("other errors stop concurrent chunks", func(t *testing.T) {
		is := is.New(t)
		var c counter
		client := &failingClient{DB: dynamotest.New(), n: 4, err: &types.ResourceNotFoundException{Message: aws.String("gone")}}
		db := hooked(gonamo.New(client), &c)
		threads, err := threadsTable(db)
		is.NoErr(err)
		is.NoErr(threads.Create(ctx))
		many, _ := batchThreads(250)
		err = threads.BatchPut(ctx, many, fastRetries, func(o *gonamo.BatchOptions) { o.Concurrency = 3 })
		var rnf *types.ResourceNotFoundException
		is.True(errors.As(err, &rnf))
		puts, _ := gonamo.Unwritten(err, threads)
		stored := scanAll(t, db, threads.Name(), "subject")
		is.True(len(puts) >= 25 && len(stored) >= 25)
		is.Equal(len(puts)+len(stored), 250) // every item is either stored or listed
		is.Equal(c.saved, len(stored))
		for _, p := range puts {
			_, found := slices.BinarySearch(stored, p.Subject)
			is.True(!found)
		}
		is.True(slices.IsSortedFunc(puts, func(a, b *Thread) int { return strings.Compare(a.Subject, b.Subject) })) // in the order given
	})
	t.Run("context ends", func(t *testing.T) {
		is := is.New(t)
		var c counter
		_, threads, _ := faultDB(t, &c)
		cctx, cancel := context.WithCancel(ctx)
		c.after = func(context.Context, gonamo.Call) { cancel() } // after the first call
		err := threads.BatchPut(cctx, items)
		is.True(errors.Is(err, context.Canceled))
		puts, _ := gonamo.Unwritten(err, threads)
		is.Equal(puts, items[25:])
		is.Equal(c.get("BatchWriteItem"), 1)
		is.Equal(len(scanAll(t, threads.DB(), threads.Name(), "subject")), 25)

		err = threads.LoadAll(cctx, keysOf(items))
		is.True(errors.Is(err, context.Canceled))
		is.Equal(len(gonamo.Unread(err, threads)), 75)
	})
	t.Run("context ends during concurrent chunks", func(t *testing.T) {
		is := is.New(t)
		var c counter
		fake, threads, _ := faultDB(t, &c)
		fake.SetLatency("BatchWriteItem", time.Millisecond)
		fake.SetUnprocessed(0.2)
		many, _ := batchThreads(500)
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var once sync.Once
		c.after = func(_ context.Context, call gonamo.Call) {
			if call.Op == "BatchWriteItem" && c.get("BatchWriteItem") >= 6 {
				once.Do(cancel)
			}
		}
		err := threads.BatchPut(cctx, many, fastRetries, func(o *gonamo.BatchOptions) { o.Concurrency = 4 })
		is.True(errors.Is(err, context.Canceled))
		fake.ClearFaults()
		puts, _ := gonamo.Unwritten(err, threads)
		stored := scanAll(t, threads.DB(), threads.Name(), "subject")
		is.True(len(puts) > 0 && len(stored) > 0)
		is.Equal(len(puts)+len(stored), 500) // every item is either stored or listed
		is.Equal(c.saved, len(stored))
		for _, p := range puts {
			_, found := slices.BinarySearch(stored, p.Subject)
			is.True(!found)
		}
	})
	t.Run("breaking out of a concurrent BatchGet", func(t *testing.T) {
		is := is.New(t)
		var c counter
		_, threads, _ := faultDB(t, &c)
		many, _ := batchThreads(1000)
		is.NoErr(threads.BatchPut(ctx, many))
		n := 0
		for _, err := range threads.BatchGet(ctx, keysOf(many), func(o *gonamo.BatchOptions) { o.Concurrency = 4 }) {
			is.NoErr(err)
			n++
			if n == 5 {
				break
			}
		}
		is.Equal(n, 5)
		is.True(c.get("BatchGetItem") <= 1+4) // the call yielding, and at most one more per worker
		is.Equal(c.loaded, 5)
	})
	t.Run("breaking out of BatchGet stops reading", func(t *testing.T) {
		is := is.New(t)
		var c counter
		_, threads, _ := faultDB(t, &c)
		many, _ := batchThreads(250)
		is.NoErr(threads.BatchPut(ctx, many))
		n := 0
		for _, err := range threads.BatchGet(ctx, keysOf(many)) {
			is.NoErr(err)
			n++
			if n == 5 {
				break
			}
		}
		is.Equal(n, 5)
		is.Equal(c.get("BatchGetItem"), 1)
	})
}

func TestBatchConcurrency(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	var c counter
	fake, threads, _ := faultDB(t, &c)
	fake.SetUnprocessed(0.3)
	items, want := batchThreads(500)
	opts := func(o *gonamo.BatchOptions) {
		fastRetries(o)
		o.Concurrency, o.MaxAttempts = 4, 30
	}
	is.NoErr(threads.BatchPut(ctx, items, opts))
	is.Equal(c.saved, 500)
	n := 0
	for _, err := range threads.BatchGet(ctx, keysOf(items), opts) {
		is.NoErr(err)
		n++
	}
	is.Equal(n, 500)
	fake.ClearFaults()
	is.Equal(scanAll(t, threads.DB(), threads.Name(), "subject"), want)
}

// TestBatchReliability is issue 4's fault-injection test: 10,000 items
// written and read under 30% unprocessed requests and 10% throttled calls.
// With MaxAttempts 25, a request is lost only if all 25 calls of its chunk
// leave it out (probability about (0.1 + 0.9*0.3)^25, under 1e-10).
func TestBatchReliability(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 items")
	}
	is := is.New(t)
	ctx := context.Background()
	var c counter
	fake, threads, _ := faultDB(t, &c)
	fake.SetUnprocessed(0.3)
	fake.InjectFault(dynamotest.Fault{Op: "BatchWriteItem", Code: dynamotest.FaultThroughputExceeded, Rate: 0.1})
	fake.InjectFault(dynamotest.Fault{Op: "BatchGetItem", Code: dynamotest.FaultThrottling, Rate: 0.1})
	items, want := batchThreads(10_000)
	opts := func(o *gonamo.BatchOptions) {
		fastRetries(o)
		o.Concurrency, o.MaxAttempts = 4, 25
	}
	is.NoErr(threads.BatchPut(ctx, items, opts))
	is.True(c.get("BatchWriteItem") > 400) // retries happened
	seen := make(map[string]int, len(items))
	for th, err := range threads.BatchGet(ctx, keysOf(items), opts) {
		is.NoErr(err)
		seen[th.Subject]++
	}
	is.True(c.get("BatchGetItem") > 100)
	fake.ClearFaults()
	is.Equal(len(seen), 10_000)
	for s, n := range seen {
		if n != 1 {
			t.Fatalf("%s yielded %d times", s, n)
		}
	}
	is.Equal(scanAll(t, threads.DB(), threads.Name(), "subject"), want) // each once
}
