package dev.weft.it;

import java.util.ArrayList;
import java.util.List;

/** {@link OperatorSemanticsScenarios} on PostgreSQL: {@code text}, {@code citext}, {@code CHAR(5)} and a {@code "C"}-collated varchar. */
class PostgresOperatorSemanticsIT extends OperatorSemanticsScenarios {

    @Override
    protected Target target() {
        return Target.POSTGRES;
    }

    @Override
    protected List<String> setup(Target t) {
        List<String> setup = new ArrayList<>(List.of("CREATE EXTENSION IF NOT EXISTS citext",
                "CREATE TABLE words (id INT PRIMARY KEY, t TEXT, ci CITEXT, ch CHAR(5), c VARCHAR(20) COLLATE \"C\","
                        + " small SMALLINT, amount NUMERIC(12,2))"));
        setup.addAll(inserts(4));
        return setup;
    }

    @Override
    protected List<String> textColumns() {
        return List.of("t", "ci", "ch", "c");
    }

    @Override
    protected String regexCondition(String column, boolean ci) {
        return column + (ci ? " ~* ?" : " ~ ?");
    }

    @Override
    protected boolean similar() {
        return true;
    }

    /** citext's {@code ~} ignores case, as its {@code LIKE} does. */
    @Override
    protected List<String> caseSensitiveRegexColumns() {
        return List.of("t", "ch", "c");
    }

    @Override
    protected boolean likeEscapeAtEndIsError() {
        return true;
    }

    @Override
    protected String bindLimit() {
        return "65,535";
    }
}
