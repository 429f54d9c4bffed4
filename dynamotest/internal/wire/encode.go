package wire

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"
)

// Marshal returns the JSON wire document of v, an SDK input, output,
// exception or type (usually a pointer to a struct). It fails for types the
// wire format cannot carry (functions, channels, unregistered interfaces) and
// for union members it does not know, such as *types.UnknownUnionMember.
func Marshal(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil, errors.New("wire: Marshal of nil")
	}
	p := planFor(rv.Type())
	if p.err != nil {
		return nil, p.err
	}
	e := encoder{buf: make([]byte, 0, 256)}
	if err := e.value(p, rv); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// MarshalError returns the body of an error response as DynamoDB Local
// writes it: {"__type":typ,"Message":message} followed by the members of
// exception other than its message (Item of a
// ConditionalCheckFailedException, CancellationReasons of a
// TransactionCanceledException). exception may be nil, a modeled exception
// struct or a pointer to one.
func MarshalError(typ, message string, exception any) ([]byte, error) {
	e := encoder{buf: make([]byte, 0, 128)}
	e.buf = append(e.buf, `{"__type":`...)
	e.str(typ)
	e.buf = append(e.buf, `,"Message":`...)
	e.str(message)
	if exception != nil {
		rv := reflect.ValueOf(exception)
		for rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv = rv.Elem()
		}
		if rv.Kind() == reflect.Struct {
			p := planFor(rv.Type())
			if p.err != nil {
				return nil, p.err
			}
			if err := e.members(p, rv, true, "Message"); err != nil {
				return nil, err
			}
		}
	}
	e.buf = append(e.buf, '}')
	return e.buf, nil
}

// encoder appends JSON to buf.
type encoder struct {
	buf []byte
}

func (e *encoder) value(p *plan, v reflect.Value) error {
	switch p.kind {
	case kString:
		e.str(v.String())
	case kBool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	case kInt:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case kUint:
		e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
	case kFloat:
		e.float(v.Float(), p.bits)
	case kBytes:
		// A nil []byte is the empty binary: struct members that are nil
		// never get here, and a B or BS member must not turn into null.
		e.bytes(v.Bytes())
	case kTime:
		e.time(v.Interface().(time.Time))
	case kPtr:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.value(p.elem, v.Elem())
	case kSlice:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		e.buf = append(e.buf, '[')
		for i := range v.Len() {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			if err := e.value(p.elem, v.Index(i)); err != nil {
				return err
			}
		}
		e.buf = append(e.buf, ']')
	case kMap:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		e.buf = append(e.buf, '{')
		// SetIterKey and SetIterValue reuse k and ev: MapIter.Key and
		// Value would allocate a copy per entry.
		k := reflect.New(p.typ.Key()).Elem()
		ev := reflect.New(p.typ.Elem()).Elem()
		iter := v.MapRange()
		for first := true; iter.Next(); first = false {
			if !first {
				e.buf = append(e.buf, ',')
			}
			k.SetIterKey(iter)
			ev.SetIterValue(iter)
			e.str(k.String())
			e.buf = append(e.buf, ':')
			if err := e.value(p.elem, ev); err != nil {
				return err
			}
		}
		e.buf = append(e.buf, '}')
	case kStruct:
		e.buf = append(e.buf, '{')
		if err := e.members(p, v, false, ""); err != nil {
			return err
		}
		e.buf = append(e.buf, '}')
	case kUnion:
		return e.union(p.union, v)
	default:
		return fmt.Errorf("wire: cannot marshal %v", p.typ)
	}
	return nil
}

// members writes the members of struct v, preceded by a comma when comma is
// set, leaving out the member named skip.
func (e *encoder) members(p *plan, v reflect.Value, comma bool, skip string) error {
	for _, f := range p.fields {
		if f.name == skip {
			continue
		}
		fv := v.Field(f.index)
		if !f.always && omitted(f.plan, fv) {
			continue
		}
		if comma {
			e.buf = append(e.buf, ',')
		}
		comma = true
		e.str(f.name)
		e.buf = append(e.buf, ':')
		if err := e.value(f.plan, fv); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

// omitted reports whether a struct member is left out: nil pointers,
// slices, maps and interfaces, and empty strings (unset enums).
func omitted(p *plan, v reflect.Value) bool {
	switch p.kind {
	case kPtr, kSlice, kMap, kBytes, kUnion:
		return v.IsNil()
	case kString:
		return v.Len() == 0
	case kTime:
		return v.Interface().(time.Time).IsZero()
	}
	return false
}

func (e *encoder) union(u *union, v reflect.Value) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	inner := v.Elem()
	m := u.byType[inner.Type()]
	if m == nil {
		return fmt.Errorf("wire: cannot marshal %v as %v", inner.Type(), u.iface)
	}
	if inner.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	e.buf = append(e.buf, '{')
	e.str(m.tag)
	e.buf = append(e.buf, ':')
	fv := inner.Elem().Field(m.index)
	switch {
	case m.plan.kind == kSlice && fv.IsNil():
		e.buf = append(e.buf, "[]"...) // an empty L, not a null member
	case m.plan.kind == kMap && fv.IsNil():
		e.buf = append(e.buf, "{}"...) // an empty M
	default:
		if err := e.value(m.plan, fv); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// float writes f in plain decimal notation unless the magnitude is tiny or
// huge, with ".0" after whole numbers as DynamoDB Local writes them
// ("CapacityUnits":1.0), and the strings "NaN", "Infinity" and "-Infinity"
// (as the SDK does) for values JSON numbers cannot express.
func (e *encoder) float(f float64, bits int) {
	switch {
	case math.IsNaN(f):
		e.buf = append(e.buf, `"NaN"`...)
		return
	case math.IsInf(f, 1):
		e.buf = append(e.buf, `"Infinity"`...)
		return
	case math.IsInf(f, -1):
		e.buf = append(e.buf, `"-Infinity"`...)
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	start := len(e.buf)
	e.buf = strconv.AppendFloat(e.buf, f, format, -1, bits)
	if format == 'f' && bytes.IndexByte(e.buf[start:], '.') < 0 {
		e.buf = append(e.buf, '.', '0')
	}
}

// time writes t as epoch seconds with three decimals, as DynamoDB does.
func (e *encoder) time(t time.Time) {
	ms := t.UnixMilli()
	if ms < 0 {
		e.buf = append(e.buf, '-')
		ms = -ms
	}
	e.buf = strconv.AppendInt(e.buf, ms/1000, 10)
	frac := ms % 1000
	e.buf = append(e.buf, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
}

func (e *encoder) bytes(b []byte) {
	e.buf = append(e.buf, '"')
	e.buf = base64.StdEncoding.AppendEncode(e.buf, b)
	e.buf = append(e.buf, '"')
}

const hexDigits = "0123456789abcdef"

// str writes s as a JSON string. Invalid UTF-8 becomes U+FFFD; control
// characters, U+2028 and U+2029 are escaped.
func (e *encoder) str(s string) {
	e.buf = append(e.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			e.buf = append(e.buf, s[start:i]...)
			switch c {
			case '"', '\\':
				e.buf = append(e.buf, '\\', c)
			case '\n':
				e.buf = append(e.buf, '\\', 'n')
			case '\r':
				e.buf = append(e.buf, '\\', 'r')
			case '\t':
				e.buf = append(e.buf, '\\', 't')
			default:
				e.buf = append(e.buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			e.buf = append(e.buf, s[start:i]...)
			e.buf = append(e.buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			e.buf = append(e.buf, s[start:i]...)
			e.buf = append(e.buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	e.buf = append(e.buf, s[start:]...)
	e.buf = append(e.buf, '"')
}
