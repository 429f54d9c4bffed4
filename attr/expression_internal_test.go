package attr

import (
	"testing"
	"unsafe"

	"github.com/gonamo/gonamo/expr"
)

// TestExpressionsAreExprValues checks what And and Or rely on to pass their
// arguments to package expr without copying them: a Condition is an
// expr.Condition and an Update an expr.Update, with nothing else in them.
func TestExpressionsAreExprValues(t *testing.T) {
	type item struct{}
	if unsafe.Sizeof(Condition[item]{}) != unsafe.Sizeof(expr.Condition[item]{}) {
		t.Fatal("Condition holds more than an expr.Condition")
	}
	if unsafe.Sizeof(Update[item]{}) != unsafe.Sizeof(expr.Update[item]{}) {
		t.Fatal("Update holds more than an expr.Update")
	}
}
