package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link OperatorSemanticsScenarios} on a {@code db2} service (IBM JCC against the Derby 10.8.3.0 Network Server):
 * {@code CHAR(5)}, whose padding DB2's {@code LIKE} sees, and {@code VARCHAR(20)}.
 */
class Db2OperatorSemanticsIT extends OperatorSemanticsScenarios {
    @Override
    protected Target target() {
        return Target.DB2;
    }

    @Override
    protected List<String> setup(Target t) {
        List<String> setup = new ArrayList<>(List.of("CREATE TABLE words (id INT NOT NULL PRIMARY KEY, ch CHAR(5), vc VARCHAR(20),"
                + " small SMALLINT, amount DECIMAL(12,2))"));
        setup.addAll(inserts(2));
        return setup;
    }

    @Override
    protected List<String> textColumns() {
        return List.of("CH", "VC");
    }

    @Override
    protected Connection oracle() throws SQLException {
        return derby.connect();
    }

    @Override
    protected String bindLimit() {
        return "32,767";
    }

    @Test
    void likeIsSentOnTheColumnItselfWithoutACast() {
        data("{ hr_words(where: {ch: {_like: \"ab%\"}, vc: {_ilike: \"AB%\"}}) { id } }");
        List<String> sent = derby.weftStatements();
        assertThat(sent.get(sent.size() - 1)).contains("t0.\"CH\" LIKE ?").contains("LOWER(t0.\"VC\") LIKE LOWER(CAST(? AS VARCHAR(32672)))");
    }
}
