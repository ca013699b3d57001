package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The HTTP connector writes responses to the socket in pieces of 32 KB, not Tomcat's 8 KB (README, "How it works"). */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SocketWriteBufferIT {
    @Autowired
    WebServerApplicationContext context;

    @Test
    void theConnectorsSocketWriteBufferIs32Kilobytes() {
        var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString(String.valueOf(32 * 1024));
    }

    @Test
    void theSettingChangesItWithinItsBounds() {
        var buffer = new SocketWriteBuffer();
        var connector = new org.apache.catalina.connector.Connector();
        buffer.weftSocketWriteBuffer(org.springframework.util.unit.DataSize.parse("8KB")).customize(connector);
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("8192");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> buffer.weftSocketWriteBuffer(
                        org.springframework.util.unit.DataSize.parse("100B")))
                .hasMessageContaining("weft.http.socket-write-buffer must be between 1KB and 1MB");
    }
}
