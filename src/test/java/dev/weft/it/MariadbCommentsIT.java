package dev.weft.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link CommentScenarios} on MariaDB through MariaDB Connector/J: {@code COMMENT} clauses, read back from
 * {@code information_schema}; a view's {@code TABLE_COMMENT} ({@code VIEW}) is no comment.
 */
class MariadbCommentsIT extends CommentScenarios {

    @Override
    protected Target target() {
        return Target.MARIADB;
    }

    @Override
    protected List<String> setup(Target t) {
        return List.of("CREATE TABLE books (id INT PRIMARY KEY, isbn VARCHAR(17) NOT NULL COMMENT '" + COLUMN_COMMENT + "',"
                        + " title TEXT COMMENT 'The title') COMMENT = '" + TABLE_COMMENT.replace("'", "''").replace("\n", "\\n") + "'",
                "CREATE TABLE plain (id INT PRIMARY KEY, label TEXT)",
                "CREATE VIEW books_view AS SELECT id, title FROM books");
    }

    @Override
    protected String catalogComment(Connection c, String table, String column) throws SQLException {
        return column == null
                ? one(c, "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", table)
                : one(c, "SELECT COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = ? AND COLUMN_NAME = ?", table, column);
    }
}
