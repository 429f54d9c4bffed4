package polymorphic_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/polymorphic"
)

// Event is the sum type of the examples: a partition of mixed events.
type Event interface{ Describe() string }

type Login struct{ User, At, IP string }
type Purchase struct {
	User, At string
	Amount   int
}

func (l *Login) Describe() string    { return l.At + " login from " + l.IP }
func (p *Purchase) Describe() string { return fmt.Sprintf("%s purchase of %d", p.At, p.Amount) }

var (
	loginUser = attr.String("user", func(l *Login) *string { return &l.User })
	loginAt   = attr.String("at", func(l *Login) *string { return &l.At })
	loginIP   = attr.String("ip", func(l *Login) *string { return &l.IP })
	buyUser   = attr.String("user", func(p *Purchase) *string { return &p.User })
	buyAt     = attr.String("at", func(p *Purchase) *string { return &p.At })
	buyAmount = attr.Int("amount", func(p *Purchase) *int { return &p.Amount })
)

// eventTables declares both variants on one "events" table and writes
// three events of user ada.
func eventTables(opts ...func(*polymorphic.Options)) (*polymorphic.Registry[Event], *gonamo.Table[Login], *gonamo.Table[Purchase]) {
	ctx := context.Background()
	db := gonamo.New(dynamotest.New())
	events := polymorphic.New[Event]("type", opts...)
	logins := must(gonamo.NewTable(db, "events", gonamo.Key(loginUser, loginAt), gonamo.Attrs[Login](loginIP),
		polymorphic.Variant[Event, Login](events, "login")))
	purchases := must(gonamo.NewTable(db, "events", gonamo.Key(buyUser, buyAt), gonamo.Attrs[Purchase](buyAmount),
		polymorphic.Variant[Event, Purchase](events, "purchase", "order")))
	_ = logins.Create(ctx)
	_ = logins.Put(ctx, &Login{User: "ada", At: "09:00", IP: "10.0.0.1"})
	_ = purchases.Put(ctx, &Purchase{User: "ada", At: "09:05", Amount: 30})
	_ = logins.Put(ctx, &Login{User: "ada", At: "18:00", IP: "10.0.0.2"})
	return events, logins, purchases
}

func Example() {
	events, logins, _ := eventTables()
	// One query over the partition returns every variant.
	for e, err := range polymorphic.All(context.Background(), events, logins.Query(loginUser.Eq("ada"))) {
		if err != nil {
			panic(err)
		}
		fmt.Println(e.Describe())
	}
	// Output:
	// 09:00 login from 10.0.0.1
	// 09:05 purchase of 30
	// 18:00 login from 10.0.0.2
}

func ExampleNew() {
	events := polymorphic.New[Event]("type")
	fmt.Println(events.Attribute(), events.Values())
	// Output: type []
}

func ExampleRegistry() {
	events, _, _ := eventTables()
	fmt.Println(events.Values())
	// Output: [login order purchase]
}

func ExampleRegistry_Attribute() {
	events, _, _ := eventTables()
	fmt.Println(events.Attribute())
	// Output: type
}

func ExampleRegistry_Values() {
	events, _, _ := eventTables()
	fmt.Println(len(events.Values()))
	// Output: 3
}

func ExampleRegistry_Decode() {
	events, _, _ := eventTables()
	e, err := events.Decode(map[string]types.AttributeValue{
		"type": &types.AttributeValueMemberS{Value: "order"}, // an old name of purchase
		"user": &types.AttributeValueMemberS{Value: "bo"}, "at": &types.AttributeValueMemberS{Value: "12:00"},
		"amount": &types.AttributeValueMemberN{Value: "7"}})
	fmt.Println(e.Describe(), err)
	// Output: 12:00 purchase of 7 <nil>
}

func ExampleVariant() {
	_, logins, purchases := eventTables()
	ctx := context.Background()
	// Each variant's table keeps to its own items.
	n, _, _ := logins.Query(loginUser.Eq("ada")).Count(ctx)
	p, _ := purchases.Query(buyUser.Eq("ada")).One(ctx)
	fmt.Println(n, p.Amount)
	// Output: 2 30
}

func ExampleIter() {
	events, logins, _ := eventTables()
	it := polymorphic.Iter(context.Background(), events, logins.Query(loginUser.Eq("ada")).Limit(2))
	for e, err := range it.All() {
		fmt.Println(e.Describe(), err)
	}
	fmt.Println(it.Cursor() != "")
	// Output:
	// 09:00 login from 10.0.0.1 <nil>
	// 09:05 purchase of 30 <nil>
	// true
}

func ExampleIterator() {
	events, logins, _ := eventTables()
	ctx := context.Background()
	first := polymorphic.Iter(ctx, events, logins.Query(loginUser.Eq("ada")).Limit(1))
	for range first.All() {
	}
	rest, _ := polymorphic.Collect(ctx, events, logins.Query(loginUser.Eq("ada")).From(first.Cursor()))
	fmt.Println(len(rest))
	// Output: 2
}

func ExampleIterator_All() {
	events, logins, _ := eventTables()
	for e := range polymorphic.Iter(context.Background(), events, logins.Scan()).All() {
		_, isLogin := e.(*Login)
		fmt.Print(isLogin, " ")
	}
	fmt.Println()
	// Output: true false true
}

func ExampleIterator_Cursor() {
	events, logins, _ := eventTables()
	it := polymorphic.Iter(context.Background(), events, logins.Scan())
	for range it.All() {
	}
	fmt.Printf("%q\n", it.Cursor()) // "" once everything was read
	// Output: ""
}

func ExampleAll() {
	events, _, purchases := eventTables()
	n := 0
	for _, err := range polymorphic.All(context.Background(), events, purchases.Scan()) {
		if err == nil {
			n++
		}
	}
	fmt.Println(n)
	// Output: 3
}

func ExampleCollect() {
	events, logins, _ := eventTables()
	all, err := polymorphic.Collect(context.Background(), events, logins.Scan())
	fmt.Println(len(all), err)
	// Output: 3 <nil>
}

func ExamplePick() {
	events, logins, _ := eventTables()
	all, _ := polymorphic.Collect(context.Background(), events, logins.Scan())
	fmt.Println(len(polymorphic.Pick[*Login](all)), len(polymorphic.Pick[*Purchase](all)))
	// Output: 2 1
}

func ExampleWrongVariantError() {
	_, logins, _ := eventTables()
	_, err := logins.Get(context.Background(), &Login{User: "ada", At: "09:05"})
	var wrong *polymorphic.WrongVariantError
	fmt.Println(errors.As(err, &wrong), wrong.Got)
	// Output: true purchase
}

func ExampleErrWrongVariant() {
	_, logins, _ := eventTables()
	err := logins.Delete(context.Background(), &Login{User: "ada", At: "09:05"})
	fmt.Println(errors.Is(err, polymorphic.ErrWrongVariant))
	// Output: true
}

func ExampleUnknownError() {
	events, _, _ := eventTables()
	_, err := events.Decode(map[string]types.AttributeValue{"type": &types.AttributeValueMemberS{Value: "logout"}})
	var unknown *polymorphic.UnknownError
	fmt.Println(errors.As(err, &unknown), unknown.Value)
	// Output: true logout
}

func ExampleErrUnknownVariant() {
	events, _, _ := eventTables()
	_, err := events.Decode(map[string]types.AttributeValue{})
	fmt.Println(errors.Is(err, polymorphic.ErrUnknownVariant))
	// Output: true
}

func ExampleErrRegistry() {
	events := polymorphic.New[Event]("type")
	db := gonamo.New(dynamotest.New())
	_, err := gonamo.NewTable(db, "events", gonamo.Key(loginUser, loginAt), polymorphic.Variant[Event, Login](events, "x"))
	fmt.Println(err)
	_, err = gonamo.NewTable(db, "events", gonamo.Key(buyUser, buyAt), polymorphic.Variant[Event, Purchase](events, "x"))
	fmt.Println(errors.Is(err, polymorphic.ErrRegistry))
	// Output:
	// <nil>
	// true
}

func ExampleOptions() {
	events, logins, _ := eventTables(func(o *polymorphic.Options) { o.Unknown = polymorphic.UnknownSkip })
	fmt.Println(events.Values()[0], logins.Name())
	// Output: login events
}

func ExamplePolicy() {
	fmt.Println(polymorphic.UnknownFail, polymorphic.UnknownSkip, polymorphic.UnknownRaw)
	// Output: 0 1 2
}

func ExampleUnknown() {
	raw := polymorphic.New[any]("type", func(o *polymorphic.Options) { o.Unknown = polymorphic.UnknownRaw })
	v, err := raw.Decode(map[string]types.AttributeValue{"type": &types.AttributeValueMemberS{Value: "logout"}})
	fmt.Println(v.(polymorphic.Unknown).Value, err)
	// Output: logout <nil>
}

func ExampleWrongVariantError_Error() {
	e := &polymorphic.WrongVariantError{Variant: "Login", Want: []string{"login"}, Got: "purchase"}
	fmt.Println(e.Error())
	// Output: gonamo/polymorphic: item of another variant: Login reads login, found "purchase"
}

func ExampleWrongVariantError_Unwrap() {
	e := &polymorphic.WrongVariantError{Variant: "Login", Want: []string{"login"}}
	fmt.Println(e.Unwrap() == polymorphic.ErrWrongVariant)
	// Output: true
}

func ExampleUnknownError_Error() {
	e := &polymorphic.UnknownError{Value: "logout"}
	fmt.Println(e.Error())
	// Output: gonamo/polymorphic: unknown discriminator "logout"
}

func ExampleUnknownError_Unwrap() {
	e := &polymorphic.UnknownError{Value: "logout"}
	fmt.Println(e.Unwrap() == polymorphic.ErrUnknownVariant)
	// Output: true
}
