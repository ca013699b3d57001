package dev.weft.it;

import dev.weft.testing.TestDatabase;

/**
 * The SQL targets the scenarios of this package run against: PostgreSQL 15 with the PostgreSQL driver,
 * MariaDB 10.11 through MariaDB Connector/J and through MySQL Connector/J, DB2's protocol (Derby) and H2.
 */
enum Target {
    POSTGRES(TestDatabase.Server.POSTGRES, "postgres"),
    MARIADB(TestDatabase.Server.MARIADB, "mariadb"),
    MYSQL(TestDatabase.Server.MARIADB, "mysql"),
    /**
     * DB2's protocol through IBM JCC, against the Derby 10.8.3.0 Network Server ({@code Db2Database}); a scenario on it
     * gets {@link #POSTGRES} as its setup's target, whose DDL (double quotes, standard types) is DB2's too.
     */
    DB2(null, "db2"),
    /** H2 2.x in memory (the embedded demo's engine), lower-case names; its setup gets {@link #POSTGRES} too. */
    H2(null, "h2");

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
