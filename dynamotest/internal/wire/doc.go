// Package wire converts between DynamoDB's JSON 1.0 wire documents and the
// Go types of aws-sdk-go-v2 (service/dynamodb and service/dynamodbstreams).
//
// The codec works by reflection over the SDK's structs, with one plan per Go
// type built once and cached. A struct's JSON member names are the names of
// the SDK's Smithy schema members, found by letting the type serialize its
// zero value into a probe; they equal the Go field names except for a
// handful of lower-case members (an exception's "message",
// ThrottlingException's "throttlingReasons", every member of a Streams
// Record). Fields that are not schema members (ResultMetadata,
// ErrorCodeOverride, the noSmithyDocumentSerde marker) are never
// serialized. Structs without a schema use their exported field names.
//
// Encoding follows what DynamoDB sends: nil pointers, slices, maps and
// interfaces and empty enum strings are omitted; non-pointer numbers and
// booleans (QueryOutput.Count) are always written; enums are strings;
// time.Time is epoch seconds with millisecond precision ("1700000000.123");
// []byte is standard base64; floats that are not finite are the strings
// "NaN", "Infinity" and "-Infinity"; types.AttributeValue is the tagged
// union {"S":"x"}, {"N":"1"}, {"M":{...}} and so on. An exception's message
// is written as "Message", the spelling DynamoDB Local uses (the SDK reads
// either).
//
// Decoding is as lenient as DynamoDB Local, whose JSON layer coerces
// scalars: a number or boolean where a string is expected is taken as its
// text, a numeric string where a number is expected is parsed, a fractional
// number where an integer is expected is truncated, integers and
// "true"/"false" in any case are accepted as booleans, an empty string where
// a number or boolean is expected counts as null, surrounding white space in
// base64 is ignored. Null members are skipped; unknown members are ignored;
// data after the top-level value is ignored. JSON that is malformed or whose
// shape does not fit the Go type fails with a *SerializationError.
// AttributeValue unions that set no type or several types fail with the
// ValidationException DynamoDB returns for them, reported only once the
// whole document has been read.
package wire
