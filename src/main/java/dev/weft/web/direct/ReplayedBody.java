package dev.weft.web.direct;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body was read once and is replayed from memory, to every reader after: the original body, or one
 * a filter rewrote. {@link #body()} hands the bytes to a filter that would otherwise read them again.
 *
 * <pre>{@code
 * byte[] body = request.getInputStream().readAllBytes();
 * chain.doFilter(new ReplayedBody(request, body), response); // the next reader gets the same bytes
 * }</pre>
 */
public final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    public ReplayedBody(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** The body's bytes (not a copy: do not change them). */
    public byte[] body() {
        return body;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            /** The whole body is in memory: a non-blocking reader is told at once that it is there, then that it is all. */
            @Override
            public void setReadListener(ReadListener listener) {
                try {
                    listener.onDataAvailable();
                    listener.onAllDataRead();
                } catch (IOException e) {
                    listener.onError(e);
                }
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        return new BufferedReader(new InputStreamReader(getInputStream(),
                encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
