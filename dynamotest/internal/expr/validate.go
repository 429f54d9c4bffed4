package expr

import (
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// Limits DynamoDB puts on expressions.
const (
	maxPathDepth  = 32  // elements of a document path
	maxInOperands = 100 // values in an IN list
	maxOperators  = 300 // operators and functions in one expression
	maxListIndex  = 1<<31 - 1
)

// Validation runs in the passes DynamoDB runs, each reporting the first
// problem it meets, so that an expression with several problems gets the
// same message:
//
//  1. redundant parentheses anywhere;
//  2. a walk in written order over the tree, parents before children:
//     reserved words, list indexes, unknown functions and functions in a
//     place they are not allowed;
//  3. path depth, placeholders and operand checks, children before parents,
//     then the number of operators. Update and projection expressions
//     differ: their target paths are resolved and checked for overlaps
//     first, from the last to the first; an update then counts operators
//     and checks its values action by action from the last one.

// checker carries what the passes need.
type checker struct {
	ctx  *Context
	kind Kind
}

// where a function call stands.
type fnPlace uint8

const (
	placeCondition fnPlace = iota // used as a condition
	placeOperand                  // an operand of a condition or of a condition function
	placeSetTop                   // the whole value of a SET action
	placeSetArith                 // an operand of + or -
	placeSetArg                   // an argument of an update function
)

// ---- pass 1: redundant parentheses ----

func parensOK(c *cond) bool {
	if c.parens > 1 {
		return false
	}
	for _, s := range c.sub {
		if !parensOK(s) {
			return false
		}
	}
	for _, a := range c.args {
		if !operandParensOK(a) {
			return false
		}
	}
	return true
}

func operandParensOK(o *operand) bool {
	if o.parens > 1 {
		return false
	}
	for _, a := range o.args {
		if !operandParensOK(a) {
			return false
		}
	}
	return true
}

func (k *checker) redundantParens() error {
	return invalid(k.kind, "The expression has redundant parentheses;")
}

// ---- operator count ----

// operatorCount counts comparators, BETWEEN, IN, AND, OR, NOT and function
// calls.
func operatorCount(c *cond) int {
	n := 1
	if c.kind == cAnd || c.kind == cOr || c.kind == cNot {
		for _, s := range c.sub {
			n += operatorCount(s)
		}
		return n
	}
	for _, a := range c.args {
		n += operandOperators(a)
	}
	return n
}

func operandOperators(o *operand) int {
	n := 0
	if o.kind == oFunc || o.kind == oArith {
		n++
	}
	for _, a := range o.args {
		n += operandOperators(a)
	}
	return n
}

func (k *checker) tooManyOperators(n int) error {
	// DynamoDB stops counting at the first operator past the limit.
	return invalid(k.kind, "The expression contains too many operators; operator count: %d", min(n, maxOperators+1))
}

// ---- pass 2: written-order walk ----

func (k *checker) walkCond(c *cond) error {
	switch c.kind {
	case cAnd, cOr, cNot:
		for _, s := range c.sub {
			if err := k.walkCond(s); err != nil {
				return err
			}
		}
		return nil
	case cFunc:
		if err := k.checkFunc(c.name, c.fn, placeCondition); err != nil {
			return err
		}
	}
	for _, a := range c.args {
		if err := k.walkOperand(a, placeOperand); err != nil {
			return err
		}
	}
	return nil
}

func (k *checker) walkOperand(o *operand, place fnPlace) error {
	switch o.kind {
	case oPath:
		return k.walkPath(o)
	case oFunc:
		if err := k.checkFunc(o.name, o.fn, place); err != nil {
			return err
		}
		argPlace := placeOperand
		if place >= placeSetTop {
			argPlace = placeSetArg
		}
		for _, a := range o.args {
			if err := k.walkOperand(a, argPlace); err != nil {
				return err
			}
		}
	case oArith:
		for _, a := range o.args {
			if err := k.walkOperand(a, placeSetArith); err != nil {
				return err
			}
		}
	}
	return nil
}

// walkPath checks reserved words and list indexes.
func (k *checker) walkPath(o *operand) error {
	for _, e := range o.elems {
		switch e.kind {
		case elemIdent:
			if isReserved(e.text) {
				return invalid(k.kind, "Attribute name is a reserved keyword; reserved keyword: %s", e.text)
			}
		case elemIndex:
			if n, err := strconv.ParseInt(e.text, 10, 64); err != nil || n > maxListIndex {
				return invalid(k.kind, "List index is not within the allowable range; index: [%s]", e.text)
			}
		}
	}
	return nil
}

// checkFunc checks that a function exists and may stand where it stands.
func (k *checker) checkFunc(name string, fn funcID, place fnPlace) error {
	if fn == fnUnknown {
		return invalid(k.kind, "Invalid function name; function: %s", name)
	}
	if place >= placeSetTop {
		switch fn {
		case fnIfNotExists:
			return nil
		case fnListAppend:
			if place == placeSetTop {
				return nil
			}
			return invalid(k.kind, "The function is not allowed to be used this way in an expression; function: %s", name)
		}
		return invalid(k.kind, "The function is not allowed in an update expression; function: %s", name)
	}
	switch fn {
	case fnIfNotExists, fnListAppend:
		return invalid(k.kind, "The function is not allowed in a condition expression; function: %s", name)
	case fnSize:
		if place == placeCondition {
			return invalid(k.kind, "The function is not allowed to be used this way in an expression; function: %s", name)
		}
	default:
		if place == placeOperand {
			return invalid(k.kind, "The function is not allowed to be used this way in an expression; function: %s", name)
		}
	}
	return nil
}

// ---- pass 3: placeholders and operand checks ----

// resolvePath substitutes names and indexes.
func (k *checker) resolvePath(o *operand) error {
	if o.path != nil {
		return nil
	}
	if len(o.elems) > maxPathDepth {
		return invalid(k.kind, "The document path has too many nesting levels; nesting levels: %d", len(o.elems))
	}
	p := make(Path, len(o.elems))
	for i, e := range o.elems {
		switch e.kind {
		case elemIdent:
			p[i] = PathElem{Name: e.text}
		case elemName:
			n, err := k.ctx.name(k.kind, e.text)
			if err != nil {
				if _, isValue := k.ctx.values[e.text]; isValue {
					// What DynamoDB Local answers for a.:v when :v is a value.
					return invalid(k.kind, "Internal server error")
				}
				return err
			}
			p[i] = PathElem{Name: n}
		case elemIndex:
			n, _ := strconv.Atoi(e.text) // range checked by walkPath
			p[i] = PathElem{Index: n, IsIndex: true}
		}
	}
	o.path = p
	return nil
}

// staticType is the type an operand is known to have before evaluation:
// a value's type, N for size(), L for list_append(); "" when unknown.
func staticType(o *operand) string {
	switch o.kind {
	case oValue:
		return value.TypeName(o.val)
	case oFunc:
		switch o.fn {
		case fnSize:
			return "N"
		case fnListAppend:
			return "L"
		}
	case oArith:
		return "N"
	}
	return ""
}

func (k *checker) operandType(fn string, typ string) error {
	return invalid(k.kind, "Incorrect operand type for operator or function; operator or function: %s, operand type: %s", fn, typ)
}

func (k *checker) operandCount(fn string, n int) error {
	return invalid(k.kind, "Incorrect number of operands for operator or function; operator or function: %s, number of operands: %d", fn, n)
}

func (k *checker) needPath(fn string) error {
	return invalid(k.kind, "Operator or function requires a document path; operator or function: %s", fn)
}

// distinct rejects a first operand that is a path repeated among the others.
func (k *checker) distinct(op string, args []*operand) error {
	if args[0].kind != oPath {
		return nil
	}
	for _, a := range args[1:] {
		if a.kind == oPath && a.path.Equal(args[0].path) {
			return invalid(k.kind, "The first operand must be distinct from the remaining operands for this operator or function; operator: %s, first operand: %s", op, args[0].path.messageString())
		}
	}
	return nil
}

// checkOperand resolves an operand of a condition and checks it.
func (k *checker) checkOperand(o *operand) error {
	switch o.kind {
	case oPath:
		return k.resolvePath(o)
	case oValue:
		v, err := k.ctx.value(k.kind, o.ph)
		if err != nil {
			return err
		}
		o.val, o.raw = v.val, v.raw
		return nil
	}
	for _, a := range o.args {
		if err := k.checkOperand(a); err != nil {
			return err
		}
	}
	switch o.fn {
	case fnSize:
		if len(o.args) != 1 {
			return k.operandCount(o.name, len(o.args))
		}
		switch t := staticType(o.args[0]); t {
		case "", "S", "B", "SS", "NS", "BS", "L", "M":
		default:
			return k.operandType(o.name, t)
		}
	case fnIfNotExists:
		if len(o.args) != 2 {
			return k.operandCount(o.name, len(o.args))
		}
		if err := k.distinct(o.name, o.args); err != nil {
			return err
		}
		if o.args[0].kind != oPath {
			return k.needPath(o.name)
		}
	case fnListAppend:
		if len(o.args) != 2 {
			return k.operandCount(o.name, len(o.args))
		}
		for _, a := range o.args {
			if t := staticType(a); t != "" && t != "L" {
				return k.operandType(o.name, t)
			}
		}
	}
	if o.kind == oArith {
		op := "+"
		if o.minus {
			op = "-"
		}
		for _, a := range o.args {
			if t := staticType(a); t != "" && t != "N" {
				return k.operandType(op, t)
			}
		}
	}
	return nil
}

// checkCond resolves and checks a condition, children first.
func (k *checker) checkCond(c *cond) error {
	for _, s := range c.sub {
		if err := k.checkCond(s); err != nil {
			return err
		}
	}
	for _, a := range c.args {
		if err := k.checkOperand(a); err != nil {
			return err
		}
	}
	switch c.kind {
	case cCmp:
		if c.op != tEq && c.op != tNe {
			for _, a := range c.args {
				if t := staticType(a); t != "" && !isScalar(t) {
					return k.operandType(opName(c.op), t)
				}
			}
		}
		return k.distinct(opName(c.op), c.args)
	case cBetween:
		for _, a := range c.args {
			if t := staticType(a); t != "" && !isScalar(t) {
				return k.operandType("BETWEEN", t)
			}
		}
		lo, hi := c.args[1], c.args[2]
		if lo.kind == oValue && hi.kind == oValue {
			if value.TypeName(lo.val) != value.TypeName(hi.val) {
				return invalid(k.kind, "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: %s, upper bound operand: AttributeValue: %s", avString(lo.raw), avString(hi.raw))
			}
			if n, _ := value.Compare(lo.val, hi.val); n > 0 {
				return invalid(k.kind, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: %s, upper bound operand: AttributeValue: %s", avString(lo.raw), avString(hi.raw))
			}
		}
		return k.distinct("BETWEEN", c.args)
	case cIn:
		if err := k.distinct("IN", c.args); err != nil {
			return err
		}
		if n := len(c.args) - 1; n > maxInOperands {
			return invalid(k.kind, "The IN operator is provided with too many operands; number of operands: %d", n)
		}
		return nil
	case cFunc:
		return k.checkCondFunc(c)
	}
	return nil
}

func (k *checker) checkCondFunc(c *cond) error {
	want := 2
	if c.fn == fnAttributeExists || c.fn == fnAttributeNotExists {
		want = 1
	}
	if len(c.args) != want {
		return k.operandCount(c.name, len(c.args))
	}
	switch c.fn {
	case fnAttributeExists, fnAttributeNotExists:
		if c.args[0].kind != oPath {
			return k.needPath(c.name)
		}
	case fnAttributeType:
		if err := k.distinct(c.name, c.args); err != nil {
			return err
		}
		t := c.args[1]
		if t.kind != oValue {
			return k.operandType(c.name, "{DOUBLESET,FS,INTSET,INT,NULL,S,BOOL,N,NS,BS,L,HD,SS,FLOAT,DICT,DOUBLE,DECIMALSET,B,HDS,M,DECIMAL}")
		}
		s, ok := t.val.(*types.AttributeValueMemberS)
		if !ok {
			return k.operandType(c.name, value.TypeName(t.val))
		}
		switch s.Value {
		case "S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M":
		default:
			return invalid(k.kind, "Invalid attribute type name found; type: %s, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}", s.Value)
		}
	case fnBeginsWith:
		if err := k.distinct(c.name, c.args); err != nil {
			return err
		}
		for _, a := range c.args {
			if t := staticType(a); t != "" && t != "S" && t != "B" {
				return k.operandType(c.name, t)
			}
		}
	case fnContains:
		return k.distinct(c.name, c.args)
	}
	return nil
}

func isScalar(t string) bool { return t == "S" || t == "N" || t == "B" }

// avString renders a scalar value as DynamoDB (Java) prints an
// AttributeValue in messages.
func avString(av types.AttributeValue) string {
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		return "{S:" + x.Value + "}"
	case *types.AttributeValueMemberN:
		return "{N:" + x.Value + "}"
	case *types.AttributeValueMemberB:
		return fmt.Sprintf("{B:java.nio.HeapByteBuffer[pos=0 lim=%d cap=%d]}", len(x.Value), len(x.Value))
	}
	return "{" + value.TypeName(av) + ":}"
}
