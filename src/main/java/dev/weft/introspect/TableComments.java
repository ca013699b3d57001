package dev.weft.introspect;

import dev.weft.config.SourceKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Table comments where {@code getTables}' {@code REMARKS} misses them: MySQL Connector/J reads tables with
 * {@code SHOW FULL TABLES}, which has no comment, so on MariaDB and MySQL they come from one
 * {@code information_schema.TABLES} query for the whole database (a view's {@code TABLE_COMMENT} is
 * {@code VIEW}, no comment). Other sources' drivers give them with the tables.
 */
final class TableComments {
    private static final String INFORMATION_SCHEMA = """
            SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES
             WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'VIEW' AND TABLE_COMMENT <> ''""";

    private TableComments() {
    }

    /** Adds to {@code comments} (table name to comment) what {@code REMARKS} left out. */
    static void complete(SourceKind kind, Connection connection, String catalog, Map<String, String> comments)
            throws SQLException {
        if (kind == SourceKind.MARIADB || kind == SourceKind.MYSQL) {
            KeyReader.eachRow(connection, INFORMATION_SCHEMA, catalog, rs -> {
                String comment = rs.getString(2).strip();
                if (!comment.isEmpty()) {
                    comments.put(rs.getString(1), comment);
                }
            });
        }
    }
}
