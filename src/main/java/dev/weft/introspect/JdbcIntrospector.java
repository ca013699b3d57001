package dev.weft.introspect;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.ForeignKey;
import dev.weft.catalog.GraphqlNames;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.ServiceSettings;
import dev.weft.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads tables, views, columns, primary and foreign keys of one SQL service, in the configured schema or
 * the connection's default one (for MySQL and MariaDB: the URL's database), in a few catalog queries
 * however many tables there are: tables and columns through {@link DatabaseMetaData} for all tables at
 * once, keys through the source's own catalog where it has one ({@link KeyReader}). Only tables the include/exclude globs
 * select are kept. Table and column comments come from the same calls' {@code REMARKS} (pgJDBC reads them from
 * {@code pg_description}, MariaDB's and MySQL's drivers from {@code COLUMN_COMMENT}, JCC from DB2's
 * {@code REMARKS}), so they cost no query of their own, except one for MariaDB's and MySQL's table comments
 * ({@link TableComments}); a blank remark is no comment.
 *
 * <pre>{@code
 * Source hr = new JdbcIntrospector(settings).read(dataSource);
 * }</pre>
 */
public final class JdbcIntrospector {
    private static final Set<String> TABLE_TYPES = Set.of("TABLE", "BASE TABLE", "VIEW", "PARTITIONED TABLE",
            "MATERIALIZED VIEW");

    private final ServiceSettings settings;
    /** Whether the source folds unquoted names to upper case: all-upper-case names get lower-case GraphQL names. */
    private final boolean foldsToUpperCase;
    /** The source's dialect, probed on the introspecting connection for its text operators; null: none beyond the common. */
    private final SqlDialect dialect;

    public JdbcIntrospector(ServiceSettings settings) {
        this.settings = settings;
        this.foldsToUpperCase = false;
        this.dialect = null;
    }

    /**
     * Reads with the naming rule of {@code dialect} ({@link SqlDialect#foldsToUpperCase()}) and the text operators
     * the server has ({@link SqlDialect#textMatching()}, after {@link SqlDialect#probe}).
     */
    public JdbcIntrospector(ServiceSettings settings, SqlDialect dialect) {
        this.settings = settings;
        this.foldsToUpperCase = dialect.foldsToUpperCase();
        this.dialect = dialect;
    }

    /** Reads the service's tables over one connection of {@code dataSource}. */
    public Source read(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection);
        }
    }

    public Source read(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = settings.schema() != null ? settings.schema() : connection.getSchema();
        Map<String, String> comments = new TreeMap<>();
        Map<String, Boolean> tableNames = tables(meta, catalog, schema, comments);
        TableComments.complete(settings.kind(), connection, catalog, comments);
        Map<String, List<Column>> columns = columns(meta, catalog, schema, tableNames.keySet());
        ServiceName service = new ServiceName(settings.name());
        TableKeys keys = KeyReader.of(settings.kind()).read(connection, catalog, schema, service, tableNames.keySet());
        List<Table> tables = new ArrayList<>();
        for (var entry : tableNames.entrySet()) {
            String name = entry.getKey();
            TableRef ref = new TableRef(service, schema, name);
            boolean view = entry.getValue();
            List<String> primaryKey = view ? List.of() : keys.primaryKey(name);
            List<ForeignKey> foreignKeys = view ? List.of() : keys.foreignKeys(name);
            tables.add(new Table(ref, view, columns.getOrDefault(name, List.of()), primaryKey, foreignKeys, null, null, comments.get(name)));
        }
        return new Source(settings, tables, foldsToUpperCase,
                dialect == null ? null : dialect.probe(connection).textMatching());
    }

    /** Table name to whether it is a view, sorted by name so the schema is deterministic. */
    private Map<String, Boolean> tables(DatabaseMetaData meta, String catalog, String schema, Map<String, String> comments)
            throws SQLException {
        Map<String, Boolean> tables = new TreeMap<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", null)) {
            while (rs.next()) {
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                String name = rs.getString("TABLE_NAME");
                if (TABLE_TYPES.contains(type) && sameSchema(schema, rs.getString("TABLE_SCHEM")) && settings.selects(name)) {
                    boolean view = type.contains("VIEW");
                    tables.put(name, view);
                    String remark = remark(rs);
                    if (remark != null && !(view && remark.equals("VIEW"))) { // MariaDB's TABLE_COMMENT of every view
                        comments.put(name, remark);
                    }
                }
            }
        }
        return tables;
    }

    private Map<String, List<Column>> columns(DatabaseMetaData meta, String catalog, String schema, Set<String> tables)
            throws SQLException {
        Map<String, Map<Integer, Column>> byTable = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, "%", "%")) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (!tables.contains(table) || !sameSchema(schema, rs.getString("TABLE_SCHEM"))) {
                    continue;
                }
                String name = rs.getString("COLUMN_NAME");
                String typeName = rs.getString("TYPE_NAME");
                ColumnType type = JdbcTypeMapper.map(rs.getInt("DATA_TYPE"), typeName, rs.getInt("COLUMN_SIZE"));
                boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
                byTable.computeIfAbsent(table, t -> new TreeMap<>())
                        .put(rs.getInt("ORDINAL_POSITION"), new Column(name, GraphqlNames.field(name, foldsToUpperCase), type,
                                nullable, typeName, List.of(), false, rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"), remark(rs)));
            }
        }
        Map<String, List<Column>> result = new LinkedHashMap<>();
        byTable.forEach((table, cols) -> result.put(table, List.copyOf(cols.values())));
        return result;
    }

    /** The row's {@code REMARKS}, null when blank (H2 and Derby report "" for none). */
    private static String remark(ResultSet rs) throws SQLException {
        String remark = rs.getString("REMARKS");
        return remark == null || remark.isBlank() ? null : remark.strip();
    }

    private static boolean sameSchema(String wanted, String actual) {
        return wanted == null || actual == null || wanted.equals(actual);
    }
}
