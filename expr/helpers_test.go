package expr_test

import (
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/expr"
)

// Thread is the item type of the tests and examples.
type Thread struct {
	Forum, Subject string
	Views          int
	Tags           []string
}

// User is a second item type, to show that expressions do not mix.
type User struct{ Name string }

// Short constructors of attribute values.
func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
func ss(v ...string) types.AttributeValue {
	return &types.AttributeValueMemberSS{Value: v}
}
func list(v ...types.AttributeValue) types.AttributeValue {
	return &types.AttributeValueMemberL{Value: v}
}

// Short constructors of Thread operands.
var (
	pathOf = expr.PathOf[Thread]
	value  = expr.Value[Thread]
)

// placeholders returns the names and values a Builder collected, one per
// line in placeholder order, as "names: #0=forum #1=views" and
// "values: :0=S "go"", omitting an empty line.
func placeholders(b *expr.Builder[Thread]) string {
	var sb strings.Builder
	if names := b.Names(); names != nil {
		sb.WriteString("names:")
		for _, k := range byNumber(slices.Collect(maps.Keys(names))) {
			fmt.Fprintf(&sb, " %s=%s", k, names[k])
		}
		sb.WriteByte('\n')
	}
	if values := b.Values(); values != nil {
		sb.WriteString("values:")
		for _, k := range byNumber(slices.Collect(maps.Keys(values))) {
			fmt.Fprintf(&sb, " %s=%s", k, format(values[k]))
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

// byNumber sorts placeholders by their number: #2 before #10.
func byNumber(keys []string) []string {
	num := func(k string) int { i, _ := strconv.Atoi(k[1:]); return i }
	slices.SortFunc(keys, func(a, b string) int { return num(a) - num(b) })
	return keys
}

// format writes an attribute value compactly and deterministically:
// S "x", N 1, B YQ==, BOOL true, NULL, SS ["a" "b"], L [S "a" N 1], M {k: N 1}.
func format(v types.AttributeValue) string {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return "S " + strconv.Quote(v.Value)
	case *types.AttributeValueMemberN:
		return "N " + v.Value
	case *types.AttributeValueMemberB:
		return "B " + base64.StdEncoding.EncodeToString(v.Value)
	case *types.AttributeValueMemberBOOL:
		return "BOOL " + strconv.FormatBool(v.Value)
	case *types.AttributeValueMemberNULL:
		return "NULL"
	case *types.AttributeValueMemberSS:
		q := make([]string, len(v.Value))
		for i, x := range v.Value {
			q[i] = strconv.Quote(x)
		}
		return "SS [" + strings.Join(q, " ") + "]"
	case *types.AttributeValueMemberNS:
		return "NS [" + strings.Join(v.Value, " ") + "]"
	case *types.AttributeValueMemberBS:
		q := make([]string, len(v.Value))
		for i, x := range v.Value {
			q[i] = base64.StdEncoding.EncodeToString(x)
		}
		return "BS [" + strings.Join(q, " ") + "]"
	case *types.AttributeValueMemberL:
		q := make([]string, len(v.Value))
		for i, x := range v.Value {
			q[i] = format(x)
		}
		return "L [" + strings.Join(q, ", ") + "]"
	case *types.AttributeValueMemberM:
		keys := slices.Sorted(maps.Keys(v.Value))
		q := make([]string, len(keys))
		for i, k := range keys {
			q[i] = strconv.Quote(k) + ": " + format(v.Value[k])
		}
		return "M {" + strings.Join(q, ", ") + "}"
	}
	return fmt.Sprintf("%T", v)
}
