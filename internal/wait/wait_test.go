package wait_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/matryer/is"

	"github.com/gonamo/gonamo/internal/wait"
)

func TestFor(t *testing.T) {
	is := is.New(t)
	is.NoErr(wait.For(context.Background(), time.Millisecond))
	is.NoErr(wait.For(context.Background(), -time.Second))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	is.True(errors.Is(wait.For(ctx, time.Hour), context.Canceled)) // at once: a test timeout otherwise
	is.True(errors.Is(wait.For(ctx, 0), context.Canceled))
}
