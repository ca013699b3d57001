package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.weft.WeftApplication;
import dev.weft.config.WeftConfigException;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Starts the real application with a configuration file that must make start-up fail, and returns why. */
public final class FailedStart {

    private FailedStart() {
    }

    /** The {@link WeftConfigException} among the causes of the failed start with {@code yml} (asserted to fail). */
    public static WeftConfigException with(Path yml) {
        return of(() -> new SpringApplicationBuilder(WeftApplication.class)
                .properties("spring.main.banner-mode=off", "spring.config.additional-location=file:" + yml)
                .run("--server.port=0").close());
    }

    /** The {@link WeftConfigException} among the causes of the failure of {@code start} (asserted to fail). */
    public static WeftConfigException of(ThrowingCallable start) {
        Throwable thrown = catchThrowable(start);
        assertThat(thrown).as("start-up must fail").isNotNull();
        Throwable t = thrown;
        while (t != null && !(t instanceof WeftConfigException)) {
            t = t.getCause();
        }
        assertThat(t).as("a WeftConfigException in the causes of %s", thrown).isInstanceOf(WeftConfigException.class);
        return (WeftConfigException) t;
    }
}
