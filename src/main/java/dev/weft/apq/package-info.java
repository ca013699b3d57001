/**
 * Automatic persisted queries, Apollo's protocol: a client sends {@code extensions.persistedQuery.sha256Hash}
 * instead of the query text once the server knows it. The store keeps texts by their hash; the text is what a
 * request runs, so each role still validates it against its own schema. Pure: the web layer reads requests.
 */
package dev.weft.apq;
