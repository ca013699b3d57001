/**
 * Mutations on MongoDB collections: {@link dev.weft.write.mongo.MongoSourceWriter} runs the
 * {@link dev.weft.write.WriteStep}s the mutation fetchers build (the same permissions as for SQL) with
 * {@code insertMany}, {@code updateMany} ({@code $set}, {@code $inc}) and {@code deleteMany}, in a
 * transaction where the deployment has them; {@link dev.weft.write.mongo.MongoWriters} starts them.
 */
package dev.weft.write.mongo;
