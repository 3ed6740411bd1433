package io.kcg.genesys.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies everything written to System.out and System.err while it is open, still passing it on. slf4j-simple (the
 * tests' logging binding) looks System.err up for every line, so this sees the log of every thread: the broker, the
 * worker, the connector and its tasks.
 */
public final class LogTap implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogTap() {
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    }

    public static LogTap start() {
        return new LogTap();
    }

    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private final class Tee extends OutputStream {
        private final OutputStream passOn;

        Tee(OutputStream passOn) {
            this.passOn = passOn;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (captured) {
                captured.write(b);
            }
            passOn.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (captured) {
                captured.write(b, off, len);
            }
            passOn.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            passOn.flush();
        }
    }
}
