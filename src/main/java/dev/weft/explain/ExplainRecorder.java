package dev.weft.explain;

import dev.weft.execute.activity.ActivityListener;
import dev.weft.execute.activity.PlanChoice;
import dev.weft.execute.activity.StatementRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the statements and plan choices of one request, in the order they finished, with when each started
 * (from the request's start). Thread-safe: the request's root fields and batches report concurrently.
 */
final class ExplainRecorder implements ActivityListener {
    /** A statement as it ran: its number in finishing order and its start, in nanoseconds from the request's start. */
    record Step(int number, long startNanos, StatementRun run) {
    }

    private final long start = System.nanoTime();
    private final List<Step> steps = new ArrayList<>();
    private final List<PlanChoice> choices = new ArrayList<>();

    @Override
    public synchronized void statement(StatementRun run) {
        steps.add(new Step(steps.size() + 1, Math.max(0, System.nanoTime() - run.nanos() - start), run));
    }

    @Override
    public synchronized void choice(PlanChoice choice) {
        choices.add(choice);
    }

    @Override
    public boolean wantsText() {
        return true;
    }

    synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    synchronized List<PlanChoice> choices() {
        return List.copyOf(choices);
    }

    long elapsedNanos() {
        return System.nanoTime() - start;
    }
}
