package dev.weft.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.catalog.TableRef;
import dev.weft.config.BreakerSettings;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A JSON attempt on a source that builds no JSON (MariaDB, MongoDB) is no call of the source: a source that is down
 * keeps its breaker open (found in review: the wrapper had counted the attempt as a success that closed it).
 */
class SourceJsonBreakerTest {
    @Test
    void aJsonAttemptThatRunsNothingDoesNotCloseTheBreakerOfADownSource() throws Exception {
        AtomicInteger statements = new AtomicInteger();
        InvocationHandler down = (proxy, method, args) -> switch (method.getName()) {
            case "serviceName" -> "maria";
            case "select" -> {
                statements.incrementAndGet();
                throw new WeftException(ErrorCode.SOURCE_UNAVAILABLE, "source 'maria' is unavailable");
            }
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
        };
        SourceExecutor raw = (SourceExecutor) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SourceExecutor.class}, down);
        SourceBreakers breakers = new SourceBreakers(new BreakerSettings(true, 10, 3, 50, Duration.ofMillis(200), 1));
        SourceExecutor guarded = new SourceOperations(breakers, null).wrap(raw);
        Select select = new Select(new TableRef(new dev.weft.catalog.ServiceName("maria"), null, "customers"), List.of("id"), Predicate.TRUE, List.of(), Page.ALL);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guarded.select(select)).isInstanceOf(WeftException.class);
        }
        assertThat(breakers.state("maria")).contains("OPEN");
        Thread.sleep(400);
        // what DirectRun does for an unlimited root list of plain columns: the JSON attempt, then the rows
        assertThat(guarded.selectJson(select, List.of("id"))).isEmpty();
        assertThat(breakers.state("maria")).as("breaker after a JSON attempt that reached no source").isNotEqualTo(java.util.Optional.of("CLOSED"));
    }
}
