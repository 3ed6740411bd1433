package io.kcg.genesys.source;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Divides one OAuth client's requests per minute among a connector's tasks, in proportion to the queries each task
 * runs. Genesys counts the quota per OAuth client whichever worker a request comes from, and a limiter lives in one
 * worker's JVM: only shares that add up to the limit keep a cluster of workers within it. Every task gets at least
 * one request per minute, so the connector never runs more tasks than its limit.
 */
final class RateShares {
    private RateShares() {
    }

    /**
     * The shares of {@code limit} for tasks carrying {@code queriesPerTask} queries each: whole numbers that add up to
     * {@code limit}, each proportional to its task's queries (largest remainders get the rounding), none below 1.
     */
    static int[] divide(int limit, int[] queriesPerTask) {
        int tasks = queriesPerTask.length;
        if (tasks == 0) {
            return new int[0];
        }
        if (limit < tasks) {
            throw new IllegalArgumentException("a limit of " + limit + " per minute cannot be shared by " + tasks
                    + " tasks");
        }
        long totalQueries = Arrays.stream(queriesPerTask).asLongStream().sum();
        int[] shares = new int[tasks];
        double[] remainders = new double[tasks];
        int given = 0;
        for (int i = 0; i < tasks; i++) {
            double exact = (double) limit * queriesPerTask[i] / totalQueries;
            shares[i] = Math.max(1, (int) Math.floor(exact));
            remainders[i] = exact - Math.floor(exact);
            given += shares[i];
        }
        Integer[] byRemainder = IntStream.range(0, tasks).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -remainders[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
        for (int k = 0; given < limit; k = (k + 1) % tasks) {
            shares[byRemainder[k]]++;
            given++;
        }
        while (given > limit) {
            // a task raised to the minimum of 1 took a request from the others: the largest shares give it back
            int largest = IntStream.range(0, tasks).reduce((a, b) -> shares[b] > shares[a] ? b : a).getAsInt();
            shares[largest]--;
            given--;
        }
        return shares;
    }
}
