// Package bench compares gonamo's item codec and expression rendering with
// the other ways of doing the same work in Go, in one process so that the
// numbers are comparable:
//
//   - gonamo: an attr.Schema built from typed descriptors (no reflection),
//     and conditions and updates built by descriptors and rendered by an
//     expr.Builder;
//   - aws: the SDK's attributevalue.MarshalMap and UnmarshalMap, and its
//     expression.NewBuilder;
//   - guregu: github.com/guregu/dynamo/v2's MarshalItem and UnmarshalItem;
//   - hand: a hand-written codec building the attribute values directly and
//     parsing numbers with strconv, and expressions written as literal
//     strings and maps: the floor the others are measured against.
//
// Three item shapes are measured: Small (6 attributes), Medium (20, with
// sets, a map, a nested struct, a list of structs, bytes, a pointer and a
// version) and Large (Medium and a list of 200 structs). The tests check
// that every codec writes the same attribute values and reads them back to
// the same item, and that the three renderings of the expressions say the
// same thing, so no benchmark measures a broken path.
//
// It is a module of its own (github.com/gonamo/gonamo/bench) so that the
// dependencies it compares against stay out of gonamo's go.mod. See
// README.md for how to run it and the latest results.
package bench
