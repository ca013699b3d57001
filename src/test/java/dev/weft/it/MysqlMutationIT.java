package dev.weft.it;

/** {@link MutationScenarios} on MYSQL. */
class MysqlMutationIT extends MutationScenarios {
    @Override
    protected WriteEngine.Kind kind() {
        return WriteEngine.Kind.MYSQL;
    }
}
