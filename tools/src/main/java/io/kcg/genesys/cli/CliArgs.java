package io.kcg.genesys.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Options of the form {@code --name value} plus positional arguments; anything else is a usage error. */
final class CliArgs {
    private final Map<String, String> options;
    private final List<String> positional;

    private CliArgs(Map<String, String> options, List<String> positional) {
        this.options = options;
        this.positional = positional;
    }

    static CliArgs parse(String[] args, String... allowed) {
        // Help wins over whatever else is on the line, as in most tools: "preview --config x --help" shows help.
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
        }
        Set<String> known = Set.of(allowed);
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                if (!known.contains(arg)) {
                    throw new UsageException("unknown option " + arg);
                }
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + arg + " needs a value");
                }
                options.put(arg, args[++i]);
            } else {
                positional.add(arg);
            }
        }
        return new CliArgs(options, positional);
    }

    String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("missing " + name);
        }
        return value;
    }

    List<String> positional() {
        return positional;
    }

    /** {@code --help} or {@code -h} among a command's arguments: its usage is printed and the tool exits 0. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
