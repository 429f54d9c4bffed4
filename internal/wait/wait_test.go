package wait_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gonamo/gonamo/internal/wait"
)

func TestFor(t *testing.T) {
	if err := wait.For(context.Background(), time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if err := wait.For(context.Background(), -time.Second); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := wait.For(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if err := wait.For(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
