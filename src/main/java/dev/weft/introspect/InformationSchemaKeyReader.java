package dev.weft.introspect;

import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The keys of one MariaDB or MySQL database from {@code information_schema.KEY_COLUMN_USAGE}, in one query.
 * Tables have no schema there ({@link TableRef#schema()} is the one read, as the JDBC drivers report it);
 * a foreign key to a table of another database is left out, as it cannot be served.
 */
final class InformationSchemaKeyReader implements KeyReader {
    private static final String KEYS = """
            SELECT TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
              FROM information_schema.KEY_COLUMN_USAGE
             WHERE TABLE_SCHEMA = ?
               AND (CONSTRAINT_NAME = 'PRIMARY' OR (REFERENCED_TABLE_NAME IS NOT NULL AND REFERENCED_TABLE_SCHEMA = TABLE_SCHEMA))""";

    @Override
    public TableKeys read(Connection connection, String catalog, String schema, ServiceName service,
                          Collection<String> tables) throws SQLException {
        TableKeys keys = new TableKeys();
        KeyReader.eachRow(connection, KEYS, catalog, rs -> {
            String table = rs.getString(1);
            String referenced = rs.getString(5);
            if (referenced == null) {
                keys.primaryKeyColumn(table, rs.getInt(3), rs.getString(4));
            } else {
                keys.foreignKeyColumn(table, rs.getString(2), new TableRef(service, schema, referenced),
                        rs.getInt(3), rs.getString(4), rs.getString(6));
            }
        });
        return keys;
    }
}
