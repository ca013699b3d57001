package dev.weft.config;

import dev.weft.config.FederationSpec.ComposeSpec;
import dev.weft.config.FederationSpec.FieldSpec;
import dev.weft.config.FederationSpec.TypeSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads federation.yml ({@link FederationSpec} shows the format) and checks its form, reporting every problem at
 * once with file and line: unknown keys, values of the wrong kind, a table not written {@code service.table},
 * field sets that are not field names, and combinations Federation v2 refuses within one type ({@code @requires}
 * on an {@code @external} field or naming a field that is not {@code @external}, {@code @override} on an
 * {@code @external} field). Whether the tables and fields exist is checked against the catalog later.
 *
 * <p>No file and no {@code weft.federation.file} setting means no directives beyond the {@code @key}s; a file that
 * is configured explicitly must exist.
 */
public final class FederationFile {
    public static final String DEFAULT_PATH = "federation.yml";
    private static final Pattern FIELD_SET = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*(\\s+[_A-Za-z][_0-9A-Za-z]*)*");
    private static final Set<String> TOP = Set.of("types", "compose-directives");
    private static final Set<String> TYPE_KEYS = Set.of("name", "keys", "shareable", "inaccessible", "tags",
            "interface-object", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("shareable", "inaccessible", "tags", "override", "external",
            "requires", "provides");

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private FederationFile(String file) {
        this.file = file;
    }

    /** Loads {@code configured}, or federation.yml in the working directory when it is null (then a missing file means none). */
    public static FederationSpec load(String configured) {
        return load(configured, Path.of(""));
    }

    public static FederationSpec load(String configured, Path directory) {
        Path path = directory.resolve(configured == null || configured.isBlank() ? DEFAULT_PATH : configured);
        if (!Files.exists(path)) {
            if (configured == null || configured.isBlank()) {
                return FederationSpec.NONE;
            }
            throw new WeftConfigException(List.of(new ConfigProblem(null, "weft.federation.file",
                    "the federation file '" + path.toAbsolutePath() + "' does not exist")));
        }
        try (Reader reader = Files.newBufferedReader(path)) {
            return parse(path.toString(), reader);
        } catch (IOException e) {
            throw new WeftConfigException(List.of(new ConfigProblem(path.toString(), "weft.federation.file",
                    "cannot read the file: " + e.getMessage())));
        }
    }

    public static FederationSpec parse(String file, String yaml) {
        return parse(file, new StringReader(yaml));
    }

    /** Parses and checks the form; throws {@link WeftConfigException} listing every problem. */
    public static FederationSpec parse(String file, Reader reader) {
        YamlFile.Composed yaml = YamlFile.compose(file, reader);
        FederationFile parser = new FederationFile(file);
        parser.problems.addAll(yaml.problems());
        List<TypeSpec> types = new ArrayList<>();
        List<ComposeSpec> compose = new ArrayList<>();
        Node root = yaml.root();
        if (root != null && !(root instanceof MappingNode)) {
            parser.problem(root, null, "expected a mapping with the keys 'types' and 'compose-directives'");
        } else if (root != null) {
            for (NodeTuple t : ((MappingNode) root).getValue()) {
                String key = scalar(t.getKeyNode());
                if ("types".equals(key)) {
                    parser.mapping(t.getValueNode(), "types").forEach(e -> parser.type(e, types));
                } else if ("compose-directives".equals(key)) {
                    parser.compose(t.getValueNode(), compose);
                } else {
                    parser.problem(t.getKeyNode(), key, "unknown key; known keys are " + String.join(", ", sorted(TOP)));
                }
            }
        }
        if (!parser.problems.isEmpty()) {
            throw new WeftConfigException(parser.problems);
        }
        return new FederationSpec(file, types, compose);
    }

    private void type(NodeTuple entry, List<TypeSpec> types) {
        String ref = scalar(entry.getKeyNode());
        int line = YamlFile.line(entry.getKeyNode());
        String where = "types." + ref;
        int dot = ref == null ? -1 : ref.indexOf('.');
        if (dot <= 0 || dot == ref.length() - 1) {
            problem(entry.getKeyNode(), where, "write the table as service.table (e.g. shop.orders)");
            return;
        }
        Map<String, Integer> lines = new HashMap<>();
        String name = null;
        List<String> keys = List.of();
        List<String> tags = List.of();
        List<FieldSpec> fields = new ArrayList<>();
        boolean shareable = false;
        boolean inaccessible = false;
        boolean interfaceObject = false;
        for (NodeTuple t : mapping(entry.getValueNode(), where)) {
            String key = scalar(t.getKeyNode());
            Node value = t.getValueNode();
            lines.put(key, YamlFile.line(t.getKeyNode()));
            switch (key == null ? "" : key) {
                case "name" -> name = text(value, where + ".name");
                case "keys" -> keys = fieldSets(value, where + ".keys");
                case "shareable" -> shareable = bool(value, where + ".shareable");
                case "inaccessible" -> inaccessible = bool(value, where + ".inaccessible");
                case "interface-object" -> interfaceObject = bool(value, where + ".interface-object");
                case "tags" -> tags = texts(value, where + ".tags");
                case "fields" -> mapping(value, where + ".fields").forEach(f -> field(f, where, fields));
                default -> problem(t.getKeyNode(), where + "." + key, "unknown key; known keys are " + String.join(", ", sorted(TYPE_KEYS)));
            }
        }
        checkRequires(where, fields);
        types.add(new TypeSpec(ref.substring(0, dot), ref.substring(dot + 1), line, name, keys, shareable, inaccessible,
                tags, interfaceObject, fields, lines));
    }

    private void field(NodeTuple entry, String type, List<FieldSpec> fields) {
        String name = scalar(entry.getKeyNode());
        String where = type + ".fields." + name;
        Map<String, Integer> lines = new HashMap<>();
        boolean shareable = false;
        boolean inaccessible = false;
        boolean external = false;
        List<String> tags = List.of();
        String override = null;
        String requires = null;
        String provides = null;
        for (NodeTuple t : mapping(entry.getValueNode(), where)) {
            String key = scalar(t.getKeyNode());
            Node value = t.getValueNode();
            lines.put(key, YamlFile.line(t.getKeyNode()));
            switch (key == null ? "" : key) {
                case "shareable" -> shareable = bool(value, where + ".shareable");
                case "inaccessible" -> inaccessible = bool(value, where + ".inaccessible");
                case "external" -> external = bool(value, where + ".external");
                case "tags" -> tags = texts(value, where + ".tags");
                case "override" -> override = text(value, where + ".override");
                case "requires" -> requires = fieldSet(value, where + ".requires");
                case "provides" -> provides = fieldSet(value, where + ".provides");
                default -> problem(t.getKeyNode(), where + "." + key, "unknown key; known keys are " + String.join(", ", sorted(FIELD_KEYS)));
            }
        }
        if (override != null && external) {
            problems.add(new ConfigProblem(file + ":" + lines.get("override"), where + ".override",
                    "@override takes a field over into this subgraph; an @external field is not resolved here"));
        }
        if (requires != null && external) {
            problems.add(new ConfigProblem(file + ":" + lines.get("requires"), where + ".requires",
                    "a field with @requires is resolved here, so it cannot be @external itself"));
        }
        fields.add(new FieldSpec(name, YamlFile.line(entry.getKeyNode()), shareable, inaccessible, tags, override, external,
                requires, provides, lines));
    }

    /** {@code @requires} names fields of its own type that this file marks external (Federation v2's rule). */
    private void checkRequires(String type, List<FieldSpec> fields) {
        for (FieldSpec f : fields) {
            if (f.requires() == null) {
                continue;
            }
            for (String required : f.requires().trim().split("\\s+")) {
                if (fields.stream().noneMatch(o -> o.name().equals(required) && o.external())) {
                    problems.add(new ConfigProblem(file + ":" + f.lineOf("requires"), type + ".fields." + f.name() + ".requires",
                            "'" + required + "' must be a field of this type marked external: true in this file"));
                }
            }
        }
    }

    private void compose(Node node, List<ComposeSpec> compose) {
        if (!(node instanceof SequenceNode list)) {
            problem(node, "compose-directives", "expected a list of { name, url }");
            return;
        }
        for (Node item : list.getValue()) {
            String name = null;
            String url = null;
            for (NodeTuple t : mapping(item, "compose-directives")) {
                String key = scalar(t.getKeyNode());
                if ("name".equals(key)) {
                    name = text(t.getValueNode(), "compose-directives.name");
                } else if ("url".equals(key)) {
                    url = text(t.getValueNode(), "compose-directives.url");
                } else {
                    problem(t.getKeyNode(), "compose-directives." + key, "unknown key; known keys are name, url");
                }
            }
            if (name == null) {
                problem(item, "compose-directives", "each composed directive needs its name, such as \"@mask\"");
            } else {
                compose.add(new ComposeSpec(name, url, YamlFile.line(item)));
            }
        }
    }

    private List<NodeTuple> mapping(Node node, String where) {
        if (node instanceof MappingNode m) {
            return m.getValue();
        }
        if (!(node instanceof ScalarNode s && (s.getValue().isEmpty() || "null".equals(s.getValue())))) {
            problem(node, where, "expected a mapping");
        }
        return List.of();
    }

    private boolean bool(Node node, String where) {
        String value = scalar(node);
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean(value);
        }
        problem(node, where, "expected true or false");
        return false;
    }

    private String text(Node node, String where) {
        String value = scalar(node);
        if (value == null || value.isBlank()) {
            problem(node, where, "expected a non-empty text");
            return null;
        }
        return value;
    }

    private List<String> texts(Node node, String where) {
        if (!(node instanceof SequenceNode list)) {
            problem(node, where, "expected a list of texts");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        list.getValue().forEach(item -> {
            String value = text(item, where);
            if (value != null) {
                values.add(value);
            }
        });
        return values;
    }

    private String fieldSet(Node node, String where) {
        String value = text(node, where);
        if (value != null && !FIELD_SET.matcher(value.trim()).matches()) {
            problem(node, where, "'" + value + "' is not a list of field names such as \"weight price\""
                    + " (nested selections are not supported: Weft's fields are columns)");
            return null;
        }
        return value == null ? null : value.trim();
    }

    private List<String> fieldSets(Node node, String where) {
        List<String> sets = new ArrayList<>();
        for (String value : texts(node, where)) {
            if (FIELD_SET.matcher(value.trim()).matches()) {
                sets.add(value.trim());
            } else {
                problem(node, where, "'" + value + "' is not a list of column field names such as \"order_no\" or \"a b\"");
            }
        }
        return sets;
    }

    private void problem(Node node, String key, String message) {
        problems.add(new ConfigProblem(file + ":" + YamlFile.line(node), key, message));
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
