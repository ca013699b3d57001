package dev.weft.ops;

import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.execute.SourceExecutor;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.function.Supplier;

/**
 * A {@link SourceExecutor} whose every call goes through the source's circuit breaker: while the breaker
 * is open, a call fails at once with {@code SOURCE_UNAVAILABLE} and the same message as a refused
 * connection, without waiting for a connection. Health checks bypass the breaker.
 */
final class GuardedSourceExecutor extends ForwardingSourceExecutor {
    private final CircuitBreaker breaker;

    GuardedSourceExecutor(SourceExecutor delegate, CircuitBreaker breaker) {
        super(delegate);
        this.breaker = breaker;
    }

    static boolean isUnavailable(Throwable thrown) {
        return thrown instanceof WeftException weft && weft.code() == ErrorCode.SOURCE_UNAVAILABLE;
    }

    @Override
    protected <T> T around(Call call, Supplier<T> body) {
        try {
            return breaker.executeSupplier(body);
        } catch (CallNotPermittedException open) {
            throw new WeftException(ErrorCode.SOURCE_UNAVAILABLE, "source '" + delegate.serviceName() + "' is unavailable",
                    open);
        }
    }
}
