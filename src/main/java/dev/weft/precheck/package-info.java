/**
 * Judging a request's arguments before anything executes: what can be refused from the coerced
 * operation alone (a negative {@code limit}, an explicit null compared with, a pattern longer than the engines take or
 * malformed by its source's rules, a malformed json path, a {@code distinct_on} that does not start the
 * {@code order_by}, a claim that a role's row filter or write permission needs and the caller lacks) fails the whole
 * request, with no {@code data}, as Hasura does. Literals, variables and variables' defaults are judged alike.
 */
package dev.weft.precheck;
