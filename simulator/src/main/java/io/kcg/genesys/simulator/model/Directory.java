package io.kcg.genesys.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The organisation's configuration: divisions, queues, their agents and the wrap-up codes, all derived from the seed.
 * These are what the aggregates use. What the directory listings show at a given time, with the supervisors and
 * (when changes are on) renames and removals over simulated time, is {@link #at(Instant)}.
 */
public final class Directory {

    public record Queue(int index, String id, String name, int divisionIndex) {
    }

    /** Division 0 is the org's home division. */
    public record Division(int index, String id, String name) {
    }

    /** An agent belongs to exactly one queue; agents of queue q have indices q*agentsPerQueue onwards. */
    public record Agent(int index, int queueIndex, int indexInQueue, String id, String name, String email) {
    }

    public record WrapUpCode(int index, String id, String name, double weight) {
    }

    private static final long QUEUE_ID = 11;
    private static final long AGENT_ID = 12;
    private static final long AGENT_NAME = 13;
    private static final long WRAP_UP_ID = 14;
    private static final long DIVISION_ID = 15;

    private static final String[] QUEUE_NAMES = {
        "Support", "Sales", "Billing", "Technical Support", "Retention", "Claims",
        "Onboarding", "Orders", "Returns", "Collections", "Renewals", "Partners"};
    static final String[] FIRST_NAMES = {
        "Ava", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hugo", "Isla", "Jonas", "Kira", "Liam",
        "Maya", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yara"};
    static final String[] LAST_NAMES = {
        "Adams", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski",
        "Larsen", "Moreau", "Nguyen", "Okafor", "Patel", "Quist", "Rossi", "Silva", "Tanaka", "Urban", "Weber"};
    private static final String[] WRAP_UP_NAMES = {
        "Resolved", "Information provided", "Follow-up required", "Escalated", "Sale completed"};
    private static final double[] WRAP_UP_WEIGHTS = {0.45, 0.20, 0.15, 0.10, 0.10};
    private static final String[] DIVISION_NAMES = {"Home", "Customer Service", "Commerce"};

    private final int agentsPerQueue;
    private final List<Division> divisions;
    private final List<Queue> queues;
    private final List<Agent> agents;
    private final List<WrapUpCode> wrapUpCodes;
    private final DirectoryTimeline timeline;

    private Directory(long seed, boolean changes, int agentsPerQueue, List<Division> divisions, List<Queue> queues,
                      List<Agent> agents, List<WrapUpCode> wrapUpCodes) {
        this.agentsPerQueue = agentsPerQueue;
        this.divisions = List.copyOf(divisions);
        this.queues = List.copyOf(queues);
        this.agents = List.copyOf(agents);
        this.wrapUpCodes = List.copyOf(wrapUpCodes);
        this.timeline = new DirectoryTimeline(seed, this, changes);
    }

    /** A directory that never changes: the listings show the same entities at any time. */
    public static Directory generate(long seed, int queueCount, int agentsPerQueue) {
        return generate(seed, queueCount, agentsPerQueue, false);
    }

    /**
     * @param changes true: the listings rename entities and add and remove idle ones over simulated time (see
     *                {@link DirectoryTimeline}); the ids the aggregates use never change
     */
    public static Directory generate(long seed, int queueCount, int agentsPerQueue, boolean changes) {
        if (queueCount < 1 || agentsPerQueue < 1) {
            throw new IllegalArgumentException("at least one queue and one agent per queue are needed");
        }
        List<Division> divisions = new ArrayList<>();
        for (int d = 0; d < DIVISION_NAMES.length; d++) {
            divisions.add(new Division(d, SplitMix.uuid(SplitMix.hash(seed, DIVISION_ID, d)), DIVISION_NAMES[d]));
        }
        List<Queue> queues = new ArrayList<>();
        for (int q = 0; q < queueCount; q++) {
            String base = QUEUE_NAMES[q % QUEUE_NAMES.length];
            String name = q < QUEUE_NAMES.length ? base : base + " " + (q / QUEUE_NAMES.length + 1);
            queues.add(new Queue(q, SplitMix.uuid(SplitMix.hash(seed, QUEUE_ID, q)), name, 1 + q % 2));
        }
        List<Agent> agents = new ArrayList<>();
        Set<String> takenNames = new HashSet<>();
        for (int q = 0; q < queueCount; q++) {
            for (int i = 0; i < agentsPerQueue; i++) {
                int index = q * agentsPerQueue + i;
                String name = uniqueName(seed, index, takenNames);
                String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com";
                agents.add(new Agent(index, q, i, SplitMix.uuid(SplitMix.hash(seed, AGENT_ID, index)), name, email));
            }
        }
        List<WrapUpCode> codes = new ArrayList<>();
        for (int w = 0; w < WRAP_UP_NAMES.length; w++) {
            codes.add(new WrapUpCode(w, SplitMix.uuid(SplitMix.hash(seed, WRAP_UP_ID, w)), WRAP_UP_NAMES[w],
                WRAP_UP_WEIGHTS[w]));
        }
        return new Directory(seed, changes, agentsPerQueue, divisions, queues, agents, codes);
    }

    /** Names are drawn from the seed; a clash draws again, and past the table's size a number disambiguates. */
    private static String uniqueName(long seed, int index, Set<String> taken) {
        for (int attempt = 0; attempt < 16; attempt++) {
            long h = SplitMix.hash(seed, AGENT_NAME, index, attempt);
            String name = FIRST_NAMES[(int) Long.remainderUnsigned(h, FIRST_NAMES.length)] + " "
                + LAST_NAMES[(int) Long.remainderUnsigned(h >>> 32, LAST_NAMES.length)];
            if (taken.add(name)) {
                return name;
            }
        }
        String name = FIRST_NAMES[index % FIRST_NAMES.length] + " " + LAST_NAMES[index % LAST_NAMES.length]
            + " " + (index + 1);
        taken.add(name);
        return name;
    }

    public List<Queue> queues() {
        return queues;
    }

    public List<Division> divisions() {
        return divisions;
    }

    /** The listings as they are at {@code instant}. */
    public DirectorySnapshot at(Instant instant) {
        return timeline.at(instant);
    }

    /** The division of a queue's conversations: the queue's division. */
    public Division division(Queue queue) {
        return divisions.get(queue.divisionIndex());
    }

    public List<Agent> agents() {
        return agents;
    }

    public List<WrapUpCode> wrapUpCodes() {
        return wrapUpCodes;
    }

    public int agentsPerQueue() {
        return agentsPerQueue;
    }

    public Agent agent(int queueIndex, int indexInQueue) {
        return agents.get(queueIndex * agentsPerQueue + indexInQueue);
    }
}
