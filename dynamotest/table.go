package dynamotest

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/btree"

	"github.com/gonamo/gonamo/internal/value"
)

// table is one table: its schema, items in key order, indexes and change log.
type table struct {
	name     string
	keys     keySchema
	attrDefs []types.AttributeDefinition
	created  time.Time
	billing  types.BillingMode
	summary  bool // BillingModeSummary shown: PAY_PER_REQUEST at creation, or billing mode updated
	rcu, wcu int64
	class    types.TableClass
	protect  bool

	items map[string]*entry // by primaryID
	order *btree.BTreeG[*entry]
	bytes int64

	gsis, lsis []*index

	stream      *types.StreamSpecification
	streamLabel string
	// streamViews holds the view type of every stream the table has had,
	// by label, in creation order: a stream disabled before any write
	// leaves no trace in the change log.
	streamViews []labelView
	ttlAttr     string
	ttlEnabled  bool

	log     []Change
	nextSeq uint64
}

// index is a global or local secondary index holding projected items.
type index struct {
	name       string
	global     bool
	keys       keySchema
	projection types.ProjectionType
	include    []string // NonKeyAttributes for INCLUDE
	rcu, wcu   int64
	created    time.Time
	onDemand   bool // created by UpdateTable on a PAY_PER_REQUEST table: described with OnDemandThroughput
	tree       *btree.BTreeG[*entry]
	byID       map[string]*entry
	bytes      int64
}

func (t *table) index(name string) *index {
	for _, ix := range t.gsis {
		if ix.name == name {
			return ix
		}
	}
	for _, ix := range t.lsis {
		if ix.name == name {
			return ix
		}
	}
	return nil
}

func indexName(ix *index) string { return ix.name }

func (t *table) indexes() []*index { return append(slices.Clip(t.lsis), t.gsis...) }

// project returns the part of item an index stores.
func (ix *index) project(t *table, item value.Item) value.Item {
	if ix.projection == types.ProjectionTypeAll {
		return item
	}
	out := keyOf(item, t.keys, ix.keys)
	if ix.projection == types.ProjectionTypeInclude {
		for _, a := range ix.include {
			if v, ok := item[a]; ok {
				out[a] = v
			}
		}
	}
	return out
}

// projects reports whether the index stores attribute name.
func (ix *index) projects(t *table, name string) bool {
	if ix.projection == types.ProjectionTypeAll || t.keys.isKey(name) || ix.keys.isKey(name) {
		return true
	}
	return ix.projection == types.ProjectionTypeInclude && slices.Contains(ix.include, name)
}

func (db *DB) arn(parts ...string) string {
	return "arn:aws:dynamodb:" + db.opts.Region + ":" + db.opts.AccountID + ":table/" + strings.Join(parts, "/")
}

func validName(name string) bool {
	if len(name) < 3 || len(name) > 255 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func errInvalidName() error {
	return validationf("Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'")
}

// table returns the named ACTIVE table or ResourceNotFoundException.
// The caller holds db.mu.
func (db *DB) table(name *string) (*table, error) {
	if name == nil || *name == "" {
		return nil, validationf("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null")
	}
	if !validName(*name) {
		return nil, errInvalidName()
	}
	t, ok := db.tables[*name]
	if !ok {
		return nil, errTableNotFound()
	}
	if db.opts.TableDelay > 0 && db.now().Before(t.created.Add(db.opts.TableDelay)) {
		return nil, errTableNotFound()
	}
	return t, nil
}

// CreateTable creates a table with its indexes, stream and billing settings.
// The table is ACTIVE at once unless Options.TableDelay is set.
func (db *DB) CreateTable(ctx context.Context, in *dynamodb.CreateTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
	const op = "CreateTable"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	t, err := db.newTable(in)
	if err != nil {
		return nil, wrap(op, err)
	}
	if _, ok := db.tables[t.name]; ok {
		return nil, wrap(op, &types.ResourceInUseException{Message: aws.String("Cannot create preexisting table")})
	}
	db.tables[t.name] = t
	return &dynamodb.CreateTableOutput{TableDescription: db.describe(t)}, nil
}

func (db *DB) newTable(in *dynamodb.CreateTableInput) (*table, error) {
	if in.TableName == nil {
		return nil, validationf("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null")
	}
	if !validName(*in.TableName) {
		return nil, errInvalidName()
	}
	if len(in.KeySchema) == 0 {
		return nil, validationf("1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null")
	}
	if len(in.AttributeDefinitions) == 0 {
		return nil, validationf("1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null")
	}
	defs := map[string]types.ScalarAttributeType{}
	for _, d := range in.AttributeDefinitions {
		name := aws.ToString(d.AttributeName)
		switch d.AttributeType {
		case types.ScalarAttributeTypeS, types.ScalarAttributeTypeN, types.ScalarAttributeTypeB:
		default:
			return nil, validationf("Member must satisfy enum value set: [B, N, S]")
		}
		if _, dup := defs[name]; dup {
			return nil, validationf("Cannot have two attributes with the same name. Attribute name: %s", name)
		}
		defs[name] = d.AttributeType
	}
	used := map[string]bool{}
	keys, err := parseKeySchema(in.KeySchema, defs, used, "")
	if err != nil {
		return nil, err
	}
	now := db.now()
	t := &table{
		name:     *in.TableName,
		keys:     keys,
		attrDefs: slices.Clone(in.AttributeDefinitions),
		created:  now,
		billing:  in.BillingMode,
		class:    in.TableClass,
		protect:  aws.ToBool(in.DeletionProtectionEnabled),
		items:    map[string]*entry{},
		order:    newTree(lessTable),
	}
	if t.billing == "" {
		t.billing = types.BillingModeProvisioned
	}
	switch t.billing {
	case types.BillingModeProvisioned:
		if in.ProvisionedThroughput == nil {
			return nil, validationf("No provisioned throughput specified for the table")
		}
		t.rcu, t.wcu = aws.ToInt64(in.ProvisionedThroughput.ReadCapacityUnits), aws.ToInt64(in.ProvisionedThroughput.WriteCapacityUnits)
		if t.rcu < 1 || t.wcu < 1 {
			return nil, validationf("Table read and write throughput must be at least 1, and cannot be null")
		}
	case types.BillingModePayPerRequest:
		// Like DynamoDB Local, throughput given with on-demand billing is ignored.
		t.summary = true
	default:
		return nil, validationf("1 validation error detected: Value '%s' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]", t.billing)
	}
	names := map[string]bool{}
	if len(in.LocalSecondaryIndexes) > 0 && keys.rng == "" {
		return nil, validationf("Local Secondary indices are not allowed on hash tables, only hash and range tables")
	}
	if len(in.LocalSecondaryIndexes) > 5 {
		return nil, validationf("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5")
	}
	for _, l := range in.LocalSecondaryIndexes {
		ix, err := newIndex(aws.ToString(l.IndexName), false, l.KeySchema, l.Projection, defs, used, names)
		if err != nil {
			return nil, err
		}
		if ix.keys.hash != keys.hash {
			return nil, validationf("Local Secondary indices must have the same hash key as the main table")
		}
		if ix.keys.rng == "" {
			return nil, validationf("Local secondary indices must have a range key")
		}
		ix.created = now
		t.lsis = append(t.lsis, ix)
	}
	if len(in.GlobalSecondaryIndexes) > 20 {
		return nil, validationf("GlobalSecondaryIndex count exceeds the per-table limit")
	}
	for _, g := range in.GlobalSecondaryIndexes {
		ix, err := newIndex(aws.ToString(g.IndexName), true, g.KeySchema, g.Projection, defs, used, names)
		if err != nil {
			return nil, err
		}
		if err := ix.setThroughput(t.billing, g.ProvisionedThroughput); err != nil {
			return nil, err
		}
		ix.global = true
		ix.created = now
		t.gsis = append(t.gsis, ix)
	}
	if len(used) != len(defs) {
		return nil, validationf("The number of attributes in key schema must match the number of attributes defined in attribute definitions.")
	}
	if s := in.StreamSpecification; s != nil {
		if err := t.setStream(s, now); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func parseKeySchema(ks []types.KeySchemaElement, defs map[string]types.ScalarAttributeType, used map[string]bool, index string) (keySchema, error) {
	var k keySchema
	if len(ks) == 0 || len(ks) > 2 {
		return k, validationf("1 validation error detected: Value '%v' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2", len(ks))
	}
	hashes := 0
	for _, e := range ks {
		if e.KeyType == types.KeyTypeHash {
			hashes++
		}
	}
	switch {
	case hashes > 1:
		return k, validationf("Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key")
	case hashes == 0:
		return k, validationf("No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key")
	case ks[0].KeyType != types.KeyTypeHash:
		return k, validationf("Invalid key order. Hash Key must be specified first in key schema, Range Key must be specifed second")
	case len(ks) == 2 && aws.ToString(ks[0].AttributeName) == aws.ToString(ks[1].AttributeName):
		return k, validationf("Both the Hash Key and the Range Key element in the KeySchema have the same name")
	}
	for i, e := range ks {
		name := aws.ToString(e.AttributeName)
		typ, ok := defs[name]
		if !ok {
			switch {
			case index != "":
				return k, validationf("Attribute %s is not defined in AttributeDefinitions", name)
			case i == 0:
				return k, validationf("Hash Key not specified in Attribute Definitions.  Type unknown.")
			default:
				return k, validationf("Range Key not specified in Attribute Definitions.  Type unknown.")
			}
		}
		used[name] = true
		if i == 0 {
			k.hash, k.hashType = name, typ
		} else {
			k.rng, k.rngType = name, typ
		}
	}
	return k, nil
}

func defNames(defs map[string]types.ScalarAttributeType) string {
	names := make([]string, 0, len(defs))
	for n := range defs {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// newIndex validates an index definition. names holds the index names seen
// so far, true for global ones.
func newIndex(name string, global bool, ks []types.KeySchemaElement, p *types.Projection, defs map[string]types.ScalarAttributeType, used, names map[string]bool) (*index, error) {
	if !validName(name) {
		return nil, errInvalidName()
	}
	if g, dup := names[name]; dup {
		switch {
		case g != global:
			return nil, validationf("Local Secondary Indices AND Global Secondary Indices must have different names")
		case global:
			return nil, validationf("Two global secondary indices have the same name")
		default:
			return nil, validationf("Two local secondary indices have the same name")
		}
	}
	names[name] = global
	keys, err := parseKeySchema(ks, defs, used, name)
	if err != nil {
		return nil, err
	}
	ix := &index{name: name, keys: keys, projection: types.ProjectionTypeAll, tree: newTree(lessIndex), byID: map[string]*entry{}}
	if p == nil {
		return nil, validationf("1 validation error detected: Value null at 'projection' failed to satisfy constraint: Member must not be null")
	}
	switch p.ProjectionType {
	case types.ProjectionTypeAll, types.ProjectionTypeKeysOnly, "":
		if len(p.NonKeyAttributes) > 0 {
			return nil, validationf("No attributes should be specified to be projected unless projection type is INCLUDE")
		}
		ix.projection = orAll(p.ProjectionType)
	case types.ProjectionTypeInclude:
		if len(p.NonKeyAttributes) == 0 {
			return nil, validationf("If Projection type INCLUDE is specified, some non-key attributes to include in the projection must be specified as well")
		}
		ix.projection = types.ProjectionTypeInclude
		ix.include = slices.Clone(p.NonKeyAttributes)
	default:
		return nil, validationf("1 validation error detected: Value '%s' at 'projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]", p.ProjectionType)
	}
	return ix, nil
}

func orAll(p types.ProjectionType) types.ProjectionType {
	if p == "" {
		return types.ProjectionTypeAll
	}
	return p
}

func (ix *index) setThroughput(billing types.BillingMode, pt *types.ProvisionedThroughput) error {
	if billing != types.BillingModeProvisioned {
		return nil // ignored with on-demand billing, as by DynamoDB Local
	}
	if pt == nil {
		return validationf("No provisioned throughput specified for the global secondary index")
	}
	ix.rcu, ix.wcu = aws.ToInt64(pt.ReadCapacityUnits), aws.ToInt64(pt.WriteCapacityUnits)
	return nil
}

func (t *table) setStream(s *types.StreamSpecification, now time.Time) error {
	if !aws.ToBool(s.StreamEnabled) {
		t.stream = nil
		return nil
	}
	// DynamoDB Local accepts any view type but an empty one.
	if s.StreamViewType == "" {
		return validationf("Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.")
	}
	view := s.StreamViewType
	if !slices.Contains(view.Values(), view) {
		// What a client reading DynamoDB Local through the SDK sees.
		view = "UNKNOWN_TO_SDK_VERSION"
	}
	t.stream = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view}
	label := now.UTC().Format("2006-01-02T15:04:05.000")
	for label <= t.streamLabel { // a new stream needs a new label even on a frozen clock
		now = now.Add(time.Millisecond)
		label = now.UTC().Format("2006-01-02T15:04:05.000")
	}
	t.streamLabel = label
	t.streamViews = append(t.streamViews, labelView{label, view})
	return nil
}

// labelView is a stream's label and view type.
type labelView struct {
	label string
	view  types.StreamViewType
}

// describe renders a table as DescribeTable returns it. The caller holds db.mu.
func (db *DB) describe(t *table) *types.TableDescription {
	d := &types.TableDescription{
		TableName:                 aws.String(t.name),
		TableArn:                  aws.String(db.arn(t.name)),
		TableId:                   aws.String(tableID(t)),
		TableStatus:               types.TableStatusActive,
		CreationDateTime:          aws.Time(t.created),
		AttributeDefinitions:      slices.Clone(t.attrDefs),
		KeySchema:                 t.keys.elements(),
		ItemCount:                 aws.Int64(int64(len(t.items))),
		TableSizeBytes:            aws.Int64(t.bytes),
		DeletionProtectionEnabled: aws.Bool(t.protect),
		ProvisionedThroughput: &types.ProvisionedThroughputDescription{
			ReadCapacityUnits: aws.Int64(t.rcu), WriteCapacityUnits: aws.Int64(t.wcu),
			NumberOfDecreasesToday: aws.Int64(0),
			LastIncreaseDateTime:   aws.Time(time.Unix(0, 0)), LastDecreaseDateTime: aws.Time(time.Unix(0, 0)),
		},
	}
	if db.opts.TableDelay > 0 && db.now().Before(t.created.Add(db.opts.TableDelay)) {
		d.TableStatus = types.TableStatusCreating
	}
	if t.summary {
		d.BillingModeSummary = &types.BillingModeSummary{BillingMode: t.billing}
		if t.billing == types.BillingModePayPerRequest {
			d.BillingModeSummary.LastUpdateToPayPerRequestDateTime = aws.Time(t.created)
		}
	}
	if t.class != "" {
		d.TableClassSummary = &types.TableClassSummary{TableClass: t.class}
	}
	for _, ix := range javaHashOrder(t.lsis, indexName) {
		d.LocalSecondaryIndexes = append(d.LocalSecondaryIndexes, types.LocalSecondaryIndexDescription{
			IndexName: aws.String(ix.name), KeySchema: ix.keys.elements(), Projection: ix.describeProjection(),
			IndexSizeBytes: aws.Int64(ix.bytes), ItemCount: aws.Int64(int64(ix.tree.Len())),
			IndexArn: aws.String(db.arn(t.name, "index", ix.name)),
		})
	}
	for _, ix := range javaHashOrder(t.gsis, indexName) {
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, db.describeGSI(t, ix))
	}
	if t.stream != nil {
		d.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: t.stream.StreamViewType}
	}
	if t.streamLabel != "" { // kept after the stream is disabled, as DynamoDB does
		d.LatestStreamLabel = aws.String(t.streamLabel)
		d.LatestStreamArn = aws.String(db.arn(t.name, "stream", t.streamLabel))
	}
	return d
}

// describeGSI renders one global secondary index.
func (db *DB) describeGSI(t *table, ix *index) types.GlobalSecondaryIndexDescription {
	g := types.GlobalSecondaryIndexDescription{
		IndexName: aws.String(ix.name), KeySchema: ix.keys.elements(), Projection: ix.describeProjection(),
		IndexStatus: types.IndexStatusActive, IndexSizeBytes: aws.Int64(ix.bytes), ItemCount: aws.Int64(int64(ix.tree.Len())),
		IndexArn: aws.String(db.arn(t.name, "index", ix.name)),
	}
	if t.billing == types.BillingModeProvisioned {
		g.ProvisionedThroughput = &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(ix.rcu), WriteCapacityUnits: aws.Int64(ix.wcu)}
	}
	if ix.onDemand {
		g.OnDemandThroughput = &types.OnDemandThroughput{MaxReadRequestUnits: aws.Int64(-1), MaxWriteRequestUnits: aws.Int64(-1)}
	}
	if db.opts.TableDelay > 0 && db.now().Before(ix.created.Add(db.opts.TableDelay)) {
		g.IndexStatus = types.IndexStatusCreating
		g.Backfilling = aws.Bool(true)
	}
	return g
}

func tableID(t *table) string {
	h := hashKey("T", []byte(t.name+t.created.String()))
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 36)
	for i := range 32 {
		if i == 8 || i == 12 || i == 16 || i == 20 {
			b = append(b, '-')
		}
		b = append(b, hex[(h>>(uint(i%16)*4))&0xf])
	}
	return string(b)
}

func (ix *index) describeProjection() *types.Projection {
	p := &types.Projection{ProjectionType: ix.projection}
	if ix.projection == types.ProjectionTypeInclude {
		p.NonKeyAttributes = slices.Clone(ix.include)
	}
	return p
}

// DescribeTable returns a table's schema, status, indexes, stream and sizes.
func (db *DB) DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	const op = "DescribeTable"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	if !validName(aws.ToString(in.TableName)) {
		return nil, wrap(op, errInvalidName())
	}
	t, ok := db.tables[aws.ToString(in.TableName)]
	if !ok {
		return nil, wrap(op, errTableNotFound())
	}
	return &dynamodb.DescribeTableOutput{Table: db.describe(t)}, nil
}

// DeleteTable deletes a table and its items.
func (db *DB) DeleteTable(ctx context.Context, in *dynamodb.DeleteTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error) {
	const op = "DeleteTable"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if !validName(aws.ToString(in.TableName)) {
		return nil, wrap(op, errInvalidName())
	}
	t, ok := db.tables[aws.ToString(in.TableName)]
	if !ok {
		return nil, wrap(op, errTableNotFound())
	}
	if t.protect {
		return nil, wrap(op, validationf("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."))
	}
	d := db.describe(t) // DynamoDB Local answers with the table still ACTIVE
	delete(db.tables, t.name)
	db.streams.drop(db, t, db.now())
	return &dynamodb.DeleteTableOutput{TableDescription: d}, nil
}

// ListTables lists table names in order, paged by Limit and ExclusiveStartTableName.
func (db *DB) ListTables(ctx context.Context, in *dynamodb.ListTablesInput, optFns ...func(*dynamodb.Options)) (*dynamodb.ListTablesOutput, error) {
	const op = "ListTables"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	limit := int(aws.ToInt32(in.Limit))
	switch {
	case in.Limit != nil && limit < 1:
		return nil, wrap(op, validationf("Limit must be greater than or equal to 1"))
	case limit > 100:
		return nil, wrap(op, validationf("Limit in ListTables must be <= 100"))
	}
	if limit == 0 {
		limit = 100
	}
	db.mu.RLock()
	names := make([]string, 0, len(db.tables))
	for n := range db.tables {
		names = append(names, n)
	}
	db.mu.RUnlock()
	slices.Sort(names)
	if s := aws.ToString(in.ExclusiveStartTableName); s != "" {
		i, found := slices.BinarySearch(names, s)
		if found {
			i++
		}
		names = names[i:]
	}
	out := &dynamodb.ListTablesOutput{TableNames: []string{}}
	if len(names) > limit {
		names = names[:limit]
		out.LastEvaluatedTableName = aws.String(names[limit-1])
	}
	out.TableNames = append(out.TableNames, names...)
	return out, nil
}

// UpdateTable changes billing mode, throughput, stream specification and
// deletion protection, and creates or deletes global secondary indexes
// (a new index is backfilled from the table's items at once).
func (db *DB) UpdateTable(ctx context.Context, in *dynamodb.UpdateTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error) {
	const op = "UpdateTable"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	t, err := db.table(in.TableName)
	if err != nil {
		return nil, wrap(op, err)
	}
	created, deleted, err := db.updateTable(t, in)
	if err != nil {
		return nil, wrap(op, err)
	}
	// Like DynamoDB Local, the answer shows new indexes CREATING and deleted
	// ones DELETING; the fake builds and drops them at once, so a later
	// DescribeTable shows the final state.
	d := db.describe(t)
	for i := range d.GlobalSecondaryIndexes {
		g := &d.GlobalSecondaryIndexes[i]
		if created[aws.ToString(g.IndexName)] {
			g.IndexStatus, g.Backfilling, g.IndexSizeBytes, g.ItemCount = types.IndexStatusCreating, aws.Bool(false), nil, nil
		}
	}
	for _, ix := range deleted {
		g := db.describeGSI(t, ix)
		g.IndexStatus, g.IndexSizeBytes, g.ItemCount = types.IndexStatusDeleting, nil, nil
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, g)
	}
	return &dynamodb.UpdateTableOutput{TableDescription: d}, nil
}

func (db *DB) updateTable(t *table, in *dynamodb.UpdateTableInput) (created map[string]bool, deleted []*index, err error) {
	if in.BillingMode == "" && in.ProvisionedThroughput == nil && len(in.GlobalSecondaryIndexUpdates) == 0 &&
		in.StreamSpecification == nil && in.DeletionProtectionEnabled == nil && in.TableClass == "" {
		return nil, nil, validationf("Nothing to update")
	}
	created = map[string]bool{}
	err = db.applyTableUpdate(t, in, created, &deleted)
	return created, deleted, err
}

func (db *DB) applyTableUpdate(t *table, in *dynamodb.UpdateTableInput, created map[string]bool, deleted *[]*index) error {
	now := db.now()
	// Validate everything on a copy of the settings, then apply.
	billing, rcu, wcu := t.billing, t.rcu, t.wcu
	if in.BillingMode != "" {
		billing = in.BillingMode
	}
	if in.ProvisionedThroughput != nil {
		if billing == types.BillingModePayPerRequest {
			return validationf("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
		}
		rcu, wcu = aws.ToInt64(in.ProvisionedThroughput.ReadCapacityUnits), aws.ToInt64(in.ProvisionedThroughput.WriteCapacityUnits)
		if rcu < 1 || wcu < 1 {
			return validationf("Table read and write throughput must be at least 1, and cannot be null")
		}
	} else if billing == types.BillingModeProvisioned && t.billing != types.BillingModeProvisioned {
		return validationf("One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED")
	}
	if billing == types.BillingModePayPerRequest {
		rcu, wcu = 0, 0
	}
	defs := map[string]types.ScalarAttributeType{}
	for _, d := range t.attrDefs {
		defs[aws.ToString(d.AttributeName)] = d.AttributeType
	}
	for _, d := range in.AttributeDefinitions {
		name := aws.ToString(d.AttributeName)
		if old, ok := defs[name]; ok && old != d.AttributeType {
			return validationf("One or more parameter values were invalid: Cannot change the type of attribute %s", name)
		}
		defs[name] = d.AttributeType
	}
	var creates []*index
	deletes := map[string]bool{}
	names := map[string]bool{}
	for _, ix := range t.indexes() {
		names[ix.name] = ix.global
	}
	for _, u := range in.GlobalSecondaryIndexUpdates {
		switch {
		case u.Create != nil:
			c := u.Create
			if _, ok := names[aws.ToString(c.IndexName)]; ok {
				return validationf("Attempting to create an index which already exists")
			}
			ix, err := newIndex(aws.ToString(c.IndexName), true, c.KeySchema, c.Projection, defs, map[string]bool{}, names)
			if err != nil {
				return err
			}
			if err := ix.setThroughput(billing, c.ProvisionedThroughput); err != nil {
				return err
			}
			ix.global, ix.created, ix.onDemand = true, now, billing == types.BillingModePayPerRequest
			creates = append(creates, ix)
		case u.Delete != nil:
			name := aws.ToString(u.Delete.IndexName)
			if t.index(name) == nil || !t.index(name).global {
				return &types.ResourceNotFoundException{Message: aws.String("Requested resource not found")}
			}
			deletes[name] = true
		case u.Update != nil:
			ix := t.index(aws.ToString(u.Update.IndexName))
			if ix == nil || !ix.global {
				return &types.ResourceNotFoundException{Message: aws.String("Requested resource not found")}
			}
		}
	}
	if in.StreamSpecification != nil {
		s := in.StreamSpecification
		if aws.ToBool(s.StreamEnabled) && t.stream != nil {
			return validationf("Table already has an enabled stream")
		}
		if !aws.ToBool(s.StreamEnabled) && t.stream == nil {
			return validationf("Table already has no stream enabled")
		}
	}
	// Apply.
	if in.BillingMode != "" {
		t.summary = true
	}
	t.billing, t.rcu, t.wcu = billing, rcu, wcu
	for _, u := range in.GlobalSecondaryIndexUpdates {
		if u.Update != nil && u.Update.ProvisionedThroughput != nil {
			ix := t.index(aws.ToString(u.Update.IndexName))
			ix.rcu, ix.wcu = aws.ToInt64(u.Update.ProvisionedThroughput.ReadCapacityUnits), aws.ToInt64(u.Update.ProvisionedThroughput.WriteCapacityUnits)
		}
	}
	if len(deletes) > 0 {
		t.gsis = slices.DeleteFunc(t.gsis, func(ix *index) bool {
			if deletes[ix.name] {
				*deleted = append(*deleted, ix)
			}
			return deletes[ix.name]
		})
	}
	for _, ix := range creates {
		t.order.Ascend(func(e *entry) bool {
			ix.put(t, e.item, e.id)
			return true
		})
		t.gsis = append(t.gsis, ix)
		created[ix.name] = true
	}
	{
		// Like DynamoDB Local, keep the definitions of the key attributes
		// still in use, in its hash map's order.
		var keep []types.AttributeDefinition
		for name, typ := range keyNames(append([]keySchema{t.keys}, keySchemas(t.indexes())...)...) {
			keep = append(keep, types.AttributeDefinition{AttributeName: aws.String(name), AttributeType: typ})
		}
		slices.SortFunc(keep, func(a, b types.AttributeDefinition) int { return strings.Compare(*a.AttributeName, *b.AttributeName) })
		t.attrDefs = javaHashOrder(keep, func(d types.AttributeDefinition) string { return *d.AttributeName })
	}
	if in.StreamSpecification != nil {
		if err := t.setStream(in.StreamSpecification, now); err != nil {
			return err
		}
	}
	if in.DeletionProtectionEnabled != nil {
		t.protect = *in.DeletionProtectionEnabled
	}
	if in.TableClass != "" {
		t.class = in.TableClass
	}
	return nil
}

// UpdateTimeToLive enables or disables expiry by a number attribute holding
// epoch seconds (see DB.ExpireItems).
func (db *DB) UpdateTimeToLive(ctx context.Context, in *dynamodb.UpdateTimeToLiveInput, optFns ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error) {
	const op = "UpdateTimeToLive"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	t, err := db.table(in.TableName)
	if err != nil {
		return nil, wrap(op, err)
	}
	s := in.TimeToLiveSpecification
	if s == nil || s.AttributeName == nil || s.Enabled == nil {
		return nil, wrap(op, validationf("1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null"))
	}
	if len(*s.AttributeName) < 1 || len(*s.AttributeName) > 255 {
		return nil, wrap(op, validationf("Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive"))
	}
	switch {
	case *s.Enabled && t.ttlEnabled && *s.AttributeName != t.ttlAttr:
		return nil, wrap(op, validationf("TimeToLive is active on a different AttributeName"))
	case *s.Enabled && t.ttlEnabled:
		return nil, wrap(op, validationf("TimeToLive is already enabled"))
	case !*s.Enabled && !t.ttlEnabled:
		return nil, wrap(op, validationf("TimeToLive is already disabled"))
	case !*s.Enabled && *s.AttributeName != t.ttlAttr:
		return nil, wrap(op, validationf("TimeToLive is active on a different AttributeName"))
	}
	t.ttlEnabled = *s.Enabled
	t.ttlAttr = *s.AttributeName
	if !t.ttlEnabled {
		t.ttlAttr = ""
	}
	return &dynamodb.UpdateTimeToLiveOutput{TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String(*s.AttributeName), Enabled: aws.Bool(*s.Enabled)}}, nil
}

// DescribeTimeToLive reports whether expiry is enabled and on which attribute.
func (db *DB) DescribeTimeToLive(ctx context.Context, in *dynamodb.DescribeTimeToLiveInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error) {
	const op = "DescribeTimeToLive"
	if err := db.enter(ctx, op); err != nil {
		return nil, wrap(op, err)
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.table(in.TableName)
	if err != nil {
		return nil, wrap(op, err)
	}
	d := &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}
	if t.ttlEnabled {
		d = &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusEnabled, AttributeName: aws.String(t.ttlAttr)}
	}
	return &dynamodb.DescribeTimeToLiveOutput{TimeToLiveDescription: d}, nil
}

// putIndex adds item (stored under primary identity id) to the index when it
// carries the index's key attributes with the right types.
func (ix *index) put(t *table, item value.Item, id string) {
	e, ok := makeEntry(ix.keys, item)
	if !ok {
		return
	}
	e.id = id
	e.item = ix.project(t, item)
	e.size = value.ItemSize(e.item)
	e.full = value.ItemSize(item)
	ix.tree.ReplaceOrInsert(e)
	ix.byID[id] = e
	ix.bytes += int64(e.full)
}

// remove drops the index entry of the item stored under id, if any.
func (ix *index) remove(id string) {
	e, ok := ix.byID[id]
	if !ok {
		return
	}
	ix.tree.Delete(e)
	delete(ix.byID, id)
	ix.bytes -= int64(e.full)
}
