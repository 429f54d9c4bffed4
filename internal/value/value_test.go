package value_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/cockroachdb/apd/v3"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/internal/value"
)

// The expectations below were read off DynamoDB Local 3.3.1.
func TestNormalizeNumber(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"1.50", "1.5", ""},
		{"1e2", "100", ""},
		{"-0", "0", ""},
		{"0.000", "0", ""},
		{"00012", "12", ""},
		{"1E+2", "100", ""},
		{".5", "0.5", ""},
		{"5.", "5", ""},
		{"+3", "3", ""},
		{"1.0e0001", "10", ""},
		{"-12.340", "-12.34", ""},
		{"1e-130", "0." + string(bytes.Repeat([]byte("0"), 129)) + "1", ""},
		{"1e-131", "", "Number underflow. Attempting to store a number with magnitude smaller than supported range"},
		{"9.9999999999999999999999999999999999999e125", "99999999999999999999999999999999999999" + string(bytes.Repeat([]byte("0"), 88)), ""},
		{"1e126", "", "Number overflow. Attempting to store a number with magnitude larger than supported range"},
		{"12345678901234567890123456789012345678", "12345678901234567890123456789012345678", ""},
		{"123456789012345678901234567890123456789", "", "DynamoDB only supports precision up to 38 digits"},
		{"1234567890123456789012345678901234567800", "1234567890123456789012345678901234567800", ""},
		{"100.00000000000000000000000000000000000000000001", "", "DynamoDB only supports precision up to 38 digits"},
		{"abc", "", "A value provided cannot be converted into a number"},
		{"", "", "A value provided cannot be converted into a number"},
		{" 1", "", "A value provided cannot be converted into a number"},
		{"1e", "", "A value provided cannot be converted into a number"},
		{"0x10", "", "A value provided cannot be converted into a number"},
		{"NaN", "", "A value provided cannot be converted into a number"},
		{"Infinity", "", "A value provided cannot be converted into a number"},
		{".", "", "A value provided cannot be converted into a number"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			is := is.New(t)
			got, err := value.NormalizeNumber(c.in)
			if c.err != "" {
				is.True(err != nil)
				is.Equal(value.Message(err), c.err)
				return
			}
			is.NoErr(err)
			is.Equal(got, c.want)
		})
	}
}

func TestArithmeticIsExact(t *testing.T) {
	cases := []struct {
		a, b string
		sub  bool
		want string
		err  string
	}{
		{a: "0.1", b: "0.2", want: "0.3"},
		{a: "12345678901234567890123456789012345677", b: "1", want: "12345678901234567890123456789012345678"},
		{a: "12345678901234567890123456789012345678", b: "0.1", err: "DynamoDB only supports precision up to 38 digits"},
		{a: "9.9999999999999999999999999999999999999e125", b: "9.9999999999999999999999999999999999999e125", err: "DynamoDB only supports precision up to 38 digits"},
		{a: "9e125", b: "9e125", err: "Number overflow. Attempting to store a number with magnitude larger than supported range"},
		{a: "1", b: "1", sub: true, want: "0"},
		{a: "1e-130", b: "2e-130", sub: true, want: "-0." + string(bytes.Repeat([]byte("0"), 129)) + "1"},
		{a: "5", b: "7.25", sub: true, want: "-2.25"},
	}
	for _, c := range cases {
		is := is.New(t)
		var got string
		var err error
		if c.sub {
			got, err = value.Sub(c.a, c.b)
		} else {
			got, err = value.Add(c.a, c.b)
		}
		if c.err != "" {
			is.Equal(value.Message(err), c.err)
			continue
		}
		is.NoErr(err)
		is.Equal(got, c.want)
	}
}

func TestCanonicalSetsAndErrors(t *testing.T) {
	is := is.New(t)
	got, err := value.Canonical(&types.AttributeValueMemberNS{Value: []string{"10", "2", "1.50"}})
	is.NoErr(err)
	is.Equal(got.(*types.AttributeValueMemberNS).Value, []string{"1.5", "2", "10"})
	got, err = value.Canonical(&types.AttributeValueMemberSS{Value: []string{"b", "a", "c"}})
	is.NoErr(err)
	is.Equal(got.(*types.AttributeValueMemberSS).Value, []string{"a", "b", "c"})

	errs := []struct {
		av  types.AttributeValue
		msg string
	}{
		{&types.AttributeValueMemberSS{}, "One or more parameter values were invalid: An string set  may not be empty"},
		{&types.AttributeValueMemberNS{}, "One or more parameter values were invalid: An number set  may not be empty"},
		{&types.AttributeValueMemberBS{}, "One or more parameter values were invalid: Binary sets should not be empty"},
		{&types.AttributeValueMemberSS{Value: []string{"a", "a"}}, "One or more parameter values were invalid: Input collection [a, a] contains duplicates"},
		{&types.AttributeValueMemberNS{Value: []string{"1", "1.0"}}, "Input collection contains duplicates"},
		{&types.AttributeValueMemberBS{Value: [][]byte{[]byte("a"), []byte("a")}}, "One or more parameter values were invalid: Input collection of type BS contains duplicates."},
		{&types.AttributeValueMemberNS{Value: []string{"x"}}, "A value provided cannot be converted into a number"},
		{&types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberN{Value: "x"}}}, "A value provided cannot be converted into a number"},
		{&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"a": &types.AttributeValueMemberSS{}}}, "One or more parameter values were invalid: An string set  may not be empty"},
		{&types.AttributeValueMemberNULL{Value: false}, "One or more parameter values were invalid: Null attribute value types must have the value of true"},
		{nil, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
	}
	for _, e := range errs {
		err := value.Validate(e.av)
		is.True(err != nil)
		is.Equal(value.Message(err), e.msg)
	}
}

func TestCloneIsDeep(t *testing.T) {
	is := is.New(t)
	orig := value.Item{
		"b": &types.AttributeValueMemberB{Value: []byte("xy")},
		"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberSS{Value: []string{"a"}}}},
		"m": &types.AttributeValueMemberM{Value: value.Item{"n": &types.AttributeValueMemberN{Value: "1"}}},
	}
	c := value.CloneItem(orig)
	is.True(value.EqualItems(orig, c))
	c["b"].(*types.AttributeValueMemberB).Value[0] = 'z'
	c["l"].(*types.AttributeValueMemberL).Value[0].(*types.AttributeValueMemberSS).Value[0] = "z"
	c["m"].(*types.AttributeValueMemberM).Value["n"] = &types.AttributeValueMemberN{Value: "2"}
	is.Equal(string(orig["b"].(*types.AttributeValueMemberB).Value), "xy")
	is.Equal(orig["l"].(*types.AttributeValueMemberL).Value[0].(*types.AttributeValueMemberSS).Value[0], "a")
	is.Equal(orig["m"].(*types.AttributeValueMemberM).Value["n"].(*types.AttributeValueMemberN).Value, "1")
	is.True(!value.EqualItems(orig, c))
}

func TestEqualAndCompare(t *testing.T) {
	is := is.New(t)
	n := func(s string) types.AttributeValue { return &types.AttributeValueMemberN{Value: s} }
	is.True(value.Equal(n("1.0"), n("1")))
	is.True(!value.Equal(n("1"), &types.AttributeValueMemberS{Value: "1"}))
	is.True(value.Equal(&types.AttributeValueMemberSS{Value: []string{"a", "b"}}, &types.AttributeValueMemberSS{Value: []string{"b", "a"}}))
	c, ok := value.Compare(n("-2"), n("10"))
	is.True(ok)
	is.Equal(c, -1)
	_, ok = value.Compare(n("1"), &types.AttributeValueMemberS{Value: "1"})
	is.True(!ok)
	c, _ = value.Compare(&types.AttributeValueMemberS{Value: "Z"}, &types.AttributeValueMemberS{Value: "a"})
	is.Equal(c, -1) // UTF-8 byte order: upper case first
	c, _ = value.Compare(&types.AttributeValueMemberS{Value: "é"}, &types.AttributeValueMemberS{Value: "z"})
	is.Equal(c, 1)
}

// OrderKey must sort numbers exactly as numeric comparison does.
func TestNumberOrderKeyMatchesNumericOrder(t *testing.T) {
	is := is.New(t)
	nums := []string{"0", "-0.5", "0.5", "1", "1.5", "-1", "-1.5", "10", "-10", "1e125", "-1e125", "1e-130", "-1e-130", "99", "100", "-99", "-100", "0.01", "-0.01", "123.456", "123.4567"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		nums = append(nums, value.FormatNumber(mustParse(t, randomNumber(r))))
	}
	byKey := slices.Clone(nums)
	slices.SortFunc(byKey, func(a, b string) int {
		return bytes.Compare(value.OrderKey(&types.AttributeValueMemberN{Value: a}), value.OrderKey(&types.AttributeValueMemberN{Value: b}))
	})
	byValue := slices.Clone(nums)
	slices.SortFunc(byValue, value.CompareNumbers)
	for i := range byKey {
		is.Equal(value.CompareNumbers(byKey[i], byValue[i]), 0)
	}
}

func randomNumber(r *rand.Rand) string {
	digits := make([]byte, 1+r.IntN(20))
	for i := range digits {
		digits[i] = byte('0' + r.IntN(10))
	}
	s := string(digits)
	if r.IntN(2) == 0 {
		s = "-" + s
	}
	return s + "e" + string(rune('0'+r.IntN(10)))
}

func mustParse(t *testing.T, s string) *apd.Decimal {
	t.Helper()
	d, err := value.ParseNumber(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSize(t *testing.T) {
	is := is.New(t)
	item := value.Item{
		"s":  &types.AttributeValueMemberS{Value: "héllo"},                                                           // 1 + 6
		"n":  &types.AttributeValueMemberN{Value: "123.45"},                                                          // 1 + (5+1)/2+1 = 1+4
		"b":  &types.AttributeValueMemberBOOL{Value: true},                                                           // 1 + 1
		"l":  &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberS{Value: "ab"}}}, // 1 + 3 + 1 + 2
		"ss": &types.AttributeValueMemberSS{Value: []string{"a", "bc"}},                                              // 2 + 3
	}
	is.Equal(value.ItemSize(item), 7+5+2+7+5)
}

// Number sizes as DynamoDB Local reports them in TableSizeBytes.
func TestNumberSize(t *testing.T) {
	is := is.New(t)
	sizes := map[string]int{
		"0": 1, "1": 2, "12": 2, "123": 3, "1234": 3, "12345": 4, "123456": 4, "12345.678": 6,
		"1.5": 3, "0.5": 2, "0.05": 2, "0.123": 3, "1.23": 3, "-1": 3, "-12": 3, "-123": 4,
		"100": 2, "1000": 2, "1e10": 2, "0.0001": 2, "123456789012": 7, "1234.5678": 5, "12.345": 4,
		"-0.5": 3, "99999999999999999999999999999999999999": 20, "1e-130": 2,
	}
	for num, want := range sizes {
		is.Equal(value.Size(&types.AttributeValueMemberN{Value: num}), want) // size of num
	}
}
