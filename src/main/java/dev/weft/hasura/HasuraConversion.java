package dev.weft.hasura;

import java.util.List;

/**
 * The result of {@link HasuraConverter#convert}: the three files' text, what could not be converted (one line per
 * item, e.g. {@code "actions: 2 entries (Weft has no equivalent)"}) and notes on what to set (environment variables).
 */
public record HasuraConversion(String weftYml, String relationshipsYml, String accessYml, List<String> notConverted,
                               List<String> notes) {
    public HasuraConversion {
        notConverted = List.copyOf(notConverted);
        notes = List.copyOf(notes);
    }

    /** The report file's text: what was not converted, then the notes. */
    public String report() {
        StringBuilder out = new StringBuilder("Not converted (" + notConverted.size() + "):\n");
        notConverted.forEach(line -> out.append("  - ").append(line).append('\n'));
        out.append("To do (").append(notes.size()).append("):\n");
        notes.forEach(line -> out.append("  - ").append(line).append('\n'));
        return out.toString();
    }
}
