package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configured secrets are masked in any text, and in the messages of an exception and its causes. */
class RedactionTest {

    private static ServiceSettings service(String url, String password) {
        return new ServiceSettings("hr", SourceKind.MARIADB, url, "root", new Secret(password), null, List.of(), List.of(),
                "hr_", "Hr", 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 10);
    }

    @Test
    void passwordsWrittenInAUrlAreMaskedWhereverADriverRepeatsThem() {
        service("jdbc:mariadb://root:Pa55-in-userinfo@127.0.0.1:3306/db", null);
        service("jdbc:postgresql://127.0.0.1/db?user=u&password=Pa55-in-query&ssl=false", null);
        service("jdbc:db2://127.0.0.1:50000/DB:user=app;password=Pa55-in-db2;", null);
        assertThat(Redaction.redact("Incorrect port value : Pa55-in-userinfo@127.0.0.1"))
                .isEqualTo("Incorrect port value : ****@127.0.0.1");
        assertThat(Redaction.redact("FATAL: password authentication failed (Pa55-in-query)")).doesNotContain("Pa55");
        assertThat(Redaction.redact("connect to DB:user=app;password=Pa55-in-db2; failed")).doesNotContain("Pa55");
    }

    @Test
    void theConfiguredPasswordAndTheJwtSecretAreMasked() {
        service("jdbc:mariadb://127.0.0.1:3306/db", "configured-Pa55");
        new SecuritySettings.JwtSettings(new Secret("a-jwt-secret-of-thirty-two-bytes-long!!"), null, null, null, null, null, null, List.of());
        assertThat(Redaction.redact("user root with configured-Pa55 and a-jwt-secret-of-thirty-two-bytes-long!!"))
                .isEqualTo("user root with **** and ****");
    }

    @Test
    void passwordShapedValuesAreMaskedEvenWhenNotConfigured() {
        assertThat(Redaction.redact("jdbc:mysql://admin:xy@db.example/hr")).isEqualTo("jdbc:mysql://admin:****@db.example/hr");
        assertThat(Redaction.redact("mongodb://u:p@h1:27017,h2/events")).isEqualTo("mongodb://u:****@h1:27017,h2/events");
        assertThat(Redaction.redact("jdbc:postgresql://h/db?user=u&password=ab&x=1")).isEqualTo("jdbc:postgresql://h/db?user=u&password=****&x=1");
        assertThat(Redaction.redact("jdbc:postgresql://127.0.0.1:5432/hr")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/hr");
        assertThat(Redaction.redact("using password: YES")).isEqualTo("using password: YES");
        String once = Redaction.redact("at jdbc:mariadb://h/db?password=x1&ssl=no: wrong password");
        assertThat(once).isEqualTo("at jdbc:mariadb://h/db?password=****&ssl=no: wrong password");
        assertThat(Redaction.redact(once + ": " + once)).as("redacting twice changes nothing").isEqualTo(once + ": " + once);
    }

    @Test
    void anExceptionChainIsCopiedWithItsMessagesMaskedAndItsStackTraces() {
        service("jdbc:mariadb://root:Chain-Pa55@127.0.0.1:3306/db", null);
        SQLException driver = new SQLException("Incorrect port value : Chain-Pa55@127.0.0.1");
        RuntimeException wrapper = new RuntimeException("[hr] failed", driver);
        Throwable copy = Redaction.redact(wrapper);
        assertThat(copy.getMessage()).isEqualTo("java.lang.RuntimeException: [hr] failed");
        assertThat(copy.getCause().getMessage()).isEqualTo("java.sql.SQLException: Incorrect port value : ****@127.0.0.1");
        assertThat(copy.getCause().getStackTrace()).isEqualTo(driver.getStackTrace());
        assertThat(copy.getCause().getCause()).isNull();
    }
}
