package io.kcg.genesys.sinks;

/**
 * {@link PostgresSinkScenario} at the size of a mid-size contact center, 60 queues of 20 agents (1,200 agents),
 * on the production path: exactly-once, the wide format, the queue report of config/queue-report-30m.json (all
 * its metrics), the restatement's changed and vanished groups checked on the queues' table. The agent report and
 * the long format run at this size too with -Dsinks.queues=60 -Dsinks.agents.per.queue=20 on the other two
 * scenarios (their topics then hold some twenty times this one's records: kept out of the default build).
 */
class PostgresSinkMidSizeIT extends PostgresSinkScenario {
    @Override
    boolean exactlyOnce() {
        return true;
    }

    @Override
    boolean longFormat() {
        return false;
    }

    @Override
    boolean agentReport() {
        return false;
    }

    @Override
    int queues() {
        return 60;
    }

    @Override
    int agentsPerQueue() {
        return 20;
    }

    /** The queue report alone at 60 queues carries about as many records as the small scenarios' four tables. */
    @Override
    long sizeFactor() {
        return 2;
    }
}
