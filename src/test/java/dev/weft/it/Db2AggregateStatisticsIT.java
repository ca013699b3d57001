package dev.weft.it;

/** {@link AggregateStatisticsScenarios} on the DB2 target. */
class Db2AggregateStatisticsIT extends AggregateStatisticsScenarios {
    @Override
    protected Target target() {
        return Target.DB2;
    }

    @Override
    protected boolean manyDistinctCounts() {
        return false;
    }
}
