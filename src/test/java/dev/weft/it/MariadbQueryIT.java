package dev.weft.it;

/** {@link QueryScenarios} on MARIADB (see {@link Target#MARIADB}). */
class MariadbQueryIT extends QueryScenarios {
    @Override
    protected Target target() {
        return Target.MARIADB;
    }
}
