package dev.weft.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error Spring answers itself (a body that is not JSON, an exception no handler caught) in
 * GraphQL's shape instead of Spring's default error JSON, with the same status:
 * {@code {"errors":[{"message":"...","extensions":{"code":"BAD_USER_INPUT"}}]}}. A 4xx gets
 * {@code BAD_USER_INPUT} (401 {@code UNAUTHENTICATED}, 403 {@code FORBIDDEN}), a 5xx {@code INTERNAL}
 * with only an id the log holds the exception under; no exception text reaches the client.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class GraphqlErrorController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(GraphqlErrorController.class);

    @RequestMapping
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String code;
        String message;
        if (status.is5xxServerError()) {
            String id = UUID.randomUUID().toString();
            log.error("request {} to {} failed with {}", id, path, status.value(),
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            code = "INTERNAL";
            message = "internal error; the server log has the details under request id " + id;
        } else {
            code = switch (status) {
                case UNAUTHORIZED -> "UNAUTHENTICATED";
                case FORBIDDEN -> "FORBIDDEN";
                default -> "BAD_USER_INPUT";
            };
            message = status == HttpStatus.BAD_REQUEST && path.endsWith("/graphql")
                    ? "bad request: the body is not a GraphQL request (a JSON object with a 'query' string)"
                    : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
            log.debug("{} for {}", status.value(), path);
        }
        Map<String, Object> error = Map.of("message", message, "extensions", Map.of("code", code));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("errors", List.of(error)));
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer n ? HttpStatus.resolve(n) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
