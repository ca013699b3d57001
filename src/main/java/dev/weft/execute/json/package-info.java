/**
 * The direct executor's result as compact per-level structures that write their own JSON: rows stay as read,
 * a per-selection {@link dev.weft.execute.json.ObjectShape} says which field name (pre-encoded) comes from which
 * column with which {@link dev.weft.execute.json.LeafFormat}, chosen once per column per request.
 */
package dev.weft.execute.json;
