/**
 * Mutations: Hasura-style inserts, updates and deletes, governed by the role's write permissions,
 * one transaction per mutation field. {@link dev.weft.write.MutationFetchers} turns a field's
 * arguments into {@link dev.weft.write.WriteStep}s; a {@link dev.weft.write.SourceWriter} per source
 * runs them (JDBC: PostgreSQL, MariaDB/MySQL, DB2, H2; MongoDB in {@code dev.weft.write.mongo}).
 */
package dev.weft.write;
