package dev.weft.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when the content of one of some files changes. It watches the files' directories (a
 * {@link WatchService}) and also looks every {@code poll} interval, and compares content hashes, not
 * modification times: a Kubernetes ConfigMap mount swaps a {@code ..data} symlink, which changes what a
 * path reads without touching the file the path names. A change is reported once the files were quiet for
 * {@code settle} (an editor writes in several steps).
 *
 * <pre>{@code
 * FileWatcher watcher = FileWatcher.start(List.of(Path.of("access.yml")), Duration.ofSeconds(2),
 *         Duration.ofMillis(300), changed -> reloader.reload("file change " + changed));
 * }</pre>
 */
public final class FileWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);

    private final List<Path> files;
    private final Duration poll;
    private final Duration settle;
    private final java.util.function.Consumer<Set<Path>> onChange;
    private final WatchService watch;
    private final Map<Path, String> hashes = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    private FileWatcher(List<Path> files, Duration poll, Duration settle, java.util.function.Consumer<Set<Path>> onChange)
            throws IOException {
        this.files = files.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        this.poll = poll;
        this.settle = settle;
        this.onChange = onChange;
        this.watch = FileSystems.getDefault().newWatchService();
        for (Path directory : this.files.stream().map(Path::getParent).distinct().toList()) {
            if (Files.isDirectory(directory)) {
                directory.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
        this.files.forEach(f -> hashes.put(f, hash(f)));
        this.thread = Thread.ofPlatform().daemon().name("weft-config-watcher").unstarted(this::run);
    }

    /** Watches {@code files} (which need not exist yet) until {@link #close()}. */
    public static FileWatcher start(List<Path> files, Duration poll, Duration settle,
                                    java.util.function.Consumer<Set<Path>> onChange) throws IOException {
        FileWatcher watcher = new FileWatcher(files, poll, settle, onChange);
        watcher.thread.start();
        return watcher;
    }

    public List<Path> files() {
        return files;
    }

    private void run() {
        try {
            while (!closed) {
                var key = watch.poll(poll.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
                if (read().equals(hashes)) {
                    continue;
                }
                // wait until the files are quiet (an editor truncates, then writes), then compare with the last report
                Map<Path, String> now = read();
                Map<Path, String> before;
                do {
                    Thread.sleep(settle.toMillis());
                    drain();
                    before = now;
                    now = read();
                } while (!now.equals(before) && !closed);
                Set<Path> changed = new TreeSet<>();
                for (Path file : files) {
                    if (!now.get(file).equals(hashes.get(file))) {
                        changed.add(file);
                    }
                }
                hashes.putAll(now);
                if (!changed.isEmpty() && !closed) {
                    onChange.accept(changed);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (RuntimeException e) {
            log.error("The configuration watcher stopped: {}", e.toString(), e);
        }
    }

    private void drain() {
        var key = watch.poll();
        while (key != null) {
            key.pollEvents();
            key.reset();
            key = watch.poll();
        }
    }

    /** The hash of every file now. */
    private Map<Path, String> read() {
        Map<Path, String> now = new LinkedHashMap<>();
        files.forEach(f -> now.put(f, hash(f)));
        return now;
    }

    /** SHA-256 of the file's content (following symlinks), or "absent". */
    static String hash(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            return "absent";
        }
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            watch.close();
        } catch (IOException ignored) {
            // nothing left to watch
        }
    }
}
