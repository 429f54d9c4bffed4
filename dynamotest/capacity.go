package dynamotest

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/internal/value"
)

// usage accumulates the capacity units one request consumes on a table and
// its indexes, with DynamoDB's arithmetic: reads in 4 KB units (halved when
// eventually consistent), writes in 1 KB units, each at least one unit,
// transactional requests doubled.
type usage struct {
	table    float64
	lsi, gsi map[string]float64
}

// readUnits returns the units to read size bytes in one request.
func readUnits(size int, consistent bool) float64 {
	u := float64(max(1, (size+4095)/4096))
	if !consistent {
		u /= 2
	}
	return u
}

// writeUnits returns the units to write an item of size bytes.
func writeUnits(size int) float64 { return float64(max(1, (size+1023)/1024)) }

func (u *usage) addIndex(ix *index, units float64) {
	if units == 0 {
		return
	}
	m := &u.lsi
	if ix.global {
		m = &u.gsi
	}
	if *m == nil {
		*m = map[string]float64{}
	}
	(*m)[ix.name] += units
}

// write accounts a write replacing old with new (either may be nil) on the
// table and on every index whose entry changes.
func (u *usage) write(t *table, old, new value.Item) {
	u.table += writeUnits(max(value.ItemSize(old), value.ItemSize(new)))
	for _, ix := range t.indexes() {
		var po, pn value.Item
		var ko, kn *entry
		if old != nil {
			if e, ok := makeEntry(ix.keys, old); ok {
				ko, po = e, ix.project(t, old)
			}
		}
		if new != nil {
			if e, ok := makeEntry(ix.keys, new); ok {
				kn, pn = e, ix.project(t, new)
			}
		}
		switch {
		case ko == nil && kn == nil:
		case ko == nil:
			u.addIndex(ix, writeUnits(value.ItemSize(pn)))
		case kn == nil:
			u.addIndex(ix, writeUnits(value.ItemSize(po)))
		case lessIndex(ko, kn) || lessIndex(kn, ko):
			u.addIndex(ix, writeUnits(value.ItemSize(po))+writeUnits(value.ItemSize(pn)))
		case !value.EqualItems(po, pn):
			u.addIndex(ix, writeUnits(max(value.ItemSize(po), value.ItemSize(pn))))
		}
	}
}

func (u *usage) total() float64 {
	n := u.table
	for _, v := range u.lsi {
		n += v
	}
	for _, v := range u.gsi {
		n += v
	}
	return n
}

func (u *usage) scale(f float64) {
	u.table *= f
	for k := range u.lsi {
		u.lsi[k] *= f
	}
	for k := range u.gsi {
		u.gsi[k] *= f
	}
}

// report renders the usage as ConsumedCapacity for the requested mode; nil
// when the caller asked for none.
func (u *usage) report(table string, mode types.ReturnConsumedCapacity) *types.ConsumedCapacity {
	switch mode {
	case types.ReturnConsumedCapacityTotal:
		return &types.ConsumedCapacity{TableName: aws.String(table), CapacityUnits: aws.Float64(u.total())}
	case types.ReturnConsumedCapacityIndexes:
		c := &types.ConsumedCapacity{TableName: aws.String(table), CapacityUnits: aws.Float64(u.total()),
			Table: &types.Capacity{CapacityUnits: aws.Float64(u.table)}}
		if len(u.lsi) > 0 {
			c.LocalSecondaryIndexes = capacities(u.lsi)
		}
		if len(u.gsi) > 0 {
			c.GlobalSecondaryIndexes = capacities(u.gsi)
		}
		return c
	}
	return nil
}

func capacities(m map[string]float64) map[string]types.Capacity {
	out := make(map[string]types.Capacity, len(m))
	for k, v := range m {
		out[k] = types.Capacity{CapacityUnits: aws.Float64(v)}
	}
	return out
}
