package wire

import (
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
	"github.com/aws/smithy-go/middleware"
	"github.com/aws/smithy-go/traits"
)

// kind is how a Go type travels on the wire.
type kind uint8

const (
	kString kind = iota + 1 // string and named string types (enums)
	kBool                   // bool
	kInt                    // signed integers
	kUint                   // unsigned integers
	kFloat                  // float32, float64
	kBytes                  // []byte, base64
	kTime                   // time.Time, epoch seconds
	kPtr                    // pointer to elem
	kSlice                  // JSON array of elem
	kMap                    // JSON object with string keys and elem values
	kStruct                 // JSON object with fields
	kUnion                  // registered union interface
)

// plan describes how to encode and decode one Go type.
type plan struct {
	kind kind
	typ  reflect.Type
	bits int   // kInt, kUint, kFloat: size in bits
	elem *plan // kPtr, kSlice, kMap

	fields  []field        // kStruct, in Go declaration order
	byName  map[string]int // kStruct: JSON member name to index in fields
	isError bool           // kStruct: an API error shape

	union *union // kUnion

	err error // the type cannot be encoded or decoded
}

// field is one serialized member of a struct.
type field struct {
	name  string // JSON member name
	index int    // Go field index
	plan  *plan
	// always is set for non-pointer numbers and booleans, which are written
	// even when zero, as DynamoDB writes Count and ScannedCount.
	always bool
}

var (
	plans   sync.Map // reflect.Type -> *plan
	buildMu sync.Mutex

	timeType     = reflect.TypeFor[time.Time]()
	metadataType = reflect.TypeFor[middleware.Metadata]()
)

// planFor returns the cached plan of t, building it (and the plans of every
// type it reaches) on first use.
func planFor(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	b := builder{building: map[reflect.Type]*plan{}}
	p := b.build(t)
	for typ, bp := range b.building {
		plans.Store(typ, bp)
	}
	return p
}

// builder builds the plans of a type graph; building holds every plan
// created so far, so recursive types (M and L values) terminate.
type builder struct {
	building map[reflect.Type]*plan
}

func (b *builder) build(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	if p, ok := b.building[t]; ok {
		return p
	}
	p := &plan{typ: t}
	b.building[t] = p
	switch {
	case t == timeType:
		p.kind = kTime
		return p
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		p.kind = kBytes
		return p
	}
	switch t.Kind() {
	case reflect.String:
		p.kind = kString
	case reflect.Bool:
		p.kind = kBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind, p.bits = kInt, t.Bits()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		p.kind, p.bits = kUint, t.Bits()
	case reflect.Float32, reflect.Float64:
		p.kind, p.bits = kFloat, t.Bits()
	case reflect.Pointer:
		p.kind, p.elem = kPtr, b.build(t.Elem())
		p.err = p.elem.err
	case reflect.Slice:
		p.kind, p.elem = kSlice, b.build(t.Elem())
		p.err = p.elem.err
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			p.err = fmt.Errorf("wire: unsupported map key type %v", t.Key())
			return p
		}
		p.kind, p.elem = kMap, b.build(t.Elem())
		p.err = p.elem.err
	case reflect.Interface:
		u := unionFor(t)
		if u == nil {
			p.err = fmt.Errorf("wire: unsupported interface type %v", t)
			return p
		}
		p.kind, p.union = kUnion, u
		for _, m := range u.members {
			m.plan = b.build(m.valueType)
			if m.plan.err != nil {
				p.err = m.plan.err
			}
		}
	case reflect.Struct:
		p.kind = kStruct
		b.buildStruct(p)
	default:
		p.err = fmt.Errorf("wire: unsupported type %v", t)
	}
	return p
}

// buildStruct fills the fields of a struct plan. A type that serializes
// itself through a Smithy schema gets exactly the schema's members, under
// the schema's names; any other struct gets its exported fields.
func (b *builder) buildStruct(p *plan) {
	t := p.typ
	schema := schemaOf(t)
	if schema != nil {
		_, p.isError = smithy.SchemaTrait[*traits.Error](schema)
	}
	p.byName = map[string]int{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Anonymous || sf.Type == metadataType {
			continue
		}
		name := sf.Name
		if schema != nil {
			name = memberName(schema, sf.Name)
			if name == "" {
				continue
			}
		} else if sf.Name == "ErrorCodeOverride" {
			continue
		}
		fp := b.build(sf.Type)
		if fp.err != nil {
			p.err = fmt.Errorf("wire: field %s.%s: %w", t.Name(), sf.Name, fp.err)
			return
		}
		if p.isError && strings.EqualFold(name, "message") {
			// DynamoDB Local writes "Message"; the SDK reads either.
			name = "Message"
			p.byName["message"] = len(p.fields)
		}
		f := field{name: name, index: i, plan: fp}
		switch fp.kind {
		case kBool, kInt, kUint, kFloat:
			f.always = true
		}
		p.byName[name] = len(p.fields)
		p.fields = append(p.fields, f)
	}
}

// memberName returns the name of schema's member for the Go field name, or
// "" when the schema has no such member. Names match exactly or, for the
// members Smithy models in lower camel case, ignoring case.
func memberName(schema *smithy.Schema, goName string) string {
	members := schema.Members()
	if _, ok := members[goName]; ok {
		return goName
	}
	for name := range members {
		if strings.EqualFold(name, goName) {
			return name
		}
	}
	return ""
}

// schemaOf returns the Smithy structure schema of t, found by letting a
// zero *t serialize itself into a probe, or nil when t has none.
func schemaOf(t reflect.Type) (schema *smithy.Schema) {
	s, ok := reflect.New(t).Interface().(smithy.Serializable)
	if !ok {
		return nil
	}
	defer func() {
		if recover() != nil {
			schema = nil
		}
	}()
	var pr probe
	s.Serialize(&pr)
	if pr.schema == nil || pr.schema.Type() != smithy.ShapeTypeStructure {
		return nil
	}
	return pr.schema
}

// probe is a smithy.ShapeSerializer that only records the first structure
// schema written to it.
type probe struct{ schema *smithy.Schema }

var _ smithy.ShapeSerializer = (*probe)(nil)

func (p *probe) WriteStruct(s *smithy.Schema) {
	if p.schema == nil {
		p.schema = s
	}
}
func (p *probe) Bytes() []byte                                { return nil }
func (p *probe) WriteInt8(*smithy.Schema, int8)               {}
func (p *probe) WriteInt16(*smithy.Schema, int16)             {}
func (p *probe) WriteInt32(*smithy.Schema, int32)             {}
func (p *probe) WriteInt64(*smithy.Schema, int64)             {}
func (p *probe) WriteFloat32(*smithy.Schema, float32)         {}
func (p *probe) WriteFloat64(*smithy.Schema, float64)         {}
func (p *probe) WriteBool(*smithy.Schema, bool)               {}
func (p *probe) WriteString(*smithy.Schema, string)           {}
func (p *probe) WriteBigInt(*smithy.Schema, *big.Int)         {}
func (p *probe) WriteBigFloat(*smithy.Schema, *big.Float)     {}
func (p *probe) WriteBlob(*smithy.Schema, []byte)             {}
func (p *probe) WriteTime(*smithy.Schema, time.Time)          {}
func (p *probe) WriteUnion(*smithy.Schema, *smithy.Schema)    {}
func (p *probe) CloseUnion()                                  {}
func (p *probe) WriteDocument(*smithy.Schema, document.Value) {}
func (p *probe) WriteNil(*smithy.Schema)                      {}
func (p *probe) CloseStruct()                                 {}
func (p *probe) WriteList(*smithy.Schema)                     {}
func (p *probe) CloseList()                                   {}
func (p *probe) WriteMap(*smithy.Schema)                      {}
func (p *probe) WriteKey(*smithy.Schema, string)              {}
func (p *probe) CloseMap()                                    {}
