package io.kcg.genesys.simulator.model;

import java.util.UUID;

/**
 * SplitMix64, written out here rather than borrowed from the JDK: its output is fixed by this code, so a seed
 * yields the same contact center on every JDK version. Also the hash that keys every independent slice of data.
 */
public final class SplitMix {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix(long seed) {
        this.state = seed;
    }

    /** Mixes the parts in order, so hash(1, 2) and hash(2, 1) differ. */
    public static long hash(long... parts) {
        long h = GOLDEN;
        for (long part : parts) {
            h = mix(h ^ mix(part + GOLDEN));
        }
        return h;
    }

    /** A uniform double in [0, 1) from a hash. */
    public static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** A random (version 4 shaped) UUID from a hash, so identifiers look like Genesys ones. */
    public static String uuid(long hash) {
        long msb = (mix(hash) & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long lsb = (mix(hash + GOLDEN) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    public double nextDouble() {
        return unit(nextLong());
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) ((nextLong() >>> 1) % bound);
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Exponentially distributed with the given mean. */
    public double exponential(double mean) {
        return -mean * Math.log(1.0 - nextDouble());
    }

    /** Poisson distributed with a small mean (Knuth's method; our means are a few units at most). */
    public int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= nextDouble();
        }
        return count;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
