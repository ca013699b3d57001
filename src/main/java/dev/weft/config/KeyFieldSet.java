package dev.weft.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The field set of a {@code @key} as federation.yml writes it: field names, each optionally followed by a
 * selection of fields of an object relationship, one level deep. A nested field names the relationship's target
 * column, so the key is still columns of the table (the relationship's own columns).
 *
 * <pre>{@code
 * KeyFieldSet.parse("sku variation { id }")   // [[sku], [variation, id]]
 * KeyFieldSet.normalize("study{caseNumber}")  // "study { caseNumber }"
 * }</pre>
 */
public final class KeyFieldSet {
    private static final String NAME = "[_A-Za-z][_0-9A-Za-z]*";

    private KeyFieldSet() {
    }

    /** The paths of the set (one or two names each), or null when the text is no such field set. */
    public static List<List<String>> parse(String text) {
        List<String> tokens = tokens(text);
        List<List<String>> paths = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String name = tokens.get(i);
            if (!name.matches(NAME)) {
                return null;
            }
            if (i + 1 < tokens.size() && tokens.get(i + 1).equals("{")) {
                int inner = i + 2;
                while (inner < tokens.size() && tokens.get(inner).matches(NAME)) {
                    paths.add(List.of(name, tokens.get(inner++)));
                }
                if (inner == i + 2 || inner >= tokens.size() || !tokens.get(inner).equals("}")) {
                    return null; // empty, unclosed or nested deeper
                }
                i = inner;
            } else {
                paths.add(List.of(name));
            }
        }
        return paths.isEmpty() ? null : paths;
    }

    /** The set with single spaces around its braces, as the SDL prints it. */
    public static String normalize(String text) {
        return String.join(" ", tokens(text));
    }

    private static List<String> tokens(String text) {
        String spaced = text.replace("{", " { ").replace("}", " } ").trim();
        return spaced.isEmpty() ? List.of() : List.of(spaced.split("\\s+"));
    }
}
