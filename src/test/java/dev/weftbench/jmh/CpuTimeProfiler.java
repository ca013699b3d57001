package dev.weftbench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports CPU time per operation, in microseconds, the figure that holds on a machine other
 * work keeps busy (the time per operation does not): {@code cpu.time.norm}, the benchmark JVM's (every thread:
 * the garbage collector's and the JIT compiler's included), and {@code cpu.worker.norm}, the benchmark threads'
 * own (JMH's {@code jmh-worker} threads), which a JIT still compiling in the background does not blur.
 * {@code -prof dev.weftbench.jmh.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long processStart;
    private Map<Long, Long> workersStart;

    @Override
    public String getDescription() {
        return "CPU time per operation: the JVM's and the benchmark threads'";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workersStart = workers();
        processStart = OS.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long process = OS.getProcessCpuTime() - processStart;
        long workers = 0;
        for (Map.Entry<Long, Long> e : workers().entrySet()) {
            workers += e.getValue() - workersStart.getOrDefault(e.getKey(), 0L);
        }
        double ops = result.getMetadata().getMeasuredOps();
        return List.of(
                new ScalarResult("cpu.time.norm", ops == 0 ? Double.NaN : process / 1000.0 / ops, "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.worker.norm", ops == 0 ? Double.NaN : workers / 1000.0 / ops, "us/op", AggregationPolicy.AVG));
    }

    /** CPU nanoseconds so far of each live JMH worker thread, by thread id. */
    private static Map<Long, Long> workers() {
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("jmh-worker")) {
                long time = THREADS.getThreadCpuTime(t.threadId());
                if (time >= 0) {
                    cpu.put(t.threadId(), time);
                }
            }
        }
        return cpu;
    }
}
