// Package version adds optimistic locking to a gonamo table, as PynamoDB's
// VersionAttribute and the Java Enhanced Client's @DynamoDbVersionAttribute
// do: an int64 attribute that every write checks and increments, so that a
// writer holding a stale copy of an item cannot overwrite a newer one.
//
//	type Office struct {
//		ID      string
//		Name    string
//		Version int64
//	}
//
//	var ver = version.Attr("version", func(o *Office) *int64 { return &o.Version })
//
//	offices, err := gonamo.NewTable(db, "offices", gonamo.Key(officeID),
//		gonamo.Attrs[Office](officeName), version.Lock(ver))
//
// The rules, for Put, Save, Update and Delete alike (and for the same
// writes in a transaction, see package txn):
//
//   - The local object's version is the version it was read at, 0 for an
//     object never written. A write requires the stored version to be
//     equal to it, or, at 0, the item to have no version (not to exist, for
//     Put and Save).
//   - Put, Save and Update store the local version plus one; once the
//     write succeeded, the local object carries it, so no reload is needed
//     between two writes of the same object. Update and Delete read the
//     version from the key object they are given.
//   - When the check fails, the error is a *gonamo.ConditionFailedError for
//     which errors.Is(err, ErrConflict) holds; with gonamo.ReturnOnFailure
//     it carries the stored item. If the version matched and another
//     condition of the write failed, ErrConflict does not hold.
//   - NoCheck skips the check for one call but still stores the local
//     version plus one (PynamoDB's add_version_condition=False): the write
//     wins whatever the stored version.
//
// Batch writes cannot carry conditions; gonamo's batch writes of a
// versioned table store the local version plus one without checking, as
// NoCheck does.
package version
