package dev.weft.introspect;

import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/** The keys of one PostgreSQL schema from {@code pg_catalog}: one query for primary keys, one for foreign keys. */
final class PostgresKeyReader implements KeyReader {
    private static final String PRIMARY_KEYS = """
            SELECT c.relname, a.attname, k.position
              FROM pg_catalog.pg_constraint con
              JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
              JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
             WHERE con.contype = 'p' AND n.nspname = ?""";
    private static final String FOREIGN_KEYS = """
            SELECT c.relname, con.conname, tn.nspname, tc.relname, k.position, fa.attname, ta.attname
              FROM pg_catalog.pg_constraint con
              JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_catalog.pg_class tc ON tc.oid = con.confrelid
              JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
             CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, target_attnum, position)
              JOIN pg_catalog.pg_attribute fa ON fa.attrelid = c.oid AND fa.attnum = k.attnum
              JOIN pg_catalog.pg_attribute ta ON ta.attrelid = tc.oid AND ta.attnum = k.target_attnum
             WHERE con.contype = 'f' AND n.nspname = ?""";

    @Override
    public TableKeys read(Connection connection, String catalog, String schema, ServiceName service,
                          Collection<String> tables) throws SQLException {
        TableKeys keys = new TableKeys();
        KeyReader.eachRow(connection, PRIMARY_KEYS, schema, rs -> keys.primaryKeyColumn(rs.getString(1), rs.getInt(3), rs.getString(2)));
        KeyReader.eachRow(connection, FOREIGN_KEYS, schema, rs -> keys.foreignKeyColumn(rs.getString(1), rs.getString(2),
                new TableRef(service, rs.getString(3), rs.getString(4)), rs.getInt(5), rs.getString(6), rs.getString(7)));
        return keys;
    }
}
