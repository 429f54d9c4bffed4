package expr

import (
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// Kind names an expression parameter; messages about an expression start
// with "Invalid <Kind>: ".
type Kind string

// The expression parameters of DynamoDB's API.
const (
	ConditionExpression    Kind = "ConditionExpression"
	FilterExpression       Kind = "FilterExpression"
	KeyConditionExpression Kind = "KeyConditionExpression"
	UpdateExpression       Kind = "UpdateExpression"
	ProjectionExpression   Kind = "ProjectionExpression"
)

// MaxExpressionSize is the largest expression DynamoDB accepts, in bytes.
const MaxExpressionSize = 4096

// Context holds the ExpressionAttributeNames and ExpressionAttributeValues
// of one request. The expressions of the request are parsed through it, so
// that it can tell afterwards which placeholders none of them used.
// A Context is not safe for concurrent use; the expressions it returns are
// immutable and may be evaluated concurrently.
type Context struct {
	names      map[string]string
	values     map[string]placeholder
	usedNames  map[string]struct{}
	usedValues map[string]struct{}
	err        error
}

// placeholder is an expression attribute value: canonical for evaluation,
// raw for the messages that quote it.
type placeholder struct {
	val, raw types.AttributeValue
}

// NewContext validates the placeholder maps of a request as DynamoDB does
// (a present map must not be empty, keys are #name or :name with letters,
// digits and underscores, names are non-empty, values are valid attribute
// values). A failure is reported by Validate and by every method that
// parses an expression, before anything else. Nil maps mean "not given".
func NewContext(names map[string]string, values map[string]types.AttributeValue) *Context {
	c := &Context{names: names}
	c.err = c.init(names, values)
	return c
}

func (c *Context) init(names map[string]string, values map[string]types.AttributeValue) error {
	if names != nil && len(names) == 0 {
		return value.Validation("ExpressionAttributeNames must not be empty")
	}
	nameKeys := sortedKeys(names)
	for _, k := range nameKeys {
		if !validPlaceholder(k, '#') {
			return value.Validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"%s\"", k)
		}
	}
	for _, k := range nameKeys {
		if names[k] == "" {
			return value.Validation("ExpressionAttributeNames contains invalid value: Empty attribute name for key %s", k)
		}
	}
	if values != nil && len(values) == 0 {
		return value.Validation("ExpressionAttributeValues must not be empty")
	}
	valueKeys := sortedKeys(values)
	for _, k := range valueKeys {
		if !validPlaceholder(k, ':') {
			return value.Validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"%s\"", k)
		}
	}
	c.values = make(map[string]placeholder, len(values))
	for _, k := range valueKeys {
		v, err := value.Canonical(values[k])
		if err != nil {
			return value.Validation("ExpressionAttributeValues contains invalid value: %s for key %s", value.Message(err), k)
		}
		c.values[k] = placeholder{val: v, raw: values[k]}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// validPlaceholder reports whether k is the sigil followed by one or more
// ASCII letters, digits or underscores.
func validPlaceholder(k string, sigil byte) bool {
	if len(k) < 2 || k[0] != sigil {
		return false
	}
	for i := 1; i < len(k); i++ {
		if !isWordByte(k[i]) {
			return false
		}
	}
	return true
}

// Validate returns the error found in the placeholder maps, if any.
func (c *Context) Validate() error { return c.err }

// CheckUnused reports placeholders defined in the maps but used by none of
// the expressions parsed through c, with DynamoDB's message; names are
// checked before values. Call it after parsing every expression of the
// request.
func (c *Context) CheckUnused() error {
	if c.err != nil {
		return c.err
	}
	var unused []string
	for k := range c.names {
		if _, ok := c.usedNames[k]; !ok {
			unused = append(unused, k)
		}
	}
	if len(unused) > 0 {
		slices.Sort(unused)
		return value.Validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {%s}", strings.Join(unused, ", "))
	}
	for k := range c.values {
		if _, ok := c.usedValues[k]; !ok {
			unused = append(unused, k)
		}
	}
	if len(unused) > 0 {
		slices.Sort(unused)
		return value.Validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {%s}", strings.Join(unused, ", "))
	}
	return nil
}

// name resolves an expression attribute name and marks it used.
func (c *Context) name(kind Kind, ph string) (string, error) {
	n, ok := c.names[ph]
	if !ok {
		return "", invalid(kind, "An expression attribute name used in the document path is not defined; attribute name: %s", ph)
	}
	if c.usedNames == nil {
		c.usedNames = make(map[string]struct{}, len(c.names))
	}
	c.usedNames[ph] = struct{}{}
	return n, nil
}

// value resolves an expression attribute value and marks it used.
func (c *Context) value(kind Kind, ph string) (placeholder, error) {
	v, ok := c.values[ph]
	if !ok {
		return placeholder{}, invalid(kind, "An expression attribute value used in expression is not defined; attribute value: %s", ph)
	}
	if c.usedValues == nil {
		c.usedValues = make(map[string]struct{}, len(c.values))
	}
	c.usedValues[ph] = struct{}{}
	return v, nil
}

// invalid builds a ValidationException about an expression of the given kind.
func invalid(kind Kind, format string, args ...any) error {
	return value.Validation("Invalid "+string(kind)+": "+format, args...)
}

// checkSource rejects empty and oversized expressions.
func checkSource(kind Kind, src string) error {
	if src == "" {
		return invalid(kind, "The expression can not be empty;")
	}
	if len(src) > MaxExpressionSize {
		if kind == UpdateExpression || kind == ProjectionExpression {
			return invalid(kind, "Expression size has exceeded the maximum allowed size;")
		}
		return invalid(kind, "Expression size has exceeded the maximum allowed size; expression size: %d", len(src))
	}
	return nil
}
