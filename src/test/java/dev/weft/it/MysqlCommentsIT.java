package dev.weft.it;

/** {@link CommentScenarios} on MariaDB through MySQL Connector/J, whose metadata reads the comments its own way. */
class MysqlCommentsIT extends MariadbCommentsIT {

    @Override
    protected Target target() {
        return Target.MYSQL;
    }
}
