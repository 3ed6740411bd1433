package io.kcg.genesys.simulator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agents' presence and routing status, slot by slot, for the users aggregates endpoint. A deliberately small model,
 * independent of the conversations: each agent works an 8-hour daily shift (shifts of a queue spread over the
 * day); on shift they are mostly ON_QUEUE with short breaks, and INTERACTING more often when the day is busier.
 */
public final class AgentStatusModel {

    /** System presences, named as the tSystemPresence qualifiers. */
    public enum SystemPresence { ON_QUEUE, AWAY, BREAK, MEAL, OFFLINE }

    /** Routing statuses, named as the tAgentRoutingStatus qualifiers. */
    public enum RoutingStatus { OFF_QUEUE, IDLE, INTERACTING, NOT_RESPONDING }

    public record Status(SystemPresence presence, RoutingStatus routing) {
    }

    private static final long SHIFT_DOMAIN = 41;
    private static final long STATUS_DOMAIN = 42;
    private static final long PRESENCE_ID_DOMAIN = 43;
    private static final int MINUTES_PER_DAY = 1440;
    private static final int SHIFT_MINUTES = 480;
    private static final long SLOT_MS = ModelConstants.SLOT.toMillis();

    private final long seed;
    private final Directory directory;
    private final int[] shiftStartMinute;

    public AgentStatusModel(long seed, Directory directory) {
        this.seed = seed;
        this.directory = directory;
        this.shiftStartMinute = new int[directory.agents().size()];
        for (Directory.Agent agent : directory.agents()) {
            int spread = agent.indexInQueue() * MINUTES_PER_DAY / directory.agentsPerQueue();
            int jitter = (int) (SplitMix.unit(SplitMix.hash(seed, SHIFT_DOMAIN, agent.index())) * 60);
            shiftStartMinute[agent.index()] = (spread + jitter) % MINUTES_PER_DAY;
        }
    }

    /** The agent's status during the slot (slot = epoch ms / SLOT). */
    public Status statusAt(Directory.Agent agent, long slot) {
        long slotStart = slot * SLOT_MS;
        int minuteOfDay = (int) Math.floorMod(slotStart / 60_000L, (long) MINUTES_PER_DAY);
        boolean onShift = Math.floorMod(minuteOfDay - shiftStartMinute[agent.index()], MINUTES_PER_DAY) < SHIFT_MINUTES;
        if (!onShift) {
            return new Status(SystemPresence.OFFLINE, RoutingStatus.OFF_QUEUE);
        }
        double presence = SplitMix.unit(SplitMix.hash(seed, STATUS_DOMAIN, agent.index(), slot, 0));
        if (presence < 0.05) {
            return new Status(SystemPresence.BREAK, RoutingStatus.OFF_QUEUE);
        }
        if (presence < 0.08) {
            return new Status(SystemPresence.MEAL, RoutingStatus.OFF_QUEUE);
        }
        if (presence < 0.11) {
            return new Status(SystemPresence.AWAY, RoutingStatus.OFF_QUEUE);
        }
        double routing = SplitMix.unit(SplitMix.hash(seed, STATUS_DOMAIN, agent.index(), slot, 1));
        if (routing < 0.02) {
            return new Status(SystemPresence.ON_QUEUE, RoutingStatus.NOT_RESPONDING);
        }
        double interacting = 0.3 + 0.55 * ArrivalCurve.busyness(slotStart);
        return new Status(SystemPresence.ON_QUEUE,
            routing < 0.02 + interacting ? RoutingStatus.INTERACTING : RoutingStatus.IDLE);
    }

    public List<Directory.Agent> agents() {
        return directory.agents();
    }

    /**
     * The organisation presence ids behind each system presence, as the users aggregates response's
     * {@code systemToOrganizationMappings} lists them.
     */
    public Map<String, List<String>> systemToOrganizationMappings() {
        Map<String, List<String>> mappings = new LinkedHashMap<>();
        for (SystemPresence presence : SystemPresence.values()) {
            mappings.put(presence.name(), List.of(SplitMix.uuid(SplitMix.hash(seed, PRESENCE_ID_DOMAIN,
                presence.ordinal()))));
        }
        return mappings;
    }
}
