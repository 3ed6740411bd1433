package io.kcg.genesys.bench;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.source.SourceOffsets;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The task of {@link PrebuiltRecordsConnector}: each poll hands out the next prebuilt window as the Genesys
 * connector's task would, with the same keys, values, schemas and headers, and offsets made in the poll (every
 * record but the last carries the offset before the window, the last its end). Only the SourceRecords are made there.
 */
public final class PrebuiltRecordsTask extends SourceTask {
    private static final String QUERY = "large"; // the benchmark query's name, in partition and header alike

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, String> partition = SourceOffsets.partition(QUERY);
    private Iterator<PrebuiltRecordsConnector.Window> windows;
    private String topic;

    @Override
    public void start(Map<String, String> props) {
        topic = props.get(PrebuiltRecordsConnector.TOPIC);
        windows = PrebuiltRecordsConnector.windows().iterator();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (!windows.hasNext()) {
            stopped.await(1, TimeUnit.SECONDS); // all handed out: idle as the Genesys task does when caught up
            return null;
        }
        PrebuiltRecordsConnector.Window window = windows.next();
        ConnectHeaders headers = new ConnectHeaders(); // the Genesys connector's two headers
        headers.addString("genesys.query", QUERY);
        headers.addString("genesys.window", QueryDefinition.intervalText(window.start(), window.end()));
        Map<String, Object> before = SourceOffsets.offset(window.start()); // the windows follow each other
        Map<String, Object> after = SourceOffsets.offset(window.end());
        List<SourceRecord> records = new ArrayList<>(window.records().size());
        for (int i = 0; i < window.records().size(); i++) {
            MappedRecord record = window.records().get(i);
            Map<String, Object> offset = i == window.records().size() - 1 ? after : before;
            records.add(new SourceRecord(partition, offset, topic, null, window.keySchema(), record.key(),
                    window.valueSchema(), record.value(), null, headers));
        }
        return records;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }

    @Override
    public String version() {
        return "bench";
    }
}
