package dev.weft.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Tomcat's socket write buffer at {@code weft.http.socket-write-buffer} (default 32KB) instead of its 8 KB: the
 * connector writes a response to the socket in pieces of at most this size, so a typical GraphQL response (tens of
 * KB) goes out in a few system calls instead of one per 8 KB. The buffer is held per open connection: 10,000 idle
 * keep-alive connections hold 320 MB of it at 32KB (README, "How it works").
 */
@Configuration(proxyBeanMethods = false)
class SocketWriteBuffer {
    static final String KEY = "weft.http.socket-write-buffer";
    private static final DataSize MIN = DataSize.ofKilobytes(1);
    private static final DataSize MAX = DataSize.ofMegabytes(1);

    @Bean
    TomcatConnectorCustomizer weftSocketWriteBuffer(@Value("${" + KEY + ":32KB}") DataSize size) {
        if (size.compareTo(MIN) < 0 || size.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(KEY + " must be between 1KB and 1MB, not " + size);
        }
        return connector -> connector.setProperty("socket.appWriteBufSize", String.valueOf(size.toBytes()));
    }
}
