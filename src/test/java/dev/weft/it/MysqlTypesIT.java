package dev.weft.it;

import dev.weft.testing.TestServers;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;

/** {@link MariadbFamilyTypeScenarios} through MySQL Connector/J. */
class MysqlTypesIT extends MariadbFamilyTypeScenarios {
    @Override
    protected Target target() {
        return Target.MYSQL;
    }

    /**
     * MySQL Connector/J sends fractional seconds to servers of MySQL 5.6.4 or newer, as it reads their version:
     * MariaDB 10.x announces itself as "5.5.5-10.x" (so no), MariaDB 11 as "11.x" (so yes). See
     * TypeScenarios#boundTimesAndTimestampsKeepMicrosecondsWhereTheDriverSendsThem.
     */
    @Override
    protected boolean bindsFractionalSeconds() {
        TestServers.Endpoint server = TestServers.mariadb();
        try (Connection c = DriverManager.getConnection(server.mysqlUrl(""), server.user(), server.password())) {
            DatabaseMetaData meta = c.getMetaData();
            return meta.getDatabaseMajorVersion() > 5
                    || meta.getDatabaseMajorVersion() == 5 && meta.getDatabaseMinorVersion() >= 6;
        } catch (SQLException e) {
            throw new AssertionError("cannot read the server version through MySQL Connector/J: " + e.getMessage(), e);
        }
    }
}
