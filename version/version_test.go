package version_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/internal/testenv"
	"github.com/gonamo/gonamo/version"
)

// Employee is an entry of PynamoDB's Office example.
type Employee struct {
	ID     int
	Person string
}

// Office is PynamoDB's optimistic locking example model.
type Office struct {
	ID        string
	Name      string
	Employees []Employee
	Visits    int
	Version   int64
}

var (
	officeID   = attr.String("office_id", func(o *Office) *string { return &o.ID })
	officeName = attr.String("name", func(o *Office) *string { return &o.Name })
	employees  = attr.List("employees", func(o *Office) *[]Employee { return &o.Employees }, attr.StructCodec(
		attr.Int("office_employee_id", func(e *Employee) *int { return &e.ID }),
		attr.String("person", func(e *Employee) *string { return &e.Person }),
	), attr.OmitEmpty)
	visits = attr.Int("visits", func(o *Office) *int { return &o.Visits })
	ver    = version.Attr("version", func(o *Office) *int64 { return &o.Version })
)

// testDBs returns a DB on the fake and, with GONAMO_TEST_ENDPOINT, one on
// DynamoDB Local with a table prefix unique to the run.
func testDBs() map[string]*gonamo.DB {
	dbs := map[string]*gonamo.DB{"dynamotest": gonamo.New(dynamotest.New())}
	if c := testenv.Client(); c != nil {
		dbs["dynamodblocal"] = gonamo.New(c, func(o *gonamo.Options) { o.TableNamePrefix = testenv.Prefix("v") })
	}
	return dbs
}

func officesTable(t testing.TB, db *gonamo.DB) *gonamo.Table[Office] {
	offices, err := gonamo.NewTable(db, "offices", gonamo.Key(officeID),
		gonamo.Attrs[Office](officeName, employees, visits), version.Lock(ver))
	if err != nil {
		t.Fatal(err)
	}
	if err := offices.CreateOrVerify(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { offices.DeleteTable(context.Background()) })
	return offices
}

// TestOffice ports PynamoDB's optimistic locking walk-through: a save
// stores version 1; a stale copy's update, save and delete all fail with a
// conflict; after a refresh they succeed, and the version counts every
// write.
func TestOffice(t *testing.T) {
	for name, db := range testDBs() {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			ctx := context.Background()
			offices := officesTable(t, db)

			justin, garrett := Employee{ID: 1, Person: "justin"}, Employee{ID: 2, Person: "garrett"}
			office := &Office{ID: "3", Name: "office", Employees: []Employee{justin, garrett}}
			is.NoErr(offices.Put(ctx, office))
			is.Equal(office.Version, int64(1))

			// A second Put of a new object with the same key is a conflict:
			// it believes the item does not exist.
			err := offices.Put(ctx, &Office{ID: "3", Name: "impostor"})
			is.True(errors.Is(err, version.ErrConflict))

			stale, err := offices.Get(ctx, &Office{ID: "3"})
			is.NoErr(err)
			is.Equal(stale.Version, int64(1))

			office.Employees = []Employee{justin}
			is.NoErr(offices.Save(ctx, office))
			is.Equal(office.Version, int64(2)) // no reload needed

			// The stale copy's update, save and delete fail.
			stale.Employees = []Employee{garrett}
			var current Office
			err = offices.Save(ctx, stale, gonamo.ReturnOnFailure(&current))
			is.True(errors.Is(err, version.ErrConflict))
			var cf *gonamo.ConditionFailedError
			is.True(errors.As(err, &cf))
			is.Equal(current.Version, int64(2)) // the stored item, as asked
			var conflict *version.ConflictError
			is.True(errors.As(err, &conflict))
			is.Equal(*conflict, version.ConflictError{Attr: "version", Local: 1, Stored: 2, Exists: true})
			is.True(errors.Is(offices.Update(ctx, stale, officeName.Set("stale")), version.ErrConflict))
			is.True(errors.Is(offices.Put(ctx, stale), version.ErrConflict))
			is.True(errors.Is(offices.Delete(ctx, stale), version.ErrConflict))
			is.Equal(stale.Version, int64(1)) // failed writes leave the local version alone

			// A failure of another condition is not a conflict.
			err = offices.Update(ctx, office, visits.Add(1), gonamo.If(officeName.Eq("elsewhere")))
			is.True(gonamo.IsConditionFailed(err))
			is.True(!errors.Is(err, version.ErrConflict))

			// Refresh, then every write succeeds.
			is.NoErr(offices.Load(ctx, stale))
			is.Equal(stale.Version, int64(2))
			is.NoErr(offices.Update(ctx, stale, visits.Add(1)))
			is.Equal(stale.Version, int64(3))
			got, err := offices.Get(ctx, &Office{ID: "3"})
			is.NoErr(err)
			is.Equal(got.Version, int64(3))
			is.Equal(got.Visits, 1)
			is.Equal(got.Employees, []Employee{justin})

			// NoCheck: the stale office overwrites, and the version still moves.
			is.NoErr(offices.Put(ctx, office, version.NoCheck[Office]()))
			is.Equal(office.Version, int64(3))
			got, err = offices.Get(ctx, &Office{ID: "3"})
			is.NoErr(err)
			is.Equal(got.Visits, 0)

			// office (2) and stale (3 after its update) both made version 3:
			// NoCheck overwrites without comparing, which is its point.
			is.NoErr(offices.Delete(ctx, stale))
			_, err = offices.Get(ctx, &Office{ID: "3"})
			is.True(errors.Is(err, gonamo.ErrNotFound))
			// A write of a copy that believes the item exists fails once deleted.
			err = offices.Save(ctx, office)
			is.True(errors.As(err, &conflict))
			is.True(!conflict.Exists)
		})
	}
}

// TestConcurrentReadModifyWrite: goroutines read, increment and save one
// versioned item; every successful save is counted once, no update is lost.
func TestConcurrentReadModifyWrite(t *testing.T) {
	for name, db := range testDBs() {
		t.Run(name, func(t *testing.T) {
			workers, attempts := 50, 1000
			if name != "dynamotest" {
				workers, attempts = 8, 120
			}
			is := is.New(t)
			ctx := context.Background()
			offices := officesTable(t, db)
			is.NoErr(offices.Put(ctx, &Office{ID: "hq", Name: "hq"}))

			var tried, won, lost atomic.Int64
			var wg sync.WaitGroup
			for range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for tried.Add(1) <= int64(attempts) {
						o, err := offices.Get(ctx, &Office{ID: "hq"}, gonamo.Consistent[Office]())
						if err != nil {
							t.Error(err)
							return
						}
						o.Visits++
						switch err := offices.Save(ctx, o); {
						case err == nil:
							won.Add(1)
						case errors.Is(err, version.ErrConflict):
							lost.Add(1)
						default:
							t.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			got, err := offices.Get(ctx, &Office{ID: "hq"}, gonamo.Consistent[Office]())
			is.NoErr(err)
			is.Equal(won.Load()+lost.Load(), int64(attempts))
			is.Equal(got.Version, 1+won.Load())     // one version per successful write
			is.Equal(int64(got.Visits), won.Load()) // and no increment lost
			t.Logf("%d writes won, %d conflicts", won.Load(), lost.Load())
		})
	}
}

func TestNegativeVersionIsRefused(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	offices := officesTable(t, gonamo.New(dynamotest.New()))
	err := offices.Put(ctx, &Office{ID: "x", Version: -1})
	is.True(errors.Is(err, attr.ErrValidation))
	var verr *gonamo.ValidationError
	is.True(errors.As(err, &verr))
	_, err = offices.Get(ctx, &Office{ID: "x"})
	is.True(errors.Is(err, gonamo.ErrNotFound)) // nothing written
}

// TestBatchWritesStoreTheNextVersion: batch writes cannot carry the check,
// but they store the local version plus one and update the local objects.
func TestBatchWritesStoreTheNextVersion(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	offices := officesTable(t, gonamo.New(dynamotest.New()))
	a, b := &Office{ID: "a"}, &Office{ID: "b", Version: 4}
	is.NoErr(offices.BatchPut(ctx, []*Office{a, b}))
	is.Equal(a.Version, int64(1))
	is.Equal(b.Version, int64(5))
	got, err := offices.Get(ctx, &Office{ID: "b"})
	is.NoErr(err)
	is.Equal(got.Version, int64(5))
	is.NoErr(offices.Save(ctx, a)) // the local object is current
}
