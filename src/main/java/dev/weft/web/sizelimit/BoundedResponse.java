package dev.weft.web.sizelimit;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/** A response whose output stream counts its bytes against a {@link ResponseBound} before passing them on. */
final class BoundedResponse extends HttpServletResponseWrapper {
    private final ResponseBound bound;
    private ServletOutputStream stream;

    BoundedResponse(HttpServletResponse response, ResponseBound bound) {
        super(response);
        this.bound = bound;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new Counting(super.getOutputStream(), bound);
        }
        return stream;
    }

    private static final class Counting extends ServletOutputStream {
        private final ServletOutputStream out;
        private final ResponseBound bound;

        Counting(ServletOutputStream out, ResponseBound bound) {
            this.out = out;
            this.bound = bound;
        }

        @Override
        public void write(int b) throws IOException {
            bound.count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            bound.count(len);
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
