package dev.weft.web;

import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import dev.weft.xa.XaCoordinator;
import dev.weft.xa.XaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;

/** Binds {@code weft.transactions.*} (the two-phase commit's log directory, node id, recovery period) for {@link XaCoordinator}. */
final class XaConfiguration {
    private XaConfiguration() {
    }

    static void configure(Binder binder) {
        String key = "weft.transactions";
        try {
            key = "weft.transactions.log-dir";
            Path logDir = binder.bind(key, String.class).map(Path::of).orElse(null);
            key = "weft.transactions.node-id";
            String nodeId = binder.bind(key, String.class).orElse(null);
            key = "weft.transactions.recovery-period";
            Duration period = binder.bind(key, Duration.class).orElse(null);
            key = "weft.transactions";
            XaCoordinator.configure(new XaSettings(logDir, nodeId, period));
        } catch (BindException | IllegalArgumentException e) {
            String message = e instanceof BindException ? "not a valid value" : e.getMessage();
            throw new WeftConfigException(List.of(new ConfigProblem(null, key, message)));
        }
    }
}
