package expr_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/expr"
	"github.com/matryer/is"
)

// A typical conditional update: optimistic lock plus counters and a set.
var (
	benchForum, benchViews = expr.Name("forum"), expr.Name("views")
	benchTags, benchUpd    = expr.Name("tags"), expr.Name("updated")
	benchVer               = expr.Name("v")
	benchLimit             = &types.AttributeValueMemberN{Value: "100"}
	benchVersion           = &types.AttributeValueMemberN{Value: "7"}
	benchNow               = &types.AttributeValueMemberS{Value: "2026-01-02T15:04:05Z"}
	benchZero              = &types.AttributeValueMemberN{Value: "0"}
	benchOne               = &types.AttributeValueMemberN{Value: "1"}
	benchTag               = &types.AttributeValueMemberSS{Value: []string{"go"}}
)

func benchCondition() expr.Condition[Thread] {
	return expr.AttributeExists[Thread](benchForum).And(
		expr.Compare(expr.Lt, pathOf(benchViews), value(benchLimit)),
		expr.Compare(expr.Eq, pathOf(benchVer), value(benchVersion)),
	)
}

func benchUpdate() expr.Update[Thread] {
	return expr.Set(benchUpd, value(benchNow)).And(
		expr.Set(benchViews, expr.IfNotExists(benchViews, value(benchZero)).Plus(value(benchOne))),
		expr.Set(benchVer, pathOf(benchVer).Plus(value(benchOne))),
		expr.Add[Thread](benchTags, benchTag),
	)
}

// sink keeps results alive so the compiler cannot drop the work.
var sink struct {
	cond, upd string
	names     map[string]string
	values    map[string]types.AttributeValue
}

// BenchmarkRender renders prebuilt trees, as a table does with expressions
// its caller built once.
func BenchmarkRender(b *testing.B) {
	c, u := benchCondition(), benchUpdate()
	b.ReportAllocs()
	for b.Loop() {
		var bld expr.Builder[Thread]
		sink.cond, _ = bld.Condition(c)
		sink.upd, _ = bld.Update(u)
		sink.names, sink.values = bld.Names(), bld.Values()
	}
}

// BenchmarkBuildAndRender builds the trees and renders them, the cost of a
// request whose expressions are built per call.
func BenchmarkBuildAndRender(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var bld expr.Builder[Thread]
		sink.cond, _ = bld.Condition(benchCondition())
		sink.upd, _ = bld.Update(benchUpdate())
		sink.names, sink.values = bld.Names(), bld.Values()
	}
}

// BenchmarkHandWritten is the baseline: the same strings and maps written
// by hand, as code without an expression builder would send them.
func BenchmarkHandWritten(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sink.cond = "attribute_exists(#0) AND #1 < :0 AND #2 = :1"
		sink.upd = "SET #3 = :2, #1 = if_not_exists(#1, :3) + :4, #2 = #2 + :5 ADD #4 :6"
		sink.names = map[string]string{"#0": "forum", "#1": "views", "#2": "v", "#3": "updated", "#4": "tags"}
		sink.values = map[string]types.AttributeValue{
			":0": benchLimit, ":1": benchVersion, ":2": benchNow, ":3": benchZero,
			":4": benchOne, ":5": benchOne, ":6": benchTag,
		}
	}
}

// TestBenchmarkExpressions checks that the benchmarks render what the
// baseline writes by hand.
func TestBenchmarkExpressions(t *testing.T) {
	is := is.New(t)
	var bld expr.Builder[Thread]
	c, err := bld.Condition(benchCondition())
	is.NoErr(err)
	is.Equal(c, "attribute_exists(#0) AND #1 < :0 AND #2 = :1")
	u, err := bld.Update(benchUpdate())
	is.NoErr(err)
	is.Equal(u, "SET #3 = :2, #1 = if_not_exists(#1, :3) + :4, #2 = #2 + :5 ADD #4 :6")
	is.Equal(bld.Names(), map[string]string{"#0": "forum", "#1": "views", "#2": "v", "#3": "updated", "#4": "tags"})
	is.Equal(len(bld.Values()), 7)
}
