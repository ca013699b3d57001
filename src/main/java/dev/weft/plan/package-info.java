/**
 * Cross-source planning: how a {@code where} or an {@code order_by} that reaches another source is run.
 * It estimates both sides with bounded probes, picks the side to read first, streams keys in chunks
 * through bounded memory, and logs its choice on the {@code weft.plan} logger at DEBUG. It drives the
 * per-source executors of {@code dev.weft.execute} and implements the steps their fetchers ask for
 * ({@link dev.weft.execute.CrossSourceSteps}).
 */
package dev.weft.plan;
