package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DB2's protocol (Derby through JCC): Derby has no comments, JCC's {@code REMARKS} are blank, so the generated
 * descriptions stay (a real DB2's {@code REMARKS} arrive through the same metadata calls).
 */
class Db2CommentsIT extends TargetScenario {

    @Override
    protected Target target() {
        return Target.DB2;
    }

    @Override
    protected List<String> setup(Target t) {
        return List.of("CREATE TABLE plain (id INT NOT NULL PRIMARY KEY, label VARCHAR(20))");
    }

    @Test
    @SuppressWarnings("unchecked")
    void blankRemarksKeepTheGeneratedDescriptions() throws SQLException {
        try (Connection c = derby.connect(); ResultSet rs = c.getMetaData().getTables(null, null, "PLAIN", null)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("REMARKS")).isNullOrEmpty();
        }
        Map<String, Object> type = (Map<String, Object>) data("{ __type(name: \"HrPlain\") { description fields { description } } }")
                .get("__type");
        assertThat((String) type.get("description")).matches("Table hr\\.\\w+\\.PLAIN");
        assertThat((List<Map<String, Object>>) type.get("fields")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.get("description")).isNull());
    }
}
