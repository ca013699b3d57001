package dev.weft.web;

import dev.weft.reload.Snapshot;
import dev.weft.reload.Snapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What holding a version per request ({@link Snapshots#enter()} and {@link Snapshot#close()}) costs on the request
 * path: the demo's runtime runs the same cached query directly and through a snapshot, alternating, on 4 threads,
 * and prints the median time per request of each; then the bare cost of enter and close against one volatile read.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.weft.web.SnapshotOverheadBench</pre>
 */
public final class SnapshotOverheadBench {
    private static final String QUERY = "{ hr_employees(limit: 1, order_by: [{emp_no: asc}]) { emp_no first_name } }";
    private static final int THREADS = 4;
    private static final int REQUESTS = Integer.getInteger("requests", 20_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 5);

    private SnapshotOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        try (WeftRuntime runtime = DemoRuntime.start(); ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            Snapshots<WeftRuntime> snapshots = new Snapshots<>(runtime, "bench", Duration.ofMinutes(1));
            Runnable direct = () -> check(runtime.execute(QUERY, Map.of()).getErrors());
            Runnable held = () -> {
                try (Snapshot<WeftRuntime> snapshot = snapshots.enter()) {
                    check(snapshot.value().execute(QUERY, Map.of()).getErrors());
                }
            };
            run(pool, direct, REQUESTS);
            run(pool, held, REQUESTS);
            List<Double> directMicros = new ArrayList<>();
            List<Double> heldMicros = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                directMicros.add(run(pool, direct, REQUESTS));
                heldMicros.add(run(pool, held, REQUESTS));
            }
            System.out.printf("per request (%d threads, %d requests, median of %d rounds): direct %.1f us, through a snapshot %.1f us%n",
                    THREADS, REQUESTS, ROUNDS, median(directMicros), median(heldMicros));
            System.out.printf("rounds direct %s%nrounds held   %s%n", directMicros, heldMicros);
        }
        Snapshots<String> bare = new Snapshots<>("v", "v", Duration.ofMinutes(1));
        AtomicReference<String> plain = new AtomicReference<>("v");
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 50_000_000; i++) {
                sink += plain.get().length();
            }
            double volatileRead = (System.nanoTime() - start) / 50_000_000.0;
            start = System.nanoTime();
            for (int i = 0; i < 50_000_000; i++) {
                try (Snapshot<String> snapshot = bare.enter()) {
                    sink += snapshot.value().length();
                }
            }
            double enterClose = (System.nanoTime() - start) / 50_000_000.0;
            System.out.printf("one thread: a volatile read %.1f ns, enter + close %.1f ns%n", volatileRead, enterClose);
        }
        System.out.println(sink > 0 ? "" : "?");
    }

    private static void check(List<?> errors) {
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.toString());
        }
    }

    /** Microseconds per request of {@code requests} requests on {@link #THREADS} threads. */
    private static double run(ExecutorService pool, Runnable request, int requests) throws Exception {
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < requests / THREADS; i++) {
                    request.run();
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        return (System.nanoTime() - start) / 1_000.0 / requests * THREADS;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
