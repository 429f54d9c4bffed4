package expr_test

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/expr"
)

// printValues prints the value placeholders of a request in order.
func printValues(values map[string]types.AttributeValue) {
	for _, k := range byNumber(mapKeys(values)) {
		fmt.Printf("%s = %s\n", k, format(values[k]))
	}
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// A conditional UpdateItem: every expression of the request is rendered by
// one Builder, whose placeholders go into the input.
func Example() {
	views, updated := expr.Name("views"), expr.Name("updated")
	limit := &types.AttributeValueMemberN{Value: "100"}
	now := &types.AttributeValueMemberS{Value: "2026-01-02T15:04:05Z"}
	one := &types.AttributeValueMemberN{Value: "1"}

	var b expr.Builder[Thread]
	cond, err := b.Condition(expr.Compare(expr.Lt, expr.PathOf[Thread](views), expr.Value[Thread](limit)))
	if err != nil {
		panic(err)
	}
	upd, err := b.Update(expr.Set(updated, expr.Value[Thread](now)).And(expr.Add[Thread](views, one)))
	if err != nil {
		panic(err)
	}
	in := &dynamodb.UpdateItemInput{
		TableName:                 aws.String("threads"),
		Key:                       map[string]types.AttributeValue{"forum": &types.AttributeValueMemberS{Value: "go"}},
		ConditionExpression:       &cond,
		UpdateExpression:          &upd,
		ExpressionAttributeNames:  b.Names(),
		ExpressionAttributeValues: b.Values(),
	}
	fmt.Println(*in.ConditionExpression)
	fmt.Println(*in.UpdateExpression)
	fmt.Println(in.ExpressionAttributeNames)
	printValues(in.ExpressionAttributeValues)
	// Output:
	// #0 < :0
	// SET #1 = :1 ADD #0 :2
	// map[#0:views #1:updated]
	// :0 = N 100
	// :1 = S "2026-01-02T15:04:05Z"
	// :2 = N 1
}

func ExampleName() {
	p := expr.Name("status") // a reserved word: placeholders make it safe
	fmt.Println(p)
	// Output: status
}

// Paths are values: a common prefix can be extended in several ways.
func ExamplePath() {
	meta := expr.Name("meta")
	title := meta.Key("title")
	firstAuthor := meta.Key("authors").Index(0)
	fmt.Println(meta, title, firstAuthor)
	fmt.Println(expr.MaxPathDepth, expr.MaxListIndex) // DynamoDB's limits, checked
	// Output:
	// meta meta.title meta.authors[0]
	// 32 2147483647
}

func ExamplePath_Key() {
	p := expr.Name("meta").Key("title")
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.AttributeExists[Thread](p))
	fmt.Println(c, b.Names())
	// Output: attribute_exists(#0.#1) map[#0:meta #1:title]
}

func ExamplePath_Index() {
	p := expr.Name("comments").Index(2).Key("author")
	var b expr.Builder[Thread]
	u, _ := b.Update(expr.Remove[Thread](p))
	fmt.Println(p)
	fmt.Println(u, b.Names())
	// Output:
	// comments[2].author
	// REMOVE #0[2].#1 map[#0:comments #1:author]
}

func ExamplePath_String() {
	fmt.Println(expr.Name("a").Key("b").Index(2).String())
	fmt.Println(expr.Name("").String())
	// Output:
	// a.b[2]
	// <invalid path>
}

func ExamplePath_Err() {
	fmt.Println(expr.Name("tags").Index(-1).Err())
	fmt.Println(expr.Name("tags").Index(1).Err())
	// Output:
	// gonamo/expr: invalid path: negative list index -1 after tags
	// <nil>
}

// Operands of one item type only mix with each other: a condition built from
// Operand[Thread] is a Condition[Thread], which a Builder[User] does not take.
func ExampleOperand() {
	a := expr.PathOf[Thread](expr.Name("views"))
	b := expr.Value[Thread](&types.AttributeValueMemberN{Value: "10"})
	var bld expr.Builder[Thread]
	c, _ := bld.Condition(expr.Compare(expr.Ge, a, b))
	fmt.Println(c)
	// Output: #0 >= :0
}

func ExamplePathOf() {
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.Compare(expr.Gt,
		expr.PathOf[Thread](expr.Name("views")), expr.PathOf[Thread](expr.Name("limit"))))
	fmt.Println(c, b.Names())
	// Output: #0 > #1 map[#0:views #1:limit]
}

func ExampleValue() {
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.Compare(expr.Eq,
		expr.PathOf[Thread](expr.Name("forum")), expr.Value[Thread](&types.AttributeValueMemberS{Value: "go"})))
	fmt.Println(c)
	printValues(b.Values())

	_, err := b.Condition(expr.Compare(expr.Eq, expr.PathOf[Thread](expr.Name("forum")), expr.Value[Thread](nil)))
	fmt.Println(err)
	// Output:
	// #0 = :0
	// :0 = S "go"
	// gonamo/expr: invalid operand: nil attribute value
}

func ExampleSize() {
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.Compare(expr.Le,
		expr.Size[Thread](expr.Name("tags")), expr.Value[Thread](&types.AttributeValueMemberN{Value: "5"})))
	fmt.Println(c)

	_, err := b.Update(expr.Set(expr.Name("count"), expr.Size[Thread](expr.Name("tags"))))
	fmt.Println(err)
	// Output:
	// size(#0) <= :0
	// gonamo/expr: invalid operand: size is not allowed in SET
}

func ExampleIfNotExists() {
	views := expr.Name("views")
	zero := expr.Value[Thread](&types.AttributeValueMemberN{Value: "0"})
	var b expr.Builder[Thread]
	u, _ := b.Update(expr.Set(views, expr.IfNotExists(views, zero)))
	fmt.Println(u)
	// Output: SET #0 = if_not_exists(#0, :0)
}

func ExampleListAppend() {
	log := expr.Name("log")
	empty := expr.Value[Thread](&types.AttributeValueMemberL{})
	entry := expr.Value[Thread](&types.AttributeValueMemberL{Value: []types.AttributeValue{
		&types.AttributeValueMemberS{Value: "edited"},
	}})
	var b expr.Builder[Thread]
	// Append to the list, creating it when the item has none.
	u, _ := b.Update(expr.Set(log, expr.ListAppend(expr.IfNotExists(log, empty), entry)))
	fmt.Println(u)
	printValues(b.Values())
	// Output:
	// SET #0 = list_append(if_not_exists(#0, :0), :1)
	// :0 = L []
	// :1 = L [S "edited"]
}

func ExampleOperand_Plus() {
	views := expr.Name("views")
	zero := expr.Value[Thread](&types.AttributeValueMemberN{Value: "0"})
	one := expr.Value[Thread](&types.AttributeValueMemberN{Value: "1"})
	var b expr.Builder[Thread]
	u, _ := b.Update(expr.Set(views, expr.IfNotExists(views, zero).Plus(one)))
	fmt.Println(u)
	// Output: SET #0 = if_not_exists(#0, :0) + :1
}

func ExampleOperand_Minus() {
	stock := expr.Name("stock")
	two := expr.Value[Thread](&types.AttributeValueMemberN{Value: "2"})
	var b expr.Builder[Thread]
	u, _ := b.Update(expr.Set(stock, expr.PathOf[Thread](stock).Minus(two)))
	fmt.Println(u)
	// Output: SET #0 = #0 - :0
}

// The zero Condition is "no condition", so conditions accumulate.
func ExampleCondition() {
	var c expr.Condition[Thread]
	var b expr.Builder[Thread]
	out, _ := b.Condition(c)
	fmt.Printf("%q\n", out)

	for _, name := range []string{"forum", "subject"} {
		c = c.And(expr.AttributeExists[Thread](expr.Name(name)))
	}
	out, _ = b.Condition(c)
	fmt.Println(out)
	// Output:
	// ""
	// attribute_exists(#0) AND attribute_exists(#1)
}

func ExampleCompare() {
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.Compare(expr.Ne,
		expr.PathOf[Thread](expr.Name("status")), expr.Value[Thread](&types.AttributeValueMemberS{Value: "closed"})))
	fmt.Println(c, b.Names())
	// Output: #0 <> :0 map[#0:status]
}

func ExampleComparator() {
	for _, op := range []expr.Comparator{expr.Eq, expr.Ne, expr.Lt, expr.Le, expr.Gt, expr.Ge} {
		fmt.Print(op, " ")
	}
	fmt.Println()
	// Output: = <> < <= > >=
}

func ExampleComparator_String() {
	fmt.Println(expr.Le.String(), expr.Comparator(0).String())
	// Output: <= Comparator(0)
}

func ExampleBetween() {
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.Between(expr.PathOf[Thread](expr.Name("views")),
		expr.Value[Thread](&types.AttributeValueMemberN{Value: "10"}),
		expr.Value[Thread](&types.AttributeValueMemberN{Value: "20"})))
	fmt.Println(c)
	// Output: #0 BETWEEN :0 AND :1
}

func ExampleIn() {
	forum := expr.PathOf[Thread](expr.Name("forum"))
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.In(forum,
		expr.Value[Thread](&types.AttributeValueMemberS{Value: "go"}),
		expr.Value[Thread](&types.AttributeValueMemberS{Value: "rust"})))
	fmt.Println(c)

	_, err := b.Condition(expr.In(forum))
	fmt.Println(err, expr.MaxInOperands)
	// Output:
	// #0 IN (:0, :1)
	// gonamo/expr: invalid condition: IN needs 1 to 100 operands, got 0 100
}

func ExampleAttributeExists() {
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.AttributeExists[Thread](expr.Name("forum")))
	fmt.Println(c)
	// Output: attribute_exists(#0)
}

// AttributeNotExists on the partition key makes a PutItem create only.
func ExampleAttributeNotExists() {
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.AttributeNotExists[Thread](expr.Name("forum")))
	fmt.Println(c)
	// Output: attribute_not_exists(#0)
}

func ExampleAttributeType() {
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.AttributeType[Thread](expr.Name("tags"), expr.TypeStringSet))
	fmt.Println(c)
	printValues(b.Values())
	// Output:
	// attribute_type(#0, :0)
	// :0 = S "SS"
}

func ExampleType() {
	for _, t := range []expr.Type{expr.TypeString, expr.TypeStringSet, expr.TypeNumber, expr.TypeNumberSet,
		expr.TypeBinary, expr.TypeBinarySet, expr.TypeBool, expr.TypeNull, expr.TypeList, expr.TypeMap} {
		fmt.Print(t, " ")
	}
	fmt.Println()
	// Output: S SS N NS B BS BOOL NULL L M
}

func ExampleBeginsWith() {
	var b expr.Builder[Thread]
	c, _ := b.Condition(expr.BeginsWith(expr.PathOf[Thread](expr.Name("subject")),
		expr.Value[Thread](&types.AttributeValueMemberS{Value: "gen"})))
	fmt.Println(c)
	// Output: begins_with(#0, :0)
}

func ExampleContains() {
	var b expr.Builder[Thread]
	// Is "go" among the tags?
	c1, _ := b.Condition(expr.Contains(expr.PathOf[Thread](expr.Name("tags")),
		expr.Value[Thread](&types.AttributeValueMemberS{Value: "go"})))
	// Is the forum one of these?
	c2, _ := b.Condition(expr.Contains(
		expr.Value[Thread](&types.AttributeValueMemberSS{Value: []string{"go", "rust"}}),
		expr.PathOf[Thread](expr.Name("forum"))))
	fmt.Println(c1)
	fmt.Println(c2)
	// Output:
	// contains(#0, :0)
	// contains(:1, #1)
}

func ExampleCondition_And() {
	a := expr.AttributeExists[Thread](expr.Name("a"))
	bc := expr.AttributeExists[Thread](expr.Name("b")).Or(expr.AttributeExists[Thread](expr.Name("c")))
	var b expr.Builder[Thread]
	c, _ := b.Condition(a.And(bc))
	fmt.Println(c)
	// Output: attribute_exists(#0) AND (attribute_exists(#1) OR attribute_exists(#2))
}

func ExampleCondition_Or() {
	version := expr.Name("v")
	// The optimistic lock of a put: a new item, or the version read.
	c := expr.AttributeNotExists[Thread](version).
		Or(expr.Compare(expr.Eq, expr.PathOf[Thread](version), expr.Value[Thread](&types.AttributeValueMemberN{Value: "3"})))
	var b expr.Builder[Thread]
	out, _ := b.Condition(c)
	fmt.Println(out)
	// Output: attribute_not_exists(#0) OR #0 = :0
}

func ExampleCondition_Not() {
	closed := expr.Compare(expr.Eq, expr.PathOf[Thread](expr.Name("status")),
		expr.Value[Thread](&types.AttributeValueMemberS{Value: "closed"}))
	var b expr.Builder[Thread]
	c, _ := b.Condition(closed.Not().And(expr.AttributeExists[Thread](expr.Name("tags")).Not()))
	fmt.Println(c)

	_, err := b.Condition(expr.Condition[Thread]{}.Not())
	fmt.Println(err)
	// Output:
	// NOT (#0 = :0) AND NOT attribute_exists(#1)
	// gonamo/expr: invalid condition: NOT of the empty condition
}

func ExampleKeyCondition() {
	k := expr.KeyEquals[Thread](expr.Name("forum"), &types.AttributeValueMemberS{Value: "go"})
	var b expr.Builder[Thread]
	out, _ := b.KeyCondition(k)
	fmt.Println(out)

	_, err := b.KeyCondition(expr.KeyCondition[Thread]{})
	fmt.Println(err)
	// Output:
	// #0 = :0
	// gonamo/expr: invalid key condition: no partition key equality
}

func ExampleKeyEquals() {
	k := expr.KeyEquals[Thread](expr.Name("forum"), &types.AttributeValueMemberS{Value: "go"})
	var b expr.Builder[Thread]
	out, _ := b.KeyCondition(k)
	in := &dynamodb.QueryInput{
		TableName:                 aws.String("threads"),
		KeyConditionExpression:    &out,
		ExpressionAttributeNames:  b.Names(),
		ExpressionAttributeValues: b.Values(),
	}
	fmt.Println(*in.KeyConditionExpression, in.ExpressionAttributeNames)
	// Output: #0 = :0 map[#0:forum]
}

func ExampleKeyCondition_SortCompare() {
	k := expr.KeyEquals[Thread](expr.Name("forum"), &types.AttributeValueMemberS{Value: "go"}).
		SortCompare(expr.Ge, expr.Name("subject"), &types.AttributeValueMemberS{Value: "m"})
	var b expr.Builder[Thread]
	out, _ := b.KeyCondition(k)
	fmt.Println(out)

	_, err := b.KeyCondition(k.SortCompare(expr.Lt, expr.Name("subject"), &types.AttributeValueMemberS{Value: "z"}))
	fmt.Println(err)
	// Output:
	// #0 = :0 AND #1 >= :1
	// gonamo/expr: invalid key condition: second sort key condition
}

func ExampleKeyCondition_SortBetween() {
	k := expr.KeyEquals[Thread](expr.Name("forum"), &types.AttributeValueMemberS{Value: "go"}).
		SortBetween(expr.Name("subject"), &types.AttributeValueMemberS{Value: "a"}, &types.AttributeValueMemberS{Value: "m"})
	var b expr.Builder[Thread]
	out, _ := b.KeyCondition(k)
	fmt.Println(out)
	// Output: #0 = :0 AND #1 BETWEEN :1 AND :2
}

func ExampleKeyCondition_SortBeginsWith() {
	k := expr.KeyEquals[Thread](expr.Name("forum"), &types.AttributeValueMemberS{Value: "go"}).
		SortBeginsWith(expr.Name("subject"), &types.AttributeValueMemberS{Value: "gen"})
	var b expr.Builder[Thread]
	out, _ := b.KeyCondition(k)
	fmt.Println(out)
	// Output: #0 = :0 AND begins_with(#1, :1)
}

// Actions render grouped by kind, whatever order they were combined in.
func ExampleUpdate() {
	u := expr.Remove[Thread](expr.Name("draft")).And(
		expr.Add[Thread](expr.Name("views"), &types.AttributeValueMemberN{Value: "1"}),
		expr.Set(expr.Name("subject"), expr.Value[Thread](&types.AttributeValueMemberS{Value: "generics"})),
	)
	var b expr.Builder[Thread]
	out, _ := b.Update(u)
	fmt.Println(out)
	// Output: SET #0 = :0 REMOVE #1 ADD #2 :1
}

func ExampleSet() {
	var b expr.Builder[Thread]
	out, _ := b.Update(expr.Set(expr.Name("meta").Key("title"),
		expr.Value[Thread](&types.AttributeValueMemberS{Value: "Generics"})))
	fmt.Println(out)
	// Output: SET #0.#1 = :0
}

func ExampleRemove() {
	var b expr.Builder[Thread]
	out, _ := b.Update(expr.Remove[Thread](expr.Name("tags")).And(expr.Remove[Thread](expr.Name("meta").Key("draft"))))
	fmt.Println(out)
	// Output: REMOVE #0, #1.#2
}

func ExampleAdd() {
	var b expr.Builder[Thread]
	out, _ := b.Update(expr.Add[Thread](expr.Name("views"), &types.AttributeValueMemberN{Value: "1"}).
		And(expr.Add[Thread](expr.Name("tags"), &types.AttributeValueMemberSS{Value: []string{"go"}})))
	fmt.Println(out)

	_, err := b.Update(expr.Add[Thread](expr.Name("views"), &types.AttributeValueMemberS{Value: "1"}))
	fmt.Println(err)
	// Output:
	// ADD #0 :0, #1 :1
	// gonamo/expr: invalid operand: ADD of a value of type S on views
}

func ExampleDelete() {
	var b expr.Builder[Thread]
	out, _ := b.Update(expr.Delete[Thread](expr.Name("tags"), &types.AttributeValueMemberSS{Value: []string{"old"}}))
	fmt.Println(out)
	// Output: DELETE #0 :0
}

func ExampleUpdate_And() {
	var u expr.Update[Thread] // no action yet
	for _, name := range []string{"draft", "flag"} {
		u = u.And(expr.Remove[Thread](expr.Name(name)))
	}
	var b expr.Builder[Thread]
	out, _ := b.Update(u)
	fmt.Println(out)

	_, err := b.Update(u.And(expr.Set(expr.Name("flag"), expr.PathOf[Thread](expr.Name("draft")))))
	fmt.Println(err)
	// Output:
	// REMOVE #0, #1
	// gonamo/expr: overlapping paths: REMOVE flag and SET flag overlap
}

func ExampleProjection() {
	var p expr.Projection[Thread] // whole items
	var b expr.Builder[Thread]
	out, _ := b.Projection(p)
	fmt.Printf("%q\n", out)
	// Output: ""
}

func ExampleProject() {
	var b expr.Builder[Thread]
	out, _ := b.Projection(expr.Project[Thread](expr.Name("forum"), expr.Name("meta").Key("title")))
	fmt.Println(out, b.Names())
	// Output: #0, #1.#2 map[#0:forum #1:meta #2:title]
}

// With adds the key attributes to a caller's projection without repeating
// the ones it already has.
func ExampleProjection_With() {
	p := expr.Project[Thread](expr.Name("views"), expr.Name("forum"))
	var b expr.Builder[Thread]
	out, _ := b.Projection(p.With(expr.Name("forum"), expr.Name("subject")))
	fmt.Println(out, b.Names())
	// Output: #0, #1, #2 map[#0:views #1:forum #2:subject]
}

// A Query's key condition, filter and projection share one Builder.
func ExampleBuilder() {
	forum, subject, views := expr.Name("forum"), expr.Name("subject"), expr.Name("views")
	var b expr.Builder[Thread]
	k, _ := b.KeyCondition(expr.KeyEquals[Thread](forum, &types.AttributeValueMemberS{Value: "go"}))
	f, _ := b.Condition(expr.Compare(expr.Gt, expr.PathOf[Thread](views),
		expr.Value[Thread](&types.AttributeValueMemberN{Value: "10"})))
	p, _ := b.Projection(expr.Project[Thread](subject, views))
	fmt.Println(k)
	fmt.Println(f)
	fmt.Println(p)
	fmt.Println(b.Names())
	printValues(b.Values())
	// Output:
	// #0 = :0
	// #1 > :1
	// #2, #1
	// map[#0:forum #1:views #2:subject]
	// :0 = S "go"
	// :1 = N 10
}

func ExampleBuilder_Condition() {
	var b expr.Builder[Thread]
	c, err := b.Condition(expr.AttributeExists[Thread](expr.Name("forum")))
	fmt.Println(c, err)
	// Several conditions render as their conjunction, as And would make
	// it; a write's own condition and an optimistic lock, say.
	views, version := expr.Name("views"), expr.Name("version")
	c, err = b.Condition(
		expr.Compare(expr.Lt, expr.PathOf[Thread](views), expr.Value[Thread](&types.AttributeValueMemberN{Value: "100"})),
		expr.Compare(expr.Eq, expr.PathOf[Thread](version), expr.Value[Thread](&types.AttributeValueMemberN{Value: "3"})),
	)
	fmt.Println(c, err)
	// Output:
	// attribute_exists(#0) <nil>
	// #1 < :0 AND #2 = :1 <nil>
}

func ExampleBuilder_KeyCondition() {
	var b expr.Builder[Thread]
	k, err := b.KeyCondition(expr.KeyEquals[Thread](expr.Name("forum"), &types.AttributeValueMemberS{Value: "go"}).
		SortCompare(expr.Lt, expr.Name("subject"), &types.AttributeValueMemberS{Value: "m"}))
	fmt.Println(k, err)
	// Output: #0 = :0 AND #1 < :1 <nil>
}

func ExampleBuilder_Update() {
	var b expr.Builder[Thread]
	u, err := b.Update(expr.Set(expr.Name("views"), expr.Value[Thread](&types.AttributeValueMemberN{Value: "0"})))
	fmt.Println(u, err)
	// Several updates render their actions together, as And would
	// combine them, overlapping paths included.
	one := &types.AttributeValueMemberN{Value: "1"}
	u, err = b.Update(expr.Remove[Thread](expr.Name("draft")), expr.Add[Thread](expr.Name("version"), one))
	fmt.Println(u, err)
	_, err = b.Update(expr.Remove[Thread](expr.Name("tags")), expr.Add[Thread](expr.Name("tags"), one))
	fmt.Println(err)
	// Output:
	// SET #0 = :0 <nil>
	// REMOVE #1 ADD #2 :1 <nil>
	// gonamo/expr: overlapping paths: REMOVE tags and ADD tags overlap
}

func ExampleBuilder_Projection() {
	var b expr.Builder[Thread]
	p, err := b.Projection(expr.Project[Thread](expr.Name("subject")))
	fmt.Println(p, err)
	// Output: #0 <nil>
}

func ExampleBuilder_Names() {
	var b expr.Builder[Thread]
	fmt.Println(b.Names() == nil) // nothing rendered: nil, as DynamoDB rejects an empty map
	_, _ = b.Condition(expr.AttributeExists[Thread](expr.Name("size")).And(expr.AttributeExists[Thread](expr.Name("size").Key("unit"))))
	fmt.Println(b.Names())
	// Output:
	// true
	// map[#0:size #1:unit]
}

func ExampleBuilder_Values() {
	var b expr.Builder[Thread]
	fmt.Println(b.Values() == nil)
	forum := expr.PathOf[Thread](expr.Name("forum"))
	goForum := expr.Value[Thread](&types.AttributeValueMemberS{Value: "go"})
	_, _ = b.Condition(expr.Compare(expr.Eq, forum, goForum).Or(expr.Compare(expr.Eq, forum, goForum)))
	printValues(b.Values()) // one placeholder per operand, even for equal values
	// Output:
	// true
	// :0 = S "go"
	// :1 = S "go"
}

func ExampleError() {
	var b expr.Builder[Thread]
	_, err := b.Update(expr.Set(expr.Name("a"), expr.Value[Thread](&types.AttributeValueMemberN{Value: "1"})).
		And(expr.Remove[Thread](expr.Name("a").Key("b"))))
	var e *expr.Error
	if errors.As(err, &e) {
		fmt.Println(e.Err == expr.ErrPathOverlap)
		fmt.Println(e.Detail)
	}
	// Output:
	// true
	// SET a and REMOVE a.b overlap
}

func ExampleError_Error() {
	err := &expr.Error{Err: expr.ErrInvalidPath, Detail: "empty attribute name"}
	fmt.Println(err.Error())
	// Output: gonamo/expr: invalid path: empty attribute name
}

func ExampleError_Unwrap() {
	var b expr.Builder[Thread]
	_, err := b.Condition(expr.AttributeExists[Thread](expr.Name("list").Index(-1)))
	fmt.Println(errors.Is(err, expr.ErrInvalidPath), errors.Is(err, expr.ErrInvalidOperand))
	fmt.Println(errors.Unwrap(err) == expr.ErrInvalidPath)
	// Output:
	// true false
	// true
}

func ExampleCondition_Err() {
	fine := expr.AttributeExists[Thread](expr.Name("a"))
	broken := fine.And(expr.AttributeExists[Thread](expr.Name("")))
	fmt.Println(fine.Err())
	fmt.Println(broken.Err())
	// Output:
	// <nil>
	// gonamo/expr: invalid path: empty attribute name
}

func ExampleConditionError() {
	// A package building conditions on top of expr keeps its own
	// mistakes in them; the Builder returns the first.
	failed := expr.ConditionError[Thread](errors.New("views: NaN is not a number"))
	c := expr.AttributeExists[Thread](expr.Name("a")).And(failed)
	var b expr.Builder[Thread]
	_, err := b.Condition(c)
	fmt.Println(err)
	fmt.Println(expr.ConditionError[Thread](nil) == expr.Condition[Thread]{})
	// Output:
	// views: NaN is not a number
	// true
}

func ExampleCondition_Comparison() {
	subject := expr.PathOf[Thread](expr.Name("subject"))
	gen := expr.Value[Thread](&types.AttributeValueMemberS{Value: "gen"})
	name, op, values, ok := expr.BeginsWith(subject, gen).Comparison()
	fmt.Println(name, op, len(values), ok)
	lo := expr.Value[Thread](&types.AttributeValueMemberS{Value: "a"})
	name, op, values, ok = expr.Between(subject, lo, gen).Comparison()
	fmt.Println(name, op, len(values), ok)
	// Not a comparison of a top-level attribute with values:
	_, _, _, ok = expr.Compare(expr.Eq, expr.PathOf[Thread](expr.Name("a").Key("b")), gen).Comparison()
	fmt.Println(ok)
	// Output:
	// subject begins_with 1 true
	// subject BETWEEN 2 true
	// false
}

func ExampleUpdate_Err() {
	views := expr.Name("views")
	one := &types.AttributeValueMemberN{Value: "1"}
	fine := expr.Add[Thread](views, one)
	overlapping := fine.And(expr.Remove[Thread](views))
	fmt.Println(fine.Err())
	fmt.Println(overlapping.Err())
	// Output:
	// <nil>
	// gonamo/expr: overlapping paths: ADD views and REMOVE views overlap
}

func ExampleUpdateError() {
	// A package building updates on top of expr keeps its own mistakes
	// in them; the Builder returns the first.
	failed := expr.UpdateError[Thread](errors.New("score: +Inf is not a number"))
	u := expr.Remove[Thread](expr.Name("a")).And(failed)
	var b expr.Builder[Thread]
	_, err := b.Update(u)
	fmt.Println(err)
	// Output: score: +Inf is not a number
}
