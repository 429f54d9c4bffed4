package expr

import (
	"unicode/utf8"
)

// tokKind classifies a token of the expression language.
type tokKind uint8

const (
	tEOF      tokKind = iota
	tIdent            // an identifier that is not a keyword: a, size, attribute_exists
	tName             // an expression attribute name: #n
	tValue            // an expression attribute value: :v
	tNumber           // a list index: 0 or [1-9][0-9]*
	tAnd              // AND (keywords are case-insensitive)
	tOr               // OR
	tNot              // NOT
	tBetween          // BETWEEN
	tIn               // IN
	tSet              // SET
	tRemove           // REMOVE
	tAdd              // ADD
	tDelete           // DELETE
	tEq               // =
	tNe               // <>
	tLt               // <
	tLe               // <=
	tGt               // >
	tGe               // >=
	tLParen           // (
	tRParen           // )
	tLBracket         // [
	tRBracket         // ]
	tComma            // ,
	tDot              // .
	tPlus             // +
	tMinus            // -
	tInvalid          // any other character, one rune per token
)

// token is a lexeme: its kind and its byte span in the source (sources
// are at most MaxExpressionSize bytes long).
type token struct {
	kind       tokKind
	start, end int32
}

// keywords of the grammar; they can never be attribute names.
var keywords = map[string]tokKind{
	"AND": tAnd, "OR": tOr, "NOT": tNot, "BETWEEN": tBetween, "IN": tIn,
	"SET": tSet, "REMOVE": tRemove, "ADD": tAdd, "DELETE": tDelete,
}

// lex splits src into tokens, ending with a tEOF token whose span is empty
// and starts at len(src). Whitespace is space, tab, CR and LF, as in
// DynamoDB; every other unexpected character becomes a one-rune tInvalid
// token, which the parser reports as a syntax error.
func lex(src string, toks []token) []token {
	emit := func(kind tokKind, start, end int) {
		toks = append(toks, token{kind, int32(start), int32(end)})
	}
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
			continue
		case isLetter(c):
			j := i + 1
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			kind := tIdent
			if j-i <= 7 {
				if k, ok := keywordKind(src[i:j]); ok {
					kind = k
				}
			}
			emit(kind, i, j)
			i = j
			continue
		case c == '#' || c == ':':
			j := i + 1
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			if j == i+1 {
				emit(tInvalid, i, j)
			} else if c == '#' {
				emit(tName, i, j)
			} else {
				emit(tValue, i, j)
			}
			i = j
			continue
		case c == '0':
			emit(tNumber, i, i+1)
			i++
			continue
		case c >= '1' && c <= '9':
			j := i + 1
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				j++
			}
			emit(tNumber, i, j)
			i = j
			continue
		}
		kind, n := punct(src[i:])
		emit(kind, i, i+n)
		i += n
	}
	emit(tEOF, len(src), len(src))
	return toks
}

// punct recognises an operator or punctuation at the start of s; anything
// else is a tInvalid token of one rune.
func punct(s string) (tokKind, int) {
	switch s[0] {
	case '=':
		return tEq, 1
	case '<':
		if len(s) > 1 && s[1] == '>' {
			return tNe, 2
		}
		if len(s) > 1 && s[1] == '=' {
			return tLe, 2
		}
		return tLt, 1
	case '>':
		if len(s) > 1 && s[1] == '=' {
			return tGe, 2
		}
		return tGt, 1
	case '(':
		return tLParen, 1
	case ')':
		return tRParen, 1
	case '[':
		return tLBracket, 1
	case ']':
		return tRBracket, 1
	case ',':
		return tComma, 1
	case '.':
		return tDot, 1
	case '+':
		return tPlus, 1
	case '-':
		return tMinus, 1
	}
	_, n := utf8.DecodeRuneInString(s)
	return tInvalid, n
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isWordByte(c byte) bool { return isLetter(c) || (c >= '0' && c <= '9') || c == '_' }

// keywordKind reports whether word (at most 7 bytes) is a keyword, ignoring case.
func keywordKind(word string) (tokKind, bool) {
	var buf [7]byte
	for i := 0; i < len(word); i++ {
		buf[i] = upper(word[i])
	}
	k, ok := keywords[string(buf[:len(word)])]
	return k, ok
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
