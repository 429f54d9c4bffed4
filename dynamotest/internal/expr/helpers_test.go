package expr_test

import (
	"regexp"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/value"
)

func s(v string) types.AttributeValue  { return &types.AttributeValueMemberS{Value: v} }
func n(v string) types.AttributeValue  { return &types.AttributeValueMemberN{Value: v} }
func b(v ...byte) types.AttributeValue { return &types.AttributeValueMemberB{Value: v} }
func ss(v ...string) types.AttributeValue {
	return &types.AttributeValueMemberSS{Value: v}
}
func ns(v ...string) types.AttributeValue {
	return &types.AttributeValueMemberNS{Value: v}
}
func bs(v ...[]byte) types.AttributeValue {
	return &types.AttributeValueMemberBS{Value: v}
}
func l(v ...types.AttributeValue) types.AttributeValue {
	return &types.AttributeValueMemberL{Value: v}
}
func m(kv ...any) types.AttributeValue {
	return &types.AttributeValueMemberM{Value: item(kv...)}
}
func boolean(v bool) types.AttributeValue { return &types.AttributeValueMemberBOOL{Value: v} }
func null() types.AttributeValue          { return &types.AttributeValueMemberNULL{Value: true} }

// item builds an item from name, value pairs.
func item(kv ...any) value.Item {
	it := value.Item{}
	for i := 0; i < len(kv); i += 2 {
		it[kv[i].(string)] = kv[i+1].(types.AttributeValue)
	}
	return it
}

// stdValues are the expression attribute values tests refer to; each test
// context receives only those its expressions use, so that CheckUnused
// passes.
var stdValues = map[string]types.AttributeValue{
	":v":   n("1"),
	":w":   n("2"),
	":x":   n("10"),
	":neg": n("-1"),
	":big": n("9e125"),
	":s":   s("x"),
	":ab":  s("ab"),
	":e":   s(""),
	":t":   s("S"),
	":tn":  s("N"),
	":l":   l(n("1"), s("a")),
	":m":   m("x", n("1")),
	":ss":  ss("a", "b"),
	":ns":  ns("1", "2"),
	":bs":  bs([]byte{1}),
	":nul": null(),
	":b":   boolean(true),
	":bin": b(1, 2),
}

var stdNames = map[string]string{
	"#a":   "a",
	"#b":   "b",
	"#sel": "select",
	"#dot": "a.b",
	"#pk":  "pk",
}

var placeholderRE = regexp.MustCompile(`[#:][A-Za-z0-9_]+`)

// ctxFor returns a context holding the standard names and values that
// the given expressions mention.
func ctxFor(exprs ...string) *expr.Context {
	return expr.NewContext(placeholdersFor(exprs...))
}

// placeholdersFor picks the standard names and values the expressions use.
func placeholdersFor(exprs ...string) (map[string]string, map[string]types.AttributeValue) {
	var names map[string]string
	var values map[string]types.AttributeValue
	for _, e := range exprs {
		for _, ph := range placeholderRE.FindAllString(e, -1) {
			if v, ok := stdValues[ph]; ok {
				if values == nil {
					values = map[string]types.AttributeValue{}
				}
				values[ph] = v
			}
			if v, ok := stdNames[ph]; ok {
				if names == nil {
					names = map[string]string{}
				}
				names[ph] = v
			}
		}
	}
	return names, values
}

// errText returns the message of err, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return value.Message(err)
}
