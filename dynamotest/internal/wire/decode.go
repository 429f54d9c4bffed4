package wire

import (
	"encoding/base64"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aws/smithy-go"

	"github.com/gonamo/gonamo/internal/value"
)

// maxDepth bounds the nesting of arrays and objects in a document. It is
// far above what DynamoDB accepts in an item (32 levels), so the DB still
// sees and rejects over-nested values with its own message.
const maxDepth = 1000

// SerializationError reports a document that is not well-formed JSON or
// whose shape does not fit the Go type it is decoded into. It is a
// smithy.APIError with DynamoDB's code SerializationException.
type SerializationError struct {
	Offset int    // byte offset in the document where decoding stopped
	Msg    string // what was wrong
}

var _ smithy.APIError = (*SerializationError)(nil)

func (e *SerializationError) Error() string {
	return fmt.Sprintf("wire: %s (offset %d)", e.Msg, e.Offset)
}

// ErrorCode returns "SerializationException".
func (e *SerializationError) ErrorCode() string { return "SerializationException" }

// ErrorMessage returns the description of the problem.
func (e *SerializationError) ErrorMessage() string { return e.Msg }

// ErrorFault returns smithy.FaultClient.
func (e *SerializationError) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// Unmarshal decodes the JSON wire document data into v, a non-nil pointer
// to an SDK input, output, exception or type. Members present in data
// replace v's; others are left as they are. Errors are a
// *SerializationError for malformed or ill-shaped JSON, a
// ValidationException API error for AttributeValues with no type or several
// types, and a plain error when v's type cannot be decoded into.
func Unmarshal(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("wire: Unmarshal needs a non-nil pointer, got %T", v)
	}
	p := planFor(rv.Type())
	if p.err != nil {
		return p.err
	}
	d := decoder{data: data}
	d.ws()
	if d.pos == len(d.data) {
		return d.fail("the request body is empty")
	}
	if p.elem.kind == kStruct && d.data[d.pos] != '{' {
		return d.mismatch('{') // a document is an object, never null
	}
	if err := d.value(p.elem, rv.Elem()); err != nil {
		return err
	}
	return d.verr
}

// decoder reads one JSON document.
type decoder struct {
	data  []byte
	pos   int
	depth int
	// wasNull is set by value when the value read was null, or a string
	// that a number or boolean coerces to null.
	wasNull bool
	// verr is the first ValidationException found; it is returned only
	// once the whole document has been read, so JSON errors come first.
	verr error
}

func (d *decoder) fail(format string, args ...any) error {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &SerializationError{Offset: d.pos, Msg: msg}
}

func (d *decoder) invalid(msg string) {
	if d.verr == nil {
		d.verr = value.Validation("%s", msg)
	}
}

func (d *decoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end of the document.
func (d *decoder) peek() byte {
	d.ws()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

func (d *decoder) expect(c byte) error {
	if d.peek() != c {
		if d.pos >= len(d.data) {
			return d.fail("unexpected end of the document")
		}
		return d.fail("expected %q, found %q", c, d.data[d.pos])
	}
	d.pos++
	return nil
}

// value decodes the next JSON value into v (settable) following p.
func (d *decoder) value(p *plan, v reflect.Value) error {
	d.wasNull = false
	c := d.peek()
	if c == 'n' {
		if err := d.literal("null"); err != nil {
			return err
		}
		v.SetZero()
		d.wasNull = true
		return nil
	}
	switch p.kind {
	case kString:
		s, err := d.text()
		if err != nil {
			return err
		}
		v.SetString(s)
	case kBool:
		b, null, err := d.boolean()
		if err != nil || null {
			d.wasNull = null
			return err
		}
		v.SetBool(b)
	case kInt:
		n, null, err := d.integer(p.bits)
		if err != nil || null {
			d.wasNull = null
			return err
		}
		v.SetInt(n)
	case kUint:
		n, null, err := d.integer(64)
		if err != nil || null {
			d.wasNull = null
			return err
		}
		if n < 0 || (p.bits < 64 && n >= 1<<p.bits) {
			return d.fail("number %d out of range", n)
		}
		v.SetUint(uint64(n))
	case kFloat:
		f, null, err := d.float(p.bits)
		if err != nil || null {
			d.wasNull = null
			return err
		}
		v.SetFloat(f)
	case kBytes:
		b, err := d.blob()
		if err != nil {
			return err
		}
		v.SetBytes(b)
	case kTime:
		t, null, err := d.time()
		if err != nil || null {
			d.wasNull = null
			return err
		}
		v.Set(reflect.ValueOf(t))
	case kPtr:
		if v.IsNil() {
			v.Set(reflect.New(p.typ.Elem()))
		}
		if err := d.value(p.elem, v.Elem()); err != nil {
			return err
		}
		if d.wasNull {
			v.SetZero()
		}
	case kSlice:
		return d.array(p, v)
	case kMap:
		return d.object(p, v)
	case kStruct:
		return d.structure(p, v)
	case kUnion:
		return d.union(p.union, v)
	default:
		return fmt.Errorf("wire: cannot unmarshal into %v", p.typ)
	}
	return nil
}

// open consumes the opening '[' or '{' of a container.
func (d *decoder) open(c byte) error {
	if got := d.peek(); got != c {
		return d.mismatch(c)
	}
	d.pos++
	d.depth++
	if d.depth > maxDepth {
		return d.fail("the document is nested more than %d levels deep", maxDepth)
	}
	return nil
}

// next reads the separator after an element or member: it reports false
// after the closing byte end, true after a comma.
func (d *decoder) next(end byte) (bool, error) {
	switch d.peek() {
	case ',':
		d.pos++
		return true, nil
	case end:
		d.pos++
		d.depth--
		return false, nil
	case 0:
		return false, d.fail("unexpected end of the document")
	default:
		return false, d.fail("expected ',' or %q, found %q", end, d.data[d.pos])
	}
}

// first reports whether the container just opened has an element, consuming
// the closing byte end of an empty one.
func (d *decoder) first(end byte) bool {
	if d.peek() == end {
		d.pos++
		d.depth--
		return false
	}
	return true
}

func (d *decoder) array(p *plan, v reflect.Value) error {
	if err := d.open('['); err != nil {
		return err
	}
	s := reflect.MakeSlice(p.typ, 0, 4)
	zero := reflect.Zero(p.typ.Elem())
	for more := d.first(']'); more; {
		s = reflect.Append(s, zero)
		if err := d.value(p.elem, s.Index(s.Len()-1)); err != nil {
			return err
		}
		var err error
		if more, err = d.next(']'); err != nil {
			return err
		}
	}
	v.Set(s)
	d.wasNull = false
	return nil
}

func (d *decoder) object(p *plan, v reflect.Value) error {
	if err := d.open('{'); err != nil {
		return err
	}
	m := reflect.MakeMap(p.typ)
	kt, et := p.typ.Key(), p.typ.Elem()
	for more := d.first('}'); more; {
		k, err := d.key()
		if err != nil {
			return err
		}
		e := reflect.New(et).Elem()
		if err := d.value(p.elem, e); err != nil {
			return err
		}
		m.SetMapIndex(reflect.ValueOf(k).Convert(kt), e)
		if more, err = d.next('}'); err != nil {
			return err
		}
	}
	v.Set(m)
	d.wasNull = false
	return nil
}

func (d *decoder) structure(p *plan, v reflect.Value) error {
	if err := d.open('{'); err != nil {
		return err
	}
	for more := d.first('}'); more; {
		k, err := d.key()
		if err != nil {
			return err
		}
		i, ok := p.byName[k]
		switch {
		case !ok:
			err = d.skip()
		case d.peek() == 'n':
			err = d.literal("null") // a null member is an absent one
		default:
			f := p.fields[i]
			err = d.value(f.plan, v.Field(f.index))
		}
		if err != nil {
			return err
		}
		if more, err = d.next('}'); err != nil {
			return err
		}
	}
	d.wasNull = false
	return nil
}

// Messages of the ValidationExceptions DynamoDB returns for AttributeValues
// it cannot read.
const (
	msgEmptyValue      = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
	msgSeveralTypes    = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
	msgNullInSS        = "One or more parameter values were invalid: An string set may not have a null string as a member"
	msgNullInNS        = "A value provided cannot be converted into a number"
	errNullInBinarySet = "a binary set may not have a null member"
)

// union decodes a tagged union. Null members and unknown tags are ignored;
// no member or several members is DynamoDB's ValidationException, recorded
// in verr, and leaves v nil.
func (d *decoder) union(u *union, v reflect.Value) error {
	if err := d.open('{'); err != nil {
		return err
	}
	var chosen reflect.Value
	count := 0
	for more := d.first('}'); more; {
		k, err := d.key()
		if err != nil {
			return err
		}
		m := u.byTag[k]
		switch {
		case m == nil:
			err = d.skip()
		case d.peek() == 'n':
			err = d.literal("null")
		default:
			nv := reflect.New(m.typ)
			if err = d.unionValue(m, nv.Elem().Field(m.index)); err == nil && !d.wasNull {
				count++
				if count == 1 {
					chosen = nv
				}
			}
		}
		if err != nil {
			return err
		}
		if more, err = d.next('}'); err != nil {
			return err
		}
	}
	switch count {
	case 0:
		d.invalid(msgEmptyValue)
		v.SetZero()
	case 1:
		v.Set(chosen)
	default:
		d.invalid(msgSeveralTypes)
		v.SetZero()
	}
	d.wasNull = false
	return nil
}

// unionValue decodes the Value of a union member. Sets of strings and of
// binaries get DynamoDB's treatment of null elements.
func (d *decoder) unionValue(m *unionMember, v reflect.Value) error {
	p := m.plan
	if p.kind != kSlice || (p.elem.kind != kString && p.elem.kind != kBytes) {
		return d.value(p, v)
	}
	if err := d.open('['); err != nil {
		return err
	}
	s := reflect.MakeSlice(p.typ, 0, 4)
	zero := reflect.Zero(p.typ.Elem())
	for more := d.first(']'); more; {
		if d.peek() == 'n' {
			if err := d.literal("null"); err != nil {
				return err
			}
			switch {
			case p.elem.kind == kBytes:
				return d.fail(errNullInBinarySet)
			case m.tag == "NS":
				d.invalid(msgNullInNS)
			default:
				d.invalid(msgNullInSS)
			}
			s = reflect.Append(s, zero)
		} else {
			s = reflect.Append(s, zero)
			if err := d.value(p.elem, s.Index(s.Len()-1)); err != nil {
				return err
			}
		}
		var err error
		if more, err = d.next(']'); err != nil {
			return err
		}
	}
	v.Set(s)
	d.wasNull = false
	return nil
}

// key reads an object key and the colon after it.
func (d *decoder) key() (string, error) {
	if d.peek() != '"' {
		if d.pos >= len(d.data) {
			return "", d.fail("unexpected end of the document")
		}
		return "", d.fail("expected a member name, found %q", d.data[d.pos])
	}
	k, err := d.str()
	if err != nil {
		return "", err
	}
	return k, d.expect(':')
}

// mismatch reports a value of the wrong JSON type where want ('[', '{' or
// '"') was expected.
func (d *decoder) mismatch(want byte) error {
	if d.pos >= len(d.data) {
		return d.fail("unexpected end of the document")
	}
	found := "an unexpected token"
	switch c := d.data[d.pos]; {
	case c == '{':
		found = "Start of structure or map found where not expected."
	case c == '[':
		found = "Start of list found where not expected."
	case c == '"':
		found = "String value found where not expected."
	case c == 't' || c == 'f':
		found = "Boolean value found where not expected."
	case c == 'n':
		found = "Null value found where not expected."
	case c == '-' || (c >= '0' && c <= '9'):
		found = "Number value found where not expected."
	default:
		return d.fail("invalid character %q", c)
	}
	switch want {
	case '{':
		return d.fail("%s Expected a structure or map.", found)
	case '[':
		return d.fail("%s Expected a list.", found)
	}
	return d.fail("%s", found)
}

func (d *decoder) literal(lit string) error {
	if !strings.HasPrefix(string(d.data[d.pos:min(len(d.data), d.pos+len(lit))]), lit) {
		return d.fail("invalid literal, expected %s", lit)
	}
	d.pos += len(lit)
	return nil
}

// scalar reads a string, number or boolean and returns its kind ('"', '0'
// or 'b') and text: the unescaped string, the number's literal, or
// "true"/"false".
func (d *decoder) scalar() (byte, string, error) {
	switch c := d.peek(); {
	case c == '"':
		s, err := d.str()
		return '"', s, err
	case c == '-' || (c >= '0' && c <= '9'):
		s, err := d.number()
		return '0', s, err
	case c == 't':
		return 'b', "true", d.literal("true")
	case c == 'f':
		return 'b', "false", d.literal("false")
	}
	return 0, "", d.mismatch('"')
}

// text reads a value where a string is expected: numbers and booleans are
// taken as their text.
func (d *decoder) text() (string, error) {
	_, s, err := d.scalar()
	return s, err
}

// coercible reads a scalar for a number or boolean target; an empty or
// blank string counts as null.
func (d *decoder) coercible() (kind byte, s string, null bool, err error) {
	kind, s, err = d.scalar()
	if err != nil {
		return 0, "", false, err
	}
	if kind == '"' {
		s = strings.TrimSpace(s)
		if s == "" {
			return kind, s, true, nil
		}
	}
	return kind, s, false, nil
}

func (d *decoder) boolean() (b, null bool, err error) {
	kind, s, null, err := d.coercible()
	if err != nil || null {
		return false, null, err
	}
	switch kind {
	case 'b':
		return s == "true", false, nil
	case '0':
		if !isInteger(s) {
			return false, false, d.fail("cannot convert %s to a boolean", s)
		}
		return strings.Trim(s, "-0") != "", false, nil
	}
	switch {
	case strings.EqualFold(s, "true"):
		return true, false, nil
	case strings.EqualFold(s, "false"):
		return false, false, nil
	}
	return false, false, d.fail("cannot convert %q to a boolean", s)
}

func (d *decoder) integer(bits int) (n int64, null bool, err error) {
	kind, s, null, err := d.coercible()
	if err != nil || null {
		return 0, null, err
	}
	switch kind {
	case 'b':
		return 0, false, d.fail("cannot convert %s to an integer", s)
	case '"':
		if !isInteger(strings.TrimPrefix(s, "+")) {
			return 0, false, d.fail("cannot convert %q to an integer", s)
		}
		s = strings.TrimPrefix(s, "+")
	}
	if isInteger(s) {
		n, err := strconv.ParseInt(s, 10, bits)
		if err != nil {
			return 0, false, d.fail("number %s out of range", s)
		}
		return n, false, nil
	}
	// A fractional number truncates, as with Jackson's defaults.
	f, err := strconv.ParseFloat(s, 64)
	limit := math.Ldexp(1, bits-1)
	if err != nil || f >= limit || f < -limit {
		return 0, false, d.fail("number %s out of range", s)
	}
	return int64(f), false, nil
}

func (d *decoder) float(bits int) (f float64, null bool, err error) {
	kind, s, null, err := d.coercible()
	if err != nil || null {
		return 0, null, err
	}
	switch kind {
	case 'b':
		return 0, false, d.fail("cannot convert %s to a number", s)
	case '"':
		switch {
		case strings.EqualFold(s, "NaN"):
			return math.NaN(), false, nil
		case strings.EqualFold(s, "Infinity"), strings.EqualFold(s, "+Infinity"):
			return math.Inf(1), false, nil
		case strings.EqualFold(s, "-Infinity"):
			return math.Inf(-1), false, nil
		}
	}
	f, err = strconv.ParseFloat(s, bits)
	if err != nil {
		return 0, false, d.fail("cannot convert %q to a number", s)
	}
	return f, false, nil
}

// time reads epoch seconds, exactly to the nanosecond when written in
// plain decimal notation.
func (d *decoder) time() (t time.Time, null bool, err error) {
	kind, s, null, err := d.coercible()
	if err != nil || null {
		return time.Time{}, null, err
	}
	if kind == 'b' {
		return time.Time{}, false, d.fail("cannot convert %s to a timestamp", s)
	}
	if t, ok := epochSeconds(s); ok {
		return t, false, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > 1<<62/1e9 {
		return time.Time{}, false, d.fail("cannot convert %q to a timestamp", s)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), false, nil
}

// epochSeconds parses "-?digits(.digits)?" exactly.
func epochSeconds(s string) (time.Time, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 18 || !allDigits(whole) || !allDigits(frac) {
		return time.Time{}, false
	}
	sec, _ := strconv.ParseInt(whole, 10, 64)
	var nsec int64
	for i := range 9 {
		nsec *= 10
		if i < len(frac) {
			nsec += int64(frac[i] - '0')
		}
	}
	if neg {
		sec, nsec = -sec, -nsec
	}
	return time.Unix(sec, nsec).UTC(), true
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isInteger reports whether s is "-?digits".
func isInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return s != "" && allDigits(s)
}

func (d *decoder) blob() ([]byte, error) {
	if d.peek() != '"' {
		return nil, d.mismatch('"')
	}
	s, err := d.str()
	if err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, d.fail("invalid base64 data: %v", err)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}

// number reads a JSON number and returns its literal.
func (d *decoder) number() (string, error) {
	start := d.pos
	i := d.pos
	if i < len(d.data) && d.data[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(d.data) && d.data[i] == '0' {
		i++
	} else if !digits() {
		d.pos = i
		return "", d.fail("invalid number")
	}
	if i < len(d.data) && d.data[i] == '.' {
		i++
		if !digits() {
			d.pos = i
			return "", d.fail("invalid number")
		}
	}
	if i < len(d.data) && (d.data[i] == 'e' || d.data[i] == 'E') {
		i++
		if i < len(d.data) && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		if !digits() {
			d.pos = i
			return "", d.fail("invalid number")
		}
	}
	d.pos = i
	return string(d.data[start:i]), nil
}

// str reads a JSON string (d.data[d.pos] is '"') and returns it unescaped.
// Invalid UTF-8 and lone surrogates become U+FFFD.
func (d *decoder) str() (string, error) {
	start := d.pos + 1
	i := start
	for i < len(d.data) {
		c := d.data[i]
		if c == '"' {
			if utf8.Valid(d.data[start:i]) {
				d.pos = i + 1
				return string(d.data[start:i]), nil
			}
			break
		}
		if c == '\\' || c < 0x20 {
			break
		}
		i++
	}
	buf := make([]byte, 0, i-start+16)
	buf = append(buf, d.data[start:i]...)
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return strings.ToValidUTF8(string(buf), "\uFFFD"), nil
		case c < 0x20:
			d.pos = i
			return "", d.fail("control character %#02x in a string", c)
		case c != '\\':
			buf = append(buf, c)
			i++
			continue
		}
		if i+1 >= len(d.data) {
			break
		}
		esc := d.data[i+1]
		i += 2
		switch esc {
		case '"', '\\', '/':
			buf = append(buf, esc)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := hex4(d.data, i)
			if !ok {
				d.pos = i
				return "", d.fail("invalid \\u escape")
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(d.data, i+2); ok && d.data[i] == '\\' && d.data[i+1] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			d.pos = i - 1
			return "", d.fail("invalid escape \\%c", esc)
		}
	}
	d.pos = len(d.data)
	return "", d.fail("unterminated string")
}

// hex4 decodes the four hex digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i < 0 || i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// skip reads and discards one JSON value, checking its syntax.
func (d *decoder) skip() error {
	switch c := d.peek(); {
	case c == '{':
		if err := d.open('{'); err != nil {
			return err
		}
		for more := d.first('}'); more; {
			if _, err := d.key(); err != nil {
				return err
			}
			if err := d.skip(); err != nil {
				return err
			}
			var err error
			if more, err = d.next('}'); err != nil {
				return err
			}
		}
		return nil
	case c == '[':
		if err := d.open('['); err != nil {
			return err
		}
		for more := d.first(']'); more; {
			if err := d.skip(); err != nil {
				return err
			}
			var err error
			if more, err = d.next(']'); err != nil {
				return err
			}
		}
		return nil
	case c == 'n':
		return d.literal("null")
	case c == 0:
		return d.fail("unexpected end of the document")
	}
	_, _, err := d.scalar()
	return err
}
