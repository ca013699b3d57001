package dev.weft.it;

/** {@link MutationScenarios} on POSTGRES. */
class PostgresMutationIT extends MutationScenarios {
    @Override
    protected WriteEngine.Kind kind() {
        return WriteEngine.Kind.POSTGRES;
    }
}
