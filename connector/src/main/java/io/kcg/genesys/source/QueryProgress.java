package io.kcg.genesys.source;

import java.time.Instant;

/**
 * How far one query is, for operators and metrics.
 *
 * @param watermark       the end of the last forward window emitted
 * @param handedWatermark the watermark last handed to Connect in the query's offset (it commits after it)
 * @param coveredFrom     the earliest bucket whose restated numbers are followed: the start of the horizon, or later
 *                        when the memory started later (a new query, an upgrade, a rewind); null without restatement
 * @param rememberedBuckets buckets whose memory is kept
 * @param memoryChars     characters of those memories: about the heap they take in the task, and in the worker
 * @param givenUpBuckets  buckets inside the horizon whose memory was given up
 * @param windows         windows fetched since the task started
 * @param records         records emitted since the task started, tombstones included
 * @param reEmitted       records emitted again with a higher revision since the task started
 * @param tombstones      tombstones emitted since the task started
 * @param passes          restatement passes (recent and nightly) completed since the task started
 */
public record QueryProgress(String query, Instant watermark, Instant handedWatermark, Instant coveredFrom,
                            int rememberedBuckets, long memoryChars, int givenUpBuckets, long windows, long records,
                            long reEmitted, long tombstones, long passes) {
}
