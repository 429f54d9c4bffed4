// Package polymorphic stores several models in one table, told apart by a
// discriminator attribute, as PynamoDB's DiscriminatorAttribute and the
// single-table designs of bloop's shared tables do.
//
// A Registry[S] names the discriminator attribute and collects the
// variants of a sum type S, usually an interface the variants implement.
// Each variant is an ordinary model with its own gonamo.Table on the shared
// table, declared with Variant and one or more discriminator values: the
// first is written, all are accepted on read (for migrations).
//
//	type Shape interface{ Area() float64 }
//
//	shapes := polymorphic.New[Shape]("kind")
//	circles, _ := gonamo.NewTable(db, "shapes", gonamo.Key(circleID),
//		gonamo.Attrs[Circle](radius), polymorphic.Variant[Shape, Circle](shapes, "circle", "round"))
//	squares, _ := gonamo.NewTable(db, "shapes", gonamo.Key(squareID),
//		gonamo.Attrs[Square](side), polymorphic.Variant[Shape, Square](shapes, "square"))
//
// A variant's table is typed and keeps to its own items:
//
//   - its writes store the discriminator, and refuse to overwrite, update
//     or delete an item of another variant (a *WrongVariantError among the
//     Reasons of the *gonamo.ConditionFailedError);
//   - its queries and scans add the discriminator to their filter, so that
//     only its items come back (an index queried must project the
//     discriminator; an index keyed by it is fine);
//   - a Get or Load that finds another variant's item returns a
//     *WrongVariantError.
//
// The registry reads every variant at once: Iter (or All, Collect) runs a
// query or scan of any variant's table without its filter, and decodes each
// item into its own variant, as an S. Pick splits such results into typed
// slices. An item whose discriminator no variant declares follows the
// registry's Unknown policy: an *UnknownError (UnknownFail, the default), skipped, or
// handed out as an Unknown value when S can hold one (S = any, say).
package polymorphic
