package io.kcg.genesys.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Tests' shorthand: every row of a body in memory, through the parser's one entry point. */
public final class Rows {
    private static final AggregateResponseParser PARSER = new AggregateResponseParser();

    private Rows() {
    }

    public static List<AggregateRow> of(byte[] body) {
        List<AggregateRow> rows = new ArrayList<>();
        try {
            PARSER.parse(new ByteArrayInputStream(body), rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does not fail
        }
        return rows;
    }

    public static List<AggregateRow> of(String body) {
        return of(body.getBytes(StandardCharsets.UTF_8));
    }
}
