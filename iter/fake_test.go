package iter_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/gonamo/gonamo/iter"
)

// row is an item of the fake table: partition "p", sort key SK, and a
// binary attribute Tag that is the key of an index, so that cursors carry
// S, N and B values.
type row struct {
	SK  int
	Tag []byte
}

func (r row) key() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk":  &types.AttributeValueMemberS{Value: "p"},
		"sk":  &types.AttributeValueMemberN{Value: strconv.Itoa(r.SK)},
		"tag": &types.AttributeValueMemberB{Value: r.Tag},
	}
}

// source is an in-memory paged table with DynamoDB's Query and Scan paging
// rules: rows in sort key order, Limit counts the rows evaluated before the
// filter, a LastEvaluatedKey whenever the Limit (or the page cap standing
// for 1 MB) was reached, even on the last row, and an ExclusiveStartKey
// that need not be a stored row. A scan segment holds the rows whose sort
// key modulo TotalSegments is the segment.
type source struct {
	rows []row
	// keep is the filter; nil keeps every row.
	keep func(row) bool
	// maxPage stands for DynamoDB's 1 MB: the most rows a request without
	// Limit evaluates; 0 means 1000.
	maxPage int
	// unitsPerRow is the consumed capacity per row evaluated.
	unitsPerRow float64

	mu       sync.Mutex
	requests []iter.Request
}

// newSource returns a source of n rows with sort keys 0, 10, 20...
func newSource(n int) *source {
	s := &source{}
	for i := range n {
		s.rows = append(s.rows, row{SK: 10 * i, Tag: []byte{byte(i), 0xff, 0}})
	}
	return s
}

func (s *source) fetch(ctx context.Context, req iter.Request) (iter.Page[row], error) {
	if err := ctx.Err(); err != nil {
		return iter.Page[row]{}, err
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	rows := s.rows
	if req.TotalSegments > 0 {
		rows = nil
		for _, r := range s.rows {
			if r.SK%int(req.TotalSegments) == int(req.Segment) {
				rows = append(rows, r)
			}
		}
	}
	start := 0
	if req.ExclusiveStartKey != nil {
		n, ok := req.ExclusiveStartKey["sk"].(*types.AttributeValueMemberN)
		if !ok {
			return iter.Page[row]{}, errors.New("fake: bad ExclusiveStartKey")
		}
		after, err := strconv.Atoi(n.Value)
		if err != nil {
			return iter.Page[row]{}, err
		}
		start, _ = slices.BinarySearchFunc(rows, after+1, func(r row, sk int) int { return r.SK - sk })
	}
	limit := int(req.Limit)
	if limit == 0 {
		limit = s.maxPage
		if limit == 0 {
			limit = 1000
		}
	}
	var p iter.Page[row]
	end := min(start+limit, len(rows))
	for _, r := range rows[start:end] {
		if s.keep == nil || s.keep(r) {
			p.Items = append(p.Items, r)
			p.Keys = append(p.Keys, r.key())
		}
	}
	evaluated := end - start
	if evaluated == limit && evaluated > 0 && (req.Limit > 0 || end < len(rows)) {
		p.LastEvaluatedKey = rows[end-1].key()
	}
	p.Count, p.ScannedCount = int32(len(p.Items)), int32(evaluated)
	if s.unitsPerRow > 0 {
		u := s.unitsPerRow * float64(evaluated)
		p.Consumed = &types.ConsumedCapacity{CapacityUnits: &u}
	}
	return p, nil
}

// countFetch is the Select COUNT variant: counts, no items.
func (s *source) countFetch(ctx context.Context, req iter.Request) (iter.Page[row], error) {
	p, err := s.fetch(ctx, req)
	p.Items, p.Keys = nil, nil
	return p, err
}

func (s *source) calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// sks returns the sort keys of rows.
func sks(rows []row) []int {
	var out []int
	for _, r := range rows {
		out = append(out, r.SK)
	}
	return out
}

func (r row) String() string { return fmt.Sprint(r.SK) }
