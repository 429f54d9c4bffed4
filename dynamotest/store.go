package dynamotest

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"math/bits"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/btree"

	"github.com/gonamo/gonamo/internal/value"
)

// keySchema names a hash key and an optional range key with their types.
type keySchema struct {
	hash, rng         string
	hashType, rngType types.ScalarAttributeType
}

func (k keySchema) isKey(name string) bool { return name == k.hash || (k.rng != "" && name == k.rng) }

// elements renders the schema as DynamoDB describes it.
func (k keySchema) elements() []types.KeySchemaElement {
	out := []types.KeySchemaElement{{AttributeName: &k.hash, KeyType: types.KeyTypeHash}}
	if k.rng != "" {
		out = append(out, types.KeySchemaElement{AttributeName: &k.rng, KeyType: types.KeyTypeRange})
	}
	return out
}

// entry is one item in a table or in an index. Entries are ordered by the
// hash of the partition key (as DynamoDB spreads partitions), then the
// partition key, then the range key, then (in indexes, whose keys need not be
// unique) the table's primary key.
type entry struct {
	h    uint64 // hash of the partition key: scan order and parallel-scan segment
	pk   []byte // order key of the partition key value
	rk   []byte // order key of the range key value; nil without range key
	id   string // the table primary key identity (see primaryID)
	item value.Item
	size int // value.ItemSize(item)
	full int // in an index: the size of the table's item, which IndexSizeBytes counts as DynamoDB Local does
}

func lessTable(a, b *entry) bool {
	if a.h != b.h {
		return a.h < b.h
	}
	if c := bytes.Compare(a.pk, b.pk); c != 0 {
		return c < 0
	}
	return bytes.Compare(a.rk, b.rk) < 0
}

func lessIndex(a, b *entry) bool {
	if a.h != b.h {
		return a.h < b.h
	}
	if c := bytes.Compare(a.pk, b.pk); c != 0 {
		return c < 0
	}
	if c := bytes.Compare(a.rk, b.rk); c != 0 {
		return c < 0
	}
	return a.id < b.id
}

func newTree(less btree.LessFunc[*entry]) *btree.BTreeG[*entry] {
	return btree.NewG(16, less)
}

// hashKey spreads partition keys over the uint64 space.
func hashKey(kind types.ScalarAttributeType, pk []byte) uint64 {
	h := fnv.New64a()
	h.Write([]byte(kind))
	h.Write(pk)
	return h.Sum64()
}

// segmentOf maps a partition hash to one of total parallel-scan segments:
// segments are contiguous ranges of the hash space, so each is a contiguous
// range of the store's order.
func segmentOf(h uint64, total int) int {
	hi, _ := bits.Mul64(h, uint64(total))
	return int(hi)
}

// segmentStart returns the smallest hash that falls in segment seg.
func segmentStart(seg, total int) uint64 {
	if seg == 0 {
		return 0
	}
	// ceil(seg * 2^64 / total)
	q, r := bits.Div64(uint64(seg), 0, uint64(total))
	if r != 0 {
		q++
	}
	return q
}

// primaryID identifies an item by its primary key values.
func primaryID(pk, rk []byte) string {
	b := binary.AppendUvarint(make([]byte, 0, 2+len(pk)+len(rk)), uint64(len(pk)))
	b = append(b, pk...)
	return string(append(b, rk...))
}

// makeEntry builds the entry of item under key schema k; ok is false when the
// item lacks a key attribute or holds it with another type (sparse indexes).
func makeEntry(k keySchema, item value.Item) (e *entry, ok bool) {
	pk, ok := keyBytes(item[k.hash], k.hashType)
	if !ok {
		return nil, false
	}
	var rk []byte
	if k.rng != "" {
		if rk, ok = keyBytes(item[k.rng], k.rngType); !ok {
			return nil, false
		}
	}
	return &entry{h: hashKey(k.hashType, pk), pk: pk, rk: rk, item: item}, true
}

func keyBytes(av types.AttributeValue, t types.ScalarAttributeType) ([]byte, bool) {
	if av == nil || value.TypeName(av) != string(t) {
		return nil, false
	}
	return value.OrderKey(av), true
}

// keyOf returns the key attributes of item under the schemas given.
func keyOf(item value.Item, schemas ...keySchema) value.Item {
	out := make(value.Item, 4)
	for _, k := range schemas {
		if v, ok := item[k.hash]; ok {
			out[k.hash] = v
		}
		if k.rng != "" {
			if v, ok := item[k.rng]; ok {
				out[k.rng] = v
			}
		}
	}
	return out
}

// keyNames returns the distinct key attributes of the schemas with their types.
func keyNames(schemas ...keySchema) map[string]types.ScalarAttributeType {
	out := make(map[string]types.ScalarAttributeType, 4)
	for _, k := range schemas {
		out[k.hash] = k.hashType
		if k.rng != "" {
			out[k.rng] = k.rngType
		}
	}
	return out
}

// keySchemas returns the key schemas of indexes.
func keySchemas(ixs []*index) []keySchema {
	out := make([]keySchema, len(ixs))
	for i, ix := range ixs {
		out[i] = ix.keys
	}
	return out
}
