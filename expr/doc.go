// Package expr builds DynamoDB expressions as typed trees and renders them,
// with placeholders, into the strings and maps of the SDK's inputs.
//
// It covers the five expressions of the DynamoDB API:
//
//   - Condition for ConditionExpression and FilterExpression: comparisons
//     (Compare with Eq, Ne, Lt, Le, Gt, Ge), Between, In, the functions
//     AttributeExists, AttributeNotExists, AttributeType, BeginsWith and
//     Contains, combined with And, Or and Not;
//   - KeyCondition for KeyConditionExpression: KeyEquals on the partition
//     key, then SortCompare, SortBetween or SortBeginsWith on the sort key;
//   - Update for UpdateExpression: Set, Remove, Add and Delete actions
//     combined with And;
//   - Projection for ProjectionExpression: Project and With.
//
// Their operands are a Path (Name("a").Key("b").Index(2) is a.b[2]) or an
// Operand: PathOf, Value, Size, and in updates IfNotExists, ListAppend,
// Plus and Minus. A Builder renders them; Names and Values return the
// placeholders to send along.
//
//	var b expr.Builder[Thread]
//	cond, err := b.Condition(expr.Compare(expr.Lt, expr.PathOf[Thread](views), expr.Value[Thread](limit)))
//	upd, err := b.Update(expr.Set(updated, expr.Value[Thread](now)), expr.Add[Thread](views, one))
//	in := &dynamodb.UpdateItemInput{
//		ConditionExpression:       &cond, // "#0 < :0"
//		UpdateExpression:          &upd,  // "SET #1 = :1 ADD #0 :2"
//		ExpressionAttributeNames:  b.Names(),
//		ExpressionAttributeValues: b.Values(),
//		// TableName, Key...
//	}
//
// Values arrive encoded (types.AttributeValue): expr never reflects and
// never converts. Package attr builds on it: its typed attribute descriptors
// produce these trees, with the value codecs and the type checks (BeginsWith
// only on strings, Add only on numbers and sets) that expr leaves to them.
//
// # The item type parameter
//
// Every expression type has a type parameter T, the item type of the table
// it is for. T is never instantiated; it only makes Condition[Thread] and
// Condition[User] different types, so an expression built from the
// attributes of one model cannot be passed to the table of another. Path is
// not parameterized: a path is only a name until an operand or an
// expression places it in an item type.
//
// The Builder is parameterized too (Builder[T]) rather than taking the
// expressions of any T: Go methods cannot have type parameters, and one
// request is always about one table, so Builder[T] keeps b.Condition(c) a
// method while checking at compile time that every expression of a request
// has the request's item type.
//
// # Placeholders
//
// Every attribute name and map key reaches DynamoDB through a name
// placeholder and every value through a value placeholder, always, so
// reserved words and names with dots need no care and nothing can be
// injected. Placeholders are numbered in order of first appearance in the
// rendered strings, across all the expressions a Builder renders: #0, #1...
// and :0, :1... The same calls give the same strings, which golden tests
// rely on. A name used twice reuses its placeholder (SET #0 = #0 + :0);
// values are never merged, even when equal, because comparing encoded
// values costs more than sending them twice.
//
// The output never has redundant parentheses, which DynamoDB rejects: nested
// conjunctions and disjunctions are flattened, an OR inside an AND (and an
// AND inside an OR, for readability) gets one pair of parentheses, and NOT
// wraps its operand in one pair unless it is a function call.
//
// # Zero values
//
// The zero Condition, Update and Projection mean "none": they render as the
// empty string, which tells the caller to leave the input field unset, and
// And and Or skip them, so expressions accumulate from nothing
// (PynamoDB's cond &= x): var c Condition[T]; c = c.And(x). Not of the zero
// Condition is an error rather than a silent "no condition". The zero
// KeyCondition, Operand and Path are invalid, since a Query needs a key
// condition and an operand or path must say what it reads.
//
// # Errors
//
// Building never panics and never returns an error on the spot. A mistake
// (an empty name, a negative list index, IN with no operand, two update
// actions on overlapping paths, a nil value, size in an update...) is kept
// in the value being built; later mistakes are ignored, and operations on a
// value holding a mistake keep it. The Builder method that renders the value
// returns it: an *Error whose Err field is one of the categories
// ErrInvalidPath, ErrInvalidOperand, ErrInvalidCondition,
// ErrInvalidKeyCondition and ErrPathOverlap, checked with errors.Is.
//
// Every rule of DynamoDB's grammar that does not depend on the table or the
// item is checked this way, so a rendered expression is one DynamoDB parses:
// paths of at most 32 levels with list indexes up to 2147483647; IN with 1
// to 100 operands; size only in conditions; if_not_exists (first argument a
// path), list_append and one + or - only in SET, where list_append and
// arithmetic do not nest; ADD with a number or a set, DELETE with a set;
// key conditions on top-level names with scalar values and no <>; no two
// update actions or projection paths on overlapping or conflicting paths.
// What depends on data (the types of attributes in the item, BETWEEN bounds
// in order, the 4 KB limit of expression strings) is left to DynamoDB.
//
// # Choices
//
// Operand is one type for conditions and updates, although size belongs to
// conditions and if_not_exists, list_append and arithmetic to updates: the
// kinds nest in ways two Go types would not capture (list_append takes
// if_not_exists, arithmetic takes if_not_exists but not list_append), and one
// type keeps paths and values usable everywhere. The function receiving an
// operand checks its kind, so a misplaced one is reported like any other
// mistake.
//
// BeginsWith and Contains take two operands, not a path and a value:
// DynamoDB accepts contains(:allowed, role), which tests whether the
// attribute is among the elements of a set value.
//
// KeyCondition is built by its own constructors rather than checked out of a
// Condition: which attribute is the partition key is then explicit, and the
// only shapes left to reject are those of the arguments.
//
// Projection keeps a path given twice once instead of failing as DynamoDB
// does, so a table can add its key attributes to any caller's projection.
//
// Expressions are immutable values: combining them copies, never appends
// into a slice another value shares, so a common base condition or update can
// be extended in many ways, and one value can be used by many goroutines. A
// Builder, which accumulates placeholders, belongs to one request.
//
// # Cost
//
// A Condition or an Update is four words, passed in registers: a single
// comparison of a path with a value, or a single action, is held in it, and
// building one allocates nothing but its value. Combining allocates once,
// for the node of a connective or the list of the actions. Builder's
// Condition and Update also take several expressions, rendered as And would
// combine them but without combining them: a request's parts (its own
// condition and an optimistic lock, the caller's actions and those of an
// extension) cost no allocation beyond their values and the maps.
//
// Rendering remembers the shapes it meets: a request repeating an
// expression (the same operators on the same paths, after the same names)
// takes its text and names from a bounded cache shared by all Builders,
// and only its values from the expression, and Names returns a copy of the
// names map made for it. A shape is told apart by the memory of its
// paths, which paths never change, so the expressions of descriptors made
// once (package attr) are cached, while paths built anew for every request
// are simply rendered each time. The output is the same either way.
package expr
