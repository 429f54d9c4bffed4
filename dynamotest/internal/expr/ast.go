package expr

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// elemKind tells how a path element was written.
type elemKind uint8

const (
	elemIdent elemKind = iota // a bare attribute name: a
	elemName                  // an expression attribute name: #a
	elemIndex                 // a list index: [3]
)

// rawElem is a path element as written in the expression.
type rawElem struct {
	kind elemKind
	text string // the identifier, the placeholder (#a) or the index digits
}

// opKind tells what an operand is.
type opKind uint8

const (
	oPath  opKind = iota // a document path
	oValue               // an expression attribute value
	oFunc                // a function call: size, if_not_exists, list_append, or a misplaced one
	oArith               // a + b or a - b (SET values only)
)

// funcID identifies the functions DynamoDB knows.
type funcID uint8

const (
	fnUnknown funcID = iota
	fnAttributeExists
	fnAttributeNotExists
	fnAttributeType
	fnBeginsWith
	fnContains
	fnSize
	fnIfNotExists
	fnListAppend
)

var funcIDs = map[string]funcID{
	"attribute_exists":     fnAttributeExists,
	"attribute_not_exists": fnAttributeNotExists,
	"attribute_type":       fnAttributeType,
	"begins_with":          fnBeginsWith,
	"contains":             fnContains,
	"size":                 fnSize,
	"if_not_exists":        fnIfNotExists,
	"list_append":          fnListAppend,
}

// operand is a term: a path, a value, a function call or an arithmetic
// expression. Fields past the first block are filled by validation.
type operand struct {
	kind   opKind
	parens int // parentheses written directly around this operand

	elems []rawElem // oPath
	ph    string    // oValue: the placeholder, like :v
	name  string    // oFunc: the function name as written
	fn    funcID    // oFunc
	args  []*operand
	minus bool // oArith: a - b rather than a + b

	path Path                 // oPath, resolved
	val  types.AttributeValue // oValue, canonical
	raw  types.AttributeValue // oValue, as supplied (messages quote it)
}

// condKind tells what a condition node is.
type condKind uint8

const (
	cAnd condKind = iota
	cOr
	cNot
	cCmp     // args[0] op args[1]
	cBetween // args[0] BETWEEN args[1] AND args[2]
	cIn      // args[0] IN (args[1:]...)
	cFunc    // a function used as a condition
)

// cond is a node of a condition tree.
type cond struct {
	kind   condKind
	parens int
	op     tokKind // cCmp: tEq, tNe, tLt, tLe, tGt, tGe
	sub    []*cond // cAnd, cOr: two; cNot: one
	args   []*operand
	name   string // cFunc: the function name as written
	fn     funcID // cFunc
}

// actionKind tells which clause an update action belongs to.
type actionKind uint8

const (
	aSet actionKind = iota
	aRemove
	aAdd
	aDelete
)

func (k actionKind) keyword() string {
	switch k {
	case aSet:
		return "SET"
	case aRemove:
		return "REMOVE"
	case aAdd:
		return "ADD"
	}
	return "DELETE"
}

// action is one update action: SET target = val, REMOVE target,
// ADD target val or DELETE target val.
type action struct {
	kind   actionKind
	target *operand // always oPath
	val    *operand // nil for REMOVE
}

// opName returns the operator text DynamoDB prints for a comparator.
func opName(k tokKind) string {
	switch k {
	case tEq:
		return "="
	case tNe:
		return "<>"
	case tLt:
		return "<"
	case tLe:
		return "<="
	case tGt:
		return ">"
	case tGe:
		return ">="
	}
	return "?"
}
