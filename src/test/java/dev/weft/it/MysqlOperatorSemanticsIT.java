package dev.weft.it;

/** {@link MariadbOperatorSemanticsIT}'s scenarios on MariaDB through MySQL Connector/J (Weft's and the oracle's connections). */
class MysqlOperatorSemanticsIT extends MariadbOperatorSemanticsIT {

    @Override
    protected Target target() {
        return Target.MYSQL;
    }
}
