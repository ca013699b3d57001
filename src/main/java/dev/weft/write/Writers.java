package dev.weft.write;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.UniqueKey;
import dev.weft.config.ConfigProblem;
import dev.weft.config.ServiceSettings;
import dev.weft.config.SourceKind;
import dev.weft.config.WeftConfigException;
import dev.weft.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The writers of the JDBC sources that have one, and the unique constraints of their tables. Writable today:
 * PostgreSQL, MariaDB, MySQL, DB2 (and Derby, through JCC) and H2 (here), and MongoDB
 * ({@link dev.weft.write.mongo.MongoWriters}).
 */
public final class Writers {
    private static final Set<SourceKind> WRITABLE = Set.of(SourceKind.POSTGRES, SourceKind.MARIADB, SourceKind.MYSQL, SourceKind.DB2,
            SourceKind.H2);

    private Writers() {
    }

    /** Whether a source of this kind has a writer. */
    public static boolean writable(Source source) {
        return WRITABLE.contains(source.settings().kind()) || source.settings().kind() == SourceKind.MONGODB;
    }

    /** A writer per writable service, on its pool. */
    public static Map<ServiceName, SourceWriter> of(List<ServiceSettings> services, Map<ServiceName, DataSource> pools,
                                                    Function<ServiceSettings, SqlDialect> dialects) {
        Map<ServiceName, SourceWriter> writers = new LinkedHashMap<>();
        for (ServiceSettings s : services) {
            if (WRITABLE.contains(s.kind())) {
                ServiceName name = new ServiceName(s.name());
                writers.put(name, new JdbcSourceWriter(s, pools.get(name), dialects.apply(s)));
            }
        }
        return writers;
    }

    /**
     * The unique constraints (unique indexes, the primary key's included) of every table of the writable
     * sources that has a primary key, read through JDBC metadata; ordered by name.
     */
    public static Map<TableRef, List<UniqueKey>> uniqueKeys(Catalog catalog, Map<ServiceName, DataSource> pools) {
        Map<TableRef, List<UniqueKey>> keys = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Source source : catalog.sources()) {
            if (!WRITABLE.contains(source.settings().kind())) {
                continue;
            }
            try (Connection connection = pools.get(source.name()).getConnection()) {
                for (Table table : source.tables()) {
                    if (!table.view() && !table.primaryKey().isEmpty()) {
                        keys.put(table.ref(), read(connection, table, source.settings().kind() == SourceKind.DB2
                                ? Db2Writes.constraintNames(connection, table) : Map.of()));
                    }
                }
            } catch (SQLException e) {
                problems.add(new ConfigProblem(null, "weft.services." + source.name(),
                        "cannot read the unique constraints of source '" + source.name() + "': " + e.getSQLState()));
            }
        }
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
        return keys;
    }

    /** The table's unique indexes, each named by its constraint when {@code constraints} (index name to constraint name) has one. */
    private static List<UniqueKey> read(Connection connection, Table table, Map<String, String> constraints) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = table.ref().schema() == null ? connection.getCatalog() : null;
        Map<String, TreeMap<Short, String>> indexes = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, table.ref().schema(), table.ref().name(), true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index == null || rs.getBoolean("NON_UNIQUE")) {
                    continue;
                }
                indexes.computeIfAbsent(index, i -> new TreeMap<>()).put(rs.getShort("ORDINAL_POSITION"),
                        column != null && table.column(column).isPresent() ? column : null);
            }
        }
        List<UniqueKey> keys = new ArrayList<>();
        indexes.forEach((name, columns) -> {
            if (!columns.containsValue(null)) { // an expression index names no column: it cannot be matched by values
                keys.add(new UniqueKey(constraints.getOrDefault(name, name), new ArrayList<>(columns.values())));
            }
        });
        keys.sort(java.util.Comparator.comparing(UniqueKey::name));
        return keys;
    }
}
