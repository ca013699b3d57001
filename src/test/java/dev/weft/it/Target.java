package dev.weft.it;

import dev.weft.testing.TestDatabase;

/**
 * The three SQL targets every scenario of this package runs against: PostgreSQL 15 with the
 * PostgreSQL driver, and MariaDB 10.11 through MariaDB Connector/J and through MySQL Connector/J.
 */
enum Target {
    POSTGRES(TestDatabase.Server.POSTGRES, "postgres"),
    MARIADB(TestDatabase.Server.MARIADB, "mariadb"),
    MYSQL(TestDatabase.Server.MARIADB, "mysql");

    final TestDatabase.Server server;
    /** The service kind Weft is configured with (it chooses the JDBC driver). */
    final String kind;

    Target(TestDatabase.Server server, String kind) {
        this.server = server;
        this.kind = kind;
    }

    boolean isPostgres() {
        return server == TestDatabase.Server.POSTGRES;
    }

    /** Quotes an identifier in the DDL of this target's engine. */
    String q(String identifier) {
        return isPostgres() ? '"' + identifier + '"' : '`' + identifier + '`';
    }
}
