package dev.weft.it;

/** {@link DistinctOnScenarios} on DB2 (see {@link Target#DB2}). */
class Db2DistinctOnIT extends DistinctOnScenarios {
    @Override
    protected Target target() {
        return Target.DB2;
    }
}
