package dev.weft.it;

/** {@link DistinctOnScenarios} on MARIADB (see {@link Target#MARIADB}). */
class MariadbDistinctOnIT extends DistinctOnScenarios {
    @Override
    protected Target target() {
        return Target.MARIADB;
    }
}
