package dev.weft.it;

/**
 * {@link MutationScenarios} on DB2's protocol: Derby's Network Server through IBM's JCC driver. Derby has no
 * {@code FINAL TABLE}, so inserts take the read-back path (generated keys of the identity column).
 */
class Db2MutationIT extends MutationScenarios {
    @Override
    protected WriteEngine.Kind kind() {
        return WriteEngine.Kind.DB2;
    }
}
