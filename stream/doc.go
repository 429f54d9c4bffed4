// Package stream reads a table's DynamoDB stream as one ordered sequence of
// typed records, resumable from a token, with its shards hidden.
//
// DynamoDB Streams records every change of a table's items, split in
// shards: a shard is closed from time to time and its children take over,
// several shards are open at once on a large table, shard iterators expire
// after 15 minutes, records are kept 24 hours. A consumer that gets any of
// this wrong loses or repeats changes, which replication and audit cannot
// afford. A Consumer does it once:
//
//	s, err := stream.New(accounts, dynamodbstreams.NewFromConfig(cfg))
//	for rec, err := range s.Records(ctx) {
//		if err != nil { … }
//		switch rec.Event {
//		case stream.Insert, stream.Modify:
//			replica.Put(ctx, rec.New) // a *Account
//		case stream.Remove:
//			replica.Delete(ctx, rec.Key)
//		}
//		save(s.Token()) // JSON: resume later with stream.AtToken
//	}
//
// Records yields every record once, in order: a shard after its parent, so
// that the changes of one item come in the order they were made, and the
// records of the shards open at once merged by creation time, then sequence
// number. New shards are found as they appear. When every shard is read up
// to its newest record the consumer polls again, waiting longer while the
// stream stays idle (Options.PollMin, PollMax), until its context ends; or
// it stops there with Options.StopWhenCaughtUp, for batch jobs and tests.
//
// It starts at the trim horizon (the oldest record kept), at the latest
// record, at a time (by reading from the trim horizon: expensive) or at a
// Token, a per-shard position exactly after the last record yielded, which
// marshals to JSON (a shard read from the latest record that has had none
// resumes from the time the token's position was taken, so records written
// while the consumer was stopped are not lost). Iterators are renewed before they expire and rebuilt
// from the last sequence number read when they did; records lost to the
// 24-hour retention are an error (TrimFail) or a warning passed to a
// callback while reading goes on from the oldest record kept
// (TrimContinue). The clock is injectable (Options.Now), as is dynamotest's,
// so tests can let hours pass.
//
// Records are decoded by the table's schema, without reflection: Key holds
// the key fields, Old and New the images the stream's view type carries.
// The attribute values handed to the schema's codecs are converted from the
// stream's into memory used again for the next image, as codecs keep none
// (see attr.Codec): a custom codec that kept one would see it change.
// DecodeLambdaEvent decodes the same records from the JSON event of an AWS
// Lambda function subscribed to the stream, without a Lambda library.
//
// The Client is a *dynamodbstreams.Client, or dynamotest's DB.Streams() in
// tests.
package stream
