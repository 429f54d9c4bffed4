package expr

// parser is a recursive-descent parser for DynamoDB's expression language.
//
// DynamoDB parses with an ANTLR grammar and reports the first token at which
// the input stops being a prefix of some valid expression. This parser is
// written so that it fails at that same token: where a token could start
// two constructs (a parenthesis opens a condition or an operand; a function
// call is a condition or an operand), it parses the common part first and
// decides afterwards, rather than guessing.
type parser struct {
	src  string
	toks []token
	pos  int
	kind Kind
	err  error
	buf  [48]token // room for the tokens of a typical expression
}

func newParser(kind Kind, src string) *parser {
	p := &parser{src: src, kind: kind}
	p.toks = lex(src, p.buf[:0])
	return p
}

func (p *parser) tok() token { return p.toks[p.pos] }

func (p *parser) peek() tokKind {
	if p.pos+1 < len(p.toks) {
		return p.toks[p.pos+1].kind
	}
	return tEOF
}

func (p *parser) text(t token) string { return p.src[t.start:t.end] }

// fail records a syntax error at the current token.
func (p *parser) fail() {
	if p.err != nil {
		return
	}
	i := p.pos
	t := p.toks[i]
	text := "<EOF>"
	if t.kind != tEOF {
		text = p.text(t)
	}
	start := 0
	if i > 0 {
		start = int(p.toks[i-1].start)
	}
	end := len(p.src) // the EOF token ends there too
	if t.kind != tEOF {
		end = int(p.toks[i+1].end)
	}
	p.err = invalid(p.kind, "Syntax error; token: \"%s\", near: \"%s\"", text, p.src[start:end])
}

// expect consumes a token of kind k or fails.
func (p *parser) expect(k tokKind) bool {
	if p.tok().kind != k {
		p.fail()
		return false
	}
	p.pos++
	return true
}

func isComparator(k tokKind) bool { return k >= tEq && k <= tGe }

// item is what a parenthesised group turns out to be: a condition or,
// until the caller knows better, an operand.
type item struct {
	c *cond
	o *operand
}

// parseConditionExpr parses a whole condition.
func (p *parser) parseConditionExpr() *cond {
	it := p.parseOr(false)
	if p.err != nil {
		return nil
	}
	if p.tok().kind != tEOF {
		p.fail()
		return nil
	}
	return it.c
}

// asCond turns an item into a condition when it can be one: a function
// call standing alone is a function condition.
func asCond(it item) *cond {
	if it.c != nil {
		return it.c
	}
	if it.o != nil && it.o.kind == oFunc {
		return &cond{kind: cFunc, parens: it.o.parens, name: it.o.name, fn: it.o.fn, args: it.o.args}
	}
	return nil
}

// parseOr parses conditions joined by OR. When mixed is set the caller is
// inside a parenthesis that may also hold an operand, which is then
// returned as such.
func (p *parser) parseOr(mixed bool) item {
	left := p.parseAnd(mixed)
	if p.err != nil || left.c == nil && p.tok().kind != tOr {
		return left
	}
	l := asCond(left)
	if l == nil {
		return left
	}
	for p.tok().kind == tOr {
		p.pos++
		r := asCond(p.parseAnd(false))
		if p.err != nil {
			return item{}
		}
		l = &cond{kind: cOr, sub: []*cond{l, r}}
	}
	return item{c: l}
}

func (p *parser) parseAnd(mixed bool) item {
	left := p.parseNot(mixed)
	if p.err != nil || left.c == nil && p.tok().kind != tAnd {
		return left
	}
	l := asCond(left)
	if l == nil {
		return left
	}
	for p.tok().kind == tAnd {
		p.pos++
		r := asCond(p.parseNot(false))
		if p.err != nil {
			return item{}
		}
		l = &cond{kind: cAnd, sub: []*cond{l, r}}
	}
	return item{c: l}
}

func (p *parser) parseNot(mixed bool) item {
	if p.tok().kind != tNot {
		return p.parsePrimary(mixed)
	}
	p.pos++
	inner := asCond(p.parseNot(false))
	if p.err != nil {
		return item{}
	}
	return item{c: &cond{kind: cNot, sub: []*cond{inner}}}
}

// parsePrimary parses a parenthesised group, a comparison, BETWEEN, IN or
// a function condition.
func (p *parser) parsePrimary(mixed bool) item {
	switch t := p.tok(); t.kind {
	case tLParen:
		p.pos++
		inner := p.parseOr(true)
		if p.err != nil || !p.expect(tRParen) {
			return item{}
		}
		if inner.c != nil {
			inner.c.parens++
			return inner
		}
		inner.o.parens++
		return p.finishComparison(inner.o, mixed)
	case tIdent, tName, tValue:
		o := p.parseOperand()
		if p.err != nil {
			return item{}
		}
		return p.finishComparison(o, mixed)
	}
	p.fail()
	return item{}
}

// finishComparison parses what follows a condition's first operand.
func (p *parser) finishComparison(o *operand, mixed bool) item {
	switch k := p.tok().kind; {
	case isComparator(k):
		p.pos++
		r := p.parseOperand()
		if p.err != nil {
			return item{}
		}
		return item{c: &cond{kind: cCmp, op: k, args: []*operand{o, r}}}
	case k == tBetween:
		p.pos++
		lo := p.parseOperand()
		if p.err != nil || !p.expect(tAnd) {
			return item{}
		}
		hi := p.parseOperand()
		if p.err != nil {
			return item{}
		}
		return item{c: &cond{kind: cBetween, args: []*operand{o, lo, hi}}}
	case k == tIn:
		p.pos++
		if !p.expect(tLParen) {
			return item{}
		}
		args := []*operand{o}
		for {
			a := p.parseOperand()
			if p.err != nil {
				return item{}
			}
			args = append(args, a)
			if p.tok().kind != tComma {
				break
			}
			p.pos++
		}
		if !p.expect(tRParen) {
			return item{}
		}
		return item{c: &cond{kind: cIn, args: args}}
	}
	if mixed {
		return item{o: o}
	}
	if c := asCond(item{o: o}); c != nil {
		return item{c: c}
	}
	p.fail()
	return item{}
}

// parseOperand parses an operand of a condition or a function argument:
// a path, a value, a function call or a parenthesised operand.
func (p *parser) parseOperand() *operand {
	switch t := p.tok(); t.kind {
	case tLParen:
		p.pos++
		o := p.parseOperand()
		if p.err != nil || !p.expect(tRParen) {
			return nil
		}
		o.parens++
		return o
	case tValue:
		p.pos++
		return &operand{kind: oValue, ph: p.text(t)}
	case tIdent:
		if p.peek() == tLParen {
			return p.parseFunction()
		}
		return p.parsePath()
	case tName:
		return p.parsePath()
	}
	p.fail()
	return nil
}

// parseFunction parses name(operand, ...).
func (p *parser) parseFunction() *operand {
	name := p.text(p.tok())
	p.pos += 2 // name and (
	o := &operand{kind: oFunc, name: name, fn: funcIDs[name]}
	for {
		a := p.parseOperand()
		if p.err != nil {
			return nil
		}
		o.args = append(o.args, a)
		if p.tok().kind != tComma {
			break
		}
		p.pos++
	}
	if !p.expect(tRParen) {
		return nil
	}
	return o
}

// parsePath parses a document path: a name, then .name and [index] steps.
func (p *parser) parsePath() *operand {
	o := &operand{kind: oPath}
	if !p.pathName(o) {
		return nil
	}
	for {
		switch p.tok().kind {
		case tDot:
			p.pos++
			if t := p.tok(); t.kind == tValue {
				// DynamoDB's grammar takes :x after a dot as a name
				// placeholder, which then cannot be resolved.
				o.elems = append(o.elems, rawElem{kind: elemName, text: p.text(t)})
				p.pos++
				continue
			}
			if !p.pathName(o) {
				return nil
			}
		case tLBracket:
			p.pos++
			t := p.tok()
			if !p.expect(tNumber) {
				return nil
			}
			o.elems = append(o.elems, rawElem{kind: elemIndex, text: p.text(t)})
			if !p.expect(tRBracket) {
				return nil
			}
		default:
			return o
		}
	}
}

func (p *parser) pathName(o *operand) bool {
	t := p.tok()
	switch t.kind {
	case tIdent:
		o.elems = append(o.elems, rawElem{kind: elemIdent, text: p.text(t)})
	case tName:
		o.elems = append(o.elems, rawElem{kind: elemName, text: p.text(t)})
	default:
		p.fail()
		return false
	}
	p.pos++
	return true
}

// parseUpdateExpr parses SET, REMOVE, ADD and DELETE clauses. A clause
// written twice is not a syntax error: validation reports it later, as
// DynamoDB does.
func (p *parser) parseUpdateExpr() (actions []*action, repeated actionKind, hasRepeat bool) {
	var seen [4]bool
	for {
		var kind actionKind
		switch p.tok().kind {
		case tSet:
			kind = aSet
		case tRemove:
			kind = aRemove
		case tAdd:
			kind = aAdd
		case tDelete:
			kind = aDelete
		default:
			p.fail()
			return nil, 0, false
		}
		if seen[kind] && !hasRepeat {
			repeated, hasRepeat = kind, true
		}
		seen[kind] = true
		p.pos++
		for {
			a := p.parseAction(kind)
			if p.err != nil {
				return nil, 0, false
			}
			actions = append(actions, a)
			if p.tok().kind != tComma {
				break
			}
			p.pos++
		}
		if p.tok().kind == tEOF {
			return actions, repeated, hasRepeat
		}
	}
}

func (p *parser) parseAction(kind actionKind) *action {
	target := p.parsePathOnly()
	if p.err != nil {
		return nil
	}
	a := &action{kind: kind, target: target}
	switch kind {
	case aSet:
		if !p.expect(tEq) {
			return nil
		}
		a.val = p.parseSetValue()
	case aAdd, aDelete:
		t := p.tok()
		if !p.expect(tValue) {
			return nil
		}
		a.val = &operand{kind: oValue, ph: p.text(t)}
	}
	if p.err != nil {
		return nil
	}
	return a
}

// parsePathOnly parses a path where nothing else may stand.
func (p *parser) parsePathOnly() *operand {
	switch p.tok().kind {
	case tIdent, tName:
		return p.parsePath()
	}
	p.fail()
	return nil
}

// parseSetValue parses the right side of a SET action: an operand, or two
// operands joined by + or -, possibly in parentheses.
func (p *parser) parseSetValue() *operand {
	left := p.parseSetTerm()
	if p.err != nil || left.kind == oArith {
		return left
	}
	k := p.tok().kind
	if k != tPlus && k != tMinus {
		return left
	}
	p.pos++
	right := p.parseUpdateOperand()
	if p.err != nil {
		return nil
	}
	return &operand{kind: oArith, minus: k == tMinus, args: []*operand{left, right}}
}

// parseSetTerm parses the first operand of a SET value. A parenthesis here
// may hold a whole SET value, arithmetic included.
func (p *parser) parseSetTerm() *operand {
	if p.tok().kind != tLParen {
		return p.parseUpdateOperand()
	}
	p.pos++
	o := p.parseSetValue()
	if p.err != nil || !p.expect(tRParen) {
		return nil
	}
	o.parens++
	return o
}

// parseUpdateOperand parses an operand of an update expression: arithmetic
// is not allowed inside it.
func (p *parser) parseUpdateOperand() *operand {
	switch t := p.tok(); t.kind {
	case tLParen:
		p.pos++
		o := p.parseUpdateOperand()
		if p.err != nil || !p.expect(tRParen) {
			return nil
		}
		o.parens++
		return o
	case tValue:
		p.pos++
		return &operand{kind: oValue, ph: p.text(t)}
	case tIdent:
		if p.peek() == tLParen {
			return p.parseUpdateFunction()
		}
		return p.parsePath()
	case tName:
		return p.parsePath()
	}
	p.fail()
	return nil
}

func (p *parser) parseUpdateFunction() *operand {
	name := p.text(p.tok())
	p.pos += 2
	o := &operand{kind: oFunc, name: name, fn: funcIDs[name]}
	for {
		a := p.parseUpdateOperand()
		if p.err != nil {
			return nil
		}
		o.args = append(o.args, a)
		if p.tok().kind != tComma {
			break
		}
		p.pos++
	}
	if !p.expect(tRParen) {
		return nil
	}
	return o
}

// parseProjectionExpr parses paths separated by commas.
func (p *parser) parseProjectionExpr() []*operand {
	var paths []*operand
	for {
		o := p.parsePathOnly()
		if p.err != nil {
			return nil
		}
		paths = append(paths, o)
		if p.tok().kind != tComma {
			break
		}
		p.pos++
	}
	if p.tok().kind != tEOF {
		p.fail()
		return nil
	}
	return paths
}
