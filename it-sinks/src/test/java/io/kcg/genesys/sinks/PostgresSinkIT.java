package io.kcg.genesys.sinks;

/** {@link PostgresSinkScenario} on a worker without exactly-once: at-least-once delivery, absorbed by the upserts. */
class PostgresSinkIT extends PostgresSinkScenario {
    @Override
    boolean exactlyOnce() {
        return false;
    }
}
