package io.kcg.genesys.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which fetches of a query have all their records written to Kafka, in the order they were emitted. A query's
 * records go to several source partitions (one per bucket of the restatement horizon), and Connect commits each
 * partition's offset as soon as that partition's records are written, whatever the others do: so the query's
 * watermark is only handed to Connect once every record of the windows it covers was acknowledged
 * ({@code SourceTask.commitRecord}), else a failure could leave it past a record that was never written.
 *
 * <p>Records are known by their {@code genesys.window} header. Two fetches of the same interval (a forward window and
 * a pass over it) share one count, which only makes the later one wait for the earlier one, as it would anyway.
 * {@link #acknowledged} is called on the producer's threads, the rest on the task's.
 *
 * @param <T> what a fetch releases once it and every fetch before it are written
 */
final class Acknowledgements<T> {
    private final Map<String, Integer> outstanding = new HashMap<>();
    private final ArrayDeque<Sent<T>> sent = new ArrayDeque<>();

    private record Sent<T>(String window, T release) {
    }

    /** A fetch of {@code window} handed {@code records} records to Connect; {@code release} waits for them. */
    synchronized void sent(String window, int records, T release) {
        if (records > 0) {
            outstanding.merge(window, records, Integer::sum);
        }
        sent.addLast(new Sent<>(window, release));
    }

    /** One record of {@code window} was written (or dropped by a transformation or error tolerance). */
    synchronized void acknowledged(String window) {
        outstanding.computeIfPresent(window, (w, count) -> count > 1 ? count - 1 : null);
    }

    /** The releases of the fetches, oldest first, whose records and those of every fetch before them were written. */
    synchronized List<T> releasable() {
        List<T> ready = new ArrayList<>();
        while (!sent.isEmpty() && !outstanding.containsKey(sent.peekFirst().window())) {
            ready.add(sent.removeFirst().release());
        }
        return ready;
    }

    /** Whether a fetch still waits for its records to be written. */
    synchronized boolean waiting() {
        return !outstanding.isEmpty();
    }

    /** Whether {@link #releasable} would return a release that {@code test} accepts, without taking any. */
    synchronized boolean anyReleasable(Predicate<T> test) {
        for (Sent<T> next : sent) {
            if (outstanding.containsKey(next.window())) {
                return false;
            }
            if (test.test(next.release())) {
                return true;
            }
        }
        return false;
    }
}
