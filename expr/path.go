package expr

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MaxPathDepth is the number of levels DynamoDB allows in a document path:
// the attribute name, every map key and every list index count as one.
const MaxPathDepth = 32

// MaxListIndex is the largest list index DynamoDB accepts in a path.
const MaxListIndex = math.MaxInt32

// Path is a document path: a top-level attribute name followed by any number
// of map keys and list indexes, as in a.b[2]. Paths are immutable values:
// Key and Index return a new Path and never change the receiver, so one Path
// can be the common prefix of many others.
//
// Every name and key reaches DynamoDB through an expression attribute name
// placeholder, so any non-empty string is a valid name, reserved words and
// names holding dots or brackets included.
//
// The zero Path has no attribute name and is invalid. A mistake (an empty
// name, a negative index, too many levels) is kept in the Path, reported by
// Err and returned when an expression using the path is rendered.
type Path struct {
	elems []pathElem
	err   *Error // a pointer rather than an error: paths are in every node, the smaller the better
}

// pathElem is one level of a path: a name (the attribute name or a map key)
// or a list index.
type pathElem struct {
	name    string
	index   int
	isIndex bool
}

// Name returns the path of the top-level attribute name.
func Name(name string) Path {
	if name == "" {
		return Path{err: newError(ErrInvalidPath, "empty attribute name")}
	}
	return Path{elems: []pathElem{{name: name}}}
}

// Key returns the path of the map key k inside the map at p: p.k.
func (p Path) Key(k string) Path {
	if p.err != nil {
		return p
	}
	switch {
	case len(p.elems) == 0:
		return Path{err: newError(ErrInvalidPath, fmt.Sprintf("map key %q on a path without attribute name", k))}
	case k == "":
		return Path{err: newError(ErrInvalidPath, "empty map key after "+p.String())}
	}
	return p.with(pathElem{name: k})
}

// Index returns the path of element i of the list at p: p[i].
func (p Path) Index(i int) Path {
	if p.err != nil {
		return p
	}
	switch {
	case len(p.elems) == 0:
		return Path{err: newError(ErrInvalidPath, fmt.Sprintf("list index %d on a path without attribute name", i))}
	case i < 0:
		return Path{err: newError(ErrInvalidPath, fmt.Sprintf("negative list index %d after %s", i, p.String()))}
	case i > MaxListIndex:
		return Path{err: newError(ErrInvalidPath, fmt.Sprintf("list index %d above %d after %s", i, MaxListIndex, p.String()))}
	}
	return p.with(pathElem{index: i, isIndex: true})
}

// with returns p extended by e in a fresh slice, so that paths sharing a
// prefix never share the backing array they append to.
func (p Path) with(e pathElem) Path {
	if len(p.elems) >= MaxPathDepth {
		return Path{err: newError(ErrInvalidPath, fmt.Sprintf("more than %d levels in %s", MaxPathDepth, p.String()))}
	}
	elems := make([]pathElem, len(p.elems)+1)
	copy(elems, p.elems)
	elems[len(p.elems)] = e
	return Path{elems: elems}
}

// String returns the path as written in DynamoDB's documentation, a.b[2],
// with the real names rather than placeholders. It is meant for people:
// names holding dots or brackets make it ambiguous. An invalid path returns
// "<invalid path>".
func (p Path) String() string {
	if p.err != nil || len(p.elems) == 0 {
		return "<invalid path>"
	}
	var sb strings.Builder
	for i, e := range p.elems {
		switch {
		case e.isIndex:
			sb.WriteByte('[')
			sb.WriteString(strconv.Itoa(e.index))
			sb.WriteByte(']')
		case i > 0:
			sb.WriteByte('.')
			sb.WriteString(e.name)
		default:
			sb.WriteString(e.name)
		}
	}
	return sb.String()
}

// Err returns the first mistake made while building p, as an *Error of
// category ErrInvalidPath, or nil when p is valid. The zero Path is invalid.
func (p Path) Err() error {
	if p.err != nil {
		return p.err
	}
	if len(p.elems) == 0 {
		return newError(ErrInvalidPath, "zero Path")
	}
	return nil
}

// relation tells how two valid paths relate as targets of one update or
// projection.
type relation uint8

const (
	disjoint    relation = iota // neither touches the other
	overlapping                 // equal, or one is a prefix of the other
	conflicting                 // a level is a map key in one and a list index in the other
)

// relate compares two valid paths level by level.
func relate(a, b Path) relation {
	n := min(len(a.elems), len(b.elems))
	for i := range n {
		x, y := a.elems[i], b.elems[i]
		switch {
		case x.isIndex != y.isIndex:
			return conflicting
		case x.isIndex && x.index != y.index, !x.isIndex && x.name != y.name:
			return disjoint
		}
	}
	return overlapping
}

// equal reports whether two valid paths are the same path.
func (p Path) equal(q Path) bool {
	return len(p.elems) == len(q.elems) && relate(p, q) == overlapping
}
