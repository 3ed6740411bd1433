package io.kcg.genesys.restate;

/** A bucket memory text that this connector did not write, or that was damaged since: its bucket is given up. */
public class DamagedMemoryException extends IllegalArgumentException {
    public DamagedMemoryException(String message) {
        super(message);
    }
}
