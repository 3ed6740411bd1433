package io.kcg.genesys.demo;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./demo.sh}: see {@link DemoOptions#USAGE}. Failures the user can act on end with one message and a non-zero
 * exit code, never a stack trace; Ctrl-C stops the worker, the broker and the simulator in order.
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("demo.repo.root", ".")).toAbsolutePath().normalize();
        int code = run(root, args, System.getenv(), System.out, System.err, System.console() != null);
        if (code != 130) {
            System.exit(code); // 130: Ctrl-C, the JVM is already shutting down
        }
    }

    /** Runs the demo in this JVM and returns its exit code (the tests call this). */
    static int run(Path root, String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                   boolean terminal) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, env, root);
            Demo.cleanWorkDir(options.workDir());
        } catch (DemoException e) {
            if (e.exitCode() == 0) {
                out.println(e.getMessage()); // --help
            } else {
                err.println("demo: " + e.getMessage());
            }
            return e.exitCode();
        } catch (IOException e) {
            err.println("demo: cannot prepare the work directory: " + e.getMessage());
            return DemoException.ENVIRONMENT;
        }
        // Kafka, Connect and the simulator log through slf4j: all of it goes to a file, the console stays readable.
        System.setProperty("org.slf4j.simpleLogger.logFile", options.workDir().resolve("demo.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");

        Demo demo = new Demo(options, out, terminal);
        Thread hook = new Thread(demo::interrupt, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int code = demo.run();
            if (code != 130) {
                removeHook(hook);
            }
            return code;
        } catch (DemoException e) {
            err.println("demo: " + e.getMessage());
            stopAfterFailure(demo, hook);
            return e.exitCode();
        } catch (Exception e) {
            err.println("demo: unexpected failure: " + e + " (details in " + options.workDir().resolve("demo.log")
                    + ")");
            LoggerFactory.getLogger(DemoMain.class).error("Demo failed", e);
            stopAfterFailure(demo, hook);
            return DemoException.RUN;
        }
    }

    private static void stopAfterFailure(Demo demo, Thread hook) {
        demo.stopAll();
        removeHook(hook);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C came meanwhile: the JVM is shutting down and the hook finishes the job.
        }
    }
}
