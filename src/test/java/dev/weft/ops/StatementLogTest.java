package dev.weft.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.config.BreakerSettings;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.KeyBatch;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementLogTest {
    private static final Select SELECT = new Select(new TableRef(new ServiceName("shop"), "public", "orders"), List.of("id"),
            new Predicate.InList(List.of("customer"), List.of(List.of("secret-value")), false), List.of(), Page.ALL);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        ((Logger) LoggedSourceExecutor.log).addAppender(captured);
    }

    @AfterEach
    void release() {
        ((Logger) LoggedSourceExecutor.log).detachAppender(captured);
    }

    @Test
    void eachCallIsOneLineWithServiceKindTableKeysRowsAndDurationButNoValue() {
        SourceBreakersTest.ScriptedSource source = new SourceBreakersTest.ScriptedSource(null);
        SourceExecutor logged = new SourceOperations(new SourceBreakers(BreakerSettings.OFF), null, true).wrap(source);
        logged.select(SELECT);
        logged.selectBatch(SELECT, new KeyBatch(List.of("customer"), List.of(List.of("k1"), List.of("k2"))));
        source.failure = ErrorCode.SOURCE_UNAVAILABLE;
        assertThatThrownBy(() -> logged.select(SELECT)).isInstanceOf(WeftException.class);

        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("service=shop kind=select table=shop\\.public\\.orders rows=0 duration_ms=\\d+ outcome=success");
        assertThat(lines.get(1)).matches("service=shop kind=select_batch table=shop\\.public\\.orders keys=2 rows=0 duration_ms=\\d+ outcome=success");
        assertThat(lines.get(2)).matches("service=shop kind=select table=shop\\.public\\.orders duration_ms=\\d+ outcome=SOURCE_UNAVAILABLE");
        assertThat(String.join("\n", lines)).doesNotContain("secret-value").doesNotContain("k1");
    }

    @Test
    void offByDefault() {
        SourceBreakersTest.ScriptedSource source = new SourceBreakersTest.ScriptedSource(null);
        new SourceOperations(new SourceBreakers(BreakerSettings.OFF), null).wrap(source).select(SELECT);
        assertThat(captured.list).isEmpty();
    }
}
