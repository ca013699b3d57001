package dev.weft.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version that serves, swapped atomically by a reload. A request reads it once ({@link #enter()}: one
 * volatile read and a counter) and keeps that {@link Snapshot} to its end, so in-flight requests finish on
 * the version they started with. After {@link #swap}, the old version is released (its pools closed, say) by
 * a background thread once its last request is done, or after {@code drainTimeout} with a warning.
 *
 * <pre>{@code
 * Snapshots<Runtime> live = new Snapshots<>(initial, "a1b2c3", Duration.ofMinutes(2));
 * live.swap(next, "d4e5f6", old -> old.closeWhatIsNotShared());
 * }</pre>
 */
public final class Snapshots<T> {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    private final AtomicReference<Snapshot<T>> current;
    private final Duration drainTimeout;
    private final java.util.List<Consumer<T>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Snapshots(T initial, String version, Duration drainTimeout) {
        this.current = new AtomicReference<>(new Snapshot<>(initial, version, Instant.now()));
        this.drainTimeout = drainTimeout;
    }

    /** The serving version, held until {@link Snapshot#close()}: call that exactly once, when the request ends. */
    public Snapshot<T> enter() {
        while (true) {
            Snapshot<T> snapshot = current.get();
            if (snapshot.enter()) {
                return snapshot;
            }
            // retired between the read and the count: the newer one is already in current
        }
    }

    /** The serving version's value, not held: for what does not reach a source (a schema to print, a health check). */
    public T current() {
        return current.get().value();
    }

    /** The serving version, not held. */
    public Snapshot<T> latest() {
        return current.get();
    }

    /** Calls {@code listener} with each version swapped in (meters to bind again, say), on the reloading thread. */
    public void onSwap(Consumer<T> listener) {
        listeners.add(listener);
    }

    /**
     * Serves {@code next} from now on; {@code release} gets the old value once no request holds it, on a thread
     * of its own. Returns at once.
     */
    public Snapshot<T> swap(T next, String version, Consumer<T> release) {
        Snapshot<T> replacement = new Snapshot<>(next, version, Instant.now());
        Snapshot<T> old = current.getAndSet(replacement);
        old.retire();
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.warn("A listener of the configuration version {} failed: {}", version, e.toString());
            }
        }
        Thread.ofVirtual().name("weft-reload-drain").start(() -> drain(old, release));
        return replacement;
    }

    /** Waits for the old version's requests, then releases it. */
    void drain(Snapshot<T> old, Consumer<T> release) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        try {
            while (old.inFlight() > 0) {
                if (System.nanoTime() > deadline) {
                    log.warn("{} requests still run on the configuration version {} after {}; releasing it anyway",
                            old.inFlight(), old.version(), drainTimeout);
                    break;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            release.accept(old.value());
        } catch (RuntimeException e) {
            log.warn("Releasing the configuration version {} failed: {}", old.version(), e.toString());
        }
    }
}
