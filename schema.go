package gonamo

import (
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// keyDef is one key attribute of a table or index.
type keyDef struct {
	name string
	typ  types.ScalarAttributeType
}

// indexDef declares a secondary index.
type indexDef struct {
	name       string
	global     bool
	hash, rng  keyDef // rng.name == "" without range key
	projection types.ProjectionType
	include    []string
	rcu, wcu   int64
	loose      bool // a local index that lets queries fetch unprojected attributes
}

// tableDef is everything a Table declares about its DynamoDB table.
type tableDef struct {
	hash, rng keyDef
	gsis      []indexDef
	lsis      []indexDef
	billing   types.BillingMode
	rcu, wcu  int64
	stream    types.StreamViewType // "" without stream
	ttl       string               // TTL attribute, "" without
}

func keySchema(hash, rng keyDef) []types.KeySchemaElement {
	ks := []types.KeySchemaElement{{AttributeName: aws.String(hash.name), KeyType: types.KeyTypeHash}}
	if rng.name != "" {
		ks = append(ks, types.KeySchemaElement{AttributeName: aws.String(rng.name), KeyType: types.KeyTypeRange})
	}
	return ks
}

func (ix indexDef) projectionInput() *types.Projection {
	p := &types.Projection{ProjectionType: ix.projection}
	if ix.projection == types.ProjectionTypeInclude {
		p.NonKeyAttributes = slices.Clone(ix.include)
	}
	return p
}

// createInput renders the CreateTableInput of the table named name.
func (d *tableDef) createInput(name string) *dynamodb.CreateTableInput {
	in := &dynamodb.CreateTableInput{TableName: aws.String(name), KeySchema: keySchema(d.hash, d.rng), BillingMode: d.billing}
	var defs []types.AttributeDefinition
	seen := map[string]bool{}
	addDef := func(k keyDef) {
		if k.name != "" && !seen[k.name] {
			seen[k.name] = true
			defs = append(defs, types.AttributeDefinition{AttributeName: aws.String(k.name), AttributeType: k.typ})
		}
	}
	addDef(d.hash)
	addDef(d.rng)
	provisioned := d.billing == types.BillingModeProvisioned
	if provisioned {
		in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(d.rcu), WriteCapacityUnits: aws.Int64(d.wcu)}
	}
	for _, ix := range d.lsis {
		addDef(ix.rng)
		in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, types.LocalSecondaryIndex{
			IndexName: aws.String(ix.name), KeySchema: keySchema(d.hash, ix.rng), Projection: ix.projectionInput(),
		})
	}
	for _, ix := range d.gsis {
		addDef(ix.hash)
		addDef(ix.rng)
		g := types.GlobalSecondaryIndex{IndexName: aws.String(ix.name), KeySchema: keySchema(ix.hash, ix.rng), Projection: ix.projectionInput()}
		if provisioned {
			g.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(ix.rcu), WriteCapacityUnits: aws.Int64(ix.wcu)}
		}
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, g)
	}
	in.AttributeDefinitions = defs
	if d.stream != "" {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: d.stream}
	}
	return in
}

// differences compares a described table with the declaration, as bloop's
// bind does: the table may have more (indexes, attributes) than the model
// declares, but what the model declares must be there as declared.
func (d *tableDef) differences(t *types.TableDescription, ttl *types.TimeToLiveDescription) []string {
	var diffs []string
	attrTypes := map[string]types.ScalarAttributeType{}
	for _, a := range t.AttributeDefinitions {
		attrTypes[aws.ToString(a.AttributeName)] = a.AttributeType
	}
	hash, rng := describedKeys(t.KeySchema, attrTypes)
	diffs = append(diffs, compareKey("hash key", d.hash, hash)...)
	diffs = append(diffs, compareKey("range key", d.rng, rng)...)
	for _, want := range d.lsis {
		i := slices.IndexFunc(t.LocalSecondaryIndexes, func(l types.LocalSecondaryIndexDescription) bool { return aws.ToString(l.IndexName) == want.name })
		if i < 0 {
			diffs = append(diffs, fmt.Sprintf("local secondary index %s: missing", want.name))
			continue
		}
		l := t.LocalSecondaryIndexes[i]
		h, r := describedKeys(l.KeySchema, attrTypes)
		diffs = append(diffs, compareKey("local secondary index "+want.name+" range key", want.rng, r)...)
		diffs = append(diffs, compareKey("local secondary index "+want.name+" hash key", d.hash, h)...)
		diffs = append(diffs, compareProjection("local secondary index "+want.name, want, l.Projection)...)
	}
	for _, want := range d.gsis {
		i := slices.IndexFunc(t.GlobalSecondaryIndexes, func(g types.GlobalSecondaryIndexDescription) bool { return aws.ToString(g.IndexName) == want.name })
		if i < 0 {
			diffs = append(diffs, fmt.Sprintf("global secondary index %s: missing", want.name))
			continue
		}
		g := t.GlobalSecondaryIndexes[i]
		h, r := describedKeys(g.KeySchema, attrTypes)
		diffs = append(diffs, compareKey("global secondary index "+want.name+" hash key", want.hash, h)...)
		diffs = append(diffs, compareKey("global secondary index "+want.name+" range key", want.rng, r)...)
		diffs = append(diffs, compareProjection("global secondary index "+want.name, want, g.Projection)...)
	}
	var view types.StreamViewType
	if s := t.StreamSpecification; s != nil && aws.ToBool(s.StreamEnabled) {
		view = s.StreamViewType
	}
	if d.stream != "" && view != d.stream {
		diffs = append(diffs, fmt.Sprintf("stream: model has %s, table has %s", d.stream, orNone(string(view))))
	}
	if d.ttl != "" {
		got := ""
		if ttl != nil && (ttl.TimeToLiveStatus == types.TimeToLiveStatusEnabled || ttl.TimeToLiveStatus == types.TimeToLiveStatusEnabling) {
			got = aws.ToString(ttl.AttributeName)
		}
		if got != d.ttl {
			diffs = append(diffs, fmt.Sprintf("time to live: model has %s, table has %s", d.ttl, orNone(got)))
		}
	}
	return diffs
}

func describedKeys(ks []types.KeySchemaElement, typ map[string]types.ScalarAttributeType) (hash, rng keyDef) {
	for _, k := range ks {
		name := aws.ToString(k.AttributeName)
		switch k.KeyType {
		case types.KeyTypeHash:
			hash = keyDef{name, typ[name]}
		case types.KeyTypeRange:
			rng = keyDef{name, typ[name]}
		}
	}
	return hash, rng
}

func compareKey(what string, want, got keyDef) []string {
	if want == got {
		return nil
	}
	return []string{fmt.Sprintf("%s: model has %s, table has %s", what, keyString(want), keyString(got))}
}

func keyString(k keyDef) string {
	if k.name == "" {
		return "none"
	}
	return fmt.Sprintf("%s (%s)", k.name, k.typ)
}

func compareProjection(what string, want indexDef, got *types.Projection) []string {
	if got == nil {
		return []string{what + ": projection missing"}
	}
	// A table that projects more than the model needs is fine.
	switch {
	case got.ProjectionType == types.ProjectionTypeAll:
		return nil
	case want.projection == types.ProjectionTypeAll:
		return []string{fmt.Sprintf("%s: model projects ALL, table projects %s", what, got.ProjectionType)}
	case want.projection == types.ProjectionTypeInclude:
		var missing []string
		for _, a := range want.include {
			if got.ProjectionType != types.ProjectionTypeInclude || !slices.Contains(got.NonKeyAttributes, a) {
				missing = append(missing, a)
			}
		}
		if len(missing) > 0 {
			return []string{fmt.Sprintf("%s: table does not project %v", what, missing)}
		}
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
