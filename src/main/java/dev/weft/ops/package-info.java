/**
 * What operators run Weft with, kept at the edge of the stages: a circuit breaker per source
 * ({@link dev.weft.ops.SourceBreakers}) that makes the fields of a source that is down fail at once.
 */
package dev.weft.ops;
