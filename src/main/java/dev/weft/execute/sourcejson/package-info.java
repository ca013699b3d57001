/**
 * Levels of related rows whose JSON the source builds: a relationship level of plain columns on PostgreSQL is
 * read as one {@code json_agg} array per parent key ({@link dev.weft.execute.sourcejson.SourceJsonList}) instead of
 * a row of Java values per related row, checked token by token against what Weft would have written
 * ({@link dev.weft.execute.sourcejson.SourceJsonTokens}) and copied into the response with the field names spliced
 * in. Anything the check cannot prove equal sends the level back to the row path.
 */
package dev.weft.execute.sourcejson;
