package dev.weft.it;

/** {@link AggregateStatisticsScenarios} on the MARIADB target. */
class MariadbAggregateStatisticsIT extends AggregateStatisticsScenarios {
    @Override
    protected Target target() {
        return Target.MARIADB;
    }
}
