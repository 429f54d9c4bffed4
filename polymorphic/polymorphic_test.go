package polymorphic_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/internal/testenv"
	"github.com/gonamo/gonamo/polymorphic"
)

// testDBs returns a DB on the fake and, with GONAMO_TEST_ENDPOINT, one on
// DynamoDB Local with a table prefix unique to the run.
func testDBs() map[string]*gonamo.DB {
	dbs := map[string]*gonamo.DB{"dynamotest": gonamo.New(dynamotest.New())}
	if c := testenv.Client(); c != nil {
		dbs["dynamodblocal"] = gonamo.New(c, func(o *gonamo.Options) { o.TableNamePrefix = testenv.Prefix("p") })
	}
	return dbs
}

// must returns v, panicking on err: test setup that cannot fail.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// PynamoDB's discriminator example: ParentModel with FooModel and BarModel.
type Parent interface{ isParent() }

type FooModel struct{ ID, Foo string }
type BarModel struct{ ID, Bar string }

func (*FooModel) isParent() {}
func (*BarModel) isParent() {}

var (
	fooID  = attr.String("id", func(m *FooModel) *string { return &m.ID })
	fooFoo = attr.String("foo", func(m *FooModel) *string { return &m.Foo })
	barID  = attr.String("id", func(m *BarModel) *string { return &m.ID })
	barBar = attr.String("bar", func(m *BarModel) *string { return &m.Bar })
)

// TestSeedPynamoDBDiscriminators ports PynamoDB's polymorphism example:
// the serialized form of BarModel, reads of the parent returning the right
// subclasses, and typed per-variant reads.
func TestSeedPynamoDBDiscriminators(t *testing.T) {
	for name, db := range testDBs() {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			ctx := context.Background()
			parents := polymorphic.New[Parent]("cls")
			foos := must(gonamo.NewTable(db, "polymorphic_table", gonamo.Key(fooID), gonamo.Attrs[FooModel](fooFoo),
				polymorphic.Variant[Parent, FooModel](parents, "Foo")))
			bars := must(gonamo.NewTable(db, "polymorphic_table", gonamo.Key(barID), gonamo.Attrs[BarModel](barBar),
				polymorphic.Variant[Parent, BarModel](parents, "Bar")))
			is.NoErr(foos.Create(ctx))
			defer foos.DeleteTable(ctx)
			is.NoErr(bars.Verify(ctx))

			// BarModel(id='Hello', bar='World!').serialize()
			is.NoErr(bars.Put(ctx, &BarModel{ID: "Hello", Bar: "World!"}))
			out, err := db.Client().GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(bars.Name()),
				Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "Hello"}}})
			is.NoErr(err)
			is.Equal(out.Item, map[string]types.AttributeValue{
				"id":  &types.AttributeValueMemberS{Value: "Hello"},
				"cls": &types.AttributeValueMemberS{Value: "Bar"},
				"bar": &types.AttributeValueMemberS{Value: "World!"},
			})
			is.NoErr(foos.Put(ctx, &FooModel{ID: "Hi", Foo: "there"}))

			// ParentModel.scan(): each item as its subclass.
			all, err := polymorphic.Collect(ctx, parents, foos.Scan())
			is.NoErr(err)
			is.Equal(len(all), 2)
			is.Equal(polymorphic.Pick[*BarModel](all), []*BarModel{{ID: "Hello", Bar: "World!"}})
			is.Equal(polymorphic.Pick[*FooModel](all), []*FooModel{{ID: "Hi", Foo: "there"}})

			// A variant's own scan keeps to its items; a Get of the other
			// variant's item is a typed error.
			onlyFoos, err := foos.Scan().Collect(ctx)
			is.NoErr(err)
			is.Equal(onlyFoos, []FooModel{{ID: "Hi", Foo: "there"}})
			_, err = foos.Get(ctx, &FooModel{ID: "Hello"})
			var wrong *polymorphic.WrongVariantError
			is.True(errors.As(err, &wrong))
			is.Equal(wrong.Got, "Bar")
			is.True(errors.Is(err, polymorphic.ErrWrongVariant))

			// Writes do not touch another variant's item.
			err = foos.Put(ctx, &FooModel{ID: "Hello", Foo: "overwrite"})
			is.True(errors.Is(err, polymorphic.ErrWrongVariant))
			is.True(gonamo.IsConditionFailed(err))
			is.True(errors.Is(foos.Update(ctx, &FooModel{ID: "Hello"}, fooFoo.Set("x")), polymorphic.ErrWrongVariant))
			is.True(errors.Is(foos.Delete(ctx, &FooModel{ID: "Hello"}), polymorphic.ErrWrongVariant))
			bar, err := bars.Get(ctx, &BarModel{ID: "Hello"})
			is.NoErr(err)
			is.Equal(bar.Bar, "World!")
		})
	}
}

// bloop's "sharing tables and indexes": Employee and Manager in one table
// with a shared GSI on email and a Manager-only GSI on level.
type Person interface{ Email() string }

type Employee struct{ ID, Name, Mail string }
type Manager struct {
	ID, Name, Mail string
	Level          int
	Directs        []string
}

func (e Employee) Email() string { return e.Mail }
func (m Manager) Email() string  { return m.Mail }

var (
	empID      = attr.String("id", func(e *Employee) *string { return &e.ID })
	empName    = attr.String("name", func(e *Employee) *string { return &e.Name })
	empEmail   = attr.String("email", func(e *Employee) *string { return &e.Mail })
	mgrID      = attr.String("id", func(m *Manager) *string { return &m.ID })
	mgrName    = attr.String("name", func(m *Manager) *string { return &m.Name })
	mgrEmail   = attr.String("email", func(m *Manager) *string { return &m.Mail })
	mgrLevel   = attr.Int("level", func(m *Manager) *int { return &m.Level })
	mgrDirects = attr.StringSet("directs", func(m *Manager) *[]string { return &m.Directs }, attr.OmitEmpty)
)

func TestSeedBloopSharedTables(t *testing.T) {
	for name, db := range testDBs() {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			ctx := context.Background()
			people := polymorphic.New[Person]("type")
			employees := must(gonamo.NewTable(db, "employees-uk", gonamo.Key(empID), gonamo.Attrs[Employee](empName, empEmail),
				gonamo.GlobalIndex("by_email", empEmail, nil, gonamo.ProjectAll[Employee]()),
				polymorphic.Variant[Person, Employee](people, "employee")))
			managers := must(gonamo.NewTable(db, "employees-uk", gonamo.Key(mgrID), gonamo.Attrs[Manager](mgrName, mgrEmail, mgrLevel, mgrDirects),
				gonamo.GlobalIndex("by_email", mgrEmail, nil, gonamo.ProjectAll[Manager]()),
				gonamo.GlobalIndex("by_level", mgrLevel, nil, gonamo.ProjectAll[Manager]()),
				polymorphic.Variant[Person, Manager](people, "manager")))
			// The manager's declaration is the superset: create with it; the
			// employee's verifies (bloop's bind accepts a superset).
			is.NoErr(managers.CreateOrVerify(ctx))
			defer managers.DeleteTable(ctx)
			is.NoErr(employees.CreateOrVerify(ctx))

			is.NoErr(employees.Put(ctx, &Employee{ID: "e1", Name: "Ann", Mail: "ann@example.com"}))
			is.NoErr(employees.Put(ctx, &Employee{ID: "e2", Name: "Bo", Mail: "shared@example.com"}))
			is.NoErr(managers.Put(ctx, &Manager{ID: "m1", Name: "Cy", Mail: "shared@example.com", Level: 3, Directs: []string{"e1", "e2"}}))

			byEmail := must(gonamo.IndexOf[Employee, string](employees, "by_email"))
			emps, err := byEmail.Query("shared@example.com").Collect(ctx)
			is.NoErr(err)
			is.Equal(emps, []Employee{{ID: "e2", Name: "Bo", Mail: "shared@example.com"}})

			mgrByEmail := must(gonamo.IndexOf[Manager, string](managers, "by_email"))
			both, err := polymorphic.Collect(ctx, people, mgrByEmail.Query("shared@example.com"))
			is.NoErr(err)
			is.Equal(len(both), 2)
			is.Equal(len(polymorphic.Pick[*Manager](both)), 1)
			is.Equal(len(polymorphic.Pick[*Employee](both)), 1)

			byLevel := must(gonamo.IndexOf[Manager, int](managers, "by_level"))
			m, err := byLevel.Query(3).One(ctx)
			is.NoErr(err)
			is.Equal(m.Directs, []string{"e1", "e2"})

			n, _, err := employees.Scan().Count(ctx)
			is.NoErr(err)
			is.Equal(n, int64(2))
		})
	}
}

// Shape is the sum type of the discriminator-as-index-key and policy
// tests.
type Shape interface{ Area() float64 }

type Circle struct {
	ID   string
	Kind string
	R    float64
}
type Square struct {
	ID   string
	Kind string
	Side float64
}

func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (s *Square) Area() float64 { return s.Side * s.Side }

var (
	circleID   = attr.String("id", func(c *Circle) *string { return &c.ID })
	circleKind = attr.String("kind", func(c *Circle) *string { return &c.Kind }, attr.OmitEmpty)
	radius     = attr.Number("r", func(c *Circle) *float64 { return &c.R })
	squareID   = attr.String("id", func(s *Square) *string { return &s.ID })
	squareKind = attr.String("kind", func(s *Square) *string { return &s.Kind }, attr.OmitEmpty)
	side       = attr.Number("side", func(s *Square) *float64 { return &s.Side })
)

func shapeTables(t *testing.T, db *gonamo.DB, opts ...func(*polymorphic.Options)) (*polymorphic.Registry[Shape], *gonamo.Table[Circle], *gonamo.Table[Square]) {
	shapes := polymorphic.New[Shape]("kind", opts...)
	circles := must(gonamo.NewTable(db, "shapes", gonamo.Key(circleID), gonamo.Attrs[Circle](circleKind, radius),
		gonamo.GlobalIndex("by_kind", circleKind, circleID, gonamo.ProjectAll[Circle]()),
		polymorphic.Variant[Shape, Circle](shapes, "circle", "round")))
	squares := must(gonamo.NewTable(db, "shapes", gonamo.Key(squareID), gonamo.Attrs[Square](squareKind, side),
		gonamo.GlobalIndex("by_kind", squareKind, squareID, gonamo.ProjectAll[Square]()),
		polymorphic.Variant[Shape, Square](shapes, "square")))
	if err := circles.CreateOrVerify(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { circles.DeleteTable(context.Background()) })
	return shapes, circles, squares
}

func TestDiscriminatorAsIndexKeyAndMigrations(t *testing.T) {
	for name, db := range testDBs() {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			ctx := context.Background()
			shapes, circles, squares := shapeTables(t, db)
			is.NoErr(circles.Put(ctx, &Circle{ID: "c1", R: 1}))
			is.NoErr(squares.Save(ctx, &Square{ID: "s1", Side: 2}))
			is.NoErr(squares.Update(ctx, &Square{ID: "s2"}, side.Set(3)))
			// An old item written as "round", before "circle" was the name.
			_, err := db.Client().PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(circles.Name()), Item: map[string]types.AttributeValue{
				"id": &types.AttributeValueMemberS{Value: "c0"}, "kind": &types.AttributeValueMemberS{Value: "round"}, "r": &types.AttributeValueMemberN{Value: "5"}}})
			is.NoErr(err)

			c, err := circles.Get(ctx, &Circle{ID: "c1"})
			is.NoErr(err)
			is.Equal(c.Kind, "circle") // written with the first value
			old, err := circles.Get(ctx, &Circle{ID: "c0"})
			is.NoErr(err)
			is.Equal(old.Kind, "round") // read with any value

			// The discriminator as a GSI key.
			byKind := must(gonamo.IndexOf[Square, string](squares, "by_kind"))
			sq, err := byKind.Query("square").Collect(ctx)
			is.NoErr(err)
			is.Equal(len(sq), 2)
			is.Equal(sq[1], Square{ID: "s2", Kind: "square", Side: 3})

			all, err := polymorphic.Collect(ctx, shapes, circles.Scan())
			is.NoErr(err)
			is.Equal(len(all), 4)
			area := 0.0
			for _, s := range all {
				area += s.Area()
			}
			is.Equal(area, 3*1.0+3*25+4+9)
			circleCount, _, err := circles.Scan().Count(ctx)
			is.NoErr(err)
			is.Equal(circleCount, int64(2))

			// Projections keep the discriminator for the check.
			only, err := circles.Query(circleID.Eq("c1")).Only(radius).One(ctx)
			is.NoErr(err)
			is.Equal(only.R, 1.0)
			got, err := circles.Get(ctx, &Circle{ID: "c1"}, gonamo.Only(radius))
			is.NoErr(err)
			is.Equal(got.R, 1.0)
			_, err = circles.Get(ctx, &Circle{ID: "s1"}, gonamo.Only(radius))
			is.True(errors.Is(err, polymorphic.ErrWrongVariant))
		})
	}
}

func TestUnknownPolicies(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	db := gonamo.New(dynamotest.New())
	shapes, circles, _ := shapeTables(t, db)
	is.NoErr(circles.Put(ctx, &Circle{ID: "c1", R: 1}))
	_, err := db.Client().PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(circles.Name()), Item: map[string]types.AttributeValue{
		"id": &types.AttributeValueMemberS{Value: "t1"}, "kind": &types.AttributeValueMemberS{Value: "triangle"}}})
	is.NoErr(err)

	_, err = polymorphic.Collect(ctx, shapes, circles.Scan())
	var unknown *polymorphic.UnknownError
	is.True(errors.As(err, &unknown))
	is.Equal(unknown.Value, "triangle")
	is.True(errors.Is(err, polymorphic.ErrUnknownVariant))

	skip := polymorphic.New[Shape]("kind", func(o *polymorphic.Options) { o.Unknown = polymorphic.UnknownSkip })
	_ = must(gonamo.NewTable(db, "shapes", gonamo.Key(circleID), gonamo.Attrs[Circle](radius), polymorphic.Variant[Shape, Circle](skip, "circle")))
	got, err := polymorphic.Collect(ctx, skip, circles.Scan())
	is.NoErr(err)
	is.Equal(len(got), 1)

	raw := polymorphic.New[any]("kind", func(o *polymorphic.Options) { o.Unknown = polymorphic.UnknownRaw })
	anyCircles := must(gonamo.NewTable(db, "shapes", gonamo.Key(circleID), gonamo.Attrs[Circle](radius), polymorphic.Variant[any, Circle](raw, "circle")))
	items, err := polymorphic.Collect(ctx, raw, anyCircles.Scan())
	is.NoErr(err)
	is.Equal(len(items), 2)
	unknowns := polymorphic.Pick[polymorphic.Unknown](items)
	is.Equal(len(unknowns), 1)
	is.Equal(unknowns[0].Value, "triangle")
	is.Equal(raw.Values(), []string{"circle"})
}

func TestInvalidVariants(t *testing.T) {
	is := is.New(t)
	db := gonamo.New(dynamotest.New())
	shapes := polymorphic.New[Shape]("kind")
	_, err := gonamo.NewTable(db, "shapes", gonamo.Key(circleID), polymorphic.Variant[Shape, Circle](shapes, "x"))
	is.NoErr(err)
	_, err = gonamo.NewTable(db, "shapes", gonamo.Key(squareID), polymorphic.Variant[Shape, Square](shapes, "x"))
	is.True(errors.Is(err, polymorphic.ErrRegistry)) // value taken
	_, err = gonamo.NewTable(db, "shapes", gonamo.Key(squareID), polymorphic.Variant[Shape, Square](shapes))
	is.True(errors.Is(err, polymorphic.ErrRegistry)) // no value
	_, err = gonamo.NewTable(db, "people", gonamo.Key(fooID), polymorphic.Variant[Shape, FooModel](shapes, "foo"))
	is.True(errors.Is(err, polymorphic.ErrRegistry)) // not a Shape
	var verr *gonamo.ValidationError
	is.True(errors.As(err, &verr))
	is.True(slices.Equal(shapes.Values(), []string{"x"}))
}

func TestBatchWritesStoreTheDiscriminator(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	shapes, circles, squares := shapeTables(t, gonamo.New(dynamotest.New()))
	is.NoErr(circles.BatchPut(ctx, []*Circle{{ID: "c1", R: 1}, {ID: "c2", R: 2}}))
	is.NoErr(squares.BatchPut(ctx, []*Square{{ID: "s1", Side: 1}}))
	all, err := polymorphic.Collect(ctx, shapes, squares.Scan())
	is.NoErr(err)
	is.Equal(len(polymorphic.Pick[*Circle](all)), 2)
	is.Equal(len(polymorphic.Pick[*Square](all)), 1)
}
