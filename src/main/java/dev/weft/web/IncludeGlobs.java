package dev.weft.web;

import dev.weft.catalog.Source;
import dev.weft.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/** Start-up check of the {@code include} globs of every service against the tables introspection found. */
final class IncludeGlobs {

    private IncludeGlobs() {
    }

    /**
     * An include glob other than {@code *} that selects no table is a typo or a wrong schema: say so, at its key
     * (unless an exclude glob names it too: {@code include: [a, b], exclude: [b]} is deliberate).
     */
    static List<ConfigProblem> unmatched(List<Source> sources) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Source source : sources) {
            List<dev.weft.config.Glob> include = source.settings().include();
            for (int i = 0; i < include.size(); i++) {
                dev.weft.config.Glob glob = include.get(i);
                // a name that exclude also names was left out on purpose, not misspelt
                boolean excluded = source.settings().exclude().stream().anyMatch(x -> x.matches(glob.text()));
                if (!glob.text().equals("*") && !excluded && source.tables().stream().noneMatch(t -> glob.matches(t.ref().name()))) {
                    problems.add(new ConfigProblem(null, "weft.services." + source.settings().name() + ".include[" + i + "]",
                            "'" + glob.text() + "' selects no table, view or collection of service '" + source.settings().name()
                                    + "' (names compare ignoring case; exclude applies after include)"));
                }
            }
        }
        return problems;
    }
}
