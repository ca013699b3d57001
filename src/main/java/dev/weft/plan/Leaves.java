package dev.weft.plan;

import dev.weft.catalog.TableRef;
import dev.weft.query.Predicate;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Walks a {@code where} to the conditions another source decides ({@link RemoteLeaf#is}). */
final class Leaves {
    private Leaves() {
    }

    /**
     * {@code p} with each remote leaf on {@code scope} replaced by {@code leaf.apply(node)}; the conditions
     * inside an {@code EXISTS} its own source runs are given to {@code inside} (with that EXISTS's table).
     */
    static Predicate replace(Predicate p, TableRef scope, Sources sources, Function<Predicate, Predicate> leaf,
                             BiFunction<Predicate, TableRef, Predicate> inside) {
        if (RemoteLeaf.is(p, scope, sources)) {
            return leaf.apply(p);
        }
        return switch (p) {
            case Predicate.And and -> Predicate.and(and.parts().stream()
                    .map(x -> replace(x, scope, sources, leaf, inside)).toList());
            case Predicate.Or or -> new Predicate.Or(or.parts().stream()
                    .map(x -> replace(x, scope, sources, leaf, inside)).toList());
            case Predicate.Not not -> new Predicate.Not(replace(not.inner(), scope, sources, leaf, inside));
            case Predicate.Exists e -> new Predicate.Exists(e.target(), e.outerColumns(), e.innerColumns(),
                    inside.apply(e.where(), e.target()));
            default -> p;
        };
    }

    /** Whether any of {@code nodes} occurs in {@code p} (outside joinable EXISTS, where none are left). */
    static boolean contains(Predicate p, Set<Predicate> nodes) {
        if (nodes.contains(p)) {
            return true;
        }
        return switch (p) {
            case Predicate.And and -> and.parts().stream().anyMatch(x -> contains(x, nodes));
            case Predicate.Or or -> or.parts().stream().anyMatch(x -> contains(x, nodes));
            case Predicate.Not not -> contains(not.inner(), nodes);
            default -> false;
        };
    }

    /** Whether {@code p} has a remote leaf on {@code scope} anywhere (inside EXISTS too, on their tables). */
    static boolean any(Predicate p, TableRef scope, Sources sources) {
        if (RemoteLeaf.is(p, scope, sources)) {
            return true;
        }
        return switch (p) {
            case Predicate.And and -> and.parts().stream().anyMatch(x -> any(x, scope, sources));
            case Predicate.Or or -> or.parts().stream().anyMatch(x -> any(x, scope, sources));
            case Predicate.Not not -> any(not.inner(), scope, sources);
            case Predicate.Exists e -> any(e.where(), e.target(), sources);
            default -> false;
        };
    }
}
