/**
 * Request limits: the shape of a query document measured before graphql-java validates or expands it
 * ({@link dev.weft.limits.DocumentShape}), and the per-request budget of rows, bytes and time that
 * execution charges as it reads ({@link dev.weft.limits.RequestBudget}).
 */
package dev.weft.limits;
