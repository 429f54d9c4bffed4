package expr

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// Condition is a validated ConditionExpression or FilterExpression.
type Condition struct {
	root *cond
}

// Condition parses and validates a condition expression; kind names it in
// messages (ConditionExpression or FilterExpression).
func (c *Context) Condition(kind Kind, src string) (*Condition, error) {
	root, err := c.parseCondition(kind, src)
	if err != nil {
		return nil, err
	}
	return &Condition{root: root}, nil
}

// parseCondition runs the parser and every validation pass on a condition.
func (c *Context) parseCondition(kind Kind, src string) (*cond, error) {
	if c.err != nil {
		return nil, c.err
	}
	if err := checkSource(kind, src); err != nil {
		return nil, err
	}
	p := newParser(kind, src)
	root := p.parseConditionExpr()
	if p.err != nil {
		return nil, p.err
	}
	k := &checker{ctx: c, kind: kind}
	if !parensOK(root) {
		return nil, k.redundantParens()
	}
	if err := k.walkCond(root); err != nil {
		return nil, err
	}
	if err := k.checkCond(root); err != nil {
		return nil, err
	}
	if n := operatorCount(root); n > maxOperators {
		return nil, k.tooManyOperators(n)
	}
	return root, nil
}

// Eval reports whether item satisfies the condition. A nil item is an item
// that does not exist: every attribute is missing.
func (c *Condition) Eval(item value.Item) bool { return evalCond(c.root, item) }

// Paths returns every document path the condition reads, in written
// order. The caller owns the result.
func (c *Condition) Paths() []Path {
	var out []Path
	condPaths(c.root, &out)
	return out
}

func condPaths(c *cond, out *[]Path) {
	for _, s := range c.sub {
		condPaths(s, out)
	}
	for _, a := range c.args {
		operandPaths(a, out)
	}
}

func operandPaths(o *operand, out *[]Path) {
	if o.kind == oPath {
		*out = append(*out, slices.Clone(o.path))
	}
	for _, a := range o.args {
		operandPaths(a, out)
	}
}

func evalCond(c *cond, item value.Item) bool {
	switch c.kind {
	case cAnd:
		return evalCond(c.sub[0], item) && evalCond(c.sub[1], item)
	case cOr:
		return evalCond(c.sub[0], item) || evalCond(c.sub[1], item)
	case cNot:
		return !evalCond(c.sub[0], item)
	case cCmp:
		return compare(c.op, evalOperand(c.args[0], item), evalOperand(c.args[1], item))
	case cBetween:
		v := evalOperand(c.args[0], item)
		lo := evalOperand(c.args[1], item)
		hi := evalOperand(c.args[2], item)
		a, ok1 := value.Compare(v, lo)
		b, ok2 := value.Compare(v, hi)
		return ok1 && ok2 && a >= 0 && b <= 0
	case cIn:
		v := evalOperand(c.args[0], item)
		if v == nil {
			return false
		}
		for _, a := range c.args[1:] {
			if w := evalOperand(a, item); w != nil && value.Equal(v, w) {
				return true
			}
		}
		return false
	case cFunc:
		return evalFunc(c, item)
	}
	return false
}

// compare applies a comparator. Missing operands and operands of different
// types make every comparator false except <>, which is then true.
func compare(op tokKind, a, b types.AttributeValue) bool {
	switch op {
	case tEq:
		return a != nil && b != nil && value.Equal(a, b)
	case tNe:
		return a == nil || b == nil || !value.Equal(a, b)
	}
	n, ok := value.Compare(a, b)
	if !ok {
		return false
	}
	switch op {
	case tLt:
		return n < 0
	case tLe:
		return n <= 0
	case tGt:
		return n > 0
	}
	return n >= 0
}

func evalFunc(c *cond, item value.Item) bool {
	switch c.fn {
	case fnAttributeExists:
		return evalOperand(c.args[0], item) != nil
	case fnAttributeNotExists:
		return evalOperand(c.args[0], item) == nil
	case fnAttributeType:
		v := evalOperand(c.args[0], item)
		t, ok := evalOperand(c.args[1], item).(*types.AttributeValueMemberS)
		return v != nil && ok && value.TypeName(v) == t.Value
	case fnBeginsWith:
		switch v := evalOperand(c.args[0], item).(type) {
		case *types.AttributeValueMemberS:
			p, ok := evalOperand(c.args[1], item).(*types.AttributeValueMemberS)
			return ok && strings.HasPrefix(v.Value, p.Value)
		case *types.AttributeValueMemberB:
			p, ok := evalOperand(c.args[1], item).(*types.AttributeValueMemberB)
			return ok && bytes.HasPrefix(v.Value, p.Value)
		}
	case fnContains:
		return contains(evalOperand(c.args[0], item), evalOperand(c.args[1], item))
	}
	return false
}

// contains implements contains(a, b): a substring of a string, a
// subsequence of bytes of a binary, a member of a set or an element of a list.
func contains(a, b types.AttributeValue) bool {
	if b == nil {
		return false
	}
	switch x := a.(type) {
	case *types.AttributeValueMemberS:
		y, ok := b.(*types.AttributeValueMemberS)
		return ok && strings.Contains(x.Value, y.Value)
	case *types.AttributeValueMemberB:
		y, ok := b.(*types.AttributeValueMemberB)
		return ok && bytes.Contains(x.Value, y.Value)
	case *types.AttributeValueMemberSS:
		y, ok := b.(*types.AttributeValueMemberS)
		if !ok {
			return false
		}
		for _, s := range x.Value {
			if s == y.Value {
				return true
			}
		}
	case *types.AttributeValueMemberNS:
		y, ok := b.(*types.AttributeValueMemberN)
		if !ok {
			return false
		}
		for _, s := range x.Value {
			if value.CompareNumbers(s, y.Value) == 0 {
				return true
			}
		}
	case *types.AttributeValueMemberBS:
		y, ok := b.(*types.AttributeValueMemberB)
		if !ok {
			return false
		}
		for _, s := range x.Value {
			if bytes.Equal(s, y.Value) {
				return true
			}
		}
	case *types.AttributeValueMemberL:
		for _, e := range x.Value {
			if value.Equal(e, b) {
				return true
			}
		}
	}
	return false
}

// evalOperand returns an operand's value in item, or nil when it has none
// (a missing attribute, size() of a value without a size).
func evalOperand(o *operand, item value.Item) types.AttributeValue {
	switch o.kind {
	case oPath:
		return Lookup(item, o.path)
	case oValue:
		return o.val
	case oFunc:
		if o.fn == fnSize {
			if n, ok := size(evalOperand(o.args[0], item)); ok {
				return &types.AttributeValueMemberN{Value: strconv.Itoa(n)}
			}
		}
	}
	return nil
}

// size implements size(): the length of a string in UTF-16 code units (as
// DynamoDB, written in Java, counts), of a binary in bytes, and the number
// of members of a set, list or map.
func size(av types.AttributeValue) (int, bool) {
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		n := 0
		for _, r := range x.Value {
			n += utf16.RuneLen(r)
		}
		return n, true
	case *types.AttributeValueMemberB:
		return len(x.Value), true
	case *types.AttributeValueMemberSS:
		return len(x.Value), true
	case *types.AttributeValueMemberNS:
		return len(x.Value), true
	case *types.AttributeValueMemberBS:
		return len(x.Value), true
	case *types.AttributeValueMemberL:
		return len(x.Value), true
	case *types.AttributeValueMemberM:
		return len(x.Value), true
	}
	return 0, false
}
