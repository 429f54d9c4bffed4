package gonamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Setup says what binding a table does to its DynamoDB table.
type Setup int

// Setup modes.
const (
	// SetupCreateOrVerify creates the table when missing and verifies it
	// otherwise (bloop's bind); the default of CreateOrVerify.
	SetupCreateOrVerify Setup = iota
	// SetupVerify only verifies that the table matches the model.
	SetupVerify
	// SetupSkip does nothing: for hot start-up paths that trust the table.
	SetupSkip
)

// waitActive polls DescribeTable until the table and its indexes are ACTIVE,
// with backoff from 50 ms to 2 s, until ctx ends.
func (db *DB) waitActive(ctx context.Context, name string) (*types.TableDescription, error) {
	delay := 50 * time.Millisecond
	for {
		out, err := call(ctx, db, "DescribeTable", name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
			return db.client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, o...)
		}, nil)
		if err != nil {
			return nil, err
		}
		if active(out.Table) {
			return out.Table, nil
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("gonamo: waiting for table %s to become active: %w", name, ctx.Err())
		case <-t.C:
		}
		delay = min(2*delay, 2*time.Second)
	}
}

func active(t *types.TableDescription) bool {
	if t.TableStatus != types.TableStatusActive {
		return false
	}
	for _, g := range t.GlobalSecondaryIndexes {
		if g.IndexStatus != types.IndexStatusActive {
			return false
		}
	}
	return true
}

// createTable creates the table, waits until it is ACTIVE and enables TTL.
func (db *DB) createTable(ctx context.Context, name string, d *tableDef) error {
	in := d.createInput(name)
	_, err := call(ctx, db, "CreateTable", name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
		return db.client.CreateTable(ctx, in, o...)
	}, nil)
	if err != nil {
		return fmt.Errorf("gonamo: create table %s: %w", name, err)
	}
	if _, err := db.waitActive(ctx, name); err != nil {
		return err
	}
	if d.ttl == "" {
		return nil
	}
	_, err = call(ctx, db, "UpdateTimeToLive", name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error) {
		return db.client.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String(name),
			TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String(d.ttl), Enabled: aws.Bool(true)}}, o...)
	}, nil)
	if err != nil {
		return fmt.Errorf("gonamo: enable time to live on %s: %w", name, err)
	}
	return nil
}

// describe returns the table's description, or an error wrapping
// ErrNotFound when it does not exist.
func (db *DB) describe(ctx context.Context, name string) (*types.TableDescription, error) {
	out, err := call(ctx, db, "DescribeTable", name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
		return db.client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, o...)
	}, nil)
	var rnf *types.ResourceNotFoundException
	if errors.As(err, &rnf) {
		return nil, fmt.Errorf("gonamo: table %s: %w", name, errors.Join(ErrNotFound, err))
	}
	if err != nil {
		return nil, err
	}
	return out.Table, nil
}

// verifyTable compares the table with the declaration; differences come
// back as a *TableMismatchError.
func (db *DB) verifyTable(ctx context.Context, name string, d *tableDef) error {
	t, err := db.describe(ctx, name)
	if err != nil {
		return err
	}
	var ttl *types.TimeToLiveDescription
	if d.ttl != "" {
		out, err := call(ctx, db, "DescribeTimeToLive", name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error) {
			return db.client.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name)}, o...)
		}, nil)
		if err != nil {
			return err
		}
		ttl = out.TimeToLiveDescription
	}
	if diffs := d.differences(t, ttl); len(diffs) > 0 {
		return &TableMismatchError{Table: name, Differences: diffs}
	}
	return nil
}

// createOrVerify creates the table when it does not exist, else verifies it.
func (db *DB) createOrVerify(ctx context.Context, name string, d *tableDef) error {
	err := db.verifyTable(ctx, name, d)
	if !errors.Is(err, ErrNotFound) {
		return err
	}
	err = db.createTable(ctx, name, d)
	var inUse *types.ResourceInUseException
	if errors.As(err, &inUse) { // created meanwhile by another process
		return db.verifyTable(ctx, name, d)
	}
	return err
}

// deleteTable deletes the table.
func (db *DB) deleteTable(ctx context.Context, name string) error {
	_, err := call(ctx, db, "DeleteTable", name, func(ctx context.Context, o ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error) {
		return db.client.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)}, o...)
	}, nil)
	var rnf *types.ResourceNotFoundException
	if errors.As(err, &rnf) {
		return fmt.Errorf("gonamo: table %s: %w", name, errors.Join(ErrNotFound, err))
	}
	return err
}

// tableExists reports whether the table exists.
func (db *DB) tableExists(ctx context.Context, name string) (bool, error) {
	_, err := db.describe(ctx, name)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}
