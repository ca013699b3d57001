package dev.weft.write;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.SqlDialect;
import dev.weft.dialect.WeftException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a driver error of a write into a client-safe {@link WeftException}: a constraint violation
 * (SQLSTATE class 23, and MySQL's "field has no default value"; DB2's through {@link Db2Writes#violation}) is BAD_USER_INPUT naming the kind of
 * constraint and its name as the database calls it, never the driver's text (which may quote the
 * values of other rows); other errors are classified as reads are. The driver's text stays in the
 * exception's cause, for the log.
 *
 * <pre>{@code
 * duplicate key value violates unique constraint "accounts_name_key" (PostgreSQL)
 *   -> BAD_USER_INPUT: the write to shop.public.accounts violates the unique constraint 'accounts_name_key'
 * }</pre>
 */
final class WriteFailures {
    /** A name as databases print them: letters, digits, _ $ and dots (schema-qualified). */
    private static final String NAME = "([A-Za-z0-9_$.]+)";
    private static final List<Rule> RULES = List.of(
            // PostgreSQL
            new Rule("unique", Pattern.compile("violates unique constraint \"" + NAME + "\"")),
            new Rule("foreign key", Pattern.compile("violates foreign key constraint \"" + NAME + "\"")),
            new Rule("check", Pattern.compile("violates check constraint \"" + NAME + "\"")),
            new Rule("not-null", Pattern.compile("null value in column \"" + NAME + "\"")),
            // MariaDB / MySQL
            new Rule("unique", Pattern.compile("Duplicate entry .* for key '" + NAME + "'")),
            new Rule("foreign key", Pattern.compile("foreign key constraint fails \\(.*CONSTRAINT `" + NAME + "`")),
            new Rule("check", Pattern.compile("CONSTRAINT `" + NAME + "` failed")),
            new Rule("not-null", Pattern.compile("Column '" + NAME + "' cannot be null")),
            new Rule("not-null", Pattern.compile("Field '" + NAME + "' doesn't have a default value")),
            // H2
            new Rule("unique", Pattern.compile("Unique index or primary key violation: \"" + NAME)),
            new Rule("foreign key", Pattern.compile("Referential integrity constraint violation: \"" + NAME)),
            new Rule("check", Pattern.compile("Check constraint violation: \"" + NAME)),
            new Rule("not-null", Pattern.compile("NULL not allowed for column \"" + NAME + "\"")),
            // DB2's and Derby's own texts, which JCC gives with retrieveMessagesFromServerOnGetMessage=true
            // (without it, JCC's SQLERRMC tokens: Db2Writes.violation)
            new Rule("unique", Pattern.compile("unique index identified by '" + NAME + "' defined on")),
            new Rule("foreign key", Pattern.compile("violation of foreign key constraint '" + NAME + "'")),
            new Rule("check", Pattern.compile("The check constraint '" + NAME + "' was violated")),
            new Rule("not-null", Pattern.compile("Column '" + NAME + "'\\s+cannot accept a NULL value")),
            new Rule("foreign key", Pattern.compile("value of the FOREIGN KEY \"" + NAME + "\"")),
            new Rule("check", Pattern.compile("does not satisfy the check constraint \"" + NAME + "\"")));

    private record Rule(String kind, Pattern pattern) {
    }

    private WriteFailures() {
    }

    static WeftException of(SQLException e, TableRef table, String service, SqlDialect dialect) {
        SQLException logged = new SQLException("[" + service + "] " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        Optional<String> violation = violation(e);
        if (violation.isPresent()) {
            return new WeftException(ErrorCode.BAD_USER_INPUT, "the write to " + table + " " + violation.get(), logged);
        }
        ErrorCode code = dialect.classify(e);
        String message = switch (code) {
            case SOURCE_UNAVAILABLE -> "source '" + service + "' is unavailable";
            case TIMEOUT -> "source '" + service + "' did not answer in time";
            case BAD_USER_INPUT -> "source '" + service + "' rejected a value of the mutation";
            default -> "source '" + service + "' failed to run the mutation";
        };
        return new WeftException(code, message, logged);
    }

    /** "violates the unique constraint 'x'", or empty when the error is not a constraint violation. */
    static Optional<String> violation(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String text = e.getMessage() == null ? "" : e.getMessage();
        boolean noDefault = e.getErrorCode() == 1364; // MySQL/MariaDB: a NOT NULL column without default was left out
        if (!state.startsWith("23") && !noDefault) {
            return Optional.empty();
        }
        Optional<String> db2 = Db2Writes.violation(state, text);
        if (db2.isPresent()) {
            return db2;
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find()) {
                String name = m.group(1);
                if (rule.kind().equals("not-null")) {
                    return Optional.of("leaves the NOT NULL column '" + name + "' without a value");
                }
                return Optional.of("violates the " + rule.kind() + " constraint '" + unqualified(name) + "'");
            }
        }
        return Optional.of("violates a constraint of the table");
    }

    /** {@code PUBLIC.UQ_NAME} and MySQL 8's {@code accounts.name} give the constraint's own name. */
    private static String unqualified(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
