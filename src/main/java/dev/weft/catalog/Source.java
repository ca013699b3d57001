package dev.weft.catalog;

import dev.weft.config.ServiceSettings;
import java.util.List;
import java.util.Optional;

/**
 * A configured service with the tables Weft serves from it. {@code foldsToUpperCase}: the source stores unquoted
 * names in upper case (DB2), so its all-upper-case names get lower-case GraphQL names ({@link GraphqlNames#field(String, boolean)}).
 * {@code textMatching}: the text operators it evaluates beyond the common ones (regular expressions, {@code SIMILAR TO}).
 */
public record Source(ServiceSettings settings, List<Table> tables, boolean foldsToUpperCase, TextMatching textMatching) {
    public Source {
        tables = List.copyOf(tables);
        textMatching = textMatching == null ? TextMatching.LIKE_ONLY : textMatching;
    }

    public Source(ServiceSettings settings, List<Table> tables) {
        this(settings, tables, false);
    }

    public Source(ServiceSettings settings, List<Table> tables, boolean foldsToUpperCase) {
        this(settings, tables, foldsToUpperCase, TextMatching.LIKE_ONLY);
    }

    /** This source with other tables (renamed ones), everything else kept. */
    public Source withTables(List<Table> tables) {
        return new Source(settings, tables, foldsToUpperCase, textMatching);
    }

    /** A GraphQL name for one of this source's identifiers (a table or column name). */
    public String graphqlName(String identifier) {
        return GraphqlNames.field(identifier, foldsToUpperCase);
    }

    public ServiceName name() {
        return new ServiceName(settings.name());
    }

    public Optional<Table> table(String tableName) {
        return tables.stream().filter(t -> t.ref().name().equals(tableName)).findFirst();
    }

    /** The table named exactly {@code name}, else the only one whose name differs just in case. */
    public Optional<Table> findTable(String name) {
        Optional<Table> exact = table(name);
        if (exact.isPresent()) {
            return exact;
        }
        List<Table> folded = tables.stream().filter(t -> t.ref().name().equalsIgnoreCase(name)).toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }
}
