package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.weft.config.BreakerSettings;
import dev.weft.config.LimitSettings;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.SourceOperations;
import dev.weft.web.WeftRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code weft.log.statements: true} against real servers ({@link CrossDatabaseFixture}): one line per call of a source on
 * {@code weft.statements} with its service, kind, table, keys, rows and duration, and no value of the request.
 */
class StatementLogIT {

    @Test
    void eachCallOfARealSourceIsOneLineWithServiceRowsAndDurationAndNoValue() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger logger = (Logger) LoggerFactory.getLogger("weft.statements");
        logger.addAppender(lines);
        try (CrossDatabaseFixture fixture = CrossDatabaseFixture.create();
             WeftRuntime weft = WeftRuntime.start(fixture.services((name, p) -> p), CrossDatabaseFixture.relationships(), 1_000_000,
                     null, LimitSettings.DEFAULTS, new SourceOperations(new SourceBreakers(BreakerSettings.DEFAULT), null, true))) {
            var result = weft.execute("query Q($name: String!) { crm_customers(where: {name: {_neq: $name}}, order_by: [{id: asc}])"
                    + " { id orders { id } } }", Map.of("name", "Zed-the-secret"));
            assertThat(result.getErrors()).isEmpty();
        } finally {
            logger.detachAppender(lines);
        }
        List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).matches("service=crm kind=select table=crm\\.customers rows=6 duration_ms=\\d+ outcome=success");
        assertThat(logged.get(1)).matches(
                "service=shop kind=select_batch table=shop\\.public\\.orders keys=6 rows=8 duration_ms=\\d+ outcome=success");
        assertThat(String.join("\n", logged)).doesNotContain("Zed-the-secret").doesNotContain("secret");
    }
}
