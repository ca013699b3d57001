package dev.weft.it;

/** {@link MutationScenarios} on H2. */
class H2MutationIT extends MutationScenarios {
    @Override
    protected WriteEngine.Kind kind() {
        return WriteEngine.Kind.H2;
    }
}
