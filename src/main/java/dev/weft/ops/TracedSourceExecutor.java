package dev.weft.ops;

import dev.weft.dialect.WeftException;
import dev.weft.execute.SourceExecutor;
import dev.weft.execute.activity.Activity;
import dev.weft.execute.activity.ActivityListener;
import dev.weft.execute.activity.StatementRun;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link SourceExecutor} that gives every call of a sampled request a child span of the request's: named
 * {@code <kind> <table>} ({@code select_batch shop.public.orders}), with the attributes {@code service}, {@code kind},
 * {@code table}, {@code rows}, {@code keys} (batched calls) and {@code outcome} (success or the error code). With the
 * logger {@code weft.statements} at DEBUG, {@code db.query.text} holds the SQL (placeholders, never a value).
 * Outside a sampled trace a call costs one look-up of the current span.
 */
final class TracedSourceExecutor extends ForwardingSourceExecutor {
    private final Tracer tracer;

    TracedSourceExecutor(SourceExecutor delegate, Tracer tracer) {
        super(delegate);
        this.tracer = tracer;
    }

    @Override
    protected <T> T around(Call call, Supplier<T> body) {
        Span parent = tracer.currentSpan();
        if (parent == null || !Boolean.TRUE.equals(parent.context().sampled())) {
            return body.get();
        }
        Span span = tracer.nextSpan(parent).name(call.kind() + " " + call.table())
                .tag("service", delegate.serviceName()).tag("kind", call.kind()).tag("table", call.table().toString());
        if (call.keys() >= 0) {
            span.tag("keys", call.keys());
        }
        List<String> texts = LoggedSourceExecutor.log.isDebugEnabled() ? new CopyOnWriteArrayList<>() : null;
        try (Tracer.SpanInScope scope = tracer.withSpan(span.start())) {
            T result = texts == null ? body.get() : Activity.during(new SqlTexts(texts), body);
            span.tag("rows", SourceExecutor.JsonRows.countOf(result));
            span.tag("outcome", "success");
            return result;
        } catch (RuntimeException e) {
            String outcome = e instanceof WeftException weft ? weft.code().name() : "INTERNAL";
            span.tag("outcome", outcome);
            // the code and the client-safe message only: a driver's message and stack trace may quote values
            span.error(new Failure(outcome + (e instanceof WeftException ? ": " + e.getMessage() : "")));
            throw e;
        } finally {
            if (texts != null && !texts.isEmpty()) {
                span.tag("db.query.text", String.join(";\n", texts));
            }
            span.end();
        }
    }

    /** Hears the SQL text of the call's statements (placeholders, never a value); MongoDB's commands are left out. */
    private record SqlTexts(List<String> texts) implements ActivityListener {
        @Override
        public void statement(StatementRun statement) {
            if ("sql".equals(statement.language()) && statement.text() != null) {
                texts.add(statement.text());
            }
        }

        @Override
        public boolean wantsText() {
            return true;
        }
    }

    /** What a failed call's span records: no cause, no stack trace. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
