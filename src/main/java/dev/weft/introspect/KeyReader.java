package dev.weft.introspect;

import dev.weft.catalog.ServiceName;
import dev.weft.config.SourceKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Reads the primary and foreign keys of the tables of one schema: in one or two catalog queries however
 * many tables there are from PostgreSQL's {@code pg_catalog} and MariaDB's and MySQL's
 * {@code information_schema}; table by table through JDBC's {@code DatabaseMetaData} for DB2 and H2.
 *
 * <pre>{@code
 * TableKeys keys = KeyReader.of(SourceKind.POSTGRES).read(connection, catalog, "public", new ServiceName("shop"), tables);
 * }</pre>
 */
interface KeyReader {

    /**
     * @param catalog the connection's catalog (MariaDB and MySQL: the database)
     * @param schema  the schema read (null where the source has none)
     * @param tables  the tables whose keys are wanted (the bulk readers read the whole schema's)
     */
    TableKeys read(Connection connection, String catalog, String schema, ServiceName service, Collection<String> tables)
            throws SQLException;

    /** One row of a catalog query. */
    @FunctionalInterface
    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with one bind parameter and hands each row to {@code row}. */
    static void eachRow(Connection connection, String sql, String parameter, Row row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    static KeyReader of(SourceKind kind) {
        return switch (kind) {
            case POSTGRES -> new PostgresKeyReader();
            case MARIADB, MYSQL -> new InformationSchemaKeyReader();
            default -> new MetaDataKeyReader();
        };
    }
}
