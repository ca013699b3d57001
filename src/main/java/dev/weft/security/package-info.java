/**
 * Who may see what, resolved at start-up from access.yml against the catalog: roles with the tables,
 * columns, row filters and masks they are allowed, API keys (hashes only), and the per-request
 * {@link dev.weft.security.Caller}. No Spring, no I/O.
 */
package dev.weft.security;
