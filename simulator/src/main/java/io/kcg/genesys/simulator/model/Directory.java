package io.kcg.genesys.simulator.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The organisation's configuration: queues, their agents and the wrap-up codes, all derived from the seed. */
public final class Directory {

    public record Queue(int index, String id, String name) {
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

    private static final String[] QUEUE_NAMES = {
        "Support", "Sales", "Billing", "Technical Support", "Retention", "Claims",
        "Onboarding", "Orders", "Returns", "Collections", "Renewals", "Partners"};
    private static final String[] FIRST_NAMES = {
        "Ava", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hugo", "Isla", "Jonas", "Kira", "Liam",
        "Maya", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yara"};
    private static final String[] LAST_NAMES = {
        "Adams", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski",
        "Larsen", "Moreau", "Nguyen", "Okafor", "Patel", "Quist", "Rossi", "Silva", "Tanaka", "Urban", "Weber"};
    private static final String[] WRAP_UP_NAMES = {
        "Resolved", "Information provided", "Follow-up required", "Escalated", "Sale completed"};
    private static final double[] WRAP_UP_WEIGHTS = {0.45, 0.20, 0.15, 0.10, 0.10};

    private final int agentsPerQueue;
    private final List<Queue> queues;
    private final List<Agent> agents;
    private final List<WrapUpCode> wrapUpCodes;

    private Directory(int agentsPerQueue, List<Queue> queues, List<Agent> agents, List<WrapUpCode> wrapUpCodes) {
        this.agentsPerQueue = agentsPerQueue;
        this.queues = List.copyOf(queues);
        this.agents = List.copyOf(agents);
        this.wrapUpCodes = List.copyOf(wrapUpCodes);
    }

    public static Directory generate(long seed, int queueCount, int agentsPerQueue) {
        if (queueCount < 1 || agentsPerQueue < 1) {
            throw new IllegalArgumentException("at least one queue and one agent per queue are needed");
        }
        List<Queue> queues = new ArrayList<>();
        for (int q = 0; q < queueCount; q++) {
            String base = QUEUE_NAMES[q % QUEUE_NAMES.length];
            String name = q < QUEUE_NAMES.length ? base : base + " " + (q / QUEUE_NAMES.length + 1);
            queues.add(new Queue(q, SplitMix.uuid(SplitMix.hash(seed, QUEUE_ID, q)), name));
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
        return new Directory(agentsPerQueue, queues, agents, codes);
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
