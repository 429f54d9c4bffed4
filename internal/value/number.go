package value

import (
	"github.com/cockroachdb/apd/v3"
)

// Limits of DynamoDB's number type.
const (
	MaxDigits   = 38   // significant digits
	MaxExponent = 125  // largest adjusted exponent: 9.99…e125
	MinExponent = -130 // smallest adjusted exponent of a non-zero value: 1e-130
)

// Messages DynamoDB uses for invalid numbers.
const (
	msgNotNumber = "A value provided cannot be converted into a number"
	msgPrecision = "DynamoDB only supports precision up to 38 digits"
	msgOverflow  = "Number overflow. Attempting to store a number with magnitude larger than supported range"
	msgUnderflow = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)

// exact is wide enough that sums and differences of in-range numbers are
// never rounded: operands span at most 256 decimal places.
var exact = apd.Context{Precision: 300, MaxExponent: 1000, MinExponent: -1000, Traps: apd.DefaultTraps, Rounding: apd.RoundHalfEven}

// ParseNumber parses s by DynamoDB's rules: an optional sign, digits with an
// optional decimal point, an optional exponent; at most 38 significant digits
// and a magnitude within 1e-130 .. 9.99…e125 (or zero).
func ParseNumber(s string) (*apd.Decimal, error) {
	if !wellFormed(s) {
		return nil, Validation(msgNotNumber)
	}
	d, _, err := apd.NewFromString(s)
	if err != nil || d.Form != apd.Finite {
		return nil, Validation(msgNotNumber)
	}
	if err := checkRange(d); err != nil {
		return nil, err
	}
	return d, nil
}

// wellFormed reports whether s has the lexical shape of a DynamoDB number.
func wellFormed(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// checkRange reduces d in place and checks DynamoDB's precision and range.
func checkRange(d *apd.Decimal) error {
	d.Reduce(d)
	if d.IsZero() {
		d.Negative = false
		d.Exponent = 0
		return nil
	}
	n := d.NumDigits()
	if n > MaxDigits {
		return Validation(msgPrecision)
	}
	adj := int64(d.Exponent) + n - 1
	if adj > MaxExponent {
		return Validation(msgOverflow)
	}
	if adj < MinExponent {
		return Validation(msgUnderflow)
	}
	return nil
}

// FormatNumber renders d as DynamoDB returns numbers: plain decimal notation
// without exponent, without leading or trailing zeros.
func FormatNumber(d *apd.Decimal) string {
	var r apd.Decimal
	r.Reduce(d)
	if r.IsZero() {
		return "0"
	}
	return r.Text('f')
}

// NormalizeNumber validates s and returns its canonical text.
func NormalizeNumber(s string) (string, error) {
	d, err := ParseNumber(s)
	if err != nil {
		return "", err
	}
	return FormatNumber(d), nil
}

// Add returns a+b computed exactly; the result must be a valid DynamoDB
// number. Its text keeps the larger number of decimal places of the two
// operands, as DynamoDB Local returns sums (1.5 + 1.5 is 3.0).
func Add(a, b string) (string, error) { return arith(a, b, false) }

// Sub returns a-b computed exactly; the result must be a valid DynamoDB number.
func Sub(a, b string) (string, error) { return arith(a, b, true) }

func arith(a, b string, sub bool) (string, error) {
	x, err := parseScaled(a)
	if err != nil {
		return "", err
	}
	y, err := parseScaled(b)
	if err != nil {
		return "", err
	}
	var r apd.Decimal
	if sub {
		_, err = exact.Sub(&r, x, y)
	} else {
		_, err = exact.Add(&r, x, y)
	}
	if err != nil {
		return "", Validation(msgOverflow)
	}
	var reduced apd.Decimal
	reduced.Set(&r)
	if err := checkRange(&reduced); err != nil {
		return "", err
	}
	// Like DynamoDB Local (Java's BigDecimal), a sum keeps the larger scale
	// of its operands: 0.3 + -0.3 is 0.0, 1 + 0.0 is 1.0.
	if r.IsZero() {
		r.Negative = false
	}
	return r.Text('f'), nil
}

// parseScaled validates s like ParseNumber but keeps its scale (the
// number of decimal places), which sums carry like Java's BigDecimal.
func parseScaled(s string) (*apd.Decimal, error) {
	if _, err := ParseNumber(s); err != nil {
		return nil, err
	}
	d, _, err := apd.NewFromString(s)
	return d, err
}

// CompareNumbers compares two number texts numerically. Texts that are not
// numbers order before all numbers (they never reach storage).
func CompareNumbers(a, b string) int {
	if a == b {
		return 0
	}
	x, _, errx := apd.NewFromString(a)
	y, _, erry := apd.NewFromString(b)
	switch {
	case errx != nil && erry != nil:
		return 0
	case errx != nil:
		return -1
	case erry != nil:
		return 1
	}
	return x.Cmp(y)
}
