// Command quickstart shows gonamo on a forum's threads: declare a model,
// create its table, write, update under conditions and read back.
//
// It runs on the embedded in-memory fake (dynamotest) by default:
//
//	go run ./examples/quickstart
//
// and against DynamoDB Local with -endpoint, or AWS with -aws (the usual
// AWS environment: region, credentials):
//
//	go run ./examples/quickstart -endpoint http://127.0.0.1:8000
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/dynamotest"
	"github.com/gonamo/gonamo/txn"
)

// Thread is a plain struct; the descriptors below say how it is stored.
type Thread struct {
	Forum, Subject string
	Views          int
	Tags           []string
	Updated        time.Time
}

var (
	forum   = attr.String("forum", func(t *Thread) *string { return &t.Forum })
	subject = attr.String("subject", func(t *Thread) *string { return &t.Subject })
	views   = attr.Int("views", func(t *Thread) *int { return &t.Views })
	tags    = attr.StringSet("tags", func(t *Thread) *[]string { return &t.Tags }, attr.OmitEmpty)
	updated = attr.Time("updated", func(t *Thread) *time.Time { return &t.Updated }, attr.OmitEmpty)
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	endpoint := fs.String("endpoint", "", "DynamoDB endpoint URL (e.g. DynamoDB Local); empty runs on the embedded fake")
	useAWS := fs.Bool("aws", false, "use the AWS environment's configuration (region, credentials)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var client gonamo.Client
	switch {
	case *endpoint != "":
		client = dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: endpoint,
			Credentials: credentials.NewStaticCredentialsProvider("local", "local", "")})
		fmt.Fprintln(w, "using", *endpoint)
	case *useAWS:
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return err
		}
		client = dynamodb.NewFromConfig(cfg)
		fmt.Fprintln(w, "using AWS region", cfg.Region)
	default:
		client = dynamotest.New()
		fmt.Fprintln(w, "using the embedded dynamotest fake")
	}
	// A table name of its own, so that runs against a shared server do not meet.
	db := gonamo.New(client, func(o *gonamo.Options) { o.TableNamePrefix = fmt.Sprintf("quickstart_%d_", time.Now().UnixNano()) })
	return demo(ctx, db, w)
}

func demo(ctx context.Context, db *gonamo.DB, w io.Writer) error {
	threads, err := gonamo.NewTable(db, "threads", gonamo.Key(forum, subject), gonamo.Attrs[Thread](views, tags, updated))
	if err != nil {
		return err
	}
	if err := threads.CreateOrVerify(ctx); err != nil {
		return err
	}
	defer threads.DeleteTable(ctx)

	for _, s := range []string{"generics", "iterators", "modules"} {
		if err := threads.Put(ctx, &Thread{Forum: "go", Subject: s}, gonamo.If(forum.NotExists())); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "put 3 threads")

	th := &Thread{Forum: "go", Subject: "generics"}
	err = threads.Update(ctx, th, views.Add(1).And(tags.Add("types", "language")), gonamo.If(views.Lt(100)), gonamo.ReturnNew(th))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "generics now has", th.Views, "view(s) and tags", th.Tags)

	err = threads.Put(ctx, &Thread{Forum: "go", Subject: "generics"}, gonamo.If(forum.NotExists()))
	var cf *gonamo.ConditionFailedError
	fmt.Fprintln(w, "putting generics again fails its condition:", errors.As(err, &cf))

	th.Updated = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	th.Tags = nil // Save removes empty attributes and keeps unknown ones
	if err := threads.Save(ctx, th); err != nil {
		return err
	}
	got, err := threads.Get(ctx, &Thread{Forum: "go", Subject: "generics"}, gonamo.Consistent[Thread]())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "read back: %d view(s), tags %v, updated %s\n", got.Views, got.Tags, got.Updated.Format(time.DateOnly))

	_, err = threads.Get(ctx, &Thread{Forum: "go", Subject: "missing"})
	fmt.Fprintln(w, "a missing thread is ErrNotFound:", errors.Is(err, gonamo.ErrNotFound))

	// Queries are lazy sequences; a cursor resumes exactly where a page stopped.
	it := threads.Query(forum.Eq("go")).SortKey(subject.Ge("i")).Limit(1).Iter(ctx)
	for t, err := range it.All() {
		if err != nil {
			return err
		}
		fmt.Fprintln(w, "first thread from i on:", t.Subject)
	}
	rest, err := threads.Query(forum.Eq("go")).From(it.Cursor()).Collect(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "resumed from the cursor:", len(rest), "more")

	// The same typed writes run in a transaction: all or nothing.
	err = txn.Write(ctx, db,
		txn.Update(threads, &Thread{Forum: "go", Subject: "modules"}, views.Add(1)),
		txn.Check(threads, &Thread{Forum: "go", Subject: "iterators"}, views.Gt(10)),
	)
	var canceled *txn.CanceledError
	if errors.As(err, &canceled) {
		fmt.Fprintln(w, "transaction canceled by action", canceled.Failed()[0].Index, "("+canceled.Failed()[0].Code+")")
	}
	n, _, err := threads.Query(forum.Eq("go")).Filter(views.Gt(0)).Count(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "threads with views:", n)
	return nil
}
