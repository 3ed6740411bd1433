package io.kcg.genesys.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Tests' shorthand: every row of a body in memory, through the parser's one entry point. */
public final class Rows {
    private static final AggregateResponseParser PARSER = new AggregateResponseParser();
    /** The reader the client tests pass: the body parsed into rows. */
    public static final AggregateResponseReader<List<AggregateRow>> ROWS = Rows::read;

    private Rows() {
    }

    public static List<AggregateRow> of(byte[] body) {
        try {
            return read(new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does not fail
        }
    }

    /** Every row of a body as it streams in: a reader for the client's tests. */
    public static List<AggregateRow> read(InputStream body) throws IOException {
        List<AggregateRow> rows = new ArrayList<>();
        PARSER.parse(body, rows::add);
        return rows;
    }

    public static List<AggregateRow> of(String body) {
        return of(body.getBytes(StandardCharsets.UTF_8));
    }
}
