package dev.weft.write;

import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.config.SourceKind;
import dev.weft.dialect.SqlDialect;
import dev.weft.dialect.WeftException;
import dev.weft.execute.ColumnReader;
import dev.weft.execute.JdbcSourceExecutor;
import dev.weft.execute.Row;
import dev.weft.execute.activity.Activity;
import dev.weft.execute.sql.SqlRenderer;
import dev.weft.execute.sql.SqlStatement;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statements of one write transaction, on one connection: rows are found by a locking read of
 * their primary keys ({@code SELECT ... FOR UPDATE}; DB2's in {@link Db2Writes}), then written by key.
 * Every value is a bind parameter; identifiers come from the catalog, quoted. Key lists are sent in
 * chunks that fit the source's bind-parameter limit.
 */
final class WriteConnection {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int KEYS_PER_STATEMENT = 500;

    private final Connection connection;
    private final SqlDialect dialect;
    private final SqlRenderer renderer;
    private final SourceKind kind;
    private final int timeoutSeconds;
    private Boolean finalTable;
    /** Whether a table's column is an identity column, asked once per transaction: "ref\u0000column". */
    private final Map<String, Boolean> identities = new java.util.HashMap<>();

    WriteConnection(Connection connection, SqlDialect dialect, SourceKind kind, int timeoutSeconds) {
        this.connection = connection;
        this.dialect = dialect;
        this.renderer = new SqlRenderer(dialect);
        this.kind = kind;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The primary keys of the rows matching {@code where}, locked until the transaction ends. */
    List<List<Object>> lockKeys(Table table, Predicate where) throws SQLException {
        SqlStatement select = renderer.select(new Select(table.ref(), table.primaryKey(), where, List.of(), Page.ALL));
        String lock = kind == SourceKind.DB2 ? Db2Writes.LOCK : " FOR UPDATE";
        return query("lock", new SqlStatement(select.sql() + lock, select.params()), table, table.primaryKey());
    }

    /** The rows with these keys that match {@code where}, every column, in the order of the keys. */
    List<Row> rows(Table table, List<List<Object>> keys, Predicate where) throws SQLException {
        List<String> columns = table.columns().stream().filter(Column::isScalar).map(Column::name).toList();
        Map<String, Row> byKey = new LinkedHashMap<>();
        var rowOf = Row.factory(columns);
        for (List<List<Object>> chunk : chunks(table, keys)) {
            SqlStatement select = renderer.select(new Select(table.ref(), columns, keyed(table, chunk, where), List.of(), Page.ALL));
            for (List<Object> values : query("select", select, table, columns)) {
                Row row = rowOf.apply(values);
                byKey.put(canonical(table.primaryKey().stream().map(row::get).toList()), row);
            }
        }
        List<Row> ordered = new ArrayList<>();
        for (List<Object> key : keys) {
            Row row = byKey.remove(canonical(key));
            if (row != null) {
                ordered.add(row);
            }
        }
        return ordered;
    }

    /** How many of the rows with these keys match {@code where}. */
    int count(Table table, List<List<Object>> keys, Predicate where) throws SQLException {
        int count = 0;
        for (List<List<Object>> chunk : chunks(table, keys)) {
            count += query("select", renderer.select(new Select(table.ref(), table.primaryKey(), keyed(table, chunk, where), List.of(),
                    Page.ALL)), table, table.primaryKey()).size();
        }
        return count;
    }

    /** {@code UPDATE t SET a = ?, b = b + ? WHERE key IN (...)} for every chunk of keys. */
    void update(Table table, List<List<Object>> keys, Map<String, Object> set, Map<String, Object> inc) throws SQLException {
        if (set.isEmpty() && inc.isEmpty()) {
            return;
        }
        StringJoiner assignments = new StringJoiner(", ");
        List<Object> values = new ArrayList<>();
        set.forEach((column, value) -> {
            assignments.add(dialect.quote(column) + " = ?");
            values.add(bindable(value));
        });
        inc.forEach((column, value) -> {
            assignments.add(dialect.quote(column) + " = " + dialect.quote(column) + " + ?");
            values.add(value);
        });
        for (List<List<Object>> chunk : chunks(table, keys)) {
            List<Object> params = new ArrayList<>(values);
            String sql = "UPDATE " + qualified(table) + " SET " + assignments + " WHERE " + keyCondition(table, chunk, params);
            execute("update", table, new SqlStatement(sql, params));
        }
    }

    void delete(Table table, List<List<Object>> keys) throws SQLException {
        for (List<List<Object>> chunk : chunks(table, keys)) {
            List<Object> params = new ArrayList<>();
            String sql = "DELETE FROM " + qualified(table) + " WHERE " + keyCondition(table, chunk, params);
            execute("delete", table, new SqlStatement(sql, params));
        }
    }

    /**
     * Inserts one row and returns its primary key: from the row when it gives every key column, else
     * generated by the database (PostgreSQL {@code RETURNING}, DB2's {@code FINAL TABLE}, H2, MySQL/MariaDB
     * and Derby generated keys).
     */
    List<Object> insert(Table table, Map<String, Object> row) throws SQLException {
        List<String> missing = table.primaryKey().stream().filter(c -> row.get(c) == null).toList();
        SqlStatement insert = insertStatement(dialect, kind, table, row);
        if (missing.isEmpty()) {
            execute("insert", table, insert);
            return table.primaryKey().stream().map(row::get).toList();
        }
        if (kind == SourceKind.POSTGRES) {
            StringJoiner returning = new StringJoiner(", ", " RETURNING ", "");
            table.primaryKey().forEach(c -> returning.add(dialect.quote(c)));
            List<List<Object>> keys = query("insert", new SqlStatement(insert.sql() + returning, insert.params()), table,
                    table.primaryKey());
            return keys.get(0);
        }
        if (kind == SourceKind.DB2 && finalTable()) {
            return query("insert", Db2Writes.finalTable(dialect, table.primaryKey(), insert), table, table.primaryKey()).get(0);
        }
        boolean byIdentity = kind == SourceKind.MARIADB || kind == SourceKind.MYSQL || kind == SourceKind.DB2;
        if (byIdentity && missing.size() > 1) {
            throw WeftException.badInput("give values for the primary key columns " + String.join(", ", missing)
                    + " of " + table.ref() + ": only one of them can be generated");
        }
        if (kind == SourceKind.DB2 && !identity(table, missing.get(0))) {
            // IDENTITY_VAL_LOCAL() would answer the identity of an earlier insert into another table
            throw WeftException.badInput("give a value for " + missing.get(0) + " of " + table.ref()
                    + ": it is not an identity column, the database generates none");
        }
        try (PreparedStatement ps = byIdentity ? connection.prepareStatement(insert.sql(), Statement.RETURN_GENERATED_KEYS)
                : connection.prepareStatement(insert.sql(), missing.toArray(String[]::new))) {
            ps.setQueryTimeout(timeoutSeconds);
            JdbcSourceExecutor.bind(ps, insert.params());
            long start = System.nanoTime();
            report("insert", table, insert, ps.executeUpdate(), start);
            List<Object> key = new ArrayList<>(table.primaryKey().stream().map(row::get).toList());
            try (ResultSet generated = ps.getGeneratedKeys()) {
                if (!generated.next()) {
                    throw WeftException.badInput("give a value for " + String.join(", ", missing) + " of " + table.ref()
                            + ": the database generates none");
                }
                for (int i = 0; i < missing.size(); i++) {
                    String column = missing.get(i);
                    key.set(table.primaryKey().indexOf(column), ColumnReader.read(generated, i + 1, table.requireColumn(column).type()));
                }
            }
            return key;
        }
    }

    /**
     * {@code INSERT INTO t ("a", "b") VALUES (?, ?)}; a row without values takes every default: {@code DEFAULT VALUES},
     * MySQL's {@code () VALUES ()}, DB2's {@code ("first key column") VALUES (DEFAULT)}.
     */
    static SqlStatement insertStatement(SqlDialect dialect, SourceKind kind, Table table, Map<String, Object> row) {
        StringJoiner columns = new StringJoiner(", ", "(", ")");
        StringJoiner marks = new StringJoiner(", ", "(", ")");
        List<Object> params = new ArrayList<>();
        row.forEach((column, value) -> {
            columns.add(dialect.quote(column));
            marks.add("?");
            params.add(bindable(value));
        });
        String values = " " + columns + " VALUES " + marks;
        if (row.isEmpty()) {
            values = switch (kind) {
                case MARIADB, MYSQL -> " () VALUES ()";
                case DB2 -> " (" + dialect.quote(table.primaryKey().get(0)) + ") VALUES (DEFAULT)";
                default -> " DEFAULT VALUES";
            };
        }
        return new SqlStatement("INSERT INTO " + qualified(dialect, table) + values, params);
    }

    private boolean identity(Table table, String column) throws SQLException {
        String key = table.ref() + "\u0000" + column;
        Boolean known = identities.get(key);
        if (known == null) {
            known = Db2Writes.identity(connection, table, column);
            identities.put(key, known);
        }
        return known;
    }

    /** Whether this DB2-family server runs FINAL TABLE, asked once per transaction. */
    private boolean finalTable() throws SQLException {
        if (finalTable == null) {
            finalTable = Db2Writes.finalTable(connection);
        }
        return finalTable;
    }

    private Predicate keyed(Table table, List<List<Object>> keys, Predicate where) {
        Predicate in = new Predicate.InList(table.primaryKey(), keys, false);
        return Predicate.TRUE.equals(where) ? in : new Predicate.And(List.of(in, where));
    }

    private String keyCondition(Table table, List<List<Object>> keys, List<Object> params) {
        StringJoiner alternatives = new StringJoiner(" OR ", "(", ")");
        for (List<Object> key : keys) {
            StringJoiner all = new StringJoiner(" AND ", "(", ")");
            for (int i = 0; i < table.primaryKey().size(); i++) {
                all.add(dialect.quote(table.primaryKey().get(i)) + " = ?");
                params.add(key.get(i));
            }
            alternatives.add(all.toString());
        }
        return alternatives.toString();
    }

    private List<List<List<Object>>> chunks(Table table, List<List<Object>> keys) {
        int size = Math.max(1, Math.min(KEYS_PER_STATEMENT, (dialect.maxBindParameters() - 1000) / table.primaryKey().size()));
        List<List<List<Object>>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += size) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + size)));
        }
        return chunks;
    }

    private List<List<Object>> query(String kind, SqlStatement statement, Table table, List<String> columns)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
            ps.setQueryTimeout(timeoutSeconds);
            JdbcSourceExecutor.bind(ps, statement.params());
            long start = System.nanoTime();
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> values = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        values.add(ColumnReader.read(rs, i + 1, table.requireColumn(columns.get(i)).type()));
                    }
                    rows.add(values);
                }
            }
            report(kind, table, statement, rows.size(), start);
            return rows;
        }
    }

    private void execute(String kind, Table table, SqlStatement statement) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
            ps.setQueryTimeout(timeoutSeconds);
            JdbcSourceExecutor.bind(ps, statement.params());
            long start = System.nanoTime();
            report(kind, table, statement, ps.executeUpdate(), start);
        }
    }

    /** Reports a statement that ran to the request's listeners (the audit log's tables written): locks and reads are not writes. */
    private static void report(String kind, Table table, SqlStatement statement, long rows, long start) {
        Activity.sql(table.ref().service().value(), table.ref(), kind, !kind.equals("select") && !kind.equals("lock"), statement,
                -1, 1, 1, rows, System.nanoTime() - start, "success");
    }

    private String qualified(Table table) {
        return qualified(dialect, table);
    }

    private static String qualified(SqlDialect dialect, Table table) {
        return table.ref().schema() == null ? dialect.quote(table.ref().name())
                : dialect.quote(table.ref().schema()) + "." + dialect.quote(table.ref().name());
    }

    /** A JSON value (a map or a list from the JSON scalar) is sent as its text; everything else as it is. */
    private static Object bindable(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> ? JSON.writeValueAsString(value) : value;
    }

    /** A key's values compared by meaning (7 and 7L and 7.0 are one key), to put read rows in key order. */
    static String canonical(List<Object> key) {
        StringJoiner joined = new StringJoiner("\u0000");
        for (Object v : key) {
            joined.add(v instanceof Number n ? new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                    : String.valueOf(v));
        }
        return joined.toString();
    }
}
