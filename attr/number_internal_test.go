package attr

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// numberTexts are N strings at the edges of the fast integer path: signs,
// leading zeros, every size's limits and one past them, the 18 and 19
// digit boundary, exponents and fractions, and text that is no number.
var numberTexts = []string{
	"0", "-0", "+0", "00", "007", "-007", "1", "-1", "+5",
	"127", "128", "-128", "-129", "255", "256", "-255",
	"32767", "32768", "-32768", "-32769", "65535", "65536",
	"2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
	"123456789012345678", "-123456789012345678", "999999999999999999", "-999999999999999999",
	"1234567890123456789", "0000000000000000001", "00000000000000000001",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"18446744073709551615", "18446744073709551616", "99999999999999999999999",
	"1e3", "1E+2", "-1E+2", "1e-3", "100.0", "100.5", "-100.0", "1.5", "0.0", "-0.0", ".5", "5.",
	"3.4028234663852886e38", "3.5e38", "1e-50", "1e300", "1e400", "-1e400",
	"", "-", "+", "--1", "1-", "abc", "1a", " 1", "1 ", "1_000", "0x10", "NaN", "Inf", "-Infinity",
	"\u0661", // an Arabic-Indic one, a digit only to Unicode
}

// randomNumberText returns a random integer text of up to 20 digits, with
// a random sign and leading zeros.
func randomNumberText(r *rand.Rand) string {
	var b strings.Builder
	switch r.IntN(4) {
	case 0:
		b.WriteByte('-')
	case 1:
		if r.IntN(8) == 0 {
			b.WriteByte('+')
		}
	}
	if r.IntN(6) == 0 {
		b.WriteString("00")
	}
	n := 1 + r.IntN(20)
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// sameParse checks that the fast parse of codec c agrees with its general
// path on s: same value, same error.
func sameParse[V Numeric](t *testing.T, c numberCodec[V], s string) {
	t.Helper()
	got, err := c.parse(s)
	want, werr := c.parseGeneral(s)
	if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
		t.Fatalf("%T %q: error %v, general path %v", c, s, err, werr)
	}
	if err == nil && got != want && !(got != got && want != want) {
		t.Fatalf("%T %q: %v, general path %v", c, s, got, want)
	}
}

// TestParseFastMatchesGeneral compares the fast integer path of
// numberCodec.parse with the general one for every size, on edge cases
// and random texts.
func TestParseFastMatchesGeneral(t *testing.T) {
	texts := append([]string(nil), numberTexts...)
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		texts = append(texts, randomNumberText(r))
	}
	for _, s := range texts {
		sameParse(t, NumberCodec[int]().(numberCodec[int]), s)
		sameParse(t, NumberCodec[int8]().(numberCodec[int8]), s)
		sameParse(t, NumberCodec[int16]().(numberCodec[int16]), s)
		sameParse(t, NumberCodec[int32]().(numberCodec[int32]), s)
		sameParse(t, NumberCodec[int64]().(numberCodec[int64]), s)
		sameParse(t, NumberCodec[uint]().(numberCodec[uint]), s)
		sameParse(t, NumberCodec[uint8]().(numberCodec[uint8]), s)
		sameParse(t, NumberCodec[uint16]().(numberCodec[uint16]), s)
		sameParse(t, NumberCodec[uint32]().(numberCodec[uint32]), s)
		sameParse(t, NumberCodec[uint64]().(numberCodec[uint64]), s)
		sameParse(t, NumberCodec[uintptr]().(numberCodec[uintptr]), s)
		sameParse(t, NumberCodec[float32]().(numberCodec[float32]), s)
		sameParse(t, NumberCodec[float64]().(numberCodec[float64]), s)
	}
}

func TestParseSmallInt(t *testing.T) {
	for _, tc := range []struct {
		s  string
		n  int64
		ok bool
	}{
		{"0", 0, true},
		{"-0", 0, true},
		{"007", 7, true},
		{"-42", -42, true},
		{"999999999999999999", 999999999999999999, true},
		{"-999999999999999999", -999999999999999999, true},
		{"1234567890123456789", 0, false}, // 19 digits: strconv decides
		{"9223372036854775807", 0, false},
		{"+1", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{"1e3", 0, false},
		{"1.0", 0, false},
		{"1_0", 0, false},
		{"/", 0, false}, // the bytes around the digits
		{":", 0, false},
	} {
		t.Run(tc.s, func(t *testing.T) {
			is := is.New(t)
			n, ok := parseSmallInt(tc.s)
			is.Equal(ok, tc.ok)
			is.Equal(n, tc.n)
		})
	}
}

func TestParseIntegers(t *testing.T) {
	// The results of parse through the fast path and around it, for
	// int64, int8 and uint16.
	i64 := NumberCodec[int64]().(numberCodec[int64])
	i8 := NumberCodec[int8]().(numberCodec[int8])
	u16 := NumberCodec[uint16]().(numberCodec[uint16])
	for _, tc := range []struct {
		name string
		got  func() (int64, error)
		want int64
		err  error
	}{
		{"int64 max", func() (int64, error) { return i64.parse("9223372036854775807") }, math.MaxInt64, nil},
		{"int64 min", func() (int64, error) { return i64.parse("-9223372036854775808") }, math.MinInt64, nil},
		{"int64 overflow", func() (int64, error) { return i64.parse("9223372036854775808") }, 0, ErrNumberRange},
		{"int64 exponent", func() (int64, error) { return i64.parse("1e3") }, 1000, nil},
		{"int64 integral fraction", func() (int64, error) { return i64.parse("-100.0") }, -100, nil},
		{"int64 fraction", func() (int64, error) { return i64.parse("1.5") }, 0, ErrNumberRange},
		{"int64 leading zeros", func() (int64, error) { return i64.parse("-0042") }, -42, nil},
		{"int64 invalid", func() (int64, error) { return i64.parse("12a") }, 0, ErrInvalidNumber},
		{"int64 NaN", func() (int64, error) { return i64.parse("NaN") }, 0, ErrInvalidNumber},
		{"int8 max", func() (int64, error) { v, err := i8.parse("127"); return int64(v), err }, 127, nil},
		{"int8 min", func() (int64, error) { v, err := i8.parse("-128"); return int64(v), err }, -128, nil},
		{"int8 overflow", func() (int64, error) { v, err := i8.parse("128"); return int64(v), err }, 0, ErrNumberRange},
		{"int8 underflow", func() (int64, error) { v, err := i8.parse("-129"); return int64(v), err }, 0, ErrNumberRange},
		{"uint16 max", func() (int64, error) { v, err := u16.parse("65535"); return int64(v), err }, 65535, nil},
		{"uint16 overflow", func() (int64, error) { v, err := u16.parse("65536"); return int64(v), err }, 0, ErrNumberRange},
		{"uint16 negative", func() (int64, error) { v, err := u16.parse("-1"); return int64(v), err }, 0, ErrNumberRange},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			got, err := tc.got()
			if tc.err != nil {
				is.True(errors.Is(err, tc.err))
				return
			}
			is.NoErr(err)
			is.Equal(got, tc.want)
		})
	}
}

func TestNumberOp(t *testing.T) {
	is := is.New(t)
	is.Equal(numberOp(numSigned, 8), opInt8)
	is.Equal(numberOp(numSigned, 64), opInt64)
	is.Equal(numberOp(numUnsigned, 16), opUint16)
	is.Equal(numberOp(numUnsigned, 64), opUint64)
	is.Equal(numberOp(numFloat, 32), opFloat32)
	is.Equal(numberOp(numFloat, 64), opFloat64)
	is.Equal(numberOp(numSigned, strconv.IntSize), opInt64)
}

var sinkInt int64

// BenchmarkParseInt compares parse on the numbers of a typical item with
// strconv.ParseInt, the general path.
func BenchmarkParseInt(b *testing.B) {
	texts := []string{"42", "1714566600", "-7", "1900000000"}
	c := NumberCodec[int64]().(numberCodec[int64])
	b.Run("path=parse", func(b *testing.B) {
		for b.Loop() {
			for _, s := range texts {
				n, _ := c.parse(s)
				sinkInt += n
			}
		}
	})
	b.Run("path=strconv", func(b *testing.B) {
		for b.Loop() {
			for _, s := range texts {
				n, _ := strconv.ParseInt(s, 10, 64)
				sinkInt += n
			}
		}
	})
}
