package expr

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"
)

type item struct{}

func numberValue(n string) Operand[item] {
	return Value[item](&types.AttributeValueMemberN{Value: n})
}

// TestShapeCacheCollision gives a shape's slot an entry of the same hash
// but of another shape, as a hash collision would, and checks that the
// shape is rendered as if the cache were empty, its values given once.
func TestShapeCacheCollision(t *testing.T) {
	is := is.New(t)
	a, b := Name("a"), Name("b")
	other := Compare(Eq, PathOf[item](a), numberValue("1")).And(Compare(Eq, PathOf[item](b), numberValue("2")))
	mine := Compare(Lt, PathOf[item](b), numberValue("3")).And(Compare(Gt, PathOf[item](a), numberValue("4")))
	render := func(c Condition[item]) (string, map[string]string, map[string]types.AttributeValue) {
		var bld Builder[item]
		out, err := bld.Condition(c)
		is.NoErr(err)
		return out, bld.Names(), bld.Values()
	}
	for range 3 { // caches other
		render(other)
	}
	var bld Builder[item]
	w := bld.begin()
	w.tok(tokCondition)
	condShape(&w, &other, nil)
	entry := shapeCache[slotOf(w.h)].Load()
	is.True(entry != nil) // other is cached

	w = bld.begin()
	w.tok(tokCondition)
	condShape(&w, &mine, nil)
	forged := *entry
	forged.hash = w.h
	slot := &shapeCache[slotOf(w.h)]
	saved := slot.Load()
	slot.Store(&forged)
	defer slot.Store(saved)

	out, names, values := render(mine)
	is.Equal(out, "#0 < :0 AND #1 > :1")
	is.Equal(names, map[string]string{"#0": "b", "#1": "a"})
	is.Equal(len(values), 2)
	is.Equal(values[":0"].(*types.AttributeValueMemberN).Value, "3")
	is.Equal(values[":1"].(*types.AttributeValueMemberN).Value, "4")
}
