// Command dynamotest serves a fresh in-memory DynamoDB (package dynamotest)
// over HTTP with DynamoDB's JSON protocol until it is interrupted:
//
//	go run ./cmd/dynamotest -addr 127.0.0.1:8000
//
// Point any SDK or the AWS CLI at the endpoint it prints, with any
// credentials and region:
//
//	aws dynamodb list-tables --endpoint-url http://127.0.0.1:8000
//
// The data lives in memory and is gone when the program stops. SIGINT and
// SIGTERM shut the server down gracefully, letting requests in flight finish.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gonamo/gonamo/dynamotest"
)

// shutdownTimeout bounds how long requests in flight may take to finish.
const shutdownTimeout = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "dynamotest:", err)
		stop()
		os.Exit(1)
	}
}

// run parses args, serves a new DB until ctx is done and then shuts the
// server down. It prints the endpoint to stdout once it is listening.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("dynamotest", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("addr", "127.0.0.1:8000", "`host:port` to listen on; port 0 picks a free port")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           dynamotest.NewHandler(dynamotest.New()),
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "dynamotest listening on %s\n", endpoint(ln.Addr()))

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// endpoint returns the URL clients use to reach a listener: an unspecified
// address (":8000", "0.0.0.0:8000") is reached through the loopback.
func endpoint(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}
