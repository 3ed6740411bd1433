package io.kcg.genesys.record;

import org.apache.kafka.connect.data.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Turns a response body into record keys and values, in a deterministic order: the one path from bytes to records,
 * used by the task, the command-line tools and both output formats. The parser streams the body's rows to the
 * mapper, which builds the Structs; implementations keep no state between calls, so one instance may serve several
 * threads.
 */
public interface RecordMapper {
    /** The value field that counts emissions of a key: 0 first, +1 per restated emission. */
    String REVISION_FIELD = Fields.REVISION;

    Schema keySchema();

    Schema valueSchema();

    /**
     * The records of a whole response body as it streams in, all at revision 0; nothing unless the whole body
     * parsed.
     *
     * @throws io.kcg.genesys.parse.MalformedResponseException when the body is not a well-formed aggregates response
     * @throws IOException                                     when reading the body fails
     */
    List<MappedRecord> read(InputStream body) throws IOException;
}
