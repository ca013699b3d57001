package dev.weft.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.Secret;
import dev.weft.config.ServiceSettings;
import dev.weft.config.SourceKind;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A failed field: the client gets a code and a safe message; the log gets the driver's text, secrets masked. */
@ExtendWith(OutputCaptureExtension.class)
class FieldFailureTest {
    private static final String URL_SECRET = "Field-Url-Secret-7";

    @Test
    void theLoggedDriverExceptionNeverShowsAPasswordWrittenInTheUrl(CapturedOutput output) {
        new ServiceSettings("hr", SourceKind.MARIADB, "jdbc:mariadb://root:" + URL_SECRET + "@127.0.0.1:3306/hr", "root",
                Secret.NONE, null, List.of(), List.of(), "hr_", "Hr", 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 10);
        SQLException driver = new SQLException("Could not connect to root:" + URL_SECRET + "@127.0.0.1:3306", "08000");
        WeftException failure = new WeftException(ErrorCode.SOURCE_UNAVAILABLE, "source 'hr' is unavailable",
                new SQLException("[hr] " + driver.getMessage() + " while running: select 1", driver));

        FieldFailure field = FieldFailure.of(failure, "req-1", "/hr_employees");

        assertThat(field.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(field.message()).isEqualTo("source 'hr' is unavailable");
        assertThat(output.getAll()).contains("request req-1 at /hr_employees", "java.sql.SQLException: Could not connect to root:****@127.0.0.1",
                "\tat ").doesNotContain(URL_SECRET);
        FieldFailure.of(new IllegalStateException("unexpected " + URL_SECRET), "req-2", "/x");
        assertThat(output.getAll()).contains("request req-2 at /x: unexpected failure").doesNotContain(URL_SECRET);
    }
}
