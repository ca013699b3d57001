package dev.weft.it;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link OperatorSemanticsScenarios} on MariaDB through MariaDB Connector/J: a case-insensitive
 * ({@code utf8mb4_general_ci}) and a binary ({@code utf8mb4_bin}) varchar and a {@code CHAR(5)}.
 */
class MariadbOperatorSemanticsIT extends OperatorSemanticsScenarios {

    @Override
    protected Target target() {
        return Target.MARIADB;
    }

    @Override
    protected List<String> setup(Target t) {
        List<String> setup = new ArrayList<>(List.of("CREATE TABLE words (id INT PRIMARY KEY,"
                + " ci VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci,"
                + " cs VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,"
                + " ch CHAR(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci, small SMALLINT, amount DECIMAL(12,2))"));
        setup.addAll(inserts(3));
        return setup;
    }

    @Override
    protected List<String> textColumns() {
        return List.of("ci", "cs", "ch");
    }

    /** REGEXP follows the collation for case; the inline flag fixes it, as PCRE2 reads it. */
    @Override
    protected String regexCondition(String column, boolean ci) {
        return column + " REGEXP CONCAT('" + (ci ? "(?i)" : "(?-i)") + "', ?)";
    }

    @Override
    protected String bindLimit() {
        return "65,535";
    }
}
