package dev.weft.introspect;

import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The keys through {@link DatabaseMetaData}, two calls per table: for DB2 over IBM JCC and for H2, whose
 * drivers take neither a null nor a {@code %} table name in {@code getPrimaryKeys} and {@code getImportedKeys}
 * (JCC refuses null; both read {@code %} as a table's name).
 */
final class MetaDataKeyReader implements KeyReader {

    @Override
    public TableKeys read(Connection connection, String catalog, String schema, ServiceName service,
                          Collection<String> tables) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        TableKeys keys = new TableKeys();
        for (String table : tables) {
            try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
                while (rs.next()) {
                    keys.primaryKeyColumn(table, rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
                while (rs.next()) {
                    String targetSchema = rs.getString("PKTABLE_SCHEM");
                    keys.foreignKeyColumn(table, rs.getString("FK_NAME"),
                            new TableRef(service, targetSchema == null ? schema : targetSchema, rs.getString("PKTABLE_NAME")),
                            rs.getInt("KEY_SEQ"), rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME"));
                }
            }
        }
        return keys;
    }
}
