package expr

import (
	"bytes"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// KeySchema describes the key of the table or index a Query reads.
type KeySchema struct {
	HashName  string
	HashType  string // "S", "N" or "B"; "" skips the type check
	RangeName string // "" when there is no range key
	RangeType string
}

// RangeOp is the comparison a key condition applies to the range key.
type RangeOp string

// The range key comparisons of a KeyCondition.
const (
	RangeEq         RangeOp = "="
	RangeLt         RangeOp = "<"
	RangeLe         RangeOp = "<="
	RangeGt         RangeOp = ">"
	RangeGe         RangeOp = ">="
	RangeBetween    RangeOp = "BETWEEN"
	RangeBeginsWith RangeOp = "begins_with"
)

// KeyCondition is a validated KeyConditionExpression: equality on the hash
// key and at most one condition on the range key. Its values are shared
// with the Context and must not be modified.
type KeyCondition struct {
	HashName  string
	HashValue types.AttributeValue
	// RangeName is "" when the expression has no range key condition.
	RangeName string
	// RangeOp is read with the key on the left (":v < sk" becomes RangeGt).
	RangeOp RangeOp
	// RangeValues holds one value, or two for BETWEEN.
	RangeValues []types.AttributeValue
}

// KeyCondition parses and validates a key condition expression against
// the key of the table or index queried, with DynamoDB's messages for key
// conditions it cannot serve (most of them without the "Invalid
// KeyConditionExpression: " prefix, as DynamoDB words them).
func (c *Context) KeyCondition(src string, key KeySchema) (*KeyCondition, error) {
	const kind = KeyConditionExpression
	root, err := c.parseCondition(kind, src)
	if err != nil {
		return nil, err
	}
	var conds []*cond
	flattenAnd(root, &conds)
	attrs := make([]string, len(conds))
	for i, cd := range conds {
		if err := keyOperator(cd); err != nil {
			return nil, err
		}
		name, err := keyConditionAttr(cd, key)
		if err != nil {
			return nil, err
		}
		if slices.Contains(attrs[:i], name) {
			return nil, value.Validation("KeyConditionExpressions must only contain one condition per key")
		}
		attrs[i] = name
	}
	if len(conds) > 2 {
		return nil, value.Validation("Conditions can be of length 1 or 2 only")
	}
	if key.RangeName == "" && len(conds) == 2 {
		return nil, value.Validation("Query key condition not supported")
	}
	hash := slices.Index(attrs, key.HashName)
	if hash < 0 {
		return nil, value.Validation("Query condition missed key schema element")
	}
	h := conds[hash]
	if err := keyValues(h, key.HashName, key.HashType, false); err != nil {
		return nil, err
	}
	if h.kind != cCmp || h.op != tEq {
		return nil, value.Validation("Query key condition not supported")
	}
	if err := keyValues(h, key.HashName, key.HashType, true); err != nil {
		return nil, err
	}
	kc := &KeyCondition{HashName: key.HashName, HashValue: valueArg(h)}
	for i, cd := range conds {
		if i == hash {
			continue
		}
		if attrs[i] != key.RangeName {
			return nil, value.Validation("Query condition missed key schema element")
		}
		if err := keyValues(cd, key.RangeName, key.RangeType, false); err != nil {
			return nil, err
		}
		if err := keyValues(cd, key.RangeName, key.RangeType, true); err != nil {
			return nil, err
		}
		kc.RangeName = key.RangeName
		switch cd.kind {
		case cBetween:
			kc.RangeOp = RangeBetween
			kc.RangeValues = []types.AttributeValue{cd.args[1].val, cd.args[2].val}
		case cFunc:
			kc.RangeOp = RangeBeginsWith
			kc.RangeValues = []types.AttributeValue{cd.args[1].val}
		default:
			op := cd.op
			if cd.args[0].kind != oPath {
				op = flip(op)
			}
			kc.RangeOp = RangeOp(opName(op))
			kc.RangeValues = []types.AttributeValue{valueArg(cd)}
		}
	}
	return kc, nil
}

// keyOperator rejects a condition a key condition cannot hold.
func keyOperator(c *cond) error {
	bad := ""
	switch c.kind {
	case cOr:
		bad = "OR"
	case cNot:
		bad = "NOT"
	case cIn:
		bad = "IN"
	case cCmp:
		if c.op == tNe {
			bad = "<>"
		}
	case cFunc:
		if c.fn != fnBeginsWith {
			bad = c.name
		}
	}
	if bad != "" {
		return value.Validation("Invalid operator used in KeyConditionExpression: %s", bad)
	}
	return nil
}

// keyValues checks the values compared with a key attribute: their type
// against the schema or, when empty is set, that they are not empty.
func keyValues(c *cond, name, typ string, empty bool) error {
	for _, a := range c.args {
		if a.kind != oValue {
			continue
		}
		if !empty {
			if typ != "" && value.TypeName(a.val) != typ {
				return value.Validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
			}
			continue
		}
		switch x := a.val.(type) {
		case *types.AttributeValueMemberS:
			if x.Value == "" {
				return value.Validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: %s", name)
			}
		case *types.AttributeValueMemberB:
			if len(x.Value) == 0 {
				return value.Validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: %s", name)
			}
		}
	}
	return nil
}

func flattenAnd(c *cond, out *[]*cond) {
	if c.kind == cAnd {
		flattenAnd(c.sub[0], out)
		flattenAnd(c.sub[1], out)
		return
	}
	*out = append(*out, c)
}

// keyConditionAttr checks the shape of one condition and returns the
// attribute it is about.
func keyConditionAttr(c *cond, key KeySchema) (string, error) {
	var path *operand
	paths := 0
	for _, a := range c.args {
		switch a.kind {
		case oFunc:
			return "", value.Validation("KeyConditionExpressions cannot contain nested operations")
		case oPath:
			paths++
			if path == nil {
				path = a
			}
		}
	}
	if paths > 1 {
		return "", value.Validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
	}
	if paths == 0 {
		return "", value.Validation("Invalid condition in KeyConditionExpression: No key attribute specified")
	}
	if (c.kind == cFunc || c.kind == cBetween) && c.args[0] != path {
		op := "BETWEEN"
		if c.kind == cFunc {
			op = c.name
		}
		return "", value.Validation("Invalid condition in KeyConditionExpression: %s operator must have the key attribute as its first operand", op)
	}
	name := path.path[0].Name
	if len(path.path) > 1 {
		if name == key.HashName || key.RangeName != "" && name == key.RangeName {
			return "", value.Validation("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s", name)
		}
		return "", value.Validation("KeyConditionExpressions cannot have conditions on nested attributes")
	}
	return name, nil
}

// valueArg returns the value operand of a comparison.
func valueArg(c *cond) types.AttributeValue {
	if c.args[0].kind == oValue {
		return c.args[0].val
	}
	return c.args[1].val
}

// flip mirrors a comparator: a < b is b > a.
func flip(op tokKind) tokKind {
	switch op {
	case tLt:
		return tGt
	case tLe:
		return tGe
	case tGt:
		return tLt
	case tGe:
		return tLe
	}
	return op
}

// Match reports whether item's key attributes satisfy the condition.
func (k *KeyCondition) Match(item value.Item) bool {
	h := item[k.HashName]
	if h == nil || !value.Equal(h, k.HashValue) {
		return false
	}
	if k.RangeName == "" {
		return true
	}
	return k.MatchRange(item[k.RangeName])
}

// MatchRange reports whether a range key value satisfies the range
// condition; it is true when there is none.
func (k *KeyCondition) MatchRange(v types.AttributeValue) bool {
	if k.RangeName == "" {
		return true
	}
	if v == nil {
		return false
	}
	switch k.RangeOp {
	case RangeBetween:
		a, ok1 := value.Compare(v, k.RangeValues[0])
		b, ok2 := value.Compare(v, k.RangeValues[1])
		return ok1 && ok2 && a >= 0 && b <= 0
	case RangeBeginsWith:
		switch x := v.(type) {
		case *types.AttributeValueMemberS:
			p, ok := k.RangeValues[0].(*types.AttributeValueMemberS)
			return ok && strings.HasPrefix(x.Value, p.Value)
		case *types.AttributeValueMemberB:
			p, ok := k.RangeValues[0].(*types.AttributeValueMemberB)
			return ok && bytes.HasPrefix(x.Value, p.Value)
		}
		return false
	}
	n, ok := value.Compare(v, k.RangeValues[0])
	if !ok {
		return false
	}
	switch k.RangeOp {
	case RangeEq:
		return n == 0
	case RangeLt:
		return n < 0
	case RangeLe:
		return n <= 0
	case RangeGt:
		return n > 0
	}
	return n >= 0
}
