package dev.weft.limits;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many fields a query document selects and how deep it nests, every fragment spread counted as
 * often as it is used, measured on the parsed document before anything expands it: each fragment is
 * measured once (in dependency order, without recursion across fragments) and the counts saturate at
 * {@link Long#MAX_VALUE}, so a fragment bomb of 40 fragments that expands to 2^40 fields costs 40
 * small steps. Fragments in a cycle or never defined count nothing (validation refuses them).
 * Depth counts fields on a path, the root field being 1, as graphql-java's {@code MaxQueryDepthInstrumentation}.
 *
 * <pre>{@code
 * DocumentShape s = DocumentShape.of(Parser.parse("{ hr_employees { emp_no status { since } } }"));
 * s.fields();  // 4
 * s.depth();   // 3
 * }</pre>
 */
public record DocumentShape(long fields, long depth) {
    private static final DocumentShape EMPTY = new DocumentShape(0, 0);

    /** The shape of the largest operation of {@code document} (the most fields, the deepest). */
    public static DocumentShape of(Document document) {
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        List<OperationDefinition> operations = new java.util.ArrayList<>();
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f) {
                fragments.putIfAbsent(f.getName(), f);
            } else if (d instanceof OperationDefinition o) {
                operations.add(o);
            }
        }
        Map<String, DocumentShape> measured = measureFragments(fragments);
        DocumentShape shape = EMPTY;
        for (OperationDefinition o : operations) {
            DocumentShape s = measure(o.getSelectionSet(), measured);
            shape = new DocumentShape(Math.max(shape.fields, s.fields), Math.max(shape.depth, s.depth));
        }
        return shape;
    }

    /** Each fragment's shape, measured once all the fragments it spreads are (Kahn's order). */
    private static Map<String, DocumentShape> measureFragments(Map<String, FragmentDefinition> fragments) {
        Map<String, Set<String>> uses = new HashMap<>();
        Map<String, Set<String>> usedBy = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (FragmentDefinition f : fragments.values()) {
            Set<String> spread = new HashSet<>();
            spreads(f.getSelectionSet(), spread);
            spread.retainAll(fragments.keySet());
            uses.put(f.getName(), spread);
            spread.forEach(s -> usedBy.computeIfAbsent(s, k -> new HashSet<>()).add(f.getName()));
            if (spread.isEmpty()) {
                ready.add(f.getName());
            }
        }
        Map<String, DocumentShape> measured = new HashMap<>();
        while (!ready.isEmpty()) {
            String name = ready.poll();
            measured.put(name, measure(fragments.get(name).getSelectionSet(), measured));
            for (String user : usedBy.getOrDefault(name, Set.of())) {
                Set<String> waiting = uses.get(user);
                waiting.remove(name);
                if (waiting.isEmpty() && !measured.containsKey(user)) {
                    ready.add(user);
                }
            }
        }
        return measured;
    }

    private static void spreads(SelectionSet set, Set<String> names) {
        if (set == null) {
            return;
        }
        for (Selection<?> s : set.getSelections()) {
            switch (s) {
                case Field f -> spreads(f.getSelectionSet(), names);
                case InlineFragment i -> spreads(i.getSelectionSet(), names);
                case FragmentSpread spread -> names.add(spread.getName());
                default -> { }
            }
        }
    }

    /** Fields and depth of a selection set; a fragment not in {@code fragments} (cycle, unknown) counts nothing. */
    private static DocumentShape measure(SelectionSet set, Map<String, DocumentShape> fragments) {
        if (set == null) {
            return EMPTY;
        }
        long fields = 0;
        long depth = 0;
        for (Selection<?> s : set.getSelections()) {
            DocumentShape inner = switch (s) {
                case Field f -> {
                    DocumentShape below = measure(f.getSelectionSet(), fragments);
                    yield new DocumentShape(add(below.fields, 1), add(below.depth, 1));
                }
                case InlineFragment i -> measure(i.getSelectionSet(), fragments);
                case FragmentSpread spread -> fragments.getOrDefault(spread.getName(), EMPTY);
                default -> EMPTY;
            };
            fields = add(fields, inner.fields);
            depth = Math.max(depth, inner.depth);
        }
        return new DocumentShape(fields, depth);
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
