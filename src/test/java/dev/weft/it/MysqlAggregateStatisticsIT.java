package dev.weft.it;

/** {@link AggregateStatisticsScenarios} on the MYSQL target. */
class MysqlAggregateStatisticsIT extends AggregateStatisticsScenarios {
    @Override
    protected Target target() {
        return Target.MYSQL;
    }
}
