/**
 * The dialect-free query model ({@link dev.weft.query.Select}, the sealed {@link dev.weft.query.Predicate},
 * {@link dev.weft.query.OrderTerm}) and the planner that builds it from a GraphQL field's arguments.
 */
package dev.weft.query;
