package dev.weft.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.KeyBatch;
import dev.weft.query.Page;
import dev.weft.query.Select;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The span of a source's call, with the OpenTelemetry SDK behind Micrometer Tracing and the spans collected here. */
class TracedSourceExecutorTest {
    private static final Select SELECT = new Select(new TableRef(new ServiceName("shop"), "public", "orders"), List.of("id"), null,
            List.of(), Page.ALL);

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build();
    private final Tracer tracer = new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> { });

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aBatchedCallIsAChildSpanWithItsServiceTableKeysAndRows() {
        SourceBreakersTest.ScriptedSource source = new SourceBreakersTest.ScriptedSource(null);
        SourceExecutor traced = new TracedSourceExecutor(source, tracer);
        Span request = tracer.nextSpan().name("request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            traced.selectBatch(SELECT, new KeyBatch(List.of("id"), List.of(List.of(1), List.of(2), List.of(3))));
        } finally {
            request.end();
        }
        SpanData call = exported.stream().filter(s -> !s.getName().equals("request")).findFirst().orElseThrow();
        assertThat(call.getName()).isEqualTo("select_batch shop.public.orders");
        assertThat(call.getParentSpanId()).isEqualTo(request.context().spanId());
        assertThat(call.getAttributes().get(AttributeKey.stringKey("service"))).isEqualTo("shop");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("table"))).isEqualTo("shop.public.orders");
        assertThat(call.getAttributes().get(AttributeKey.longKey("keys"))).isEqualTo(3L);
        assertThat(call.getAttributes().get(AttributeKey.longKey("rows"))).isEqualTo(0L);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("db.query.text"))).as("only at DEBUG").isNull();
    }

    @Test
    void aFailedCallRecordsItsCodeAndTheSafeMessageOnly() {
        SourceBreakersTest.ScriptedSource source = new SourceBreakersTest.ScriptedSource(null) {
            @Override
            public List<dev.weft.execute.Row> select(Select select) {
                throw new WeftException(ErrorCode.SOURCE_UNAVAILABLE, "source 'shop' is unavailable",
                        new IllegalStateException("driver says: value 'secret-value' rejected"));
            }
        };
        SourceExecutor traced = new TracedSourceExecutor(source, tracer);
        Span request = tracer.nextSpan().name("request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            assertThatThrownBy(() -> traced.select(SELECT)).isInstanceOf(WeftException.class);
        } finally {
            request.end();
        }
        SpanData call = exported.stream().filter(s -> s.getName().startsWith("select ")).findFirst().orElseThrow();
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("SOURCE_UNAVAILABLE");
        assertThat(call.toString()).contains("source 'shop' is unavailable").doesNotContain("secret-value", "driver says");
    }

    @Test
    void outsideASampledTraceACallHasNoSpan() {
        SourceBreakersTest.ScriptedSource source = new SourceBreakersTest.ScriptedSource(null);
        new TracedSourceExecutor(source, tracer).select(SELECT);
        assertThat(exported).isEmpty();
        assertThat(source.calls).isEqualTo(1);
    }
}
