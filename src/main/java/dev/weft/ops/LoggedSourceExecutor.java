package dev.weft.ops;

import dev.weft.dialect.WeftException;
import dev.weft.execute.SourceExecutor;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code weft.log.statements: true}: one line per call of a source on the logger {@code weft.statements},
 * with its service, kind, table, key count, rows and duration, never a value:
 * {@code service=hr kind=select_batch table=hr.public.employees keys=5 rows=12 duration_ms=3 outcome=success}.
 */
final class LoggedSourceExecutor extends ForwardingSourceExecutor {
    static final Logger log = LoggerFactory.getLogger("weft.statements");

    LoggedSourceExecutor(SourceExecutor delegate) {
        super(delegate);
    }

    @Override
    protected <T> T around(Call call, Supplier<T> body) {
        long start = System.nanoTime();
        String keys = call.keys() < 0 ? "" : " keys=" + call.keys();
        try {
            T result = body.get();
            int rows = SourceExecutor.JsonRows.countOf(result); // an aggregate is one row
            log.info("service={} kind={} table={}{} rows={} duration_ms={} outcome=success", delegate.serviceName(), call.kind(),
                    call.table(), keys, rows, (System.nanoTime() - start) / 1_000_000);
            return result;
        } catch (RuntimeException e) {
            String outcome = e instanceof WeftException weft ? weft.code().name() : "INTERNAL";
            log.info("service={} kind={} table={}{} duration_ms={} outcome={}", delegate.serviceName(), call.kind(), call.table(),
                    keys, (System.nanoTime() - start) / 1_000_000, outcome);
            throw e;
        }
    }
}
