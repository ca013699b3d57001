package dev.weft.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads relationships.yml into {@link RelationshipSpec}s and checks their form, reporting every
 * problem at once with file and line: unknown or missing keys, an unknown type, {@code field} and
 * {@code ref_field} of different lengths, a many_to_many without its junction, a name that is not a
 * legal GraphQL name, the same name twice on one table. Whether services, tables and columns exist
 * is checked later, against the catalog.
 *
 * <p>No file and no {@code weft.relationships} setting means no relationships; a file that is
 * configured explicitly must exist.
 */
public final class RelationshipsFile {
    public static final String DEFAULT_PATH = "relationships.yml";
    private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");
    private static final Set<String> REQUIRED = Set.of("service", "table", "name", "type", "field", "ref_service",
            "ref_table", "ref_field");
    private static final Set<String> KNOWN = Set.of("service", "table", "name", "type", "field", "ref_service",
            "ref_table", "ref_field", "description", "junction_service", "junction_table", "junction_field",
            "junction_ref_field", "required");

    private RelationshipsFile() {
    }

    /**
     * Loads the file at {@code configured}, or {@code relationships.yml} in the working directory when
     * it is null (then a missing file means no relationships).
     */
    public static List<RelationshipSpec> load(String configured) {
        return load(configured, Path.of(""));
    }

    /** As {@link #load(String)}, with relative paths taken from {@code directory}. */
    public static List<RelationshipSpec> load(String configured, Path directory) {
        Path path = directory.resolve(configured == null || configured.isBlank() ? DEFAULT_PATH : configured);
        if (!Files.exists(path)) {
            if (configured == null || configured.isBlank()) {
                return List.of();
            }
            throw new WeftConfigException(List.of(new ConfigProblem(null, "weft.relationships",
                    "the relationships file '" + path.toAbsolutePath() + "' does not exist")));
        }
        try {
            return parse(path.toString(), Files.newBufferedReader(path));
        } catch (IOException e) {
            throw new WeftConfigException(List.of(new ConfigProblem(path.toString(), "weft.relationships",
                    "cannot read the file: " + e.getMessage())));
        }
    }

    public static List<RelationshipSpec> parse(String file, String yaml) {
        return parse(file, new StringReader(yaml));
    }

    /** Parses and checks the form; throws {@link WeftConfigException} listing every problem. */
    public static List<RelationshipSpec> parse(String file, Reader reader) {
        YamlFile.Composed yaml = YamlFile.compose(file, reader);
        List<ConfigProblem> problems = new ArrayList<>(yaml.problems());
        Node root = yaml.root();
        List<RelationshipSpec> specs = new ArrayList<>();
        for (MappingNode entry : entries(file, root, problems)) {
            RelationshipSpec spec = entry(file, entry, problems);
            if (spec != null) {
                specs.add(spec);
            }
        }
        checkDuplicateNames(specs, problems);
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
        return List.copyOf(specs);
    }

    private static List<MappingNode> entries(String file, Node root, List<ConfigProblem> problems) {
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof MappingNode map)) {
            problems.add(new ConfigProblem(file + ":" + line(root), null, "expected a mapping with the key 'relationships'"));
            return List.of();
        }
        List<MappingNode> entries = new ArrayList<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (!"relationships".equals(key)) {
                problems.add(new ConfigProblem(file + ":" + line(tuple.getKeyNode()), key,
                        "unknown key; the file holds one list under 'relationships'"));
                continue;
            }
            Node value = tuple.getValueNode();
            if (value instanceof ScalarNode s && (s.getValue() == null || s.getValue().isEmpty() || "null".equals(s.getValue()))) {
                continue;
            }
            if (!(value instanceof SequenceNode list)) {
                problems.add(new ConfigProblem(file + ":" + line(value), "relationships", "expected a list of relationships"));
                continue;
            }
            for (Node item : list.getValue()) {
                if (item instanceof MappingNode m) {
                    entries.add(m);
                } else {
                    problems.add(new ConfigProblem(file + ":" + line(item), "relationships", "each relationship is a mapping of keys"));
                }
            }
        }
        return entries;
    }

    private static RelationshipSpec entry(String file, MappingNode node, List<ConfigProblem> problems) {
        int before = problems.size();
        int line = line(node);
        Map<String, Integer> lines = new HashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            String key = scalar(tuple.getKeyNode());
            int keyLine = line(tuple.getKeyNode());
            if (key == null || !KNOWN.contains(key)) {
                problems.add(new ConfigProblem(file + ":" + keyLine, key, "unknown key; known keys are " + String.join(", ",
                        KNOWN.stream().sorted().toList())));
                continue;
            }
            lines.put(key, keyLine);
            List<String> value = values(tuple.getValueNode());
            if (value == null || value.isEmpty() || value.stream().anyMatch(v -> v == null || v.isBlank())) {
                problems.add(new ConfigProblem(file + ":" + keyLine, key, "needs a value (a name, or a list of names)"));
                continue;
            }
            values.put(key, value);
        }
        String where = file + ":" + line;
        for (String key : REQUIRED.stream().sorted().toList()) {
            if (!values.containsKey(key) && !lines.containsKey(key)) {
                problems.add(new ConfigProblem(where, key, "missing"));
            }
        }
        RelationshipSpec.Type type = type(values.get("type"), file + ":" + lines.getOrDefault("type", line), problems);
        String name = single(values, "name");
        if (name != null && !GRAPHQL_NAME.matcher(name).matches()) {
            problems.add(new ConfigProblem(file + ":" + lines.get("name"), "name", "'" + name + "' is not a legal GraphQL name"));
        }
        List<String> field = values.getOrDefault("field", List.of());
        List<String> refField = values.getOrDefault("ref_field", List.of());
        if (!field.isEmpty() && !refField.isEmpty() && field.size() != refField.size()) {
            problems.add(new ConfigProblem(file + ":" + lines.get("ref_field"), "ref_field", "has " + refField.size()
                    + " columns but field has " + field.size() + "; they pair up one to one"));
        }
        List<String> junctionField = values.getOrDefault("junction_field", List.of());
        List<String> junctionRefField = values.getOrDefault("junction_ref_field", List.of());
        checkJunction(type, values, lines, field, refField, junctionField, junctionRefField, file, line, problems);
        boolean required = required(values.get("required"), file + ":" + lines.getOrDefault("required", line), problems);
        if (problems.size() > before) {
            return null;
        }
        return new RelationshipSpec(file, line, lines, single(values, "service"), single(values, "table"), name, type,
                field, single(values, "ref_service"), single(values, "ref_table"), refField, single(values, "description"),
                single(values, "junction_service"), single(values, "junction_table"), junctionField, junctionRefField, required);
    }

    private static boolean required(List<String> value, String where, List<ConfigProblem> problems) {
        if (value == null) {
            return false;
        }
        return switch (value.get(0).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(new ConfigProblem(where, "required", "must be true or false, was '" + value.get(0) + "'"));
                yield false;
            }
        };
    }

    private static void checkJunction(RelationshipSpec.Type type, Map<String, List<String>> values, Map<String, Integer> lines,
                                      List<String> field, List<String> refField, List<String> junctionField,
                                      List<String> junctionRefField, String file, int line, List<ConfigProblem> problems) {
        boolean hasJunction = lines.containsKey("junction_table") || lines.containsKey("junction_field")
                || lines.containsKey("junction_ref_field") || lines.containsKey("junction_service");
        if (type != RelationshipSpec.Type.MANY_TO_MANY) {
            if (hasJunction && type != null) {
                problems.add(new ConfigProblem(file + ":" + line, "junction_table",
                        "junction keys belong to many_to_many relationships only, this one is " + type.name().toLowerCase(Locale.ROOT)));
            }
            return;
        }
        for (String key : List.of("junction_table", "junction_field", "junction_ref_field")) {
            if (!lines.containsKey(key)) {
                problems.add(new ConfigProblem(file + ":" + line, key, "missing; a many_to_many goes through a junction table"));
            }
        }
        if (!junctionField.isEmpty() && !field.isEmpty() && junctionField.size() != field.size()) {
            problems.add(new ConfigProblem(file + ":" + lines.get("junction_field"), "junction_field", "has "
                    + junctionField.size() + " columns but field has " + field.size()));
        }
        if (!junctionRefField.isEmpty() && !refField.isEmpty() && junctionRefField.size() != refField.size()) {
            problems.add(new ConfigProblem(file + ":" + lines.get("junction_ref_field"), "junction_ref_field", "has "
                    + junctionRefField.size() + " columns but ref_field has " + refField.size()));
        }
    }

    private static RelationshipSpec.Type type(List<String> value, String where, List<ConfigProblem> problems) {
        if (value == null) {
            return null;
        }
        return switch (value.get(0).toLowerCase(Locale.ROOT)) {
            case "belongs_to" -> RelationshipSpec.Type.BELONGS_TO;
            case "has_one" -> RelationshipSpec.Type.HAS_ONE;
            case "has_many" -> RelationshipSpec.Type.HAS_MANY;
            case "many_to_many", "many_many" -> RelationshipSpec.Type.MANY_TO_MANY;
            default -> {
                problems.add(new ConfigProblem(where, "type", "unknown type '" + value.get(0)
                        + "'; one of belongs_to, has_one, has_many, many_to_many"));
                yield null;
            }
        };
    }

    private static void checkDuplicateNames(List<RelationshipSpec> specs, List<ConfigProblem> problems) {
        Map<String, RelationshipSpec> seen = new HashMap<>();
        for (RelationshipSpec spec : specs) {
            RelationshipSpec other = seen.putIfAbsent(spec.service() + "." + spec.table() + "." + spec.name(), spec);
            if (other != null) {
                problems.add(spec.problem("name", "'" + spec.name() + "' is already a relationship of " + spec.service() + "."
                        + spec.table() + " (" + other.locationOf("name") + ")"));
            }
        }
    }

    private static List<String> values(Node node) {
        if (node instanceof ScalarNode s) {
            return java.util.Collections.singletonList(s.getValue());
        }
        if (node instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                out.add(item instanceof ScalarNode s ? s.getValue() : null);
            }
            return out;
        }
        return null;
    }

    private static String single(Map<String, List<String>> values, String key) {
        List<String> value = values.get(key);
        return value == null ? null : value.get(0);
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

}
