/**
 * Nested inserts through a relationship to another source, committed on both sources or on neither by
 * two-phase commit (XA) under Narayana's transaction manager. {@link dev.weft.xa.CrossSourceWrites} wraps
 * the writers of {@link dev.weft.write} and offers the relationships; {@link dev.weft.xa.XaCoordinator} keeps
 * the transaction log and recovers what a crash between prepare and commit left behind.
 */
package dev.weft.xa;
