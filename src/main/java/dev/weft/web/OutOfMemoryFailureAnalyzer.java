package dev.weft.web;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Start-up ran out of heap outside the catalog and schema stages (which report it themselves through
 * {@link StartupMemory}): one readable message with the heap to try, without a stack trace.
 */
public final class OutOfMemoryFailureAnalyzer extends AbstractFailureAnalyzer<OutOfMemoryError> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OutOfMemoryError cause) {
        return new FailureAnalysis(StartupMemory.exhausted(-1).getMessage().replace("reading the sources' catalogs", "starting"),
                "Start Weft again with a larger heap.", cause);
    }
}
