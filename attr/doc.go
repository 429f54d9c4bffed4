// Package attr describes the attributes of DynamoDB items stored as Go
// structs, once, with typed descriptors, and uses the descriptors to encode
// items, decode them and build the expressions that read or change them.
//
// A descriptor ties a field of a model T to a stored name and a codec:
// Attr[T, V] holds the name, an accessor func(*T) *V that reaches the field
// without reflection, and a Codec[V] that converts V to and from a DynamoDB
// attribute value. An accessor is a field selector, func(t *T) *V { return
// &t.Field }: it returns the address of the same field for every item,
// without side effects, so a schema may compute the field's offset once and
// skip the call (see Performance).
//
//	type Thread struct {
//		Forum, Subject string
//		Views          int
//		Tags           []string
//		Updated        time.Time
//	}
//
//	var (
//		forum   = attr.String("forum", func(t *Thread) *string { return &t.Forum })
//		subject = attr.String("subject", func(t *Thread) *string { return &t.Subject })
//		views   = attr.Int("views", func(t *Thread) *int { return &t.Views })
//		tags    = attr.StringSet("tags", func(t *Thread) *[]string { return &t.Tags }, attr.OmitEmpty)
//		updated = attr.Time("updated", func(t *Thread) *time.Time { return &t.Updated })
//	)
//
//	schema, err := attr.NewSchema[Thread](forum, subject, views, tags, updated)
//	item, err := schema.Encode(&thread)  // map[string]types.AttributeValue for PutItem
//	err = schema.Decode(out.Item, &thread)
//	cond := views.Lt(100).And(tags.Contains("go"))  // attr.Condition[Thread]
//	upd := views.Add(1).And(tags.Delete("old"))      // attr.Update[Thread]
//
// # Descriptors and their operations
//
// Every descriptor has the operations any attribute supports: Eq, Ne, Lt,
// Le, Gt, Ge, Between, In, Exists, NotExists, IsType and Size in conditions;
// Set, SetIfNotExists and Remove in updates. The operations that only some
// types support live on distinct descriptor types, so that using them on
// the wrong attribute does not compile:
//
//   - StringAttr (String, Time, Text, StringOf): BeginsWith, Contains;
//   - NumberAttr (Number, Int, Exact, NumberOf): Add;
//   - SetAttr (StringSet, NumberSet, BinarySet and the Map variants): Add,
//     Delete, Contains;
//   - ListAttr (List): Append, Prepend, Index, Contains;
//   - MapAttr (Map): Key.
//
// Every operation takes Go values of the attribute's type V and encodes them
// with its codec; every result is typed by the model T, so a condition on a
// Thread cannot be given to the table of a User.
//
// A struct stored as a map (Struct, or StructCodec in a list or map) is
// described by descriptors of its own type. Nested and its typed variants
// (NestedString, NestedNumber, NestedSet, NestedList, NestedMap) turn a
// descriptor of the inner type into one of the outer model, on the path
// under the parent: attr.NestedString(address, city).BeginsWith("Pa") is
// begins_with(address.city, :v) on a Thread. The parent can be a list
// element (lines.Index(0)) or a map value (m.Key("k")) as well.
//
// # Codecs
//
// Codec is the interface of value conversions; the constructors of this
// package pick one, and Custom, StringOf and NumberOf take any, so types of
// your own are stored as you decide. The built-in codecs store:
//
//   - strings as S (StringCodec): invalid UTF-8 is an error;
//   - bools as BOOL (BoolCodec);
//   - every integer and float kind as N (NumberCodec), written exactly
//     (shortest form for floats); NaN, infinities and magnitudes outside
//     DynamoDB's 1e-130 to 9.99e125 are errors, and decoding checks that
//     the number fits the Go type;
//   - Decimal, an exact decimal of up to 38 digits backed by
//     github.com/cockroachdb/apd/v3, as N (DecimalCodec);
//   - []byte as B (BytesCodec);
//   - time.Time as S in the fixed, sortable UTC layout TimeLayout
//     (TimeCodec), or as N, seconds since the epoch (EpochCodec), the
//     format of TTL attributes;
//   - encoding.TextMarshaler types as S (TextCodec), any type as its JSON
//     text (JSONCodec);
//   - string, number and binary sets, from slices or map[E]struct{}, as SS,
//     NS and BS; an empty set cannot be stored and is an error unless the
//     attribute has OmitEmpty; duplicate elements are an error;
//   - slices as L (ListCodec), map[string]V as M (MapCodec) and structs as
//     M (StructCodec), each element with its own codec;
//   - pointers (PointerCodec, Pointer) with the codec of the pointee.
//
// Go's nil is "no value": a nil pointer, slice or map makes the attribute
// absent from the item, and an element without value in a list or map is
// stored as NULL. An empty but non-nil slice or map is stored as an empty
// list or map. On decoding, an absent or NULL attribute gives the field its
// default or its zero value, so an item can be decoded into a used struct.
//
// # Options
//
// Constructors take options: OmitEmpty leaves an empty value out of the
// item; Required makes an absent attribute an error, when encoding,
// decoding, setting or removing; Default and DefaultFunc give empty fields a
// value when encoding (writing it into the item, as a constructor would) and
// absent attributes one when decoding; Validate checks every value written.
// The stored name is the constructor's first argument and need not be the
// field's name.
//
// # Expressions and their errors
//
// The expressions are those of package expr, which renders them with
// placeholders. A value can fail to encode (a NaN, an empty set, a string
// that is not UTF-8), so descriptors return Condition[T] and Update[T]: an
// expression of expr holding the first encoding error, if any. Their Expr
// method returns the two apart; And, Or and Not keep the first error;
// RawCondition and RawUpdate bring expressions built with expr directly
// into the same combinations. A Builder renders them for a request, several
// at once and without combining them first:
//
//	var b attr.Builder[Thread]
//	cond, err := b.Condition(version.Eq(3), subject.BeginsWith("go"))
//	upd, err := b.Update(subject.Set(s), views.Add(1))
//	names, values := b.Names(), b.Values()
//
// A Query's key condition is built from two descriptor conditions by
// KeyCondition: an Eq on the partition key and, optionally, a comparison,
// Between or BeginsWith on the sort key. Condition.Term exposes the shape of
// such a simple condition (attribute, operator, encoded values) to code that
// needs it, such as a table checking which key a condition is on.
//
// # Schemas
//
// A Schema is the list of a model's fields: Encode walks it to build the
// attribute map of an item (its map sized for the fields), Decode walks it
// to fill an item, and Field finds one field by stored name. Every
// descriptor is a Field, the type-erased view of it: Encode and Decode of
// a single field (for a key, or for a partial save that sets present
// attributes and removes absent ones), KeyType (S, N or B for key
// attributes) and TTL.
//
// FromTags derives a schema from `dynamodbav` struct tags once, by
// reflection, for those who prefer tags: the same codecs, reached through
// field offsets rather than accessors. Its fields have no typed operations.
//
// # Errors
//
// Every error about a value or a descriptor is an *Error naming the model
// and the attribute's path ("gonamo/attr: Thread.address.city: invalid
// UTF-8: ..."), whose Err wraps a category: ErrEmptySet, ErrDuplicate,
// ErrNumberRange, ErrInvalidNumber, ErrTimeRange, ErrInvalidUTF8,
// ErrRequired, ErrValidation, ErrType, ErrNoValue or ErrDescriptor. Bad input
// never panics: nil items, nil accessor results, nil maps and the zero
// descriptors all give errors.
//
// # Performance
//
// Encoding and decoding walk the fields in order: no reflection, no fmt, no
// boxing of values in interfaces, one map allocation sized for the fields;
// errors are built only when something is wrong. When a descriptor is built,
// its accessor is called on two zero items: if both results lie inside their
// item at one offset, the field is reached by adding that offset, without
// calling the accessor (an accessor that follows a pointer, or panics on a
// zero item, keeps being called). Strings, numbers, bools and pointers to
// them take a fast path that skips the codec's indirect call. A panic in an
// accessor or codec (an accessor following a nil pointer of the item) is
// recovered and returned as an error. The benchmarks in bench_test.go
// compare the schema with a hand-written encoder of the same model.
//
// Descriptors, codecs and schemas are immutable once built and safe for
// concurrent use, except that Encode writes defaults into the item it is
// given.
package attr
