package dev.weft.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on {@code 127.0.0.1:<port>} to a real server, to take a source down and bring it
 * back in a test. {@link #stop()} closes the listening socket and every live connection (clients see
 * their connections reset and new ones refused); {@link #start()} listens again on the same port.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to(TestServers.mariadb())) {
 *     String url = "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/shop";
 *     proxy.stop();   // the source is down
 *     proxy.start();  // and back
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile byte[] cutOn; // stop when a client sends these bytes
    private volatile boolean deliverCut; // whether the message with them reaches the server first
    private volatile boolean muted; // the server's answers no longer reach the clients
    private int port;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A started proxy on a free local port. */
    /** A proxy to a test server. */
    public static TcpProxy to(TestServers.Endpoint server) {
        return to(server.host(), server.port());
    }

    public static TcpProxy to(String targetHost, int targetPort) {
        TcpProxy proxy = new TcpProxy(targetHost, targetPort);
        proxy.start();
        return proxy;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Accepts connections again (on the same port after the first start). */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            port = socket.getLocalPort();
            server = socket;
            Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> acceptLoop(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Refuses new connections and closes every live one. */
    public synchronized void stop() {
        ServerSocket socket = server;
        server = null;
        if (socket != null) {
            closeQuietly(socket);
        }
        for (Socket s : live) {
            closeQuietly(s);
        }
        live.clear();
    }

    /**
     * Stops the proxy, as a crash of the server would look, when a client next sends a message that holds
     * {@code text} (in the client's encoding, ASCII here): that message never reaches the server. Once.
     *
     * <pre>{@code
     * proxy.cutOn("COMMIT PREPARED");   // PostgreSQL prepared its branch of a two-phase commit, and dies before the commit
     * }</pre>
     */
    public void cutOn(String text) {
        deliverCut = false;
        cutOn = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * As {@link #cutOn}, but the message reaches the server, and its answer never reaches the client: the
     * server did the work, the client cannot know. Once.
     */
    public void cutAfter(String text) {
        deliverCut = true;
        cutOn = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** How many client connections are open through the proxy now. */
    public int liveConnections() {
        return (int) live.stream().filter(s -> !s.isClosed()).count() / 2;
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed by stop()
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            if (server != socket) { // stopped while connecting
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            live.add(client);
            live.add(upstream);
            Thread.ofVirtual().start(() -> pipe(client, upstream, true));
            Thread.ofVirtual().start(() -> pipe(upstream, client, false));
        }
    }

    private void pipe(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                byte[] marker = cutOn;
                if (fromClient && marker != null && contains(buffer, n, marker)) {
                    cutOn = null;
                    if (deliverCut) {
                        muted = true;
                        out.write(buffer, 0, n);
                        out.flush();
                        Thread.sleep(200); // the server reads and runs it before its connection is reset
                    }
                    stop();
                    muted = false;
                    return;
                }
                if (!fromClient && muted) {
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SocketException e) {
            // closed by stop() or by the other side
        } catch (IOException e) {
            // the same: a broken connection ends the pipe
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            live.remove(from);
            live.remove(to);
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            if (c instanceof Socket s && !s.isClosed()) {
                s.setSoLinger(true, 0); // reset, as a crashed server's connections are
            }
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        stop();
    }
}
