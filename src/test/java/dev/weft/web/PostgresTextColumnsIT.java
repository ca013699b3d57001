package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Columns Weft reads as text (arrays, point, box) read the same on a pool's connection before and after the driver
 * prepares the statement on the server: without {@code binaryTransferDisable} the sixth execution onwards came back in
 * binary, which the driver spells otherwise ({"1","2"} for {1,2}, (1.0,2.0) for (1,2)).
 */
class PostgresTextColumnsIT {
    @Test
    void arraysAndPointsReadTheSameBeforeAndAfterTheStatementIsPrepared() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute("CREATE TABLE shapes (id INT PRIMARY KEY, ints INT[], texts TEXT[], big BIGINT[], p POINT, b BOX)",
                    "INSERT INTO shapes VALUES (1, '{1,2}', '{a,\"b c\"}', '{3}', '(1,2)', '((0,0),(1,1))')");
            DataSource pool = SourceFactory.pool(db.service("shop"));
            List<List<String>> reads = new ArrayList<>();
            try (Connection c = pool.getConnection()) {
                for (int i = 0; i < 10; i++) { // the driver prepares on the server from the fifth execution
                    try (PreparedStatement ps = c.prepareStatement("SELECT ints, texts, big, p, b FROM shapes WHERE id = ?")) {
                        ps.setInt(1, 1);
                        try (ResultSet rs = ps.executeQuery()) {
                            assertThat(rs.next()).isTrue();
                            List<String> row = new ArrayList<>();
                            for (int column = 1; column <= 5; column++) {
                                row.add(rs.getString(column));
                            }
                            reads.add(row);
                        }
                    }
                }
            } finally {
                ((AutoCloseable) pool).close();
            }
            assertThat(reads.get(0)).containsExactly("{1,2}", "{a,\"b c\"}", "{3}", "(1,2)", "(1,1),(0,0)");
            assertThat(reads).as("every execution, prepared or not").allSatisfy(row -> assertThat(row).isEqualTo(reads.get(0)));
        }
    }
}
