package dev.weft.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.catalog.TableRef;
import dev.weft.config.BreakerSettings;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceBreakersTest {
    private static final Select SELECT = new Select(new TableRef(new dev.weft.catalog.ServiceName("shop"), "public", "orders"),
            List.of("id"), null, List.of(), dev.weft.query.Page.ALL);
    private static final BreakerSettings FAST = new BreakerSettings(true, 10, 3, 50, Duration.ofMillis(200), 1);

    @Test
    void threeUnavailableStatementsOpenTheBreakerAndLaterCallsFailWithoutReachingTheSource() {
        SourceBreakers breakers = new SourceBreakers(FAST);
        ScriptedSource source = new ScriptedSource(ErrorCode.SOURCE_UNAVAILABLE);
        SourceExecutor guarded = breakers.guard(source);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guarded.select(SELECT)).isInstanceOf(WeftException.class);
        }
        assertThat(breakers.state("shop")).contains("OPEN");
        assertThatThrownBy(() -> guarded.selectBatch(SELECT, new KeyBatch(List.of("id"), List.of(List.of(1))))).isInstanceOfSatisfying(WeftException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("source 'shop' is unavailable");
        });
        assertThat(source.calls).as("calls that reached the source").isEqualTo(3);
    }

    @Test
    void aProbeAfterTheOpenDurationClosesTheBreakerWhenTheSourceIsBack() throws InterruptedException {
        SourceBreakers breakers = new SourceBreakers(FAST);
        ScriptedSource source = new ScriptedSource(ErrorCode.SOURCE_UNAVAILABLE);
        SourceExecutor guarded = breakers.guard(source);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guarded.aggregate(SELECT, null)).isInstanceOf(WeftException.class);
        }
        source.failure = null;
        assertThatThrownBy(() -> guarded.select(SELECT)).as("still open").isInstanceOf(WeftException.class);
        Thread.sleep(FAST.openDuration().toMillis() + 100);
        assertThat(guarded.select(SELECT)).isEmpty();
        assertThat(breakers.state("shop")).contains("CLOSED");
        assertThat(source.calls).isEqualTo(4);
    }

    @Test
    void rejectedValuesAndTimeoutsShowASourceThatAnswersAndKeepTheBreakerClosed() {
        SourceBreakers breakers = new SourceBreakers(FAST);
        ScriptedSource source = new ScriptedSource(ErrorCode.BAD_USER_INPUT);
        SourceExecutor guarded = breakers.guard(source);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guarded.select(SELECT)).isInstanceOf(WeftException.class);
        }
        source.failure = ErrorCode.TIMEOUT;
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guarded.distinctKeys(null, null, null, 1)).isInstanceOf(WeftException.class);
        }
        assertThat(breakers.state("shop")).contains("CLOSED");
        assertThat(source.calls).isEqualTo(10);
    }

    @Test
    void withBreakersOffTheExecutorIsUsedAsItIs() {
        SourceBreakers breakers = new SourceBreakers(BreakerSettings.OFF);
        ScriptedSource source = new ScriptedSource(null);
        assertThat(breakers.guard(source)).isSameAs(source);
        assertThat(breakers.state("shop")).isEmpty();
    }

    @Test
    void aServiceWithItsOwnSettingsUsesThemAndTheOthersTheGlobalOnes() {
        BreakerSettings once = new BreakerSettings(true, 10, 1, 50, Duration.ofSeconds(30), 1);
        SourceBreakers breakers = new SourceBreakers(FAST, Map.of("shop", once, "legacy", BreakerSettings.OFF));
        ScriptedSource shop = new ScriptedSource(ErrorCode.SOURCE_UNAVAILABLE);
        SourceExecutor guarded = breakers.guard(shop);
        assertThatThrownBy(() -> guarded.select(SELECT)).isInstanceOf(WeftException.class);
        assertThat(breakers.state("shop")).as("minimum-calls 1: open after one failure").contains("OPEN");
        assertThat(breakers.settings("shop")).isEqualTo(once);

        ScriptedSource legacy = new ScriptedSource(ErrorCode.SOURCE_UNAVAILABLE, "legacy");
        assertThat(breakers.guard(legacy)).as("legacy's breaker is off").isSameAs(legacy);
        assertThat(breakers.state("legacy")).isEmpty();

        ScriptedSource crm = new ScriptedSource(ErrorCode.SOURCE_UNAVAILABLE, "crm");
        SourceExecutor crmGuarded = breakers.guard(crm);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> crmGuarded.select(SELECT)).isInstanceOf(WeftException.class);
        }
        assertThat(breakers.state("crm")).as("global minimum-calls 3: still closed after two").contains("CLOSED");
        assertThat(breakers.settings("crm")).isEqualTo(FAST);
    }

    /** A source that fails every call with {@code failure} (or answers nothing when it is null). */
    static class ScriptedSource implements SourceExecutor {
        ErrorCode failure;
        int calls;

        final String name;

        ScriptedSource(ErrorCode failure) {
            this(failure, "shop");
        }

        ScriptedSource(ErrorCode failure, String name) {
            this.failure = failure;
            this.name = name;
        }

        private <T> T answer(T empty) {
            calls++;
            if (failure != null) {
                throw new WeftException(failure, "scripted " + failure);
            }
            return empty;
        }

        @Override
        public String serviceName() {
            return name;
        }

        @Override
        public List<Row> select(Select select) {
            return answer(List.of());
        }

        @Override
        public List<Row> selectBatch(Select select, KeyBatch batch) {
            return answer(List.of());
        }

        @Override
        public List<List<Object>> distinctKeys(TableRef table, List<String> columns, Predicate where, long limit) {
            return answer(List.of());
        }

        @Override
        public Map<String, Object> aggregate(Select select, Aggregates aggregates) {
            return answer(Map.of());
        }

        @Override
        public List<KeyedAggregate> aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates) {
            return answer(List.of());
        }

        @Override
        public boolean isHealthy() {
            return failure == null;
        }

        @Override
        public void close() {
        }
    }
}
