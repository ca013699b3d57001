/**
 * What operators run Weft with, kept at the edge of the stages: a circuit breaker per source
 * ({@link dev.weft.ops.SourceBreakers}) that makes the fields of a source that is down fail at once, the meters and
 * statement log of every source call ({@link dev.weft.ops.SourceOperations}), the audit log, and the request
 * observation and spans of traces ({@link dev.weft.ops.RequestTracing}).
 */
package dev.weft.ops;
