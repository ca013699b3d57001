package dev.weft.it;

/** {@link HasuraNamingScenarios} on MariaDB through MariaDB Connector/J. */
class MariadbHasuraNamingIT extends HasuraNamingScenarios {

    @Override
    protected Target target() {
        return Target.MARIADB;
    }

    @Override
    protected String timestampType() {
        return "DATETIME(6)";
    }
}
