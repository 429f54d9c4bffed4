package stream

import (
	"testing"

	"github.com/matryer/is"
)

func TestCompareSeq(t *testing.T) {
	is := is.New(t)
	is.Equal(compareSeq("000000000000000000009", "10"), -1)
	is.Equal(compareSeq("10", "9"), 1)
	is.Equal(compareSeq("0010", "10"), 0)
	is.Equal(compareSeq("123", "124"), -1)
}
