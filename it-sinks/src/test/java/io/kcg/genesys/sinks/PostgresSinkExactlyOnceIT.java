package io.kcg.genesys.sinks;

/**
 * {@link PostgresSinkScenario} with exactly-once: the worker with exactly.once.source.support=enabled, the sources
 * at exactly.once.support=required with a transaction per window, the sink reading read_committed.
 */
class PostgresSinkExactlyOnceIT extends PostgresSinkScenario {
    @Override
    boolean exactlyOnce() {
        return true;
    }
}
