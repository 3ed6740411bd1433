package io.kcg.genesys.client;

import io.kcg.genesys.parse.AggregateResponseParser;
import io.kcg.genesys.parse.AggregateRow;

import java.util.List;

/** The reader the client tests pass: the body parsed into rows. */
final class Rows {
    static final ResponseReader<List<AggregateRow>> ROWS = new AggregateResponseParser()::parseAll;

    private Rows() {
    }
}
