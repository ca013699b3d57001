package dev.weft.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the {@code insert}, {@code update} and {@code delete} permissions of a table in access.yml
 * into {@link WriteSpec}s, reporting problems of form (unknown keys, a filter that is not a mapping,
 * a column list that is not a list) through the caller's problem sink, with the node's line.
 */
final class WriteSpecReader {
    private final BiConsumer<Node, String[]> problem;

    /** @param problem receives the node and {key, message} of each problem */
    WriteSpecReader(BiConsumer<Node, String[]> problem) {
        this.problem = problem;
    }

    @SuppressWarnings("unchecked")
    Optional<WriteSpec> read(WriteSpec.Kind kind, NodeTuple tuple) {
        Node value = tuple.getValueNode();
        int line = line(tuple.getKeyNode());
        if (value instanceof ScalarNode s && s.getTag() == Tag.NULL) {
            return Optional.of(new WriteSpec(line, null, null, null, null, Map.of()));
        }
        if (!(value instanceof MappingNode mapping)) {
            report(value, kind.configName(), "expected a mapping of " + String.join(", ", kind.keys()));
            return Optional.empty();
        }
        boolean ok = true;
        Map<String, Integer> lines = new HashMap<>();
        List<String> columns = null;
        Map<String, Object> filter = null;
        Map<String, Object> check = null;
        Map<String, Object> presets = null;
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
            lines.put(key, line(t.getKeyNode()));
            if (!kind.keys().contains(key)) {
                report(t.getKeyNode(), key, "unknown key; " + kind.configName() + " holds " + String.join(", ", kind.keys()));
                ok = false;
                continue;
            }
            Object plain = AccessFile.plain(t.getValueNode());
            switch (key) {
                case "columns" -> {
                    if (!(t.getValueNode() instanceof SequenceNode seq)) {
                        report(t.getValueNode(), key, "expected a list of column names");
                        ok = false;
                    } else {
                        columns = new ArrayList<>();
                        for (Node n : seq.getValue()) {
                            columns.add(n instanceof ScalarNode s ? s.getValue() : String.valueOf(AccessFile.plain(n)));
                        }
                    }
                }
                case "filter", "check" -> {
                    if (!(plain instanceof Map<?, ?> m)) {
                        report(t.getValueNode(), key, "must be a mapping in the where syntax, e.g. { tenant_id: { _eq: \"@claims.tenant_id\" } }");
                        ok = false;
                    } else if (key.equals("filter")) {
                        filter = (Map<String, Object>) m;
                    } else {
                        check = (Map<String, Object>) m;
                    }
                }
                default -> {
                    if (!(plain instanceof Map<?, ?> m)) {
                        report(t.getValueNode(), key, "must be a mapping of column to value, e.g. { tenant_id: \"@claims.tenant_id\" }");
                        ok = false;
                    } else {
                        presets = (Map<String, Object>) m;
                    }
                }
            }
        }
        return ok ? Optional.of(new WriteSpec(line, columns, filter, check, presets, lines)) : Optional.empty();
    }

    private void report(Node node, String key, String message) {
        problem.accept(node, new String[] {key, message});
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }
}
