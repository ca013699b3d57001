package dev.weft.it;

/** {@link DistinctOnScenarios} on POSTGRES (see {@link Target#POSTGRES}). */
class PostgresDistinctOnIT extends DistinctOnScenarios {
    @Override
    protected Target target() {
        return Target.POSTGRES;
    }
}
