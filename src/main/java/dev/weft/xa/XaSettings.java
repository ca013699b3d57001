package dev.weft.xa;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Where the two-phase-commit transaction log lives and how this instance names its transactions
 * ({@code weft.transactions.*}). The log must be on a writable, persistent disk: after a crash between
 * prepare and commit, recovery reads it to finish the transaction. Two Weft instances that write to the
 * same databases need different {@code node-id}s (recovery rolls back prepared branches of its own node
 * that its log does not know).
 *
 * <pre>{@code
 * weft:
 *   transactions:
 *     log-dir: /var/lib/weft/transactions   # default: <java.io.tmpdir>/weft-transactions
 *     node-id: weft-1                        # default: derived from the host name and the log directory; at most 28 bytes
 *     recovery-period: 60s                   # how often recovery looks for unfinished transactions
 * }</pre>
 */
public record XaSettings(Path logDir, String nodeId, Duration recoveryPeriod) {
    /** Narayana keeps the node identifier in every Xid it makes, in at most 28 bytes. */
    public static final int MAX_NODE_ID_BYTES = 28;
    public static final Duration DEFAULT_RECOVERY_PERIOD = Duration.ofSeconds(60);

    public XaSettings {
        logDir = logDir != null ? logDir : System.getProperty("weft.transactions.log-dir") != null
                ? Path.of(System.getProperty("weft.transactions.log-dir")) : defaultLogDir();
        nodeId = nodeId == null || nodeId.isBlank() ? defaultNodeId(logDir) : nodeId;
        recoveryPeriod = recoveryPeriod == null ? DEFAULT_RECOVERY_PERIOD : recoveryPeriod;
        if (nodeId.getBytes(StandardCharsets.UTF_8).length > MAX_NODE_ID_BYTES) {
            throw new IllegalArgumentException("weft.transactions.node-id is longer than " + MAX_NODE_ID_BYTES + " bytes: " + nodeId);
        }
        if (recoveryPeriod.toSeconds() < 1) {
            throw new IllegalArgumentException("weft.transactions.recovery-period must be at least 1s, was " + recoveryPeriod);
        }
    }

    /** {@code <java.io.tmpdir>/weft-transactions}. */
    public static Path defaultLogDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "weft-transactions");
    }

    /** The defaults: the log under java.io.tmpdir, the node named after the host. */
    public static XaSettings defaults() {
        return new XaSettings(null, null, null);
    }

    /** The same on every start of this instance (host and log directory), different for another log directory. */
    private static String defaultNodeId(Path logDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String where = host + "|" + logDir.toAbsolutePath().normalize();
        return "weft-" + HexFormat.of().toHexDigits(where.hashCode()) + "-" + HexFormat.of().toHexDigits(
                where.chars().reduce(17, (h, c) -> h * 131 + c));
    }
}
