package attr

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/expr"
)

// sameEncoding reports the outcome of an encoding as text, values and
// errors included, to compare two of them.
func sameEncoding(av types.AttributeValue, err error) string {
	if err != nil {
		return "error " + err.Error()
	}
	return fmt.Sprintf("%T %v", av, av)
}

// TestTextSetOfMatchesCodec checks that textSetOf, which encodes the
// elements of Add and Delete one by one, gives what the set codecs give
// for the same elements: values, duplicates, invalid UTF-8, bad numbers and
// empty sets alike.
func TestTextSetOfMatchesCodec(t *testing.T) {
	is := is.New(t)
	r := rand.New(rand.NewPCG(7, 7))
	strs := []string{"a", "b", "go", "", "\xff", "é", "a\x00b", "analyst"}
	floats := []float64{0, 1, -1.5, 101.25, 1e125, 1e126, 1e-131, math.NaN(), math.Inf(1), 3}
	xs := stringElem[string]{}
	xn := newNumberElem[float64]()
	xi := newNumberElem[int8]()
	for range 2000 {
		es := make([]string, r.IntN(5))
		for i := range es {
			es[i] = strs[r.IntN(len(strs))]
		}
		want := sameEncoding(sliceSet[string, stringElem[string]]{}.encodeElems(es))
		is.Equal(sameEncoding(textSetOf[string](xs, es)), want)

		fs := make([]float64, r.IntN(5))
		for i := range fs {
			fs[i] = floats[r.IntN(len(floats))]
		}
		want = sameEncoding(sliceSet[float64, numberElem[float64]]{xn}.encodeElems(fs))
		is.Equal(sameEncoding(textSetOf[float64](xn, fs)), want)

		is8 := make([]int8, r.IntN(5))
		for i := range is8 {
			is8[i] = int8(r.IntN(256) - 128)
		}
		want = sameEncoding(sliceSet[int8, numberElem[int8]]{xi}.encodeElems(is8))
		is.Equal(sameEncoding(textSetOf[int8](xi, is8)), want)
	}
}

// TestSetAttrWithoutConstructor checks that Add and Delete on a SetAttr
// made as a literal around another descriptor fail with ErrDescriptor
// rather than panicking.
func TestSetAttrWithoutConstructor(t *testing.T) {
	is := is.New(t)
	type item struct{ Tags []string }
	l := List("tags", func(i *item) *[]string { return &i.Tags }, StringCodec[string]())
	s := SetAttr[item, []string, string]{Attr: l.Attr}
	for _, u := range []Update[item]{s.Add("x"), s.Delete("x")} {
		_, err := u.Expr()
		is.True(errors.Is(err, ErrDescriptor))
	}
	// The constructors' binary sets take their own static path.
	b := BinarySet("bs", func(i *item) *[][]byte { return nil })
	_, err := b.Add([]byte("a"), []byte("a")).Expr()
	is.True(errors.Is(err, ErrDuplicate))
	_, err = b.Delete().Expr()
	is.True(errors.Is(err, ErrEmptySet))
}

// TestUpdateAndEveryArity combines 0 to 11 updates with Update.And, which
// passes them to expr in several ways by count, and checks the result
// renders as the same updates combined in expr.
func TestUpdateAndEveryArity(t *testing.T) {
	is := is.New(t)
	type item struct{ N int }
	for k := range 12 {
		var parts []Update[item]
		var raw []expr.Update[item]
		for i := range k + 1 {
			d := Int(fmt.Sprintf("n%d", i), func(x *item) *int { return &x.N })
			parts = append(parts, d.Set(i))
			u, err := parts[i].Expr()
			is.NoErr(err)
			raw = append(raw, u)
		}
		got, err := parts[0].And(parts[1:]...).Expr()
		is.NoErr(err)
		var b1, b2 expr.Builder[item]
		s1, err1 := b1.Update(got)
		s2, err2 := b2.Update(raw[0].And(raw[1:]...))
		is.Equal(err1, err2)
		is.Equal(s1, s2)
		is.Equal(b1.Values(), b2.Values())
		is.Equal(b1.Names(), b2.Names())
	}
}
