package expr

import (
	"bytes"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// Messages of errors found while applying an update to an item. DynamoDB
// returns them without the "Invalid UpdateExpression: " prefix.
const (
	msgMissingAttr = "The provided expression refers to an attribute that does not exist in the item"
	msgBadOperand  = "An operand in the update expression has an incorrect data type"
	msgBadPath     = "The document path provided in the update expression is invalid for update"
)

// Update is a validated UpdateExpression.
type Update struct {
	actions    []*action // in written order
	writeOrder []int     // indexes of the SET, ADD and DELETE actions, by path
}

// Update parses and validates an update expression.
func (c *Context) Update(src string) (*Update, error) {
	const kind = UpdateExpression
	if c.err != nil {
		return nil, c.err
	}
	if err := checkSource(kind, src); err != nil {
		return nil, err
	}
	p := newParser(kind, src)
	actions, repeated, hasRepeat := p.parseUpdateExpr()
	if p.err != nil {
		return nil, p.err
	}
	k := &checker{ctx: c, kind: kind}
	for _, a := range actions {
		if !operandParensOK(a.target) || a.val != nil && !operandParensOK(a.val) {
			return nil, k.redundantParens()
		}
	}
	for _, a := range actions {
		if err := k.walkPath(a.target); err != nil {
			return nil, err
		}
		if a.kind == aSet {
			if err := k.walkOperand(a.val, placeSetTop); err != nil {
				return nil, err
			}
		}
	}
	if hasRepeat {
		return nil, invalid(kind, "The \"%s\" section can only be used once in an update expression;", repeated.keyword())
	}
	var trie pathTrie
	for i := len(actions) - 1; i >= 0; i-- {
		t := actions[i].target
		if err := k.resolvePath(t); err != nil {
			return nil, err
		}
		if err := trie.insert(kind, t.path); err != nil {
			return nil, err
		}
	}
	n := 0
	for _, a := range actions {
		if a.kind == aSet {
			n += operandOperators(a.val)
		}
	}
	if n > maxOperators {
		return nil, k.tooManyOperators(n)
	}
	for i := len(actions) - 1; i >= 0; i-- {
		if err := k.checkAction(actions[i]); err != nil {
			return nil, err
		}
	}
	u := &Update{actions: actions}
	for i, a := range actions {
		if a.kind != aRemove {
			u.writeOrder = append(u.writeOrder, i)
		}
	}
	slices.SortFunc(u.writeOrder, func(i, j int) int {
		return comparePaths(actions[i].target.path, actions[j].target.path)
	})
	return u, nil
}

// checkAction resolves the value side of an action and checks its types.
func (k *checker) checkAction(a *action) error {
	switch a.kind {
	case aSet:
		return k.checkOperand(a.val)
	case aAdd, aDelete:
		if err := k.checkOperand(a.val); err != nil {
			return err
		}
		t := value.TypeName(a.val.val)
		switch {
		case a.kind == aAdd && (t == "N" || t == "SS" || t == "NS" || t == "BS"):
		case a.kind == aDelete && (t == "SS" || t == "NS" || t == "BS"):
		default:
			return invalid(k.kind, "Incorrect operand type for operator or function; operator: %s, operand type: %s, typeSet: ALLOWED_FOR_%s_OPERAND", a.kind.keyword(), longTypeName(t), a.kind.keyword())
		}
	}
	return nil
}

// longTypeName spells a type as DynamoDB does in ADD and DELETE messages.
func longTypeName(t string) string {
	switch t {
	case "S":
		return "STRING"
	case "N":
		return "NUMBER"
	case "B":
		return "BINARY"
	case "BOOL":
		return "BOOLEAN"
	case "L":
		return "LIST"
	case "M":
		return "MAP"
	case "SS":
		return "STRING_SET"
	case "NS":
		return "NUMBER_SET"
	case "BS":
		return "BINARY_SET"
	}
	return t
}

// Paths returns the paths the update sets, removes, adds to or deletes
// from, in written order. The caller owns the result.
func (u *Update) Paths() []Path {
	out := make([]Path, len(u.actions))
	for i, a := range u.actions {
		out[i] = slices.Clone(a.target.path)
	}
	return out
}

// Apply returns a new item: item with the update applied. Neither item nor
// any value it or the expression holds is modified, and the result shares
// no mutable state with them. A nil item stands for a missing one; the
// caller adds the key attributes before applying an update to it.
//
// As DynamoDB does, every operand is read from item as it was before the
// update. Each action first checks that its path can be written (its
// parent exists and is a map or a list as the path requires), then
// computes its value; then the changes are written: removals first, then
// the other actions in path order. A REMOVE of a list element refers to its
// index before the update; SET of an index past a list's end appends, lower
// indexes first.
//
// When several actions fail, DynamoDB reports one of them in an order that
// depends on its internal hashing (and varies between runs of DynamoDB
// Local); Apply checks the actions from the last written to the first.
func (u *Update) Apply(item value.Item) (value.Item, error) {
	out := value.CloneItem(item)
	if out == nil {
		out = value.Item{}
	}
	w := writer{item: out}
	results := make([]types.AttributeValue, len(u.actions))
	for i := len(u.actions) - 1; i >= 0; i-- {
		a := u.actions[i]
		if !w.reachable(a.target.path) {
			return nil, value.Validation(msgBadPath)
		}
		var err error
		switch a.kind {
		case aSet:
			results[i], err = evalUpdate(a.val, item)
		case aAdd, aDelete:
			results[i], err = combine(a, Lookup(item, a.target.path))
		}
		if err != nil {
			return nil, err
		}
	}
	for _, a := range u.actions {
		if a.kind == aRemove {
			w.remove(a.target.path)
		}
	}
	for _, i := range u.writeOrder {
		a, v := u.actions[i], results[i]
		switch {
		case v == nil: // DELETE from a missing attribute
		case v == emptied:
			w.remove(a.target.path)
		default:
			w.set(a.target.path, value.Clone(v))
		}
	}
	w.compact()
	return out, nil
}

// evalUpdate computes a SET value.
func evalUpdate(o *operand, item value.Item) (types.AttributeValue, error) {
	switch o.kind {
	case oPath:
		v := Lookup(item, o.path)
		if v == nil {
			return nil, value.Validation(msgMissingAttr)
		}
		return v, nil
	case oValue:
		return o.val, nil
	case oArith:
		// Each operand is read and type-checked before the next one.
		x, err := evalTyped[*types.AttributeValueMemberN](o.args[0], item)
		if err != nil {
			return nil, err
		}
		y, err := evalTyped[*types.AttributeValueMemberN](o.args[1], item)
		if err != nil {
			return nil, err
		}
		var s string
		if o.minus {
			s, err = value.Sub(x.Value, y.Value)
		} else {
			s, err = value.Add(x.Value, y.Value)
		}
		if err != nil {
			return nil, err
		}
		return &types.AttributeValueMemberN{Value: s}, nil
	}
	switch o.fn {
	case fnIfNotExists:
		if v := Lookup(item, o.args[0].path); v != nil {
			return v, nil
		}
		return evalUpdate(o.args[1], item)
	case fnListAppend:
		x, err := evalTyped[*types.AttributeValueMemberL](o.args[0], item)
		if err != nil {
			return nil, err
		}
		y, err := evalTyped[*types.AttributeValueMemberL](o.args[1], item)
		if err != nil {
			return nil, err
		}
		l := make([]types.AttributeValue, 0, len(x.Value)+len(y.Value))
		return &types.AttributeValueMemberL{Value: append(append(l, x.Value...), y.Value...)}, nil
	}
	return nil, value.Validation(msgBadOperand)
}

// evalTyped computes an operand that must have type T.
func evalTyped[T types.AttributeValue](o *operand, item value.Item) (T, error) {
	var zero T
	v, err := evalUpdate(o, item)
	if err != nil {
		return zero, err
	}
	x, ok := v.(T)
	if !ok {
		return zero, value.Validation(msgBadOperand)
	}
	return x, nil
}

// emptied marks a DELETE that removed every member of a set: the
// attribute disappears.
var emptied types.AttributeValue = &types.AttributeValueMemberNULL{Value: true}

// combine computes the value an ADD or DELETE action writes, from the
// current value (nil when missing). DELETE from a missing attribute yields
// nil.
func combine(a *action, cur types.AttributeValue) (types.AttributeValue, error) {
	v := a.val.val
	if cur == nil {
		if a.kind == aDelete {
			return nil, nil
		}
		return v, nil
	}
	bad := value.Validation(msgBadOperand)
	switch x := v.(type) {
	case *types.AttributeValueMemberN:
		y, ok := cur.(*types.AttributeValueMemberN)
		if !ok {
			return nil, bad
		}
		s, err := value.Add(y.Value, x.Value)
		if err != nil {
			return nil, err
		}
		return &types.AttributeValueMemberN{Value: s}, nil
	case *types.AttributeValueMemberSS:
		y, ok := cur.(*types.AttributeValueMemberSS)
		if !ok {
			return nil, bad
		}
		return setResult(a.kind, y.Value, x.Value, strings.Compare, func(s []string) types.AttributeValue {
			return &types.AttributeValueMemberSS{Value: s}
		}), nil
	case *types.AttributeValueMemberNS:
		y, ok := cur.(*types.AttributeValueMemberNS)
		if !ok {
			return nil, bad
		}
		return setResult(a.kind, y.Value, x.Value, value.CompareNumbers, func(s []string) types.AttributeValue {
			return &types.AttributeValueMemberNS{Value: s}
		}), nil
	case *types.AttributeValueMemberBS:
		y, ok := cur.(*types.AttributeValueMemberBS)
		if !ok {
			return nil, bad
		}
		return setResult(a.kind, y.Value, x.Value, bytes.Compare, func(s [][]byte) types.AttributeValue {
			return &types.AttributeValueMemberBS{Value: s}
		}), nil
	}
	return nil, bad
}

// setResult adds (union) or deletes (difference) members; the result is
// sorted like a canonical set, and emptied when DELETE leaves nothing.
func setResult[E any](kind actionKind, cur, arg []E, compare func(E, E) int, build func([]E) types.AttributeValue) types.AttributeValue {
	has := func(s []E, e E) bool {
		return slices.ContainsFunc(s, func(x E) bool { return compare(x, e) == 0 })
	}
	var out []E
	if kind == aAdd {
		out = slices.Clone(cur)
		for _, e := range arg {
			if !has(out, e) {
				out = append(out, e)
			}
		}
	} else {
		for _, e := range cur {
			if !has(arg, e) {
				out = append(out, e)
			}
		}
		if len(out) == 0 {
			return emptied
		}
	}
	slices.SortFunc(out, compare)
	return build(out)
}

// writer applies changes to a fresh copy of an item. Removed list elements
// are first replaced by a marker, so that later indexes keep referring to
// the list as it was; compact drops the markers at the end.
type writer struct {
	item    value.Item
	touched []*types.AttributeValueMemberL
}

var removedElem types.AttributeValue = &types.AttributeValueMemberNULL{Value: true}

// parent walks to the container holding the last element of p.
func (w *writer) parent(p Path) (types.AttributeValue, bool) {
	cur := w.item[p[0].Name]
	for _, e := range p[1 : len(p)-1] {
		cur = step(cur, e)
		if cur == nil || cur == removedElem {
			return nil, false
		}
	}
	return cur, cur != nil && cur != removedElem
}

// set writes v at p, whose parent was found reachable.
func (w *writer) set(p Path, v types.AttributeValue) {
	if len(p) == 1 {
		w.item[p[0].Name] = v
		return
	}
	par, _ := w.parent(p)
	last := p[len(p)-1]
	switch x := par.(type) {
	case *types.AttributeValueMemberM:
		if x.Value == nil {
			x.Value = value.Item{}
		}
		x.Value[last.Name] = v
	case *types.AttributeValueMemberL:
		if last.Index < len(x.Value) {
			x.Value[last.Index] = v
		} else {
			x.Value = append(x.Value, v)
		}
	}
}

// reachable reports whether p can be written or removed: its parent exists
// and is a map (for a name) or a list (for an index).
func (w *writer) reachable(p Path) bool {
	if len(p) == 1 {
		return true
	}
	par, ok := w.parent(p)
	if !ok {
		return false
	}
	switch par.(type) {
	case *types.AttributeValueMemberM:
		return !p[len(p)-1].IsIndex
	case *types.AttributeValueMemberL:
		return p[len(p)-1].IsIndex
	}
	return false
}

// remove deletes the value at p, whose parent was found reachable; a list
// element is only marked, so that other indexes keep their meaning.
func (w *writer) remove(p Path) {
	if len(p) == 1 {
		delete(w.item, p[0].Name)
		return
	}
	par, _ := w.parent(p)
	last := p[len(p)-1]
	switch x := par.(type) {
	case *types.AttributeValueMemberM:
		delete(x.Value, last.Name)
	case *types.AttributeValueMemberL:
		if last.Index < len(x.Value) {
			x.Value[last.Index] = removedElem
			w.touched = append(w.touched, x)
		}
	}
}

func (w *writer) compact() {
	for _, l := range w.touched {
		l.Value = slices.DeleteFunc(l.Value, func(v types.AttributeValue) bool { return v == removedElem })
	}
}
