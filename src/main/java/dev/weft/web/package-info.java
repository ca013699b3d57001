/**
 * The composition root and the only Spring-aware package: binds {@code weft.*}, builds the
 * {@link dev.weft.web.WeftRuntime}, and wires it into Spring for GraphQL, actuator health and GraphiQL.
 */
package dev.weft.web;
