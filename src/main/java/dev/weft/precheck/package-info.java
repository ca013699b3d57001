/**
 * Judging a request's arguments before anything executes: what can be refused from the coerced
 * operation alone (a negative {@code limit}, a pattern longer than the engines take, a claim the role's
 * row filter needs and the caller lacks) fails the whole request, with no {@code data}, as Hasura does.
 */
package dev.weft.precheck;
