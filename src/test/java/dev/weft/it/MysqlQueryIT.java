package dev.weft.it;

/** {@link QueryScenarios} on MYSQL (see {@link Target#MYSQL}). */
class MysqlQueryIT extends QueryScenarios {
    @Override
    protected Target target() {
        return Target.MYSQL;
    }
}
