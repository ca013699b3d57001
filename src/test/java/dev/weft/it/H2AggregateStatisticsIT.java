package dev.weft.it;

/** {@link AggregateStatisticsScenarios} on the H2 target. */
class H2AggregateStatisticsIT extends AggregateStatisticsScenarios {
    @Override
    protected Target target() {
        return Target.H2;
    }
}
