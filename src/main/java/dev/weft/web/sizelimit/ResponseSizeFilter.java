package dev.weft.web.sizelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a {@link ResponseBound} (in its attributes) and a response that counts its bytes against it.
 * Runs on the asynchronous dispatch too, where Spring writes a GraphQL response, without wrapping twice.
 */
final class ResponseSizeFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ResponseBound bound = request.getAttribute(ResponseBound.ATTRIBUTE) instanceof ResponseBound b ? b : null;
        if (bound == null) {
            bound = new ResponseBound();
            request.setAttribute(ResponseBound.ATTRIBUTE, bound);
        }
        boolean wrapped = response instanceof ServletResponseWrapper w && w.isWrapperFor(BoundedResponse.class)
                || response instanceof BoundedResponse;
        chain.doFilter(request, wrapped ? response : new BoundedResponse(response, bound));
    }
}
