package dynamotest

import (
	"math/rand/v2"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// FaultCode names the error an injected fault returns.
type FaultCode string

// The errors a fault can inject, as DynamoDB returns them.
const (
	// FaultThroughputExceeded returns *types.ProvisionedThroughputExceededException.
	FaultThroughputExceeded FaultCode = "ProvisionedThroughputExceededException"
	// FaultThrottling returns an API error with code ThrottlingException.
	FaultThrottling FaultCode = "ThrottlingException"
	// FaultInternalError returns *types.InternalServerError.
	FaultInternalError FaultCode = "InternalServerError"
	// FaultTransactionConflict returns *types.TransactionConflictException
	// from item operations and, from transactions, a
	// *types.TransactionCanceledException whose first reason is
	// TransactionConflict.
	FaultTransactionConflict FaultCode = "TransactionConflict"
)

// Fault makes calls of an operation fail before they touch any data.
type Fault struct {
	// Op is the operation name, such as "PutItem"; empty means every operation.
	Op string
	// Code is the error returned.
	Code FaultCode
	// Next fails the next Next calls of Op; when zero, Rate applies.
	Next int
	// Rate fails this fraction (0..1) of the calls of Op, drawn from the
	// generator seeded by Options.Seed.
	Rate float64
}

// faults holds injected faults, latencies and the partial-batch rate.
type faults struct {
	mu          sync.Mutex
	rng         *rand.Rand
	list        []*Fault
	delays      map[string]time.Duration
	unprocessed float64
}

// InjectFault adds a fault; faults are consulted in the order added.
func (db *DB) InjectFault(f Fault) {
	db.faults.mu.Lock()
	defer db.faults.mu.Unlock()
	db.faults.list = append(db.faults.list, &f)
}

// SetLatency delays every later call of op (every operation when op is
// empty) by d before it runs; a call's context cancels the wait.
func (db *DB) SetLatency(op string, d time.Duration) {
	db.faults.mu.Lock()
	defer db.faults.mu.Unlock()
	if db.faults.delays == nil {
		db.faults.delays = map[string]time.Duration{}
	}
	db.faults.delays[op] = d
}

// SetUnprocessed makes BatchWriteItem and BatchGetItem leave this fraction
// (0..1) of their requests unprocessed, returned in UnprocessedItems and
// UnprocessedKeys for the caller to retry, as DynamoDB does under load.
func (db *DB) SetUnprocessed(rate float64) {
	db.faults.mu.Lock()
	defer db.faults.mu.Unlock()
	db.faults.unprocessed = rate
}

// ClearFaults removes every injected fault, latency and partial-batch rate.
func (db *DB) ClearFaults() {
	db.faults.mu.Lock()
	defer db.faults.mu.Unlock()
	db.faults.list, db.faults.delays, db.faults.unprocessed = nil, nil, 0
}

func (f *faults) latency(op string) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d, ok := f.delays[op]; ok {
		return d
	}
	return f.delays[""]
}

// leaveUnprocessed draws whether one batch request is left unprocessed.
func (f *faults) leaveUnprocessed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.unprocessed > 0 && f.rng.Float64() < f.unprocessed
}

// fail returns the error of the first fault that fires for op, if any.
func (f *faults) fail(op string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, ft := range f.list {
		if ft.Op != "" && ft.Op != op {
			continue
		}
		switch {
		case ft.Next > 0:
			ft.Next--
			if ft.Next == 0 {
				f.list = append(f.list[:i:i], f.list[i+1:]...)
			}
			return faultError(ft.Code)
		case ft.Rate > 0 && f.rng.Float64() < ft.Rate:
			return faultError(ft.Code)
		}
	}
	return nil
}

// conflictFault is returned by fail for TransactionConflict faults; the
// transaction operations turn it into a cancellation with reasons.
type conflictFault struct {
	*types.TransactionConflictException
}

func faultError(code FaultCode) error {
	switch code {
	case FaultThroughputExceeded:
		return &types.ProvisionedThroughputExceededException{Message: aws.String("The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.")}
	case FaultInternalError:
		return &types.InternalServerError{Message: aws.String("Internal server error")}
	case FaultTransactionConflict:
		return conflictFault{&types.TransactionConflictException{Message: aws.String("Transaction is ongoing for the item")}}
	case FaultThrottling:
		return &smithy.GenericAPIError{Code: "ThrottlingException", Message: "Rate of requests exceeds the allowed throughput.", Fault: smithy.FaultServer}
	}
	return &smithy.GenericAPIError{Code: string(code), Message: "injected fault", Fault: smithy.FaultServer}
}
