package dev.weft.web;

import dev.weft.config.Redaction;
import dev.weft.config.WeftConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a configuration or source problem (or a heap too small for the catalog) as one readable message, without a stack trace or a configured secret. */
public final class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<WeftConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WeftConfigException cause) {
        return new FailureAnalysis(Redaction.redact(cause.getMessage()), cause instanceof StartupMemory.Exhausted
                ? "Start Weft again with a larger heap (-Xmx)."
                : "Fix the configuration (Spring configuration under weft.*, and the files it names) and start Weft again.",
                cause);
    }
}
