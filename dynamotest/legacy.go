package dynamotest

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/gonamo/gonamo/internal/value"
)

// Legacy parameters are the request parameters that predate expressions:
// AttributesToGet, Expected, AttributeUpdates, KeyConditions, QueryFilter,
// ScanFilter and ConditionalOperator. dynamotest supports them by
// translation: each operation first turns its request's legacy parameters
// into the equivalent ProjectionExpression, ConditionExpression,
// UpdateExpression, KeyConditionExpression or FilterExpression, with
// generated placeholders added to ExpressionAttributeNames and
// ExpressionAttributeValues, so that the expression engine evaluates them.
//
// The legacy* functions validate what DynamoDB Local validates about the
// legacy parameters themselves, with its messages and in its order (as far as
// a request can be checked without its table; see legacyQueryKeys and
// legacyUpdateError for the rest), and then translate. The translation is
// chosen to give DynamoDB Local's results, which differ from the obvious
// expression in places: NOT_CONTAINS is false for a missing attribute, ADD
// appends to a list, an AttributeUpdates entry without Action does nothing.
//
// Names and values always go through placeholders, so attribute names are
// taken literally ("a.b" is one top-level attribute, as legacy parameters
// mean it). Placeholders are #n0, #n1, ... and :v0, :v1, ..., skipping any
// that the request's own ExpressionAttributeNames, ExpressionAttributeValues
// or expressions already use (a Query may combine KeyConditions with a
// FilterExpression or ProjectionExpression). Conditions on several
// attributes are rendered in attribute-name order, so translations are
// deterministic; DynamoDB Local validates them in the order the request's
// JSON lists them, which a Go map does not keep, so when several attributes
// are invalid the one reported may differ.

// legacyMaxIn is the most values one IN of a translated expression holds;
// a longer legacy IN list becomes an OR of several, since DynamoDB accepts
// any number of legacy IN values but at most 100 operands for IN in an
// expression.
const legacyMaxIn = 100

// legacyParam is a request parameter in a "Can not use both expression and
// non-expression parameters" check.
type legacyParam struct {
	name string
	set  bool
}

// legacyCheckMix rejects a request that sets legacy and expression
// parameters together, listing both sets in DynamoDB's order.
func legacyCheckMix(legacy, exprs []legacyParam) error {
	var l, e []string
	for _, p := range legacy {
		if p.set {
			l = append(l, p.name)
		}
	}
	for _, p := range exprs {
		if p.set {
			e = append(e, p.name)
		}
	}
	if len(l) == 0 || len(e) == 0 {
		return nil
	}
	return validationf("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {%s} Expression parameters: {%s}",
		strings.Join(l, ", "), strings.Join(e, ", "))
}

// legacyCheckEmptyExpressions rejects an expression parameter given as an empty
// string; DynamoDB checks this before it checks for mixed parameters.
func legacyCheckEmptyExpressions(exprs []legacyExpression) error {
	for _, e := range exprs {
		if e.src != nil && *e.src == "" {
			return validationf("Invalid %s: The expression can not be empty;", e.name)
		}
	}
	return nil
}

// legacyExpression is an expression parameter of a request.
type legacyExpression struct {
	name string
	src  *string
}

func (e legacyExpression) param() legacyParam { return legacyParam{e.name, e.src != nil} }

// legacyCheckPlaceholders applies DynamoDB's rules for
// ExpressionAttributeNames and ExpressionAttributeValues to a request that
// uses legacy parameters: the maps are allowed only when the request also
// has expressions that can use them (namesUsable, valuesUsable); an empty
// map is then an error, and is otherwise ignored. none ends the message for
// values given without expressions.
func legacyCheckPlaceholders(names map[string]string, values map[string]types.AttributeValue, namesUsable, valuesUsable bool, none string) error {
	if names != nil && len(names) == 0 && namesUsable {
		return validationf("ExpressionAttributeNames must not be empty")
	}
	if values != nil && len(values) == 0 && valuesUsable {
		return validationf("ExpressionAttributeValues must not be empty")
	}
	if len(names) > 0 && !namesUsable {
		return validationf("ExpressionAttributeNames can only be specified when using expressions")
	}
	if len(values) > 0 && !valuesUsable {
		return validationf("ExpressionAttributeValues can only be specified when using expressions%s", none)
	}
	return nil
}

// errLegacyInternal is the InternalFailure DynamoDB Local answers (with HTTP
// status 500) for a few legacy requests it cannot handle: a
// ConditionalOperator other than AND or OR over two or more conditions, and
// NE on a range key in KeyConditions.
func errLegacyInternal() error {
	return &smithy.GenericAPIError{Code: "InternalFailure", Message: "The request processing has failed because of an unknown error, exception or failure.", Fault: smithy.FaultServer}
}

// legacySorted returns the keys of m in order.
func legacySorted[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// ---- placeholders ----

// legacyExpr accumulates the placeholders of one request's translation.
type legacyExpr struct {
	names  map[string]string
	values map[string]types.AttributeValue
	byName map[string]string // attribute name -> its placeholder
	used   []string          // the request's own expressions
	n, v   int
	emptyL string // placeholder of the empty list, once allocated
}

// newLegacyExpr starts a translation that adds placeholders to copies of the
// request's maps, avoiding the keys they hold and any placeholder the
// request's own expressions mention.
func newLegacyExpr(names map[string]string, values map[string]types.AttributeValue, exprs ...*string) *legacyExpr {
	x := &legacyExpr{names: map[string]string{}, values: map[string]types.AttributeValue{}, byName: map[string]string{}}
	for k, v := range names {
		x.names[k] = v
	}
	for k, v := range values {
		x.values[k] = v
	}
	for _, e := range exprs {
		if e != nil {
			x.used = append(x.used, *e)
		}
	}
	return x
}

// free reports whether a generated placeholder collides with nothing the
// request already has.
func (x *legacyExpr) free(ph string) bool {
	if _, ok := x.names[ph]; ok {
		return false
	}
	if _, ok := x.values[ph]; ok {
		return false
	}
	for _, s := range x.used {
		if strings.Contains(s, ph) {
			return false
		}
	}
	return true
}

// name returns the placeholder of an attribute name, allocating it on first use.
func (x *legacyExpr) name(attr string) string {
	if ph, ok := x.byName[attr]; ok {
		return ph
	}
	for {
		ph := fmt.Sprintf("#n%d", x.n)
		x.n++
		if x.free(ph) {
			x.names[ph] = attr
			x.byName[attr] = ph
			return ph
		}
	}
}

// value returns a new placeholder holding av.
func (x *legacyExpr) value(av types.AttributeValue) string {
	for {
		ph := fmt.Sprintf(":v%d", x.v)
		x.v++
		if x.free(ph) {
			x.values[ph] = av
			return ph
		}
	}
}

// emptyList returns the placeholder of an empty list, shared by the list
// ADDs of an update.
func (x *legacyExpr) emptyList() string {
	if x.emptyL == "" {
		x.emptyL = x.value(&types.AttributeValueMemberL{Value: []types.AttributeValue{}})
	}
	return x.emptyL
}

// maps returns the request's placeholder maps with the generated entries;
// a map left empty is nil.
func (x *legacyExpr) maps() (map[string]string, map[string]types.AttributeValue) {
	names, values := x.names, x.values
	if len(names) == 0 {
		names = nil
	}
	if len(values) == 0 {
		values = nil
	}
	return names, values
}

// ---- conditions ----

// legacyCond is a validated legacy comparison: a filter or key condition,
// or an Expected entry.
type legacyCond struct {
	attr string
	op   types.ComparisonOperator
	args []types.AttributeValue
}

// legacyArgCount returns the number of values an operator takes: exactly n, or at
// least 1 for IN (n == -1). ok is false for an unknown operator.
func legacyArgCount(op types.ComparisonOperator) (n int, ok bool) {
	switch op {
	case types.ComparisonOperatorEq, types.ComparisonOperatorNe, types.ComparisonOperatorLe, types.ComparisonOperatorLt,
		types.ComparisonOperatorGe, types.ComparisonOperatorGt, types.ComparisonOperatorContains,
		types.ComparisonOperatorNotContains, types.ComparisonOperatorBeginsWith:
		return 1, true
	case types.ComparisonOperatorNull, types.ComparisonOperatorNotNull:
		return 0, true
	case types.ComparisonOperatorIn:
		return -1, true
	case types.ComparisonOperatorBetween:
		return 2, true
	}
	return 0, false
}

// legacyTypeAllowed reports whether a value of type t may be an operand of op.
func legacyTypeAllowed(op types.ComparisonOperator, t string) bool {
	switch op {
	case types.ComparisonOperatorEq, types.ComparisonOperatorNe:
		return true
	case types.ComparisonOperatorContains, types.ComparisonOperatorNotContains:
		return t == "S" || t == "N" || t == "B" || t == "BOOL" || t == "NULL"
	case types.ComparisonOperatorBeginsWith:
		return t == "S" || t == "B"
	}
	return t == "S" || t == "N" || t == "B" // LE LT GE GT IN BETWEEN
}

func errLegacyNoComparison() error { return validationf("Comparison type does not exist in DynamoDB") }

func legacyValidateValues(args []types.AttributeValue) error {
	for _, v := range args {
		if err := value.Validate(v); err != nil {
			return err
		}
	}
	return nil
}

// legacyCheckOperands checks the values of a known operator: their number, their
// types and, for BETWEEN, their order.
func legacyCheckOperands(op types.ComparisonOperator, args []types.AttributeValue) error {
	n, _ := legacyArgCount(op)
	if (n >= 0 && len(args) != n) || (n < 0 && len(args) == 0) {
		return validationf("One or more parameter values were invalid: Invalid number of argument(s) for the %s ComparisonOperator", op)
	}
	for i, v := range args {
		t := value.TypeName(v)
		if !legacyTypeAllowed(op, t) {
			return validationf("One or more parameter values were invalid: ComparisonOperator %s is not valid for %s AttributeValue type", op, t)
		}
		if i > 0 && t != value.TypeName(args[0]) {
			return validationf("One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type")
		}
	}
	if op == types.ComparisonOperatorBetween {
		if c, _ := value.Compare(args[0], args[1]); c > 0 {
			return validationf("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound")
		}
	}
	return nil
}

// legacyFilterCond validates a condition of ScanFilter, QueryFilter or
// KeyConditions in DynamoDB Local's order.
func legacyFilterCond(attr string, c types.Condition) (legacyCond, error) {
	if _, ok := legacyArgCount(c.ComparisonOperator); !ok {
		return legacyCond{}, errLegacyNoComparison()
	}
	if err := legacyValidateValues(c.AttributeValueList); err != nil {
		return legacyCond{}, err
	}
	if err := legacyCheckOperands(c.ComparisonOperator, c.AttributeValueList); err != nil {
		return legacyCond{}, err
	}
	if attr == "" {
		return legacyCond{}, validationf("Empty attribute name")
	}
	return legacyCond{attr: attr, op: c.ComparisonOperator, args: c.AttributeValueList}, nil
}

// legacyExpectedCond validates an Expected entry in DynamoDB Local's order and
// returns it as a comparison: {Value} is EQ, {Exists: false} is NULL.
func legacyExpectedCond(attr string, e types.ExpectedAttributeValue) (legacyCond, error) {
	invalid := func(format string, args ...any) error {
		return validationf("One or more parameter values were invalid: "+format, args...)
	}
	c := legacyCond{attr: attr, op: e.ComparisonOperator, args: e.AttributeValueList}
	switch {
	case e.ComparisonOperator != "":
		if e.Exists != nil {
			return legacyCond{}, invalid("Exists and ComparisonOperator cannot be used together for Attribute: %s", attr)
		}
		if e.Value != nil && e.AttributeValueList != nil {
			return legacyCond{}, invalid("Value and AttributeValueList cannot be used together for Attribute: %s", attr)
		}
		if e.Value == nil && e.AttributeValueList == nil && e.ComparisonOperator != types.ComparisonOperatorNull && e.ComparisonOperator != types.ComparisonOperatorNotNull {
			return legacyCond{}, invalid("Value or AttributeValueList must be used with ComparisonOperator: %s for Attribute: %s", e.ComparisonOperator, attr)
		}
		if e.Value != nil {
			c.args = []types.AttributeValue{e.Value}
		}
	case e.Value != nil && e.AttributeValueList != nil:
		return legacyCond{}, invalid("Value and AttributeValueList cannot be used together for Attribute: %s", attr)
	case e.AttributeValueList != nil:
		return legacyCond{}, invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: %s", attr)
	case e.Exists == nil || *e.Exists:
		if e.Value == nil {
			exists := "null"
			if e.Exists != nil {
				exists = "true"
			}
			return legacyCond{}, invalid("Value must be provided when Exists is %s for Attribute: %s", exists, attr)
		}
		c.op, c.args = types.ComparisonOperatorEq, []types.AttributeValue{e.Value}
	default:
		if e.Value != nil {
			return legacyCond{}, invalid("Value cannot be used when Exists is false for Attribute: %s", attr)
		}
		c.op, c.args = types.ComparisonOperatorNull, nil
	}
	if err := legacyValidateValues(c.args); err != nil {
		return legacyCond{}, err
	}
	if attr == "" {
		return legacyCond{}, validationf("Empty attribute name")
	}
	if _, ok := legacyArgCount(c.op); !ok {
		return legacyCond{}, errLegacyNoComparison()
	}
	if err := legacyCheckOperands(c.op, c.args); err != nil {
		return legacyCond{}, err
	}
	return c, nil
}

// legacyFilterConds validates a ScanFilter, QueryFilter or KeyConditions map, in
// attribute-name order.
func legacyFilterConds(m map[string]types.Condition) ([]legacyCond, error) {
	out := make([]legacyCond, 0, len(m))
	for _, attr := range legacySorted(m) {
		c, err := legacyFilterCond(attr, m[attr])
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// legacyExpectedConds validates an Expected map, in attribute-name order.
func legacyExpectedConds(m map[string]types.ExpectedAttributeValue) ([]legacyCond, error) {
	out := make([]legacyCond, 0, len(m))
	for _, attr := range legacySorted(m) {
		c, err := legacyExpectedCond(attr, m[attr])
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// legacyCheckConditionalOperator validates ConditionalOperator against the number
// of conditions it joins.
func legacyCheckConditionalOperator(op types.ConditionalOperator, n int) error {
	switch {
	case op == "":
		return nil
	case n == 0:
		return validationf("ConditionalOperator cannot be used without Filter or Expected")
	case n == 1:
		return validationf("ConditionalOperator can only be used when Filter or Expected has two or more elements")
	case op != types.ConditionalOperatorAnd && op != types.ConditionalOperatorOr:
		return errLegacyInternal()
	}
	return nil
}

// legacyPrec is the precedence of a rendered condition, to parenthesize it
// only where needed (DynamoDB rejects doubled parentheses).
type legacyPrec int

const (
	legacyAtom legacyPrec = iota
	legacyAnd
	legacyOr
)

// render writes one comparison as a condition expression.
func (x *legacyExpr) render(c legacyCond) (string, legacyPrec) {
	a := x.name(c.attr)
	one := func() string { return x.value(c.args[0]) }
	switch c.op {
	case types.ComparisonOperatorEq:
		return a + " = " + one(), legacyAtom
	case types.ComparisonOperatorNe:
		return a + " <> " + one(), legacyAtom
	case types.ComparisonOperatorLt:
		return a + " < " + one(), legacyAtom
	case types.ComparisonOperatorLe:
		return a + " <= " + one(), legacyAtom
	case types.ComparisonOperatorGt:
		return a + " > " + one(), legacyAtom
	case types.ComparisonOperatorGe:
		return a + " >= " + one(), legacyAtom
	case types.ComparisonOperatorNotNull:
		return "attribute_exists(" + a + ")", legacyAtom
	case types.ComparisonOperatorNull:
		return "attribute_not_exists(" + a + ")", legacyAtom
	case types.ComparisonOperatorContains:
		return "contains(" + a + ", " + one() + ")", legacyAtom
	case types.ComparisonOperatorNotContains:
		// Legacy NOT_CONTAINS is false for a missing attribute.
		return "attribute_exists(" + a + ") AND NOT contains(" + a + ", " + one() + ")", legacyAnd
	case types.ComparisonOperatorBeginsWith:
		return "begins_with(" + a + ", " + one() + ")", legacyAtom
	case types.ComparisonOperatorBetween:
		lo := x.value(c.args[0])
		return a + " BETWEEN " + lo + " AND " + x.value(c.args[1]), legacyAtom
	}
	// IN, in groups of at most legacyMaxIn values.
	var groups []string
	for chunk := range slices.Chunk(c.args, legacyMaxIn) {
		vs := make([]string, len(chunk))
		for i, v := range chunk {
			vs[i] = x.value(v)
		}
		groups = append(groups, a+" IN ("+strings.Join(vs, ", ")+")")
	}
	if len(groups) == 1 {
		return groups[0], legacyAtom
	}
	return strings.Join(groups, " OR "), legacyOr
}

// join renders comparisons joined by ConditionalOperator (AND by default).
func (x *legacyExpr) join(conds []legacyCond, op types.ConditionalOperator) string {
	sep, prec := " AND ", legacyAnd
	if op == types.ConditionalOperatorOr {
		sep, prec = " OR ", legacyOr
	}
	parts := make([]string, len(conds))
	for i, c := range conds {
		s, p := x.render(c)
		if len(conds) > 1 && p != legacyAtom && p != prec {
			s = "(" + s + ")"
		}
		parts[i] = s
	}
	return strings.Join(parts, sep)
}

// ---- AttributesToGet ----

// legacyCheckAttributesToGet validates an AttributesToGet list; dup builds the
// message for a repeated name, which differs between operations.
func legacyCheckAttributesToGet(attrs []string, dup func(name string) error) error {
	seen := make(map[string]bool, len(attrs))
	for _, a := range attrs {
		if a == "" {
			return validationf("Empty attribute name")
		}
		if seen[a] {
			return dup(a)
		}
		seen[a] = true
	}
	return nil
}

func errLegacySameName(string) error {
	return validationf("Cannot have two attributes with the same name")
}

// projectionOf renders AttributesToGet as a projection expression.
func (x *legacyExpr) projectionOf(attrs []string) *string {
	phs := make([]string, len(attrs))
	for i, a := range attrs {
		phs[i] = x.name(a)
	}
	s := strings.Join(phs, ", ")
	return &s
}

// legacyCheckSelect applies Limit and Select checks that DynamoDB makes
// before it looks at AttributesToGet, then rejects a Select that
// AttributesToGet contradicts.
func legacyCheckSelect(limit *int32, sel types.Select, attrs []string) error {
	if limit != nil && *limit < 1 {
		return validationf("Limit must be greater than or equal to 1")
	}
	switch sel {
	case "", types.SelectAllAttributes, types.SelectAllProjectedAttributes, types.SelectSpecificAttributes, types.SelectCount:
	default:
		return validationf("Select must be ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, COUNT, or SPECIFIC_ATTRIBUTES")
	}
	if len(attrs) == 0 {
		return nil
	}
	switch sel {
	case types.SelectCount:
		return validationf("Cannot specify the AttributesToGet when choosing to get only the Count")
	case types.SelectAllAttributes, types.SelectAllProjectedAttributes:
		return validationf("Cannot specify the AttributesToGet when choosing to get %s", sel)
	}
	return nil
}

// ---- operations ----

// legacyGetItem translates GetItem's AttributesToGet into a
// ProjectionExpression.
func legacyGetItem(in *dynamodb.GetItemInput) (*dynamodb.GetItemInput, error) {
	if in.AttributesToGet == nil {
		return in, nil
	}
	out := *in
	out.AttributesToGet = nil
	if len(in.AttributesToGet) == 0 {
		return &out, nil
	}
	pe := legacyExpression{"ProjectionExpression", in.ProjectionExpression}
	if err := legacyCheckEmptyExpressions([]legacyExpression{pe}); err != nil {
		return nil, err
	}
	if err := legacyCheckMix([]legacyParam{{"AttributesToGet", true}}, []legacyParam{pe.param()}); err != nil {
		return nil, err
	}
	if err := legacyCheckAttributesToGet(in.AttributesToGet, errLegacySameName); err != nil {
		return nil, err
	}
	if err := legacyCheckPlaceholders(in.ExpressionAttributeNames, nil, false, false, ""); err != nil {
		return nil, err
	}
	x := newLegacyExpr(nil, nil)
	out.ProjectionExpression = x.projectionOf(in.AttributesToGet)
	out.ExpressionAttributeNames, _ = x.maps()
	return &out, nil
}

// legacyKeysAndAttributes translates the AttributesToGet of one table of a
// BatchGetItem request into a ProjectionExpression, with the checks that
// concern that table alone; legacyBatchGetItem adds those across tables.
func legacyKeysAndAttributes(ka types.KeysAndAttributes) (types.KeysAndAttributes, error) {
	if ka.AttributesToGet == nil {
		return ka, nil
	}
	out := ka
	out.AttributesToGet = nil
	if len(ka.AttributesToGet) == 0 {
		return out, nil
	}
	pe := legacyExpression{"ProjectionExpression", ka.ProjectionExpression}
	if err := legacyCheckEmptyExpressions([]legacyExpression{pe}); err != nil {
		return types.KeysAndAttributes{}, err
	}
	if err := legacyCheckMix([]legacyParam{{"AttributesToGet", true}}, []legacyParam{pe.param()}); err != nil {
		return types.KeysAndAttributes{}, err
	}
	if err := legacyCheckPlaceholders(ka.ExpressionAttributeNames, nil, false, false, ""); err != nil {
		return types.KeysAndAttributes{}, err
	}
	dup := func(name string) error {
		return validationf("One or more parameter values were invalid: Duplicate value in attribute name: %s", name)
	}
	if err := legacyCheckAttributesToGet(ka.AttributesToGet, dup); err != nil {
		return types.KeysAndAttributes{}, err
	}
	x := newLegacyExpr(nil, nil)
	out.ProjectionExpression = x.projectionOf(ka.AttributesToGet)
	out.ExpressionAttributeNames, _ = x.maps()
	return out, nil
}

// legacyBatchGetItem translates the AttributesToGet of every table of a
// BatchGetItem request (see legacyKeysAndAttributes), with the checks
// DynamoDB makes across tables first: one table's AttributesToGet and
// another's ProjectionExpression are mixed parameters; then every table's
// ExpressionAttributeNames, then each table's keys and AttributesToGet, in
// table-name order. It expects to run after the request-level checks (no
// tables, too many keys), which DynamoDB makes after the mix check only.
func legacyBatchGetItem(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemInput, error) {
	legacy := false
	for _, ka := range in.RequestItems {
		legacy = legacy || ka.AttributesToGet != nil
	}
	if !legacy {
		return in, nil
	}
	names := legacySorted(in.RequestItems)
	withATG, withPE := false, false
	for _, name := range names {
		ka := in.RequestItems[name]
		pe := legacyExpression{"ProjectionExpression", ka.ProjectionExpression}
		if err := legacyCheckEmptyExpressions([]legacyExpression{pe}); err != nil {
			return nil, err
		}
		withATG = withATG || len(ka.AttributesToGet) > 0
		withPE = withPE || ka.ProjectionExpression != nil
	}
	if err := legacyCheckMix([]legacyParam{{"AttributesToGet", withATG}}, []legacyParam{{"ProjectionExpression", withPE}}); err != nil {
		return nil, err
	}
	for _, name := range names {
		ka := in.RequestItems[name]
		if err := legacyCheckPlaceholders(ka.ExpressionAttributeNames, nil, ka.ProjectionExpression != nil, false, ""); err != nil {
			return nil, err
		}
	}
	out := *in
	out.RequestItems = make(map[string]types.KeysAndAttributes, len(in.RequestItems))
	for _, name := range names {
		ka := in.RequestItems[name]
		if len(ka.Keys) == 0 {
			return nil, validationf("The list of keys in RequestItems for BatchGetItem is required: %s has empty list", name)
		}
		tka, err := legacyKeysAndAttributes(ka)
		if err != nil {
			return nil, err
		}
		if tka.ExpressionAttributeNames != nil && len(tka.ExpressionAttributeNames) == 0 {
			tka.ExpressionAttributeNames = nil // ignored in a request with AttributesToGet
		}
		out.RequestItems[name] = tka
	}
	return &out, nil
}

// legacyCondition validates Expected with ConditionalOperator and renders
// them as a condition expression (nil without conditions).
func legacyCondition(x *legacyExpr, expected map[string]types.ExpectedAttributeValue, op types.ConditionalOperator) (*string, error) {
	conds, err := legacyExpectedConds(expected)
	if err != nil {
		return nil, err
	}
	if err := legacyCheckConditionalOperator(op, len(conds)); err != nil {
		return nil, err
	}
	if len(conds) == 0 {
		return nil, nil
	}
	return aws.String(x.join(conds, op)), nil
}

// legacyPutItem translates PutItem's Expected and ConditionalOperator into
// a ConditionExpression.
func legacyPutItem(in *dynamodb.PutItemInput) (*dynamodb.PutItemInput, error) {
	if in.Expected == nil && in.ConditionalOperator == "" {
		return in, nil
	}
	ce := legacyExpression{"ConditionExpression", in.ConditionExpression}
	if err := legacyCheckEmptyExpressions([]legacyExpression{ce}); err != nil {
		return nil, err
	}
	if err := legacyCheckMix([]legacyParam{{"Expected", len(in.Expected) > 0}, {"ConditionalOperator", in.ConditionalOperator != ""}}, []legacyParam{ce.param()}); err != nil {
		return nil, err
	}
	out := *in
	out.Expected, out.ConditionalOperator = nil, ""
	if len(in.Expected) == 0 && in.ConditionalOperator == "" {
		return &out, nil
	}
	if err := legacyCheckPlaceholders(in.ExpressionAttributeNames, in.ExpressionAttributeValues, false, false, ": ConditionExpression is null"); err != nil {
		return nil, err
	}
	x := newLegacyExpr(nil, nil)
	cond, err := legacyCondition(x, in.Expected, in.ConditionalOperator)
	if err != nil {
		return nil, err
	}
	out.ConditionExpression = cond
	out.ExpressionAttributeNames, out.ExpressionAttributeValues = x.maps()
	return &out, nil
}

// legacyDeleteItem translates DeleteItem's Expected and ConditionalOperator
// into a ConditionExpression.
func legacyDeleteItem(in *dynamodb.DeleteItemInput) (*dynamodb.DeleteItemInput, error) {
	if in.Expected == nil && in.ConditionalOperator == "" {
		return in, nil
	}
	ce := legacyExpression{"ConditionExpression", in.ConditionExpression}
	if err := legacyCheckEmptyExpressions([]legacyExpression{ce}); err != nil {
		return nil, err
	}
	if err := legacyCheckMix([]legacyParam{{"Expected", len(in.Expected) > 0}, {"ConditionalOperator", in.ConditionalOperator != ""}}, []legacyParam{ce.param()}); err != nil {
		return nil, err
	}
	out := *in
	out.Expected, out.ConditionalOperator = nil, ""
	if len(in.Expected) == 0 && in.ConditionalOperator == "" {
		return &out, nil
	}
	x := newLegacyExpr(nil, nil)
	cond, err := legacyCondition(x, in.Expected, in.ConditionalOperator)
	if err != nil {
		return nil, err
	}
	if err := legacyCheckPlaceholders(in.ExpressionAttributeNames, in.ExpressionAttributeValues, false, false, ": ConditionExpression is null"); err != nil {
		return nil, err
	}
	out.ConditionExpression = cond
	out.ExpressionAttributeNames, out.ExpressionAttributeValues = x.maps()
	return &out, nil
}

// legacyUpdateTypeName names a value's type as legacy update messages do.
func legacyUpdateTypeName(av types.AttributeValue) string {
	switch value.TypeName(av) {
	case "S":
		return "STRING"
	case "N":
		return "NUMBER"
	case "B":
		return "BINARY"
	case "BOOL":
		return "BOOLEAN"
	case "NULL":
		return "NULL"
	case "M":
		return "MAP"
	case "L":
		return "LIST"
	case "SS":
		return "STRING_SET"
	case "NS":
		return "NUMBER_SET"
	case "BS":
		return "BINARY_SET"
	}
	return ""
}

// legacyCheckAttributeUpdate validates one AttributeUpdates entry in DynamoDB
// Local's order.
func legacyCheckAttributeUpdate(attr string, u types.AttributeValueUpdate) error {
	invalid := func(format string, args ...any) error {
		return validationf("One or more parameter values were invalid: "+format, args...)
	}
	if attr == "" {
		return validationf("Empty attribute name")
	}
	switch u.Action {
	case "", types.AttributeActionPut, types.AttributeActionAdd, types.AttributeActionDelete:
	default:
		return validationf("Member must satisfy enum value set: [ADD, DELETE, PUT]")
	}
	if u.Value == nil {
		if u.Action != types.AttributeActionDelete {
			return invalid("Only DELETE action is allowed when no attribute value is specified")
		}
		return nil
	}
	if err := value.Validate(u.Value); err != nil {
		return err
	}
	switch t := value.TypeName(u.Value); u.Action {
	case types.AttributeActionAdd:
		if t != "N" && t != "SS" && t != "NS" && t != "BS" && t != "L" {
			return invalid("ADD action is not supported for the type %s", legacyUpdateTypeName(u.Value))
		}
	case types.AttributeActionDelete:
		if t != "SS" && t != "NS" && t != "BS" {
			return invalid("DELETE action with value is not supported for the type %s", legacyUpdateTypeName(u.Value))
		}
	}
	return nil
}

// legacyUpdateExpression validates AttributeUpdates and renders them as an
// update expression (nil when nothing is to change): PUT is SET, DELETE
// without a value REMOVE, DELETE with a set value DELETE, ADD of a number or
// set ADD and ADD of a list an append (SET with list_append). An entry
// without Action changes nothing, as in DynamoDB Local.
func legacyUpdateExpression(x *legacyExpr, updates map[string]types.AttributeValueUpdate) (*string, error) {
	attrs := legacySorted(updates)
	for _, a := range attrs {
		if err := legacyCheckAttributeUpdate(a, updates[a]); err != nil {
			return nil, err
		}
	}
	var set, remove, add, del []string
	for _, a := range attrs {
		u := updates[a]
		switch u.Action {
		case types.AttributeActionPut:
			set = append(set, x.name(a)+" = "+x.value(u.Value))
		case types.AttributeActionDelete:
			if u.Value == nil {
				remove = append(remove, x.name(a))
			} else {
				del = append(del, x.name(a)+" "+x.value(u.Value))
			}
		case types.AttributeActionAdd:
			if _, ok := u.Value.(*types.AttributeValueMemberL); ok {
				ph := x.name(a)
				set = append(set, ph+" = list_append(if_not_exists("+ph+", "+x.emptyList()+"), "+x.value(u.Value)+")")
			} else {
				add = append(add, x.name(a)+" "+x.value(u.Value))
			}
		}
	}
	var clauses []string
	for _, c := range []struct {
		kw   string
		acts []string
	}{{"SET", set}, {"REMOVE", remove}, {"ADD", add}, {"DELETE", del}} {
		if len(c.acts) > 0 {
			clauses = append(clauses, c.kw+" "+strings.Join(c.acts, ", "))
		}
	}
	if len(clauses) == 0 {
		return nil, nil
	}
	return aws.String(strings.Join(clauses, " ")), nil
}

// legacyUpdateItem translates UpdateItem's AttributeUpdates into an
// UpdateExpression and its Expected and ConditionalOperator into a
// ConditionExpression. Errors that the update engine raises while applying
// a translated update should go through legacyUpdateError.
func legacyUpdateItem(in *dynamodb.UpdateItemInput) (*dynamodb.UpdateItemInput, error) {
	if in.AttributeUpdates == nil && in.Expected == nil && in.ConditionalOperator == "" {
		return in, nil
	}
	ue := legacyExpression{"UpdateExpression", in.UpdateExpression}
	ce := legacyExpression{"ConditionExpression", in.ConditionExpression}
	if err := legacyCheckEmptyExpressions([]legacyExpression{ue, ce}); err != nil {
		return nil, err
	}
	legacy := []legacyParam{{"AttributeUpdates", len(in.AttributeUpdates) > 0}, {"Expected", len(in.Expected) > 0}, {"ConditionalOperator", in.ConditionalOperator != ""}}
	if err := legacyCheckMix(legacy, []legacyParam{ue.param(), ce.param()}); err != nil {
		return nil, err
	}
	out := *in
	out.AttributeUpdates, out.Expected, out.ConditionalOperator = nil, nil, ""
	if len(in.AttributeUpdates) == 0 && len(in.Expected) == 0 && in.ConditionalOperator == "" {
		return &out, nil
	}
	x := newLegacyExpr(nil, nil)
	cond, err := legacyCondition(x, in.Expected, in.ConditionalOperator)
	if err != nil {
		return nil, err
	}
	if err := legacyCheckPlaceholders(in.ExpressionAttributeNames, in.ExpressionAttributeValues, false, false, ": UpdateExpression and ConditionExpression are null"); err != nil {
		return nil, err
	}
	upd, err := legacyUpdateExpression(x, in.AttributeUpdates)
	if err != nil {
		return nil, err
	}
	out.UpdateExpression, out.ConditionExpression = upd, cond
	out.ExpressionAttributeNames, out.ExpressionAttributeValues = x.maps()
	return &out, nil
}

// legacyUpdateError turns an error of the update engine, applying an update
// that legacyUpdateItem translated, into DynamoDB's error for the legacy
// request: an ADD or DELETE whose value does not fit the attribute's type is
// "Type mismatch for attribute to update" rather than the expression's
// "incorrect data type".
func legacyUpdateError(err error) error {
	if err != nil && value.Message(err) == "An operand in the update expression has an incorrect data type" {
		return validationf("Type mismatch for attribute to update")
	}
	return err
}

// legacyScan translates Scan's ScanFilter and ConditionalOperator into a
// FilterExpression and its AttributesToGet into a ProjectionExpression.
func legacyScan(in *dynamodb.ScanInput) (*dynamodb.ScanInput, error) {
	if in.ScanFilter == nil && in.AttributesToGet == nil && in.ConditionalOperator == "" {
		return in, nil
	}
	pe := legacyExpression{"ProjectionExpression", in.ProjectionExpression}
	fe := legacyExpression{"FilterExpression", in.FilterExpression}
	if err := legacyCheckEmptyExpressions([]legacyExpression{pe, fe}); err != nil {
		return nil, err
	}
	legacy := []legacyParam{{"AttributesToGet", len(in.AttributesToGet) > 0}, {"ScanFilter", len(in.ScanFilter) > 0}, {"ConditionalOperator", in.ConditionalOperator != ""}}
	if err := legacyCheckMix(legacy, []legacyParam{pe.param(), fe.param()}); err != nil {
		return nil, err
	}
	out := *in
	out.ScanFilter, out.AttributesToGet, out.ConditionalOperator = nil, nil, ""
	if len(in.ScanFilter) == 0 && len(in.AttributesToGet) == 0 && in.ConditionalOperator == "" {
		return &out, nil
	}
	if err := legacyCheckPlaceholders(in.ExpressionAttributeNames, in.ExpressionAttributeValues, false, false, ": FilterExpression is null"); err != nil {
		return nil, err
	}
	conds, err := legacyFilterConds(in.ScanFilter)
	if err != nil {
		return nil, err
	}
	if err := legacyCheckConditionalOperator(in.ConditionalOperator, len(conds)); err != nil {
		return nil, err
	}
	if err := legacyCheckSelect(in.Limit, in.Select, in.AttributesToGet); err != nil {
		return nil, err
	}
	if err := legacyCheckAttributesToGet(in.AttributesToGet, errLegacySameName); err != nil {
		return nil, err
	}
	x := newLegacyExpr(nil, nil)
	if len(conds) > 0 {
		out.FilterExpression = aws.String(x.join(conds, in.ConditionalOperator))
	}
	if len(in.AttributesToGet) > 0 {
		out.ProjectionExpression = x.projectionOf(in.AttributesToGet)
	}
	out.ExpressionAttributeNames, out.ExpressionAttributeValues = x.maps()
	return &out, nil
}

// legacyQuery translates Query's KeyConditions into a
// KeyConditionExpression, its QueryFilter and ConditionalOperator into a
// FilterExpression and its AttributesToGet into a ProjectionExpression.
// KeyConditions may come with a FilterExpression or ProjectionExpression
// (DynamoDB allows that mix); the generated placeholders then join the
// request's own.
//
// The checks that need the key schema of the table or index read are left
// to legacyQueryKeys, which the caller runs on the original input once it
// knows the schema.
func legacyQuery(in *dynamodb.QueryInput) (*dynamodb.QueryInput, error) {
	if in.KeyConditions == nil && in.QueryFilter == nil && in.AttributesToGet == nil && in.ConditionalOperator == "" {
		return in, nil
	}
	pe := legacyExpression{"ProjectionExpression", in.ProjectionExpression}
	fe := legacyExpression{"FilterExpression", in.FilterExpression}
	kce := legacyExpression{"KeyConditionExpression", in.KeyConditionExpression}
	if err := legacyCheckEmptyExpressions([]legacyExpression{pe, fe, kce}); err != nil {
		return nil, err
	}
	// KeyConditions conflicts only with KeyConditionExpression.
	withKCE := in.KeyConditionExpression != nil
	legacy := []legacyParam{{"AttributesToGet", len(in.AttributesToGet) > 0}, {"QueryFilter", len(in.QueryFilter) > 0},
		{"ConditionalOperator", in.ConditionalOperator != ""}, {"KeyConditions", withKCE && len(in.KeyConditions) > 0}}
	if err := legacyCheckMix(legacy, []legacyParam{pe.param(), fe.param(), kce.param()}); err != nil {
		return nil, err
	}
	out := *in
	out.QueryFilter, out.AttributesToGet, out.ConditionalOperator = nil, nil, ""
	if withKCE {
		out.KeyConditions = nil // empty: ignored next to KeyConditionExpression
	}
	if withKCE && len(in.QueryFilter) == 0 && len(in.AttributesToGet) == 0 && in.ConditionalOperator == "" {
		return &out, nil
	}
	hasFilter := in.FilterExpression != nil
	if err := legacyCheckPlaceholders(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		hasFilter || in.ProjectionExpression != nil, hasFilter, ": FilterExpression and KeyConditionExpression are null"); err != nil {
		return nil, err
	}
	var keyConds []legacyCond
	if !withKCE {
		var err error
		if keyConds, err = legacyFilterConds(in.KeyConditions); err != nil {
			return nil, err
		}
		switch {
		case in.KeyConditions == nil:
			return nil, validationf("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
		case len(keyConds) == 0:
			return nil, validationf("Conditions must be at least length 1")
		case len(keyConds) > 2:
			return nil, validationf("Conditions can be of length 1 or 2 only")
		}
	}
	conds, err := legacyFilterConds(in.QueryFilter)
	if err != nil {
		return nil, err
	}
	if err := legacyCheckConditionalOperator(in.ConditionalOperator, len(conds)); err != nil {
		return nil, err
	}
	if err := legacyCheckSelect(in.Limit, in.Select, in.AttributesToGet); err != nil {
		return nil, err
	}
	if err := legacyCheckAttributesToGet(in.AttributesToGet, errLegacySameName); err != nil {
		return nil, err
	}
	x := newLegacyExpr(in.ExpressionAttributeNames, in.ExpressionAttributeValues, in.FilterExpression, in.ProjectionExpression, in.KeyConditionExpression)
	if len(keyConds) > 0 {
		out.KeyConditions = nil
		out.KeyConditionExpression = aws.String(x.join(keyConds, types.ConditionalOperatorAnd))
	}
	if len(conds) > 0 {
		out.FilterExpression = aws.String(x.join(conds, in.ConditionalOperator))
	}
	if len(in.AttributesToGet) > 0 {
		out.ProjectionExpression = x.projectionOf(in.AttributesToGet)
	}
	out.ExpressionAttributeNames, out.ExpressionAttributeValues = x.maps()
	return &out, nil
}

// legacyQueryKeys makes the checks of a Query's KeyConditions and
// QueryFilter that need the key schema of the table or index read (keys),
// with DynamoDB Local's messages and order. in is the request as received,
// before legacyQuery; the caller runs it once the table and index are known
// and before parsing the translated KeyConditionExpression. It assumes
// legacyQuery accepted the request.
func legacyQueryKeys(in *dynamodb.QueryInput, keys keySchema) error {
	if in.KeyConditionExpression == nil && len(in.KeyConditions) > 0 {
		if err := legacyCheckKeyConditions(in.KeyConditions, keys); err != nil {
			return err
		}
	}
	for _, attr := range legacySorted(in.QueryFilter) {
		if keys.isKey(attr) {
			return validationf("QueryFilter can only contain non-primary key attributes: Primary key attribute: %s", attr)
		}
	}
	return nil
}

// legacyCheckKeyConditions checks KeyConditions against a key schema: a condition
// on the hash key with EQ and, optionally, one on the range key with EQ,
// LE, LT, GE, GT, BEGINS_WITH or BETWEEN, with values of the keys' types.
func legacyCheckKeyConditions(kc map[string]types.Condition, keys keySchema) error {
	missed := validationf("Query condition missed key schema element")
	values := func(args []types.AttributeValue, name string, typ types.ScalarAttributeType) error {
		for _, v := range args {
			if value.TypeName(v) != string(typ) {
				return validationf("One or more parameter values were invalid: Condition parameter type does not match schema type")
			}
		}
		for _, v := range args {
			if err := emptyKey(v, name); err != nil {
				return err
			}
		}
		return nil
	}
	h, ok := kc[keys.hash]
	if !ok {
		return missed
	}
	switch h.ComparisonOperator {
	case types.ComparisonOperatorEq:
	case types.ComparisonOperatorNull, types.ComparisonOperatorNotNull:
		return validationf("Only scalar types can be used as Hash Key values")
	default:
		return validationf("Query key condition not supported")
	}
	if err := values(h.AttributeValueList, keys.hash, keys.hashType); err != nil {
		return err
	}
	if len(kc) == 1 {
		return nil
	}
	if keys.rng == "" {
		return validationf("Query key condition not supported")
	}
	r, ok := kc[keys.rng]
	if !ok {
		return missed
	}
	switch r.ComparisonOperator {
	case types.ComparisonOperatorNull, types.ComparisonOperatorNotNull:
		return validationf("Only scalar types can be used as Range Key values")
	case types.ComparisonOperatorContains, types.ComparisonOperatorNotContains, types.ComparisonOperatorIn:
		return validationf("Attempted conditional constraint is not an indexable operation")
	case types.ComparisonOperatorNe:
		return errLegacyInternal()
	}
	return values(r.AttributeValueList, keys.rng, keys.rngType)
}
