/**
 * Levels whose JSON the source builds: a large level of plain columns on PostgreSQL (a relationship's rows, one
 * {@code json_agg} array per parent key, or a root list, one array) is read as JSON
 * ({@link dev.weft.execute.sourcejson.SourceJsonList}) instead of a row of Java values per row, checked token by
 * token against what Weft would have written ({@link dev.weft.execute.sourcejson.SourceJsonTokens}) and copied into
 * the response with the field names spliced in. Anything the check cannot prove equal sends the level back to the
 * row path.
 */
package dev.weft.execute.sourcejson;
