/**
 * Reads each source's metadata (JDBC {@code DatabaseMetaData}) into catalog {@link dev.weft.catalog.Source}s.
 * Reads only; never writes to a source.
 */
package dev.weft.introspect;
