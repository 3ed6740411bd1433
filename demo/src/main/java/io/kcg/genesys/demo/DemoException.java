package io.kcg.genesys.demo;

/** A failure the demo explains in one message (no stack trace) and exits with. */
final class DemoException extends RuntimeException {
    static final int USAGE = 2;
    static final int ENVIRONMENT = 3;
    static final int GENESYS = 4;
    static final int RUN = 5;

    private final int exitCode;

    DemoException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    DemoException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
