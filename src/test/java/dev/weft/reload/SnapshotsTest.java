package dev.weft.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotsTest {

    /** A version whose resources are either open or released. */
    static final class Version {
        final int number;
        volatile boolean released;

        Version(int number) {
            this.number = number;
        }
    }

    @Test
    void aRequestKeepsItsVersionAndTheOldOneIsReleasedOnlyAfterItsLastRequest() throws Exception {
        Snapshots<Version> snapshots = new Snapshots<>(new Version(1), "v1", Duration.ofMinutes(1));
        Snapshot<Version> inFlight = snapshots.enter();
        CountDownLatch released = new CountDownLatch(1);
        snapshots.swap(new Version(2), "v2", old -> {
            old.released = true;
            released.countDown();
        });

        assertThat(inFlight.value().number).isEqualTo(1);
        try (Snapshot<Version> next = snapshots.enter()) {
            assertThat(next.value().number).isEqualTo(2);
            assertThat(next.version()).isEqualTo("v2");
        }
        assertThat(released.await(300, TimeUnit.MILLISECONDS)).as("released while a request still runs on it").isFalse();
        assertThat(inFlight.value().released).isFalse();
        inFlight.close();
        assertThat(released.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(snapshots.current().number).isEqualTo(2);
    }

    @Test
    void underConcurrentRequestsAndSwapsNoRequestEverSeesAReleasedVersion() throws Exception {
        Snapshots<Version> snapshots = new Snapshots<>(new Version(0), "v0", Duration.ofMinutes(1));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger releasedCount = new AtomicInteger();
        try (var threads = Executors.newFixedThreadPool(6)) {
            for (int t = 0; t < 4; t++) {
                threads.submit(() -> {
                    while (running.get()) {
                        try (Snapshot<Version> snapshot = snapshots.enter()) {
                            if (snapshot.value().released) {
                                violations.add("entered released version " + snapshot.value().number);
                            }
                            Thread.onSpinWait();
                            if (snapshot.value().released) {
                                violations.add("version " + snapshot.value().number + " released mid-request");
                            }
                        }
                        requests.incrementAndGet();
                    }
                });
            }
            for (int v = 1; v <= 200; v++) {
                snapshots.swap(new Version(v), "v" + v, old -> {
                    old.released = true;
                    releasedCount.incrementAndGet();
                });
                Thread.sleep(2);
            }
            running.set(false);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (releasedCount.get() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(violations).isEmpty();
        assertThat(releasedCount.get()).as("every replaced version released").isEqualTo(200);
        assertThat(requests.get()).isGreaterThan(1000);
    }

    @Test
    void listenersSeeEachVersionSwappedIn() {
        Snapshots<Version> snapshots = new Snapshots<>(new Version(1), "v1", Duration.ofSeconds(1));
        ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
        snapshots.onSwap(v -> seen.add(v.number));
        snapshots.swap(new Version(2), "v2", old -> { });
        snapshots.swap(new Version(3), "v3", old -> { });
        assertThat(seen).containsExactly(2, 3);
        assertThat(snapshots.latest().version()).isEqualTo("v3");
    }
}
