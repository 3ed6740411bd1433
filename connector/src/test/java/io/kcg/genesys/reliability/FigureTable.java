package io.kcg.genesys.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures a reliability test measured, as a two-column table. Surefire sends test output to files, so besides
 * printing the table it is written to {@code target/reliability/<name>.txt}, which {@code .ci/run} prints after the
 * build: the figures show in the CI log.
 */
public final class FigureTable {
    static final Path DIRECTORY = Path.of("target", "reliability");

    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    public FigureTable(String title) {
        this.title = title;
    }

    public FigureTable add(String figure, Object value) {
        rows.add(new String[] {figure, String.valueOf(value)});
        return this;
    }

    String render() {
        int width = "figure".length();
        for (String[] row : rows) {
            width = Math.max(width, row[0].length());
        }
        StringBuilder s = new StringBuilder("== ").append(title).append(" ==\n");
        s.append(String.format("| %-" + width + "s | %s%n", "figure", "value"));
        s.append("|").append("-".repeat(width + 2)).append("|-------\n");
        for (String[] row : rows) {
            s.append(String.format("| %-" + width + "s | %s%n", row[0], row[1]));
        }
        return s.toString();
    }

    /** Prints the table and writes it to {@code target/reliability/<fileName>.txt}. */
    public void publish(String fileName) {
        String text = render();
        System.out.println(text);
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(fileName + ".txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
