package dev.weft.plan;

import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.List;
import java.util.Map;

/**
 * How a root select's {@code where} that reaches other sources is run. {@code select} has each condition
 * whose related side was small replaced by its keys; {@code large} are the conditions whose related side
 * was too large to read first (by their node in {@code select.where()}): then the parent rows matching
 * {@code candidates} (the parent's own conditions) are read first, in chunks, and each chunk's keys are
 * tested on the related side.
 */
record FilterPlan(Select select, Map<Predicate, RemoteLeaf> large, Predicate candidates, int chunkSize) {
    FilterPlan {
        large = Map.copyOf(large);
    }

    /** Whether the parent side is read first, in chunks. */
    boolean parentFirst() {
        return !large.isEmpty();
    }

    List<String> leafNames() {
        return large.values().stream().map(RemoteLeaf::name).toList();
    }
}
