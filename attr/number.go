package attr

import (
	"errors"
	"math"
	"reflect"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/cockroachdb/apd/v3"

	"github.com/gonamo/gonamo/expr"
)

// Numeric is the set of Go number types stored as DynamoDB numbers (N) by
// NumberCodec: every integer and float kind, named types included.
type Numeric interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64
}

// DynamoDB's limits on numbers.
const (
	maxDigits   = 38  // significant digits
	maxExponent = 125 // adjusted exponent of the largest magnitude, 9.99...e125
	minExponent = -130
)

// numKind is the class of a Numeric type, found once by reflection when a
// codec is built.
type numKind uint8

const (
	numSigned numKind = iota
	numUnsigned
	numFloat
)

// NumberCodec returns the codec storing a Go number as N. Integers are
// written in decimal; floats in the shortest form that reads back to the
// same value, and NaN, ±Inf and magnitudes DynamoDB cannot hold (at or above
// 1e126, or below 1e-130 but not zero) are errors wrapping ErrInvalidNumber
// or ErrNumberRange. Decoding a number the type cannot hold (300 into an
// int8, 1.5 into an int) wraps ErrNumberRange. Zero is empty.
func NumberCodec[V Numeric]() Codec[V] {
	t := reflect.TypeFor[V]()
	c := numberCodec[V]{bits: t.Bits()}
	switch t.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.kind = numUnsigned
	case reflect.Float32, reflect.Float64:
		c.kind = numFloat
	}
	return c
}

type numberCodec[V Numeric] struct {
	kind numKind
	bits int
}

func (c numberCodec[V]) Encode(v *V) (types.AttributeValue, error) {
	s, err := c.format(*v)
	if err != nil {
		return nil, err
	}
	return &types.AttributeValueMemberN{Value: s}, nil
}

// format returns the N string of x.
func (c numberCodec[V]) format(x V) (string, error) {
	switch c.kind {
	case numSigned:
		return strconv.FormatInt(int64(x), 10), nil
	case numUnsigned:
		return strconv.FormatUint(uint64(x), 10), nil
	}
	return formatFloat(float64(x), c.bits)
}

// formatFloat returns the N string of f, or an error for a value DynamoDB
// cannot store.
func formatFloat(f float64, bits int) (string, error) {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return "", detail(ErrInvalidNumber, "%v", f)
	case f == 0:
		return "0", nil // -0 too: DynamoDB has no negative zero
	}
	a := math.Abs(f)
	if a >= 1e126 || a < 1e-130 {
		return "", detail(ErrNumberRange, "%v outside DynamoDB's magnitudes 1e-130 to 9.99e125", f)
	}
	return strconv.FormatFloat(f, 'g', -1, bits), nil
}

func (c numberCodec[V]) Decode(av types.AttributeValue, v *V) error {
	x, err := c.decodeValue(av)
	if err != nil {
		return err
	}
	*v = x
	return nil
}

func (c numberCodec[V]) encodeValue(v V) (types.AttributeValue, error) {
	s, err := c.format(v)
	if err != nil {
		return nil, err
	}
	return &types.AttributeValueMemberN{Value: s}, nil
}

func (c numberCodec[V]) decodeValue(av types.AttributeValue) (V, error) {
	n, ok := av.(*types.AttributeValueMemberN)
	if !ok {
		return 0, typeError(expr.TypeNumber, av)
	}
	return c.parse(n.Value)
}

// parse reads an N string into the codec's type.
func (c numberCodec[V]) parse(s string) (V, error) {
	if c.kind != numFloat {
		if i, ok := parseSmallInt(s); ok {
			if c.kind == numSigned && fitsSigned(i, c.bits) || c.kind == numUnsigned && fitsUnsigned(s, i, c.bits) {
				return V(i), nil
			}
		}
	}
	return c.parseGeneral(s)
}

// parseGeneral is parse without its fast path for short integers: the
// reference the fast path must agree with.
func (c numberCodec[V]) parseGeneral(s string) (V, error) {
	switch c.kind {
	case numSigned:
		i, err := strconv.ParseInt(s, 10, c.bits)
		if err == nil {
			return V(i), nil
		}
		d, err := parseInteger(s, err, c.bits, "int")
		if err != nil {
			return 0, err
		}
		i, err = d.Int64()
		if err != nil || (c.bits < 64 && (i < -1<<(c.bits-1) || i > 1<<(c.bits-1)-1)) {
			return 0, detail(ErrNumberRange, "%s overflows int%d", s, c.bits)
		}
		return V(i), nil
	case numUnsigned:
		u, err := strconv.ParseUint(s, 10, c.bits)
		if err == nil {
			return V(u), nil
		}
		d, err := parseInteger(s, err, c.bits, "uint")
		if err != nil {
			return 0, err
		}
		if d.Negative {
			return 0, detail(ErrNumberRange, "%s is negative for uint%d", s, c.bits)
		}
		u, err = strconv.ParseUint(d.Text('f'), 10, c.bits)
		if err != nil {
			return 0, detail(ErrNumberRange, "%s overflows uint%d", s, c.bits)
		}
		return V(u), nil
	}
	if !decimalText(s) {
		return 0, detail(ErrInvalidNumber, "%q", s)
	}
	f, err := strconv.ParseFloat(s, c.bits)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, detail(ErrNumberRange, "%s overflows float%d", s, c.bits)
		}
		return 0, detail(ErrInvalidNumber, "%q", s)
	}
	return V(f), nil
}

// decimalText reports whether s has only the characters of a decimal
// number as DynamoDB writes them: digits, signs, a point and exponent
// marks. strconv.ParseFloat also takes "NaN", "Inf" and hexadecimal
// floats, which no DynamoDB number is.
func decimalText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == '-', c == '+', c == 'e', c == 'E':
		default:
			return false
		}
	}
	return s != ""
}

// parseSmallInt parses the common shape of an integer N string: an
// optional '-' and 1 to 18 decimal digits, which always fit an int64. It
// reports false for anything else ('+', a fraction, an exponent, more
// digits, an empty string), which strconv and parseInteger then handle with
// their exact results and errors. It is the fast path of every integer
// decoded: strconv.ParseInt(s, 10, bits) is about twice as slow on the
// short numbers items hold.
func parseSmallInt(s string) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int64(d)
	}
	if neg {
		n = -n
	}
	return n, true
}

// fitsSigned reports whether i fits a signed integer of bits bits.
func fitsSigned(i int64, bits int) bool {
	return bits >= 64 || (i >= -1<<(bits-1) && i <= 1<<(bits-1)-1)
}

// fitsUnsigned reports whether i, parsed from s, fits an unsigned integer
// of bits bits. Any text with a sign is left to the general path, "-0"
// included (it parses as 0, but the general path decides what a negative
// zero means for an unsigned type).
func fitsUnsigned(s string, i int64, bits int) bool {
	return s[0] != '-' && (bits >= 64 || uint64(i) <= 1<<bits-1)
}

// parseInteger is the slow path of integer decoding, after strconv failed
// with err: it accepts any integral number DynamoDB may return ("1E+2",
// "100.0") and classifies the failure otherwise. bits and kind name the Go
// type for messages ("int", 8).
func parseInteger(s string, err error, bits int, kind string) (*apd.Decimal, error) {
	if errors.Is(err, strconv.ErrRange) {
		return nil, detail(ErrNumberRange, "%s overflows %s%d", s, kind, bits)
	}
	d, _, perr := apd.NewFromString(s)
	if perr != nil || d.Form != apd.Finite {
		return nil, detail(ErrInvalidNumber, "%q", s)
	}
	r := new(apd.Decimal)
	r.Reduce(d)
	if r.Exponent < 0 {
		return nil, detail(ErrNumberRange, "%s is not an integer", s)
	}
	return r, nil
}

func (c numberCodec[V]) IsEmpty(v *V) bool { return *v == 0 }
func (c numberCodec[V]) valueOp() fieldOp  { return numberOp(c.kind, c.bits) }
func (c numberCodec[V]) Type() expr.Type   { return expr.TypeNumber }

// Decimal is an exact decimal number that holds every number DynamoDB can
// store: up to 38 significant digits, magnitudes from 1e-130 to
// 9.9999999999999999999999999999999999999e125, and zero. It is backed by
// github.com/cockroachdb/apd/v3. The zero Decimal is 0.
//
// Decimals are values: copy them freely; no method but UnmarshalText
// changes its receiver. Compare them with Cmp: 1.50 and 1.5 are equal but
// have different representations (DynamoDB returns numbers in its own
// notation, without trailing zeros), so == and reflect.DeepEqual do not
// apply.
// Build them with ParseDecimal, NewDecimal or DecimalFromApd, which reject
// what DynamoDB would.
type Decimal struct {
	// d is finite and within DynamoDB's limits. Copies of a Decimal may
	// share d's big.Int: it is never changed in place, every method reads d
	// or copies it (Apd), and UnmarshalText replaces the whole value.
	d apd.Decimal
}

// ParseDecimal parses a decimal number such as "12.50", "-3" or "1E+10".
// NaN, infinities and malformed text are errors wrapping ErrInvalidNumber;
// more than 38 significant digits or a magnitude outside DynamoDB's range
// wrap ErrNumberRange.
func ParseDecimal(s string) (Decimal, error) {
	var d Decimal
	if _, _, err := d.d.SetString(s); err != nil {
		return Decimal{}, detail(ErrInvalidNumber, "%q", s)
	}
	if err := checkDecimal(&d.d, s); err != nil {
		return Decimal{}, err
	}
	d.d.Negative = d.d.Negative && !d.d.IsZero()
	return d, nil
}

// NewDecimal returns coeff × 10^exp, or an error wrapping ErrNumberRange when
// DynamoDB cannot store it.
func NewDecimal(coeff int64, exp int32) (Decimal, error) {
	var d Decimal
	d.d.SetFinite(coeff, exp)
	if err := checkDecimal(&d.d, ""); err != nil {
		return Decimal{}, err
	}
	return d, nil
}

// DecimalFromApd returns the Decimal equal to x, with the checks of
// ParseDecimal.
func DecimalFromApd(x *apd.Decimal) (Decimal, error) {
	if x == nil {
		return Decimal{}, detail(ErrInvalidNumber, "nil *apd.Decimal")
	}
	if x.Form != apd.Finite {
		return Decimal{}, detail(ErrInvalidNumber, "%s", x.String())
	}
	var d Decimal
	d.d.Set(x)
	if err := checkDecimal(&d.d, ""); err != nil {
		return Decimal{}, err
	}
	d.d.Negative = d.d.Negative && !d.d.IsZero()
	return d, nil
}

// checkDecimal rejects what DynamoDB cannot store; text is the original
// input for messages, or "" to print d.
func checkDecimal(d *apd.Decimal, text string) error {
	if text == "" {
		text = d.String()
	}
	if d.Form != apd.Finite {
		return detail(ErrInvalidNumber, "%s", text)
	}
	if d.IsZero() {
		return nil
	}
	var r apd.Decimal
	r.Reduce(d)
	digits := r.NumDigits()
	if digits > maxDigits {
		return detail(ErrNumberRange, "%s has more than %d significant digits", text, maxDigits)
	}
	adj := int64(r.Exponent) + digits - 1
	switch {
	case adj > maxExponent:
		return detail(ErrNumberRange, "%s above DynamoDB's largest magnitude 9.99e125", text)
	case adj < minExponent:
		return detail(ErrNumberRange, "%s below DynamoDB's smallest magnitude 1e-130", text)
	}
	return nil
}

// String returns d in apd's notation: plain digits when the exponent is
// small ("12.50"), scientific otherwise ("1.2E+40").
func (d Decimal) String() string { return d.d.String() }

// Apd returns a new *apd.Decimal equal to d, for arithmetic.
func (d Decimal) Apd() *apd.Decimal { return new(apd.Decimal).Set(&d.d) }

// Cmp compares d and x: -1 if d < x, 0 if they are equal (1.0 equals 1),
// +1 if d > x.
func (d Decimal) Cmp(x Decimal) int { return d.d.Cmp(&x.d) }

// IsZero reports whether d is zero.
func (d Decimal) IsZero() bool { return d.d.IsZero() }

// MarshalText returns d.String(), so Decimals read and write as text in JSON
// and elsewhere.
func (d Decimal) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText sets d to the number in text, with the checks of
// ParseDecimal.
func (d *Decimal) UnmarshalText(text []byte) error {
	x, err := ParseDecimal(string(text))
	if err != nil {
		return err
	}
	*d = x
	return nil
}

// DecimalCodec returns the codec storing a Decimal as N, exactly. Zero is
// empty.
func DecimalCodec() Codec[Decimal] { return decimalCodec{} }

type decimalCodec struct{}

func (decimalCodec) Encode(v *Decimal) (types.AttributeValue, error) {
	// Every Decimal was checked when it was made: no need to check again.
	return &types.AttributeValueMemberN{Value: v.d.String()}, nil
}

func (decimalCodec) Decode(av types.AttributeValue, v *Decimal) error {
	n, ok := av.(*types.AttributeValueMemberN)
	if !ok {
		return typeError(expr.TypeNumber, av)
	}
	d, err := ParseDecimal(n.Value)
	if err != nil {
		return err
	}
	*v = d
	return nil
}

func (decimalCodec) IsEmpty(v *Decimal) bool { return v.d.IsZero() }
func (decimalCodec) Type() expr.Type         { return expr.TypeNumber }
