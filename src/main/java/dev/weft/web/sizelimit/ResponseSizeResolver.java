package dev.weft.web.sizelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a client sees of a response cut at {@code max-response-bytes}: when nothing has been sent yet, the buffered
 * part is dropped and the limit's GraphQL error written instead (status and content type as the response had);
 * when bytes have been sent, the failure goes on to the servlet container, which closes the connection without the
 * response's end (no last chunk), so no client takes it for a complete response. Both are logged and counted
 * ({@code weft.responses.cut}, tag {@code outcome}: {@code replaced} or {@code aborted}).
 */
public final class ResponseSizeResolver implements HandlerExceptionResolver, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseSizeResolver.class);

    private final ObjectProvider<MeterRegistry> meters;

    ResponseSizeResolver(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        ResponseTooLargeException tooLarge = ResponseTooLargeException.in(failure);
        ResponseBound bound = request.getAttribute(ResponseBound.ATTRIBUTE) instanceof ResponseBound b ? b : null;
        if (tooLarge == null || bound == null) {
            return null;
        }
        if (response.isCommitted()) {
            count("aborted");
            LOG.warn("{} {}: the response passed max-response-bytes ({} bytes) after {} bytes were sent; the connection"
                    + " is closed without the response's end", request.getMethod(), request.getRequestURI(),
                    tooLarge.limit(), bound.written());
            throw new ResponseAbortedException(tooLarge);
        }
        count("replaced");
        LOG.info("{} {}: the response passed max-response-bytes ({} bytes) before anything was sent; answered with the"
                + " limit's error", request.getMethod(), request.getRequestURI(), tooLarge.limit());
        bound.disarm();
        // the container's own response: in an async dispatch Spring's wrapper refuses any use after the failed write
        ServletResponse container = response;
        while (container instanceof ServletResponseWrapper wrapper) {
            container = wrapper.getResponse();
        }
        container.resetBuffer();
        try {
            container.getOutputStream().write(error(tooLarge.limit()));
            container.flushBuffer();
        } catch (IOException e) {
            throw new ResponseAbortedException(e);
        }
        return new ModelAndView();
    }

    /**
     * The same for a response written outside Spring MVC ({@link dev.weft.web.direct.DirectPostFilter}): true when
     * {@code failure} was the bound's and is answered; false when it is another, left to propagate.
     */
    public boolean handled(HttpServletRequest request, HttpServletResponse response, Exception failure) {
        return resolveException(request, response, null, failure) != null;
    }

    /** The limit's GraphQL error, as the estimate's refusal before execution words it. */
    static byte[] error(long limit) {
        return ("{\"errors\":[{\"message\":\"the response holds more than " + limit + " bytes (max-response-bytes);"
                + " ask for fewer rows, fields or levels\",\"extensions\":{\"code\":\"BAD_USER_INPUT\","
                + "\"limit\":\"max-response-bytes\"}}]}").getBytes(StandardCharsets.UTF_8);
    }

    private void count(String outcome) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            Counter.builder("weft.responses.cut").description("responses cut at max-response-bytes while being written")
                    .tag("outcome", outcome).register(registry).increment();
        }
    }

    /** Ends a response already partly sent: the container closes its connection. */
    static final class ResponseAbortedException extends RuntimeException {
        ResponseAbortedException(Throwable cause) {
            super("response cut at max-response-bytes", cause);
        }
    }
}
