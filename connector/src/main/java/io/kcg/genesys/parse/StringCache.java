package io.kcg.genesys.parse;

/**
 * A small direct-mapped cache of short strings, keyed by their characters, so that the metric names, qualifiers,
 * dimension values and intervals that repeat through a response become one String instance each instead of one per
 * occurrence. A collision simply replaces the slot: no resizing, no eviction bookkeeping. Not thread-safe: one per
 * parse.
 */
final class StringCache {
    private static final int SLOTS = 1024; // power of two
    private static final int MAX_CACHED_LENGTH = 64;

    private final String[] slots = new String[SLOTS];

    String get(char[] buf, int off, int len) {
        if (len > MAX_CACHED_LENGTH) {
            return new String(buf, off, len);
        }
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + buf[i];
        }
        int idx = (h ^ (h >>> 15)) & (SLOTS - 1);
        String s = slots[idx];
        if (s != null && s.length() == len && sameChars(s, buf, off, len)) {
            return s;
        }
        s = new String(buf, off, len);
        slots[idx] = s;
        return s;
    }

    private static boolean sameChars(String s, char[] buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != buf[off + i]) {
                return false;
            }
        }
        return true;
    }
}
