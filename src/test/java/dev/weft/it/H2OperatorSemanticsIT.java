package dev.weft.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link OperatorSemanticsScenarios} on H2 (the embedded demo's engine): VARCHAR, VARCHAR_IGNORECASE and CHAR(5). */
class H2OperatorSemanticsIT extends OperatorSemanticsScenarios {

    @Override
    protected Target target() {
        return Target.H2;
    }

    @Override
    protected List<String> setup(Target t) {
        List<String> setup = new ArrayList<>(List.of("CREATE TABLE words (id INT PRIMARY KEY, t VARCHAR(20), ci VARCHAR_IGNORECASE(20),"
                + " ch CHAR(5), small SMALLINT, amount DECIMAL(12,2))"));
        setup.addAll(inserts(3));
        return setup;
    }

    @Override
    protected List<String> textColumns() {
        return List.of("t", "ci", "ch");
    }

    @Override
    protected Connection oracle() throws SQLException {
        return DriverManager.getConnection(h2Url, "sa", "");
    }

    @Override
    protected String regexCondition(String column, boolean ci) {
        return "REGEXP_LIKE(" + column + ", ?, '" + (ci ? "i" : "c") + "')";
    }

    @Override
    protected String bindLimit() {
        return "65,535";
    }
}
