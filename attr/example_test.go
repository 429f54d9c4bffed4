package attr_test

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/cockroachdb/apd/v3"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

// Post is the model of the examples.
type Post struct {
	Forum    string
	Subject  string
	Views    int
	Tags     []string
	Updated  time.Time
	Author   Author
	Comments []Comment
	Meta     map[string]string
	Nick     *string
}

// Author is stored as a map inside a Post.
type Author struct {
	Name  string
	Karma int
}

// Comment is an element of a list of structs.
type Comment struct {
	By   string
	Text string
}

var (
	authorName  = attr.String("name", func(a *Author) *string { return &a.Name })
	authorKarma = attr.Int("karma", func(a *Author) *int { return &a.Karma })
	commentBy   = attr.String("by", func(c *Comment) *string { return &c.By })
	commentText = attr.String("text", func(c *Comment) *string { return &c.Text })

	postForum    = attr.String("forum", func(p *Post) *string { return &p.Forum })
	postSubject  = attr.String("subject", func(p *Post) *string { return &p.Subject })
	postViews    = attr.Int("views", func(p *Post) *int { return &p.Views })
	postTags     = attr.StringSet("tags", func(p *Post) *[]string { return &p.Tags }, attr.OmitEmpty)
	postUpdated  = attr.Time("updated", func(p *Post) *time.Time { return &p.Updated })
	postAuthor   = attr.Struct("author", func(p *Post) *Author { return &p.Author }, authorName, authorKarma)
	postComments = attr.List("comments", func(p *Post) *[]Comment { return &p.Comments }, attr.StructCodec(commentBy, commentText))
	postMeta     = attr.Map("meta", func(p *Post) *map[string]string { return &p.Meta }, attr.StringCodec[string]())
	postNick     = attr.Pointer("nick", func(p *Post) **string { return &p.Nick }, attr.StringCodec[string]())
)

// fmtAV writes an attribute value compactly: {S:go}, {N:1}, {SS:[a b]},
// {M:{a:{S:x}}} with sorted keys.
func fmtAV(av types.AttributeValue) string {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return "{S:" + v.Value + "}"
	case *types.AttributeValueMemberN:
		return "{N:" + v.Value + "}"
	case *types.AttributeValueMemberB:
		return fmt.Sprintf("{B:%x}", v.Value)
	case *types.AttributeValueMemberBOOL:
		return fmt.Sprintf("{BOOL:%v}", v.Value)
	case *types.AttributeValueMemberNULL:
		return "{NULL}"
	case *types.AttributeValueMemberSS:
		return fmt.Sprintf("{SS:%v}", v.Value)
	case *types.AttributeValueMemberNS:
		return fmt.Sprintf("{NS:%v}", v.Value)
	case *types.AttributeValueMemberBS:
		return fmt.Sprintf("{BS:%x}", v.Value)
	case *types.AttributeValueMemberL:
		parts := make([]string, len(v.Value))
		for i, e := range v.Value {
			parts[i] = fmtAV(e)
		}
		return "{L:[" + strings.Join(parts, " ") + "]}"
	case *types.AttributeValueMemberM:
		return "{M:" + fmtItem(v.Value) + "}"
	case nil:
		return "<absent>"
	}
	return fmt.Sprintf("%T", av)
}

// fmtItem writes an attribute map with sorted keys.
func fmtItem(m map[string]types.AttributeValue) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+":"+fmtAV(m[k]))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// printExpr prints a rendered expression, its names and its values.
func printExpr(s string, names map[string]string, values map[string]types.AttributeValue) {
	fmt.Println(s)
	for _, k := range slices.Sorted(maps.Keys(names)) {
		fmt.Printf("  %s = %s\n", k, names[k])
	}
	for _, k := range slices.Sorted(maps.Keys(values)) {
		fmt.Printf("  %s = %s\n", k, fmtAV(values[k]))
	}
}

// printCond renders and prints a condition, or its error.
func printCond[T any](c attr.Condition[T]) {
	r, err := renderCond(c)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	printExpr(r.Expr, r.Names, r.Values)
}

// printUpdate renders and prints an update, or its error.
func printUpdate[T any](u attr.Update[T]) {
	r, err := renderUpdate(u)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	printExpr(r.Expr, r.Names, r.Values)
}

// printEncoded prints the value of a codec, or its error.
func printEncoded(av types.AttributeValue, err error) {
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(fmtAV(av))
}

// Example shows the package's story: describe a model once, store it, and
// build typed expressions on it.
func Example() {
	schema, err := attr.NewSchema[Post](postForum, postSubject, postViews, postTags, postUpdated, postAuthor)
	if err != nil {
		fmt.Println(err)
		return
	}
	item, err := schema.Encode(&Post{Forum: "go", Subject: "generics", Views: 3, Tags: []string{"types"},
		Updated: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC), Author: Author{"ann", 7}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fmtItem(item))

	var back Post
	if err := schema.Decode(item, &back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Subject, back.Views, back.Author.Name)

	printCond(postViews.Lt(100).And(postTags.Contains("types"), attr.NestedString(postAuthor, authorName).BeginsWith("a")))
	printUpdate(postViews.Add(1).And(postTags.Add("new")))
	// Output:
	// {author:{M:{karma:{N:7} name:{S:ann}}} forum:{S:go} subject:{S:generics} tags:{SS:[types]} updated:{S:2024-05-01T12:00:00.000000000Z} views:{N:3}}
	// generics 3 ann
	// #0 < :0 AND contains(#1, :1) AND begins_with(#2.#3, :2)
	//   #0 = views
	//   #1 = tags
	//   #2 = author
	//   #3 = name
	//   :0 = {N:100}
	//   :1 = {S:types}
	//   :2 = {S:a}
	// ADD #0 :0, #1 :1
	//   #0 = views
	//   #1 = tags
	//   :0 = {N:1}
	//   :1 = {SS:[new]}
}

func ExampleAttr() {
	// Attr is the descriptor every attribute has, whatever its type.
	var a attr.Attr[Post, time.Time] = attr.Epoch("seen", func(p *Post) *time.Time { return &p.Updated })
	fmt.Println(a.Name(), a.Path())
	kt, ok := a.KeyType()
	fmt.Println(kt, ok)
	// Output:
	// seen seen
	// N true
}

func ExampleAttr_Eq() {
	printCond(postForum.Eq("go"))
	printCond(postViews.Ne(0).And(postViews.Le(10), postViews.Ge(1)))
	printCond(postUpdated.Gt(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// #0 = :0
	//   #0 = forum
	//   :0 = {S:go}
	// #0 <> :0 AND #0 <= :1 AND #0 >= :2
	//   #0 = views
	//   :0 = {N:0}
	//   :1 = {N:10}
	//   :2 = {N:1}
	// #0 > :0
	//   #0 = updated
	//   :0 = {S:2024-01-01T00:00:00.000000000Z}
}

func ExampleAttr_Between() {
	printCond(postViews.Between(10, 20))
	printCond(postForum.In("go", "rust"))
	// Output:
	// #0 BETWEEN :0 AND :1
	//   #0 = views
	//   :0 = {N:10}
	//   :1 = {N:20}
	// #0 IN (:0, :1)
	//   #0 = forum
	//   :0 = {S:go}
	//   :1 = {S:rust}
}

func ExampleAttr_Exists() {
	printCond(postNick.Exists().Or(postForum.NotExists()))
	printCond(postMeta.IsType(expr.TypeMap))
	printCond(postSubject.Size().Le(80))
	// Output:
	// attribute_exists(#0) OR attribute_not_exists(#1)
	//   #0 = nick
	//   #1 = forum
	// attribute_type(#0, :0)
	//   #0 = meta
	//   :0 = {S:M}
	// size(#0) <= :0
	//   #0 = subject
	//   :0 = {N:80}
}

func ExampleAttr_Set() {
	printUpdate(postSubject.Set("new subject").And(postNick.Remove(), postViews.SetIfNotExists(0)))
	// A value without encoding removes the attribute.
	printUpdate(postTags.Set(nil))
	// Output:
	// SET #0 = :0, #1 = if_not_exists(#1, :1) REMOVE #2
	//   #0 = subject
	//   #1 = views
	//   #2 = nick
	//   :0 = {S:new subject}
	//   :1 = {N:0}
	// REMOVE #0
	//   #0 = tags
}

func ExampleAttr_EncodeValue() {
	av, err := postUpdated.EncodeValue(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC))
	printEncoded(av, err)
	t, err := postUpdated.DecodeValue(av)
	fmt.Println(t, err)
	// Output:
	// {S:2024-05-01T00:00:00.000000000Z}
	// 2024-05-01 00:00:00 +0000 UTC <nil>
}

func ExampleAttr_Encode() {
	// A single field, as a partial save or a key needs it: nil means absent.
	p := &Post{Forum: "go"}
	av, err := postForum.Encode(p)
	printEncoded(av, err)
	av, err = postNick.Encode(p)
	fmt.Println(av == nil, err, postNick.IsEmpty(p))
	var q Post
	fmt.Println(postForum.Decode(av, &q), q.Forum == "")
	// Output:
	// {S:go}
	// true <nil> true
	// <nil> true
}

func ExampleBool() {
	type flags struct{ Pinned bool }
	pinned := attr.Bool("pinned", func(f *flags) *bool { return &f.Pinned })
	av, err := pinned.Encode(&flags{Pinned: true})
	printEncoded(av, err)
	printCond(pinned.Eq(true))
	// Output:
	// {BOOL:true}
	// #0 = :0
	//   #0 = pinned
	//   :0 = {BOOL:true}
}

func ExampleBytes() {
	type blob struct{ Data []byte }
	data := attr.Bytes("data", func(b *blob) *[]byte { return &b.Data })
	av, err := data.Encode(&blob{Data: []byte{0xca, 0xfe}})
	printEncoded(av, err)
	av, err = data.Encode(&blob{})
	fmt.Println(av == nil, err) // a nil slice is absent
	// Output:
	// {B:cafe}
	// true <nil>
}

func ExampleCustom() {
	// Custom takes any codec: here a list of structs with OmitEmpty.
	comments := attr.Custom("comments", func(p *Post) *[]Comment { return &p.Comments },
		attr.ListCodec(attr.StructCodec(commentBy, commentText)), attr.OmitEmpty)
	av, err := comments.Encode(&Post{Comments: []Comment{{"bo", "hi"}}})
	printEncoded(av, err)
	av, err = comments.Encode(&Post{Comments: []Comment{}})
	fmt.Println(av == nil, err)
	// Output:
	// {L:[{M:{by:{S:bo} text:{S:hi}}}]}
	// true <nil>
}

func ExampleEpoch() {
	type session struct{ Seen time.Time }
	seen := attr.Epoch("seen", func(s *session) *time.Time { return &s.Seen })
	av, err := seen.Encode(&session{Seen: time.Unix(1700000000, 999)})
	printEncoded(av, err)
	// Output:
	// {N:1700000000}
}

func ExampleTTL() {
	type session struct{ Expires time.Time }
	expires := attr.TTL("expires", func(s *session) *time.Time { return &s.Expires })
	av, err := expires.Encode(&session{Expires: time.Unix(1900000000, 0)})
	printEncoded(av, err)
	av, err = expires.Encode(&session{}) // the zero time never expires
	fmt.Println(av == nil, err, expires.TTL())
	// Output:
	// {N:1900000000}
	// true <nil> true
}

func ExampleJSON() {
	type prefs struct {
		Theme string `json:"theme"`
	}
	type user struct{ Prefs prefs }
	p := attr.JSON("prefs", func(u *user) *prefs { return &u.Prefs })
	av, err := p.Encode(&user{Prefs: prefs{"dark"}})
	printEncoded(av, err)
	// Output:
	// {S:{"theme":"dark"}}
}

func ExamplePointer() {
	p := &Post{}
	av, err := postNick.Encode(p)
	fmt.Println(av == nil, err) // nil is absent
	nick := ""
	p.Nick = &nick
	av, err = postNick.Encode(p) // a pointer to "" is present
	printEncoded(av, err)
	printCond(postNick.Eq("ann")) // operations take the pointee type
	// Output:
	// true <nil>
	// {S:}
	// #0 = :0
	//   #0 = nick
	//   :0 = {S:ann}
}

func ExampleStruct() {
	av, err := postAuthor.Encode(&Post{Author: Author{"ann", 7}})
	printEncoded(av, err)
	printCond(postAuthor.Eq(Author{Name: "bo"}))
	// Output:
	// {M:{karma:{N:7} name:{S:ann}}}
	// #0 = :0
	//   #0 = author
	//   :0 = {M:{karma:{N:0} name:{S:bo}}}
}

func ExampleNested() {
	karma := attr.Nested(postAuthor, authorKarma) // typed by Post, holding an int
	fmt.Println(karma.Name())
	printCond(karma.Gt(5))
	// Nesting reaches inside list elements too.
	printUpdate(attr.Nested(postComments.Index(0), commentText).Set("edited"))
	// Output:
	// author.karma
	// #0.#1 > :0
	//   #0 = author
	//   #1 = karma
	//   :0 = {N:5}
	// SET #0[0].#1 = :0
	//   #0 = comments
	//   #1 = text
	//   :0 = {S:edited}
}

func ExampleNestedString() {
	printCond(attr.NestedString(postAuthor, authorName).BeginsWith("a"))
	// Output:
	// begins_with(#0.#1, :0)
	//   #0 = author
	//   #1 = name
	//   :0 = {S:a}
}

func ExampleNestedNumber() {
	printUpdate(attr.NestedNumber(postAuthor, authorKarma).Add(1))
	// Output:
	// ADD #0.#1 :0
	//   #0 = author
	//   #1 = karma
	//   :0 = {N:1}
}

type profile struct {
	Langs  []string
	Posts  []string
	Counts map[string]int
}

type member struct {
	Profile profile
}

var (
	profileLangs  = attr.StringSet("langs", func(p *profile) *[]string { return &p.Langs }, attr.OmitEmpty)
	profilePosts  = attr.List("posts", func(p *profile) *[]string { return &p.Posts }, attr.StringCodec[string]())
	profileCounts = attr.Map("counts", func(p *profile) *map[string]int { return &p.Counts }, attr.NumberCodec[int]())
	memberProfile = attr.Struct("profile", func(m *member) *profile { return &m.Profile }, profileLangs, profilePosts, profileCounts)
)

func ExampleNestedSet() {
	printUpdate(attr.NestedSet(memberProfile, profileLangs).Add("go"))
	// Output:
	// ADD #0.#1 :0
	//   #0 = profile
	//   #1 = langs
	//   :0 = {SS:[go]}
}

func ExampleNestedList() {
	printUpdate(attr.NestedList(memberProfile, profilePosts).Append("p1"))
	// Output:
	// SET #0.#1 = list_append(if_not_exists(#0.#1, :0), :1)
	//   #0 = profile
	//   #1 = posts
	//   :0 = {L:[]}
	//   :1 = {L:[{S:p1}]}
}

func ExampleNestedMap() {
	printUpdate(attr.NestedMap(memberProfile, profileCounts).Key("go").Set(3))
	// Output:
	// SET #0.#1.#2 = :0
	//   #0 = profile
	//   #1 = counts
	//   #2 = go
	//   :0 = {N:3}
}

func ExampleDescriptor() {
	// Any descriptor is a Descriptor: Nested takes a struct attribute or a
	// list element as the parent.
	var parent attr.Descriptor[Post, Comment] = postComments.Index(2)
	printCond(attr.Nested(parent, commentBy).Eq("bo"))
	// Output:
	// #0[2].#1 = :0
	//   #0 = comments
	//   #1 = by
	//   :0 = {S:bo}
}

func ExampleStringAttr() {
	var s attr.StringAttr[Post, string] = postSubject
	printCond(s.BeginsWith("gen").And(s.Contains("ric")))
	// Output:
	// begins_with(#0, :0) AND contains(#0, :1)
	//   #0 = subject
	//   :0 = {S:gen}
	//   :1 = {S:ric}
}

func ExampleStringAttr_BeginsWith() {
	// A Time is a StringAttr: its sortable layout makes prefixes meaningful.
	printCond(postUpdated.BeginsWith("2024-05"))
	// Output:
	// begins_with(#0, :0)
	//   #0 = updated
	//   :0 = {S:2024-05}
}

func ExampleStringAttr_Contains() {
	printCond(postSubject.Contains("eric"))
	// Output:
	// contains(#0, :0)
	//   #0 = subject
	//   :0 = {S:eric}
}

func ExampleString() {
	type status string
	type ticket struct{ State status }
	state := attr.String("state", func(t *ticket) *status { return &t.State }, attr.Default[status]("open"))
	tk := &ticket{}
	av, err := state.Encode(tk)
	printEncoded(av, err)
	fmt.Println(tk.State)
	// Output:
	// {S:open}
	// open
}

// upper stores a string in upper case.
type upper struct{}

func (upper) Encode(v *string) (types.AttributeValue, error) {
	return &types.AttributeValueMemberS{Value: strings.ToUpper(*v)}, nil
}

func (upper) Decode(av types.AttributeValue, v *string) error {
	s, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return attr.ErrType
	}
	*v = s.Value
	return nil
}

func (upper) IsEmpty(v *string) bool { return *v == "" }
func (upper) Type() expr.Type        { return expr.TypeString }

func ExampleCodec() {
	code := attr.StringOf("code", func(p *Post) *string { return &p.Subject }, attr.Codec[string](upper{}))
	av, err := code.Encode(&Post{Subject: "abc"})
	printEncoded(av, err)
	printCond(code.BeginsWith("AB"))
	// Output:
	// {S:ABC}
	// begins_with(#0, :0)
	//   #0 = code
	//   :0 = {S:AB}
}

func ExampleStringOf() {
	code := attr.StringOf("code", func(p *Post) *string { return &p.Forum }, attr.Codec[string](upper{}))
	printCond(code.Eq("go"))
	// Output:
	// #0 = :0
	//   #0 = code
	//   :0 = {S:GO}
}

func ExampleText() {
	type host struct{ IP netip.Addr }
	ip := attr.Text[host, netip.Addr]("ip", func(h *host) *netip.Addr { return &h.IP })
	av, err := ip.Encode(&host{IP: netip.MustParseAddr("192.0.2.1")})
	printEncoded(av, err)
	printCond(ip.BeginsWith("192.0.2."))
	// Output:
	// {S:192.0.2.1}
	// begins_with(#0, :0)
	//   #0 = ip
	//   :0 = {S:192.0.2.}
}

func ExampleTime() {
	paris := time.FixedZone("CEST", 2*3600)
	av, err := postUpdated.Encode(&Post{Updated: time.Date(2024, 5, 1, 14, 0, 0, 5, paris)})
	printEncoded(av, err)
	// Output:
	// {S:2024-05-01T12:00:00.000000005Z}
}

func ExampleNumberAttr() {
	var n attr.NumberAttr[Post, int] = postViews
	printUpdate(n.Add(-1))
	// Output:
	// ADD #0 :0
	//   #0 = views
	//   :0 = {N:-1}
}

func ExampleNumberAttr_Add() {
	printUpdate(postViews.Add(1))
	// Output:
	// ADD #0 :0
	//   #0 = views
	//   :0 = {N:1}
}

func ExampleNumber() {
	type reading struct {
		Celsius float32
		Count   uint64
	}
	celsius := attr.Number("c", func(r *reading) *float32 { return &r.Celsius })
	count := attr.Number("n", func(r *reading) *uint64 { return &r.Count })
	av, err := celsius.Encode(&reading{Celsius: 21.1})
	printEncoded(av, err)
	av, err = count.Encode(&reading{Count: math.MaxUint64})
	printEncoded(av, err)
	_, err = celsius.Encode(&reading{Celsius: float32(math.NaN())})
	fmt.Println(err)
	// Output:
	// {N:21.1}
	// {N:18446744073709551615}
	// gonamo/attr: reading.c: invalid number: NaN
}

func ExampleInt() {
	printCond(postViews.Gt(10))
	// Output:
	// #0 > :0
	//   #0 = views
	//   :0 = {N:10}
}

func ExampleExact() {
	type order struct{ Total attr.Decimal }
	total := attr.Exact("total", func(o *order) *attr.Decimal { return &o.Total })
	d, _ := attr.ParseDecimal("12345678901234567890.123456789012345678")
	av, err := total.Encode(&order{Total: d})
	printEncoded(av, err)
	cent, _ := attr.ParseDecimal("0.01")
	printUpdate(total.Add(cent))
	// Output:
	// {N:12345678901234567890.123456789012345678}
	// ADD #0 :0
	//   #0 = total
	//   :0 = {N:0.01}
}

func ExampleNumberOf() {
	// A time as epoch seconds, with Add to push it later.
	deadline := attr.NumberOf("deadline", func(p *Post) *time.Time { return &p.Updated }, attr.EpochCodec())
	printUpdate(deadline.Add(time.Unix(3600, 0)))
	// Output:
	// ADD #0 :0
	//   #0 = deadline
	//   :0 = {N:3600}
}

func ExampleSetAttr() {
	var tags attr.SetAttr[Post, []string, string] = postTags
	printCond(tags.Contains("go").And(tags.Size().Lt(10)))
	// Output:
	// contains(#0, :0) AND size(#0) < :1
	//   #0 = tags
	//   :0 = {S:go}
	//   :1 = {N:10}
}

func ExampleSetAttr_Add() {
	printUpdate(postTags.Add("go", "db"))
	// Output:
	// ADD #0 :0
	//   #0 = tags
	//   :0 = {SS:[go db]}
}

func ExampleSetAttr_Delete() {
	printUpdate(postTags.Delete("old"))
	// Output:
	// DELETE #0 :0
	//   #0 = tags
	//   :0 = {SS:[old]}
}

func ExampleSetAttr_Contains() {
	printCond(postTags.Contains("go"))
	// Output:
	// contains(#0, :0)
	//   #0 = tags
	//   :0 = {S:go}
}

func ExampleStringSet() {
	type doc struct{ Tags []string }
	tags := attr.StringSet("tags", func(d *doc) *[]string { return &d.Tags }) // no OmitEmpty
	av, err := tags.Encode(&doc{Tags: []string{"a", "b"}})
	printEncoded(av, err)
	_, err = tags.Encode(&doc{})
	fmt.Println(errors.Is(err, attr.ErrEmptySet), err)
	_, err = tags.Encode(&doc{Tags: []string{"a", "a"}})
	fmt.Println(errors.Is(err, attr.ErrDuplicate))
	// Output:
	// {SS:[a b]}
	// true gonamo/attr: doc.tags: empty set: DynamoDB cannot store an empty set (omit it with OmitEmpty)
	// true
}

func ExampleStringSetMap() {
	type doc struct{ Tags map[string]struct{} }
	tags := attr.StringSetMap("tags", func(d *doc) *map[string]struct{} { return &d.Tags }, attr.OmitEmpty)
	var d doc
	err := tags.Decode(&types.AttributeValueMemberSS{Value: []string{"x", "y"}}, &d)
	fmt.Println(len(d.Tags), err)
	printUpdate(tags.Add("z"))
	// Output:
	// 2 <nil>
	// ADD #0 :0
	//   #0 = tags
	//   :0 = {SS:[z]}
}

func ExampleNumberSet() {
	type doc struct{ Scores []float64 }
	scores := attr.NumberSet("scores", func(d *doc) *[]float64 { return &d.Scores })
	av, err := scores.Encode(&doc{Scores: []float64{1.5, 2}})
	printEncoded(av, err)
	// Output:
	// {NS:[1.5 2]}
}

func ExampleNumberSetMap() {
	type doc struct{ IDs map[int64]struct{} }
	ids := attr.NumberSetMap("ids", func(d *doc) *map[int64]struct{} { return &d.IDs })
	av, err := ids.Encode(&doc{IDs: map[int64]struct{}{42: {}}})
	printEncoded(av, err)
	// Output:
	// {NS:[42]}
}

func ExampleBinarySet() {
	type doc struct{ Keys [][]byte }
	keys := attr.BinarySet("keys", func(d *doc) *[][]byte { return &d.Keys })
	av, err := keys.Encode(&doc{Keys: [][]byte{{1}, {2, 3}}})
	printEncoded(av, err)
	// Output:
	// {BS:[01 0203]}
}

func ExampleListAttr() {
	var comments attr.ListAttr[Post, Comment] = postComments
	printCond(comments.Size().Gt(0))
	// Output:
	// size(#0) > :0
	//   #0 = comments
	//   :0 = {N:0}
}

func ExampleListAttr_Append() {
	printUpdate(postComments.Append(Comment{"bo", "hi"}))
	// Output:
	// SET #0 = list_append(if_not_exists(#0, :0), :1)
	//   #0 = comments
	//   :0 = {L:[]}
	//   :1 = {L:[{M:{by:{S:bo} text:{S:hi}}}]}
}

func ExampleListAttr_Prepend() {
	printUpdate(postComments.Prepend(Comment{"al", "first"}))
	// Output:
	// SET #0 = list_append(:0, if_not_exists(#0, :1))
	//   #0 = comments
	//   :0 = {L:[{M:{by:{S:al} text:{S:first}}}]}
	//   :1 = {L:[]}
}

func ExampleListAttr_Index() {
	printUpdate(postComments.Index(1).Remove())
	// Output:
	// REMOVE #0[1]
	//   #0 = comments
}

func ExampleListAttr_Contains() {
	scores := attr.List("scores", func(p *Post) *[]int { return nil }, attr.NumberCodec[int]())
	printCond(scores.Contains(10))
	// Output:
	// contains(#0, :0)
	//   #0 = scores
	//   :0 = {N:10}
}

func ExampleList() {
	av, err := postComments.Encode(&Post{Comments: []Comment{{"al", "a"}, {"bo", "b"}}})
	printEncoded(av, err)
	// Output:
	// {L:[{M:{by:{S:al} text:{S:a}}} {M:{by:{S:bo} text:{S:b}}}]}
}

func ExampleMapAttr() {
	var meta attr.MapAttr[Post, string] = postMeta
	printCond(meta.Key("lang").Eq("en"))
	// Output:
	// #0.#1 = :0
	//   #0 = meta
	//   #1 = lang
	//   :0 = {S:en}
}

func ExampleMapAttr_Key() {
	printUpdate(postMeta.Key("lang").Set("fr").And(postMeta.Key("old").Remove()))
	// Output:
	// SET #0.#1 = :0 REMOVE #0.#2
	//   #0 = meta
	//   #1 = lang
	//   #2 = old
	//   :0 = {S:fr}
}

func ExampleMap() {
	av, err := postMeta.Encode(&Post{Meta: map[string]string{"lang": "en"}})
	printEncoded(av, err)
	// Output:
	// {M:{lang:{S:en}}}
}

func ExampleCondition() {
	var c attr.Condition[Post] // the zero Condition is "no condition"
	for _, tag := range []string{"go", "db"} {
		c = c.And(postTags.Contains(tag))
	}
	printCond(c)
	// Output:
	// contains(#0, :0) AND contains(#0, :1)
	//   #0 = tags
	//   :0 = {S:go}
	//   :1 = {S:db}
}

func ExampleCondition_And() {
	printCond(postForum.Eq("go").And(postViews.Gt(1)))
	// Output:
	// #0 = :0 AND #1 > :1
	//   #0 = forum
	//   #1 = views
	//   :0 = {S:go}
	//   :1 = {N:1}
}

func ExampleCondition_Or() {
	printCond(postForum.Eq("go").Or(postForum.Eq("rust")))
	// Output:
	// #0 = :0 OR #0 = :1
	//   #0 = forum
	//   :0 = {S:go}
	//   :1 = {S:rust}
}

func ExampleCondition_Not() {
	printCond(postTags.Contains("spam").Not())
	// Output:
	// NOT contains(#0, :0)
	//   #0 = tags
	//   :0 = {S:spam}
}

func ExampleCondition_Expr() {
	// An encoding error is kept in the condition and returned by Expr.
	score := attr.Number("score", func(p *Post) *float64 { return nil })
	_, err := score.Gt(math.Inf(1)).And(postViews.Gt(1)).Expr()
	fmt.Println(err)
	var e *attr.Error
	fmt.Println(errors.As(err, &e), e.Model, e.Attr, errors.Is(err, attr.ErrInvalidNumber))
	// Output:
	// gonamo/attr: Post.score: invalid number: +Inf
	// true Post score true
}

func ExampleCondition_Term() {
	t, ok := postSubject.BeginsWith("gen").Term()
	fmt.Println(t.Attr, t.Op, fmtAV(t.Values[0]), ok)
	_, ok = postSubject.Eq("a").And(postViews.Eq(1)).Term()
	fmt.Println(ok)
	// Output:
	// subject begins_with {S:gen} true
	// false
}

func ExampleRawCondition() {
	raw := expr.AttributeExists[Post](expr.Name("legacy"))
	printCond(attr.RawCondition(raw).And(postViews.Eq(0)))
	// Output:
	// attribute_exists(#0) AND #1 = :0
	//   #0 = legacy
	//   #1 = views
	//   :0 = {N:0}
}

func ExampleKeyCondition() {
	k, err := attr.KeyCondition(postForum.Eq("go"), postSubject.BeginsWith("gen"))
	if err != nil {
		fmt.Println(err)
		return
	}
	var b expr.Builder[Post]
	s, err := b.KeyCondition(k)
	fmt.Println(s, err)
	printExpr("", b.Names(), b.Values())
	// Output:
	// #0 = :0 AND begins_with(#1, :1) <nil>
	//
	//   #0 = forum
	//   #1 = subject
	//   :0 = {S:go}
	//   :1 = {S:gen}
}

func ExampleTerm() {
	t, _ := postViews.Between(1, 9).Term()
	fmt.Println(t.Attr, t.Op, len(t.Values))
	// Output:
	// views BETWEEN 2
}

func ExampleTermOp() {
	fmt.Println(attr.TermEq, attr.TermNe, attr.TermLt, attr.TermLe, attr.TermGt, attr.TermGe,
		attr.TermBetween, attr.TermBeginsWith, attr.TermIn)
	// Output:
	// = <> < <= > >= BETWEEN begins_with IN
}

func ExampleUpdate() {
	var u attr.Update[Post] // the zero Update has no action
	u = u.And(postViews.Add(1))
	printUpdate(u)
	// Output:
	// ADD #0 :0
	//   #0 = views
	//   :0 = {N:1}
}

func ExampleUpdate_And() {
	printUpdate(postViews.Add(1).And(postUpdated.Set(time.Unix(0, 0)), postNick.Remove()))
	// Output:
	// SET #0 = :0 REMOVE #1 ADD #2 :1
	//   #0 = updated
	//   #1 = nick
	//   #2 = views
	//   :0 = {S:1970-01-01T00:00:00.000000000Z}
	//   :1 = {N:1}
}

func ExampleUpdate_Expr() {
	_, err := postTags.Add().Expr()
	fmt.Println(err)
	// Output:
	// gonamo/attr: Post.tags: empty set: DynamoDB cannot store an empty set (omit it with OmitEmpty)
}

func ExampleRawUpdate() {
	printUpdate(attr.RawUpdate(expr.Remove[Post](expr.Name("legacy"))).And(postViews.Add(1)))
	// Output:
	// REMOVE #0 ADD #1 :0
	//   #0 = legacy
	//   #1 = views
	//   :0 = {N:1}
}

func ExampleSize() {
	var s attr.Size[Post] = postComments.Size()
	printCond(s.Between(1, 3))
	// Output:
	// size(#0) BETWEEN :0 AND :1
	//   #0 = comments
	//   :0 = {N:1}
	//   :1 = {N:3}
}

func ExampleSchema() {
	schema, err := attr.NewSchema[Post](postForum, postSubject, postNick)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(schema.Model(), len(schema.Fields()))
	f, ok := schema.Field("subject")
	fmt.Println(f.Name(), ok)
	// Output:
	// Post 3
	// subject true
}

func ExampleSchema_Encode() {
	schema, _ := attr.NewSchema[Post](postForum, postViews, postTags, postNick)
	item, err := schema.Encode(&Post{Forum: "go"})
	fmt.Println(fmtItem(item), err)
	// Output:
	// {forum:{S:go} views:{N:0}} <nil>
}

func ExampleSchema_Decode() {
	schema, _ := attr.NewSchema[Post](postForum, postViews)
	p := Post{Forum: "old", Views: 9}
	err := schema.Decode(map[string]types.AttributeValue{"forum": &types.AttributeValueMemberS{Value: "go"}}, &p)
	fmt.Println(p.Forum, p.Views, err) // absent attributes get their zero value
	// Output:
	// go 0 <nil>
}

func ExampleSchema_DecodeCopies() {
	type Blob struct {
		ID   string
		Data []byte
	}
	id := attr.String("id", func(b *Blob) *string { return &b.ID })
	data := attr.Bytes("data", func(b *Blob) *[]byte { return &b.Data })
	ids, _ := attr.NewSchema(id)
	blobs, _ := attr.NewSchema(id, data)
	fmt.Println(ids.DecodeCopies(), blobs.DecodeCopies())

	// The decoded Data is the map's own slice.
	m := map[string]types.AttributeValue{
		"id":   &types.AttributeValueMemberS{Value: "b1"},
		"data": &types.AttributeValueMemberB{Value: []byte("abc")},
	}
	var b Blob
	_ = blobs.Decode(m, &b)
	m["data"].(*types.AttributeValueMemberB).Value[0] = 'X'
	fmt.Println(string(b.Data))
	// Output:
	// true false
	// Xbc
}

func ExampleSchema_Field() {
	schema, _ := attr.NewSchema[Post](postForum, postSubject)
	for _, name := range []string{"forum", "subject"} {
		f, _ := schema.Field(name)
		kt, _ := f.KeyType()
		fmt.Println(name, kt)
	}
	// Output:
	// forum S
	// subject S
}

func ExampleNewSchema() {
	_, err := attr.NewSchema[Post](postForum, attr.String("forum", func(p *Post) *string { return &p.Subject }))
	fmt.Println(err)
	// Output:
	// gonamo/attr: Post.forum: invalid descriptor: two attributes stored as "forum"
}

func ExampleFromTags() {
	type Account struct {
		ID    string   `dynamodbav:"id,required,omitempty"`
		Email string   `dynamodbav:"email,omitempty"`
		Roles []string `dynamodbav:"roles,stringset,omitempty"`
		Plan  *string  `dynamodbav:"plan"`
		Skip  int      `dynamodbav:"-"`
	}
	schema, err := attr.FromTags[Account]()
	if err != nil {
		fmt.Println(err)
		return
	}
	item, err := schema.Encode(&Account{ID: "a1", Roles: []string{"admin"}})
	fmt.Println(fmtItem(item), err)
	_, err = schema.Encode(&Account{})
	fmt.Println(err)
	// Output:
	// {id:{S:a1} roles:{SS:[admin]}} <nil>
	// gonamo/attr: Account.id: required attribute missing
}

func ExampleField() {
	// Every descriptor is a Field; a partial save sets present fields and
	// removes absent ones.
	p := &Post{Forum: "go"}
	for _, f := range []attr.Field[Post]{postForum, postNick, postTags} {
		av, err := f.Encode(p)
		switch {
		case err != nil:
			fmt.Println(err)
		case av == nil:
			fmt.Println("REMOVE", f.Name())
		default:
			fmt.Println("SET", f.Name(), fmtAV(av))
		}
	}
	// Output:
	// SET forum {S:go}
	// REMOVE nick
	// REMOVE tags
}

func ExampleOptions() {
	var o attr.Options[int]
	for _, opt := range []func(*attr.Options[int]){attr.OmitEmpty[int], attr.Required[int], attr.Default(5)} {
		opt(&o)
	}
	fmt.Println(o.OmitEmpty, o.Required, o.Default(), o.Validate == nil)
	// Output:
	// true true 5 true
}

func ExampleOmitEmpty() {
	type doc struct{ Note string }
	note := attr.String("note", func(d *doc) *string { return &d.Note }, attr.OmitEmpty)
	av, err := note.Encode(&doc{})
	fmt.Println(av == nil, err)
	// Output:
	// true <nil>
}

func ExampleRequired() {
	type doc struct{ ID string }
	id := attr.String("id", func(d *doc) *string { return &d.ID }, attr.Required)
	var d doc
	err := id.Decode(nil, &d) // the attribute is absent from the item read
	fmt.Println(errors.Is(err, attr.ErrRequired), err)
	// Output:
	// true gonamo/attr: doc.id: required attribute missing
}

func ExampleDefault() {
	type doc struct{ Lang string }
	lang := attr.String("lang", func(d *doc) *string { return &d.Lang }, attr.Default("en"))
	var d doc
	err := lang.Decode(nil, &d)
	fmt.Println(d.Lang, err)
	// Output:
	// en <nil>
}

func ExampleDefaultFunc() {
	type doc struct{ Created time.Time }
	clock := func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }
	created := attr.Time("created", func(d *doc) *time.Time { return &d.Created }, attr.DefaultFunc(clock))
	d := &doc{}
	av, err := created.Encode(d)
	printEncoded(av, err)
	fmt.Println(d.Created.Year()) // written into the item
	// Output:
	// {S:2024-01-01T00:00:00.000000000Z}
	// 2024
}

func ExampleValidate() {
	type doc struct{ Age int }
	age := attr.Int("age", func(d *doc) *int { return &d.Age }, attr.Validate(func(v int) error {
		if v < 0 {
			return errors.New("negative age")
		}
		return nil
	}))
	_, err := age.Encode(&doc{Age: -1})
	fmt.Println(errors.Is(err, attr.ErrValidation), err)
	printUpdate(age.Set(-2))
	// Output:
	// true gonamo/attr: doc.age: validation failed: negative age
	// error: gonamo/attr: doc.age: validation failed: negative age
}

func ExampleError() {
	_, err := postSubject.Encode(&Post{Subject: "\xff"})
	var e *attr.Error
	if errors.As(err, &e) {
		fmt.Println(e.Model, e.Attr, errors.Is(e.Err, attr.ErrInvalidUTF8))
	}
	fmt.Println(err)
	// Output:
	// Post subject true
	// gonamo/attr: Post.subject: invalid UTF-8: "\xff"
}

func ExampleErrEmptySet() {
	_, err := attr.NumberSet("n", func(p *Post) *[]int { return &[]int{} }).Encode(&Post{})
	fmt.Println(errors.Is(err, attr.ErrEmptySet))
	// Output:
	// true
}

func ExampleErrNumberRange() {
	var small int8
	err := attr.NumberCodec[int8]().Decode(&types.AttributeValueMemberN{Value: "300"}, &small)
	fmt.Println(err)
	_, err = attr.ParseDecimal("1E+126")
	fmt.Println(errors.Is(err, attr.ErrNumberRange))
	// Output:
	// gonamo/attr: number out of range: 300 overflows int8
	// true
}

func ExampleErrType() {
	var p Post
	err := postViews.Decode(&types.AttributeValueMemberS{Value: "3"}, &p)
	fmt.Println(err)
	// Output:
	// gonamo/attr: Post.views: type mismatch: want N, got S
}

func ExampleDecimal() {
	a, _ := attr.ParseDecimal("0.1")
	b, _ := attr.NewDecimal(1, -1)
	fmt.Println(a, a.Cmp(b), a.IsZero())
	sum := new(apd.Decimal)
	if _, err := apd.BaseContext.WithPrecision(38).Add(sum, a.Apd(), b.Apd()); err != nil {
		fmt.Println(err)
		return
	}
	c, err := attr.DecimalFromApd(sum)
	fmt.Println(c, err)
	// Output:
	// 0.1 0 false
	// 0.2 <nil>
}

func ExampleParseDecimal() {
	for _, s := range []string{"12.50", "1E-130", "123456789012345678901234567890123456789", "NaN"} {
		d, err := attr.ParseDecimal(s)
		fmt.Println(d, err)
	}
	// Output:
	// 12.50 <nil>
	// 1E-130 <nil>
	// 0 gonamo/attr: number out of range: 123456789012345678901234567890123456789 has more than 38 significant digits
	// 0 gonamo/attr: invalid number: NaN
}

func ExampleNewDecimal() {
	d, err := attr.NewDecimal(1999, -2)
	fmt.Println(d, err)
	// Output:
	// 19.99 <nil>
}

func ExampleDecimalFromApd() {
	d, err := attr.DecimalFromApd(apd.New(5, 3))
	fmt.Println(d, err)
	_, err = attr.DecimalFromApd(&apd.Decimal{Form: apd.Infinite})
	fmt.Println(err)
	// Output:
	// 5E+3 <nil>
	// gonamo/attr: invalid number: Infinity
}

func ExampleNumeric() {
	type celsius float32
	c := attr.NumberCodec[celsius]() // any type whose underlying type is a number
	v := celsius(-3.5)
	printEncoded(c.Encode(&v))
	// Output:
	// {N:-3.5}
}

func ExampleStringCodec() {
	c := attr.StringCodec[string]()
	s := "héllo"
	printEncoded(c.Encode(&s))
	bad := "\xff"
	_, err := c.Encode(&bad)
	fmt.Println(errors.Is(err, attr.ErrInvalidUTF8))
	// Output:
	// {S:héllo}
	// true
}

func ExampleBoolCodec() {
	b := true
	printEncoded(attr.BoolCodec[bool]().Encode(&b))
	// Output:
	// {BOOL:true}
}

func ExampleNumberCodec() {
	n := -7
	printEncoded(attr.NumberCodec[int]().Encode(&n))
	var back int
	err := attr.NumberCodec[int]().Decode(&types.AttributeValueMemberN{Value: "1E+2"}, &back)
	fmt.Println(back, err)
	// Output:
	// {N:-7}
	// 100 <nil>
}

func ExampleDecimalCodec() {
	var d attr.Decimal
	err := attr.DecimalCodec().Decode(&types.AttributeValueMemberN{Value: "99999999999999999999999999999999999999"}, &d)
	fmt.Println(d, err)
	// Output:
	// 99999999999999999999999999999999999999 <nil>
}

func ExampleBytesCodec() {
	b := []byte("hi")
	printEncoded(attr.BytesCodec().Encode(&b))
	// Output:
	// {B:6869}
}

func ExampleTimeCodec() {
	var t time.Time
	err := attr.TimeCodec().Decode(&types.AttributeValueMemberS{Value: "2024-05-01T14:00:00+02:00"}, &t)
	fmt.Println(t, err)
	printEncoded(attr.TimeCodec().Encode(&t))
	// Output:
	// 2024-05-01 12:00:00 +0000 UTC <nil>
	// {S:2024-05-01T12:00:00.000000000Z}
}

func ExampleTimeLayout() {
	fmt.Println(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC).Format(attr.TimeLayout))
	// Output:
	// 2024-05-01T12:00:00.000000000Z
}

func ExampleEpochCodec() {
	t := time.Unix(1700000000, 0)
	printEncoded(attr.EpochCodec().Encode(&t))
	// Output:
	// {N:1700000000}
}

func ExampleTextCodec() {
	ip := netip.MustParseAddr("::1")
	printEncoded(attr.TextCodec[netip.Addr]().Encode(&ip))
	// Output:
	// {S:::1}
}

func ExampleJSONCodec() {
	v := map[string]int{"a": 1}
	printEncoded(attr.JSONCodec[map[string]int]().Encode(&v))
	// Output:
	// {S:{"a":1}}
}

func ExamplePointerCodec() {
	c := attr.PointerCodec(attr.NumberCodec[int]())
	var p *int
	av, err := c.Encode(&p)
	fmt.Println(av == nil, err)
	err = c.Decode(&types.AttributeValueMemberN{Value: "5"}, &p)
	fmt.Println(*p, err)
	// Output:
	// true <nil>
	// 5 <nil>
}

func ExampleListCodec() {
	c := attr.ListCodec(attr.PointerCodec(attr.StringCodec[string]()))
	a := "a"
	v := []*string{&a, nil}
	printEncoded(c.Encode(&v))
	// Output:
	// {L:[{S:a} {NULL}]}
}

func ExampleMapCodec() {
	c := attr.MapCodec(attr.NumberCodec[int]())
	v := map[string]int{"x": 1}
	printEncoded(c.Encode(&v))
	// Output:
	// {M:{x:{N:1}}}
}

func ExampleStructCodec() {
	c := attr.StructCodec(authorName, authorKarma)
	printEncoded(c.Encode(&Author{"ann", 3}))
	// Output:
	// {M:{karma:{N:3} name:{S:ann}}}
}

func ExampleErrDuplicate() {
	printUpdate(postTags.Add("a", "a"))
	// Output:
	// error: gonamo/attr: Post.tags: duplicate set element: "a"
}

func ExampleErrInvalidNumber() {
	_, err := attr.ParseDecimal("Infinity")
	fmt.Println(errors.Is(err, attr.ErrInvalidNumber))
	// Output:
	// true
}

func ExampleErrInvalidUTF8() {
	printCond(postSubject.BeginsWith("\xff"))
	// Output:
	// error: gonamo/attr: Post.subject: invalid UTF-8: "\xff"
}

func ExampleErrRequired() {
	id := attr.String("id", func(p *Post) *string { return &p.Forum }, attr.Required, attr.OmitEmpty)
	printUpdate(id.Remove())
	// Output:
	// error: gonamo/attr: Post.id: required attribute missing
}

func ExampleErrValidation() {
	short := attr.String("s", func(p *Post) *string { return &p.Subject }, attr.Validate(func(s string) error {
		if len(s) > 3 {
			return errors.New("too long")
		}
		return nil
	}))
	printUpdate(short.Set("abcd"))
	// Output:
	// error: gonamo/attr: Post.s: validation failed: too long
}

func ExampleErrNoValue() {
	printCond(attr.Bytes("b", func(p *Post) *[]byte { return nil }).Eq(nil))
	// Output:
	// error: gonamo/attr: Post.b: no value: the value encodes to nothing
}

func ExampleErrTimeRange() {
	_, err := postUpdated.EncodeValue(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(err)
	// Output:
	// gonamo/attr: Post.updated: time out of range: year 10000 outside 0000-9999
}

func ExampleErrDescriptor() {
	_, err := attr.NewSchema[Post](attr.Nested(postAuthor, authorName))
	fmt.Println(err)
	// Output:
	// gonamo/attr: Post.author.name: invalid descriptor: a nested descriptor is not a field of its own
}

func ExampleAttr_Decode() {
	var p Post
	err := postViews.Decode(&types.AttributeValueMemberN{Value: "12"}, &p)
	fmt.Println(p.Views, err)
	// Output:
	// 12 <nil>
}

func ExampleAttr_DecodeValue() {
	v, err := postViews.DecodeValue(&types.AttributeValueMemberN{Value: "1E+3"})
	fmt.Println(v, err)
	// Output:
	// 1000 <nil>
}

func ExampleAttr_Err() {
	fmt.Println(postForum.Err())
	fmt.Println(attr.String("", func(p *Post) *string { return &p.Forum }).Err())
	// Output:
	// <nil>
	// gonamo/attr: Post: invalid descriptor: empty stored name
}

func ExampleAttr_Ne() {
	printCond(postForum.Ne("spam"))
	// Output:
	// #0 <> :0
	//   #0 = forum
	//   :0 = {S:spam}
}

func ExampleAttr_Lt() {
	printCond(postViews.Lt(10))
	// Output:
	// #0 < :0
	//   #0 = views
	//   :0 = {N:10}
}

func ExampleAttr_Le() {
	printCond(postViews.Le(10))
	// Output:
	// #0 <= :0
	//   #0 = views
	//   :0 = {N:10}
}

func ExampleAttr_Gt() {
	printCond(postSubject.Gt("m"))
	// Output:
	// #0 > :0
	//   #0 = subject
	//   :0 = {S:m}
}

func ExampleAttr_Ge() {
	printCond(postViews.Ge(10))
	// Output:
	// #0 >= :0
	//   #0 = views
	//   :0 = {N:10}
}

func ExampleAttr_In() {
	printCond(postViews.In(1, 2, 3))
	// Output:
	// #0 IN (:0, :1, :2)
	//   #0 = views
	//   :0 = {N:1}
	//   :1 = {N:2}
	//   :2 = {N:3}
}

func ExampleAttr_IsEmpty() {
	fmt.Println(postTags.IsEmpty(&Post{}), postTags.IsEmpty(&Post{Tags: []string{"a"}}))
	// Output:
	// true false
}

func ExampleAttr_IsType() {
	printCond(postViews.IsType(expr.TypeNumber))
	// Output:
	// attribute_type(#0, :0)
	//   #0 = views
	//   :0 = {S:N}
}

func ExampleAttr_KeyType() {
	for _, f := range []attr.Field[Post]{postForum, postViews, postTags} {
		kt, ok := f.KeyType()
		fmt.Printf("%s %q %v\n", f.Name(), kt, ok)
	}
	// Output:
	// forum "S" true
	// views "N" true
	// tags "" false
}

func ExampleAttr_Name() {
	fmt.Println(postForum.Name(), postMeta.Key("lang").Name(), postComments.Index(3).Name())
	// Output:
	// forum meta.lang comments[3]
}

func ExampleAttr_NotExists() {
	printCond(postForum.NotExists())
	// Output:
	// attribute_not_exists(#0)
	//   #0 = forum
}

func ExampleAttr_Path() {
	var b expr.Builder[Post]
	s, err := b.Projection(expr.Project[Post](postForum.Path(), attr.Nested(postAuthor, authorName).Path()))
	fmt.Println(s, err, b.Names())
	// Output:
	// #0, #1.#2 <nil> map[#0:forum #1:author #2:name]
}

func ExampleAttr_Remove() {
	printUpdate(postNick.Remove())
	// Output:
	// REMOVE #0
	//   #0 = nick
}

func ExampleAttr_SetIfNotExists() {
	printUpdate(postUpdated.SetIfNotExists(time.Unix(0, 0)))
	// Output:
	// SET #0 = if_not_exists(#0, :0)
	//   #0 = updated
	//   :0 = {S:1970-01-01T00:00:00.000000000Z}
}

func ExampleAttr_Size() {
	printCond(postMeta.Size().Eq(0))
	// Output:
	// size(#0) = :0
	//   #0 = meta
	//   :0 = {N:0}
}

func ExampleAttr_TTL() {
	type session struct{ Expires time.Time }
	fmt.Println(attr.TTL("exp", func(s *session) *time.Time { return &s.Expires }).TTL(), postUpdated.TTL())
	// Output:
	// true false
}

func ExampleDecimal_Apd() {
	d, _ := attr.ParseDecimal("2.5")
	a := d.Apd() // a copy: changing it leaves d alone
	a.Neg(a)
	fmt.Println(d, a)
	// Output:
	// 2.5 -2.5
}

func ExampleDecimal_Cmp() {
	a, _ := attr.ParseDecimal("1.50")
	b, _ := attr.ParseDecimal("1.5")
	fmt.Println(a.Cmp(b), a == b)
	// Output:
	// 0 false
}

func ExampleDecimal_IsZero() {
	var d attr.Decimal
	fmt.Println(d.IsZero(), d)
	// Output:
	// true 0
}

func ExampleDecimal_MarshalText() {
	d, _ := attr.ParseDecimal("3.14")
	b, err := d.MarshalText()
	fmt.Println(string(b), err)
	// Output:
	// 3.14 <nil>
}

func ExampleDecimal_String() {
	d, _ := attr.NewDecimal(12, 40)
	fmt.Println(d.String())
	// Output:
	// 1.2E+41
}

func ExampleDecimal_UnmarshalText() {
	var d attr.Decimal
	fmt.Println(d.UnmarshalText([]byte("42.0")), d)
	fmt.Println(d.UnmarshalText([]byte("4e200")))
	// Output:
	// <nil> 42.0
	// gonamo/attr: number out of range: 4e200 above DynamoDB's largest magnitude 9.99e125
}

func ExampleError_Error() {
	err := &attr.Error{Model: "Post", Attr: "author.name", Err: attr.ErrRequired}
	fmt.Println(err.Error())
	// Output:
	// gonamo/attr: Post.author.name: required attribute missing
}

func ExampleError_Unwrap() {
	err := &attr.Error{Model: "Post", Attr: "views", Err: attr.ErrType}
	fmt.Println(err.Unwrap() == attr.ErrType, errors.Is(err, attr.ErrType))
	// Output:
	// true true
}

func ExampleSchema_Fields() {
	schema, _ := attr.NewSchema[Post](postForum, postViews, postTags)
	for _, f := range schema.Fields() {
		fmt.Println(f.Name())
	}
	// Output:
	// forum
	// views
	// tags
}

func ExampleSchema_Model() {
	schema, _ := attr.NewSchema[Post](postForum)
	fmt.Println(schema.Model())
	// Output:
	// Post
}

func ExampleSize_Eq() {
	printCond(postTags.Size().Eq(1).Or(postTags.Size().Ne(3)))
	// Output:
	// size(#0) = :0 OR size(#0) <> :1
	//   #0 = tags
	//   :0 = {N:1}
	//   :1 = {N:3}
}

func ExampleSize_Ne() {
	printCond(postTags.Size().Ne(0))
	// Output:
	// size(#0) <> :0
	//   #0 = tags
	//   :0 = {N:0}
}

func ExampleSize_Lt() {
	printCond(postSubject.Size().Lt(100))
	// Output:
	// size(#0) < :0
	//   #0 = subject
	//   :0 = {N:100}
}

func ExampleSize_Le() {
	printCond(postSubject.Size().Le(100))
	// Output:
	// size(#0) <= :0
	//   #0 = subject
	//   :0 = {N:100}
}

func ExampleSize_Gt() {
	printCond(postComments.Size().Gt(0))
	// Output:
	// size(#0) > :0
	//   #0 = comments
	//   :0 = {N:0}
}

func ExampleSize_Ge() {
	printCond(postComments.Size().Ge(2))
	// Output:
	// size(#0) >= :0
	//   #0 = comments
	//   :0 = {N:2}
}

func ExampleSize_Between() {
	printCond(postSubject.Size().Between(1, 80))
	// Output:
	// size(#0) BETWEEN :0 AND :1
	//   #0 = subject
	//   :0 = {N:1}
	//   :1 = {N:80}
}

func ExampleTermOp_String() {
	fmt.Println(attr.TermBeginsWith.String(), attr.TermOp(42))
	// Output:
	// begins_with TermOp(42)
}

// A request's conditions and actions, rendered as they are: no And.
func ExampleBuilder() {
	var b attr.Builder[Post]
	cond, _ := b.Condition(postViews.Lt(100), postSubject.BeginsWith("go"))
	upd, _ := b.Update(postSubject.Set("generics"), postViews.Add(1), postNick.Remove())
	fmt.Println(cond)
	printExpr(upd, b.Names(), b.Values())
	// Output:
	// #0 < :0 AND begins_with(#1, :1)
	// SET #1 = :2 REMOVE #2 ADD #0 :3
	//   #0 = views
	//   #1 = subject
	//   #2 = nick
	//   :0 = {N:100}
	//   :1 = {S:go}
	//   :2 = {S:generics}
	//   :3 = {N:1}
}

func ExampleBuilder_Condition() {
	var b attr.Builder[Post]
	var none attr.Condition[Post] // skipped
	cond, err := b.Condition(postForum.Eq("go"), none, postViews.Gt(10).Or(postTags.Contains("hot")))
	fmt.Println(cond, err)
	_, err = b.Condition(postViews.Gt(1), postSubject.Eq("\xff"))
	fmt.Println(err)
	// Output:
	// #0 = :0 AND (#1 > :1 OR contains(#2, :2)) <nil>
	// gonamo/attr: Post.subject: invalid UTF-8: "\xff"
}

func ExampleBuilder_Update() {
	var b attr.Builder[Post]
	upd, err := b.Update(postTags.Add("go"), postViews.Add(1))
	fmt.Println(upd, err)
	_, err = b.Update(postMeta.Key("lang").Set("fr"), postMeta.Remove())
	fmt.Println(err)
	// Output:
	// ADD #0 :0, #1 :1 <nil>
	// gonamo/expr: overlapping paths: SET meta.lang and REMOVE meta overlap
}
