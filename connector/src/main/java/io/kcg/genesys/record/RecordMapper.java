package io.kcg.genesys.record;

import io.kcg.genesys.parse.AggregateResponseParser;
import io.kcg.genesys.parse.AggregateRow;
import org.apache.kafka.connect.data.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Shapes the rows of one response into record keys and values, in a deterministic order. */
public interface RecordMapper {
    /** The value field that counts emissions of a key: 0 first, +1 per restated emission. */
    String REVISION_FIELD = "revision";

    Schema keySchema();

    Schema valueSchema();

    /** The records for {@code rows}, all at revision 0. */
    List<MappedRecord> map(List<AggregateRow> rows);

    /**
     * The records of a whole response body as it streams in, all at revision 0; nothing unless the whole body
     * parsed. The same records as {@link #map} of the body's rows.
     *
     * @throws io.kcg.genesys.parse.MalformedResponseException when the body is not a well-formed aggregates response
     */
    default List<MappedRecord> read(InputStream body) throws IOException {
        List<AggregateRow> rows = new ArrayList<>();
        new AggregateResponseParser().parse(body, rows::add);
        return map(rows);
    }
}
