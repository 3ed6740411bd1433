package io.kcg.genesys.record;

import io.kcg.genesys.parse.AggregateRow;
import org.apache.kafka.connect.data.Schema;

import java.util.List;

/** Shapes the rows of one response into record keys and values, in a deterministic order. */
public interface RecordMapper {
    /** The value field that counts emissions of a key: 0 first, +1 per restated emission. */
    String REVISION_FIELD = "revision";

    Schema keySchema();

    Schema valueSchema();

    /** The records for {@code rows}, all at revision 0. */
    List<MappedRecord> map(List<AggregateRow> rows);
}
