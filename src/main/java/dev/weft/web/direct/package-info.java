/**
 * The direct path of {@code POST /graphql}: a request with a JSON body, answered by a servlet filter that runs it
 * through the same {@link org.springframework.graphql.server.WebGraphQlHandler} (its interceptors, the execution
 * service) and writes the response with the same {@code JsonMapper}, without Spring MVC's dispatch around it
 * (handler mapping, functional request and response objects, message converter negotiation). Its answers are those
 * of Spring for GraphQL's own handler, byte for byte; a request it does not recognise as plain goes on to that
 * handler unchanged ({@link dev.weft.web.direct.DirectPostFilter}).
 */
package dev.weft.web.direct;
