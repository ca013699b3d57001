package dev.weft.it;

/** {@link AggregateStatisticsScenarios} on the POSTGRES target. */
class PostgresAggregateStatisticsIT extends AggregateStatisticsScenarios {
    @Override
    protected Target target() {
        return Target.POSTGRES;
    }
}
