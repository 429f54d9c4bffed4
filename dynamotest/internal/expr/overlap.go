package expr

import (
	"cmp"
	"slices"
)

// pathTrie detects document paths that overlap (one is a prefix of the
// other, or they are equal) or conflict (one steps into an element as a
// list and the other as a map), as DynamoDB forbids in update and
// projection expressions.
//
// DynamoDB inserts the paths last to first and reports the path being
// inserted as "path one". For "path two" it prints the greatest path
// already inserted under the parent of the node where the clash shows; with
// two paths that is simply the other one. (With three or more, DynamoDB
// orders names by its internal hashing, which this port approximates by
// the names' order.)
type pathTrie struct {
	root  trieNode
	paths []Path
}

type trieNode struct {
	children map[PathElem]*trieNode
	indexed  bool // the children are list indexes
	terminal bool // an inserted path ends here
}

// insert adds p, or returns the ValidationException for the first clash.
func (t *pathTrie) insert(kind Kind, p Path) error {
	node := &t.root
	for i, e := range p {
		if i > 0 && node.terminal {
			return t.clash(kind, false, p, p[:i-1])
		}
		if len(node.children) > 0 && node.indexed != e.IsIndex {
			return t.clash(kind, true, p, p[:i])
		}
		child := node.children[e]
		if child == nil {
			if node.children == nil {
				node.children = make(map[PathElem]*trieNode, 1)
			}
			child = &trieNode{}
			node.children[e] = child
			node.indexed = e.IsIndex
		}
		node = child
	}
	if node.terminal || len(node.children) > 0 {
		return t.clash(kind, false, p, p[:len(p)-1])
	}
	node.terminal = true
	t.paths = append(t.paths, p)
	return nil
}

func (t *pathTrie) clash(kind Kind, conflict bool, p, under Path) error {
	var two Path
	for _, q := range t.paths {
		if len(q) >= len(under) && q[:len(under)].Equal(under) && (two == nil || comparePaths(q, two) > 0) {
			two = q
		}
	}
	if two == nil {
		two = p
	}
	if conflict {
		return invalid(kind, "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: %s, path two: %s", p.messageString(), two.messageString())
	}
	return invalid(kind, "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: %s, path two: %s", p.messageString(), two.messageString())
}

// comparePaths orders paths element by element; a prefix comes first.
func comparePaths(a, b Path) int {
	return slices.CompareFunc(a, b, func(x, y PathElem) int {
		if x.IsIndex != y.IsIndex {
			if x.IsIndex {
				return -1
			}
			return 1
		}
		if x.IsIndex {
			return cmp.Compare(x.Index, y.Index)
		}
		return cmp.Compare(x.Name, y.Name)
	})
}
