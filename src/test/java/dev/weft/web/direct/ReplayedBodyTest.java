package dev.weft.web.direct;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The body that {@link PersistedQueryFilter} replays reads the same way blocking and non-blocking. */
class ReplayedBodyTest {
    private static final byte[] BODY = "{\"query\":\"{ hr_employees { emp_no } }\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBlockingReaderGetsTheWholeBody() throws Exception {
        var request = new ReplayedBody(new MockHttpServletRequest("POST", "/graphql"), BODY);
        assertThat(request.getInputStream().readAllBytes()).isEqualTo(BODY);
        assertThat(request.getReader().readLine()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
        assertThat(request.getContentLengthLong()).isEqualTo(BODY.length);
    }

    @Test
    void aNonBlockingReaderIsToldTheBodyIsThereAndThenThatItIsAll() throws Exception {
        ServletInputStream in = new ReplayedBody(new MockHttpServletRequest("POST", "/graphql"), BODY)
                .getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws java.io.IOException {
                events.add("data");
                byte[] buffer = new byte[7];
                while (in.isReady() && !in.isFinished()) {
                    int n = in.read(buffer, 0, buffer.length);
                    read.write(buffer, 0, n);
                }
            }

            @Override
            public void onAllDataRead() {
                events.add("all");
            }

            @Override
            public void onError(Throwable t) {
                events.add("error " + t);
            }
        });
        assertThat(events).containsExactly("data", "all");
        assertThat(read.toByteArray()).isEqualTo(BODY);
    }
}
