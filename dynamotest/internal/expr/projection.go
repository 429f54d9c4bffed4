package expr

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// Projection is a validated ProjectionExpression.
type Projection struct {
	// Paths are the projected paths in written order; no two overlap.
	Paths []Path
}

// Projection parses and validates a projection expression.
func (c *Context) Projection(src string) (*Projection, error) {
	const kind = ProjectionExpression
	if c.err != nil {
		return nil, c.err
	}
	if err := checkSource(kind, src); err != nil {
		return nil, err
	}
	p := newParser(kind, src)
	ops := p.parseProjectionExpr()
	if p.err != nil {
		return nil, p.err
	}
	k := &checker{ctx: c, kind: kind}
	for _, o := range ops {
		if err := k.walkPath(o); err != nil {
			return nil, err
		}
	}
	var trie pathTrie
	for i := len(ops) - 1; i >= 0; i-- {
		if err := k.resolvePath(ops[i]); err != nil {
			return nil, err
		}
		if err := trie.insert(kind, ops[i].path); err != nil {
			return nil, err
		}
	}
	paths := make([]Path, len(ops))
	for i, o := range ops {
		paths[i] = o.path
	}
	return &Projection{Paths: paths}, nil
}

// Project returns a deep copy of the parts of item that paths select, as
// DynamoDB returns them: nested paths keep their enclosing maps and lists,
// list elements keep their original order but not their positions
// (projecting l[3] of a list yields a one-element list), and paths that
// select nothing are left out. The result is nil when nothing is selected
// from a nil item, and an empty item otherwise.
func Project(item value.Item, paths []Path) value.Item {
	if item == nil {
		return nil
	}
	root := &pnode{}
	for _, p := range paths {
		v := Lookup(item, p)
		if v == nil {
			continue
		}
		n := root
		for _, e := range p {
			if n.val != nil {
				break // an enclosing path is already projected whole
			}
			n = n.child(e)
		}
		if n.val == nil {
			n.val = v
		}
	}
	out := make(value.Item, len(root.fields))
	for k, n := range root.fields {
		out[k] = n.build()
	}
	return out
}

// pnode is a node of the projected tree: a whole value, or the selected
// parts of a map (fields) or list (elems, by original index).
type pnode struct {
	val    types.AttributeValue
	fields map[string]*pnode
	elems  map[int]*pnode
}

func (n *pnode) child(e PathElem) *pnode {
	if e.IsIndex {
		if n.elems == nil {
			n.elems = make(map[int]*pnode)
		}
		c := n.elems[e.Index]
		if c == nil {
			c = &pnode{}
			n.elems[e.Index] = c
		}
		return c
	}
	if n.fields == nil {
		n.fields = make(map[string]*pnode)
	}
	c := n.fields[e.Name]
	if c == nil {
		c = &pnode{}
		n.fields[e.Name] = c
	}
	return c
}

func (n *pnode) build() types.AttributeValue {
	if n.val != nil {
		return value.Clone(n.val)
	}
	if n.elems != nil {
		idx := make([]int, 0, len(n.elems))
		for i := range n.elems {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		l := make([]types.AttributeValue, len(idx))
		for j, i := range idx {
			l[j] = n.elems[i].build()
		}
		return &types.AttributeValueMemberL{Value: l}
	}
	m := make(value.Item, len(n.fields))
	for k, c := range n.fields {
		m[k] = c.build()
	}
	return &types.AttributeValueMemberM{Value: m}
}
