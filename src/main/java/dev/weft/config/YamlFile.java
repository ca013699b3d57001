package dev.weft.config;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML file Weft owns (access.yml, relationships.yml, weft.yml through Spring) as SnakeYAML
 * nodes, so that every value keeps its line, and refuses what YAML would accept silently: a key
 * written twice in one mapping, where the later entry would replace the earlier one (in access.yml,
 * an empty second {@code crm.customers:} would drop the first one's row filter and masks). Every
 * duplicate is reported, each with its file and line; a syntax error stops reading at its line.
 *
 * <pre>{@code
 * YamlFile.Composed yaml = YamlFile.compose("access.yml", reader);
 * // yaml.problems(): "access.yml:9: roles.analyst.crm.customers: duplicate key; it is also at line 4 ..."
 * Node root = yaml.root();
 * }</pre>
 */
public final class YamlFile {

    private YamlFile() {
    }

    /** The first document's root (null for an empty file) and the duplicate keys found in every document. */
    public record Composed(Node root, List<ConfigProblem> problems) {
        public Composed {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Composes every document of {@code reader}; throws {@link WeftConfigException} on a syntax error,
     * reports duplicate keys in {@link Composed#problems()}.
     */
    public static Composed compose(String file, Reader reader) {
        List<Node> documents = new ArrayList<>();
        try {
            new Yaml(new LoaderOptions()).composeAll(reader).forEach(documents::add);
        } catch (MarkedYAMLException e) {
            throw new WeftConfigException(List.of(syntaxProblem(file, e)));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        documents.forEach(document -> duplicates(file, document, "", problems));
        return new Composed(documents.isEmpty() ? null : documents.get(0), problems);
    }

    /** A syntax error as a problem at its line: {@code weft.yml:3: not valid YAML: expected ',' or '}' ...}. */
    public static ConfigProblem syntaxProblem(String file, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        int line = mark == null ? 1 : mark.getLine() + 1;
        String problem = e.getProblem() == null ? "" : e.getProblem().replace("\t", "\\t");
        String context = e.getContext() == null ? "" : " (" + e.getContext() + " at line "
                + (e.getContextMark() == null ? line : e.getContextMark().getLine() + 1) + ")";
        return new ConfigProblem(file + ":" + line, null, "not valid YAML: " + problem + context);
    }

    private static void duplicates(String file, Node node, String path, List<ConfigProblem> problems) {
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                duplicates(file, sequence.getValue().get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        if (!(node instanceof MappingNode mapping)) {
            return;
        }
        Map<String, Node> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            String keyPath = key == null ? path : path.isEmpty() ? key : path + "." + key;
            if (key != null) {
                Node first = seen.putIfAbsent(key, tuple.getKeyNode());
                if (first != null) {
                    problems.add(new ConfigProblem(file + ":" + line(tuple.getKeyNode()), keyPath, "duplicate key; it is also at line "
                            + line(first) + ", and YAML would keep only the last one: merge the two or remove one"));
                }
            }
            duplicates(file, tuple.getValueNode(), keyPath, problems);
        }
    }

    /** The 1-based line where {@code node} starts. */
    public static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }
}
