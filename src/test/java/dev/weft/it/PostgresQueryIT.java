package dev.weft.it;

/** {@link QueryScenarios} on POSTGRES (see {@link Target#POSTGRES}). */
class PostgresQueryIT extends QueryScenarios {
    @Override
    protected Target target() {
        return Target.POSTGRES;
    }
}
