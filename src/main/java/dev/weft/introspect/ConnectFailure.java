package dev.weft.introspect;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Explains why a source could not be reached at start-up, in words a user acts on: wrong user name
 * or password, host not answering, unknown database. The driver's message follows for details; it
 * may repeat a password written in the URL, so callers pass the result through
 * {@link dev.weft.config.Redaction#redact(String)} before printing it.
 */
public final class ConnectFailure {

    private ConnectFailure() {
    }

    public static String describe(Throwable error) {
        SQLException sql = findSql(error);
        String detail = rootMessage(error);
        if (sql == null) {
            String mongo = mongoReason(error);
            return mongo == null ? "cannot connect: " + detail : mongo + " (" + detail.split("\\. Client view of cluster state")[0] + ")";
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String lower = detail.toLowerCase(Locale.ROOT);
        int code = sql.getErrorCode();
        String reason;
        if (state.startsWith("28") || code == 1045 || lower.contains("password") || lower.contains("access denied")) {
            reason = "wrong user name or password";
        } else if (state.equals("3D000") || code == 1049 || code == 90146 || lower.contains("unknown database")
                || (lower.contains("database") && lower.contains("does not exist"))
                || anyMessageContains(error, "which was either not found")) { // IBM JCC (DB2, SQLSTATE 08004)
            reason = "unknown database";
        } else if (state.startsWith("08") || lower.contains("connection refused") || lower.contains("timed out")
                || lower.contains("unknownhost") || lower.contains("could not connect")) {
            reason = "host not answering";
        } else {
            reason = "cannot connect";
        }
        return reason + " (" + detail + ")";
    }

    /** The MongoDB driver's failures (it throws no SQLException), by class: the reason, or null. */
    private static String mongoReason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof com.mongodb.MongoSecurityException) {
                return "wrong user name or password";
            }
            if (t instanceof com.mongodb.MongoTimeoutException || t instanceof com.mongodb.MongoSocketException) {
                return "host not answering";
            }
        }
        return null;
    }

    private static boolean anyMessageContains(Throwable error, String text) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static SQLException findSql(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getSQLState() != null || sql.getErrorCode() != 0)) {
                return sql;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        String message = String.valueOf(error.getMessage());
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message.lines().findFirst().orElse(message).trim();
    }
}
