package dev.weft.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.Secret;
import dev.weft.config.ServiceSettings;
import dev.weft.config.SourceKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcPoolsTest {

    @Test
    void aPoolsConnectionTimeoutNeverBecomesTheLoginTimeoutOfEveryOtherConnection() throws Exception {
        int before = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout(17); // a value no pool of the tests sets
        ServiceSettings settings = new ServiceSettings("pooltimeout", SourceKind.H2, "jdbc:h2:mem:pooltimeout", "sa", Secret.NONE,
                null, List.of(), List.of(), "p_", "P", 2, Duration.ofSeconds(1), Duration.ofSeconds(1), 10);
        DataSource pool = JdbcPools.create(settings, "org.h2.Driver", Map.of());
        try (Connection c = pool.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
            // HikariCP given a JDBC URL would have set DriverManager's (JVM-wide) login timeout to 1-2 s here
            assertThat(DriverManager.getLoginTimeout()).isEqualTo(17);
        } finally {
            JdbcPools.close(pool);
            DriverManager.setLoginTimeout(before);
        }
    }
}
