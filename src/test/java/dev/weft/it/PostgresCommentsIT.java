package dev.weft.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** {@link CommentScenarios} on PostgreSQL: {@code COMMENT ON}, read back with {@code obj_description}/{@code col_description}. */
class PostgresCommentsIT extends CommentScenarios {

    @Override
    protected Target target() {
        return Target.POSTGRES;
    }

    @Override
    protected List<String> setup(Target t) {
        return List.of("CREATE TABLE books (id INT PRIMARY KEY, isbn VARCHAR(17) NOT NULL, title TEXT)",
                "CREATE TABLE plain (id INT PRIMARY KEY, label TEXT)",
                "CREATE VIEW books_view AS SELECT id, title FROM books",
                "COMMENT ON TABLE books IS '" + TABLE_COMMENT.replace("'", "''") + "'",
                "COMMENT ON COLUMN books.isbn IS '" + COLUMN_COMMENT + "'",
                "COMMENT ON COLUMN books.title IS 'The title'");
    }

    @Override
    protected String catalogComment(Connection c, String table, String column) throws SQLException {
        return column == null ? one(c, "SELECT obj_description(to_regclass(?), 'pg_class')", table)
                : one(c, "SELECT col_description(to_regclass(?), (SELECT attnum FROM pg_attribute"
                        + " WHERE attrelid = to_regclass(?) AND attname = ?))", table, table, column);
    }
}
