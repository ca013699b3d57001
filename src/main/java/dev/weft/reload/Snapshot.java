package dev.weft.reload;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * One loaded version of the configuration, as a request sees it from start to end: its value (the runtime),
 * the version's hash and when it was loaded. A request gets it from {@link Snapshots#enter()} and gives it
 * back with {@link #close()}; the version's resources are released only when no request holds it any more.
 *
 * <pre>{@code
 * try (Snapshot<Runtime> snapshot = snapshots.enter()) {
 *     snapshot.value().execute(query);   // the same version from start to end, even if a reload swaps meanwhile
 * }
 * }</pre>
 */
public final class Snapshot<T> implements AutoCloseable {
    private final T value;
    private final String version;
    private final Instant loadedAt;
    private final LongAdder inFlight = new LongAdder();
    private volatile boolean retired;

    Snapshot(T value, String version, Instant loadedAt) {
        this.value = value;
        this.version = version;
        this.loadedAt = loadedAt;
    }

    public T value() {
        return value;
    }

    /** A hash of what this version was loaded from (configuration files and the sources' tables). */
    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Counts a request in; false when this version was retired meanwhile (the caller takes the newer one). */
    boolean enter() {
        inFlight.increment();
        if (retired) {
            inFlight.decrement();
            return false;
        }
        return true;
    }

    /** The request that entered is done with this version. */
    @Override
    public void close() {
        inFlight.decrement();
    }

    void retire() {
        retired = true;
    }

    /** Requests still running on this version; 0 stays 0 once {@link #retire() retired}. */
    long inFlight() {
        return inFlight.sum();
    }
}
