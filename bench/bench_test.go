package bench

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Run with:
//
//	go test -run '^$' -bench . -benchmem -benchtime 200ms -count 6 > /tmp/bench.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /codec /tmp/bench.txt
//
// Sub-benchmarks are named shape=.../codec=..., the floor (codec=hand)
// first, so that benchstat -col /codec compares every codec with it.

// Sinks keep the compiler from dropping the work measured.
var (
	sinkMap      map[string]types.AttributeValue
	sinkRendered Rendered
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func BenchmarkEncode(b *testing.B) {
	benchEncode(b, "Small", NewSmall(), must(SmallCodecs()))
	benchEncode(b, "Medium", NewMedium(), must(MediumCodecs()))
	benchEncode(b, "Large", NewLarge(), must(LargeCodecs()))
}

func benchEncode[T any](b *testing.B, shape string, item *T, cs []Codec[T]) {
	for _, c := range cs {
		b.Run("shape="+shape+"/codec="+c.Name, func(b *testing.B) {
			for b.Loop() {
				m, err := c.Encode(item)
				if err != nil {
					b.Fatal(err)
				}
				sinkMap = m
			}
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	benchDecode(b, "Small", NewSmall(), must(SmallCodecs()))
	benchDecode(b, "Medium", NewMedium(), must(MediumCodecs()))
	benchDecode(b, "Large", NewLarge(), must(LargeCodecs()))
}

// benchDecode decodes the attribute map of item into one zeroed item per
// iteration, so that no codec reuses the slices or maps of a previous
// decoding.
func benchDecode[T any](b *testing.B, shape string, item *T, cs []Codec[T]) {
	m, err := cs[0].Encode(item)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range cs {
		b.Run("shape="+shape+"/codec="+c.Name, func(b *testing.B) {
			out := new(T)
			var zero T
			for b.Loop() {
				*out = zero
				if err := c.Decode(m, out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExpression renders one condition and one update, names and
// values included: all an UpdateItemInput needs.
func BenchmarkExpression(b *testing.B) {
	in := NewExprInput()
	for _, r := range Renderers() {
		b.Run("shape=Medium/codec="+r.Name, func(b *testing.B) {
			for b.Loop() {
				out, err := r.Render(in)
				if err != nil {
					b.Fatal(err)
				}
				sinkRendered = out
			}
		})
	}
}
