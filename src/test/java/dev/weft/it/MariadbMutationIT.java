package dev.weft.it;

/** {@link MutationScenarios} on MARIADB. */
class MariadbMutationIT extends MutationScenarios {
    @Override
    protected WriteEngine.Kind kind() {
        return WriteEngine.Kind.MARIADB;
    }
}
