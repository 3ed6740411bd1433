package io.kcg.genesys.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the directory listings look at any instant, a pure function of (seed, instant) like the aggregates.
 *
 * <p>Always: the divisions, the queues (with their service-level targets, the ones the aggregates' oServiceLevel
 * uses), the agents, a supervisor per queue (the agents' manager; supervisors take no conversations) and the wrap-up
 * codes. With changes on, over simulated time:
 * <ul>
 *   <li>renames: each queue on about one day in {@value #QUEUE_RENAMES_PER_DAY_INVERSE}, each wrap-up code one in
 *       {@value #WRAP_UP_RENAMES_PER_DAY_INVERSE}, each division but the home one one in
 *       {@value #DIVISION_RENAMES_PER_DAY_INVERSE}, at a time of day drawn from the seed;</li>
 *   <li>agents' titles change (one day in {@value #TITLE_CHANGES_PER_DAY_INVERSE});</li>
 *   <li>supervisors serve terms of {@link #SUPERVISOR_TERM}, staggered per queue: at the end of a term the next
 *       supervisor (a new user) takes over the queue's agents, and the old one turns inactive, is deleted (state
 *       deleted) {@link #INACTIVE_FOR} later and leaves the listing {@link #DELETED_FOR} after that;</li>
 *   <li>a campaign queue and a campaign wrap-up code, new every week, exist for {@link #CAMPAIGN_LIFE} and are then
 *       deleted. They take no conversations, so the aggregates are the same with or without changes.</li>
 * </ul>
 * The ids the aggregates use (queues, agents, wrap-up codes, divisions) never change.
 */
public final class DirectoryTimeline {
    static final int QUEUE_RENAMES_PER_DAY_INVERSE = 20;
    static final int WRAP_UP_RENAMES_PER_DAY_INVERSE = 30;
    static final int DIVISION_RENAMES_PER_DAY_INVERSE = 60;
    static final int TITLE_CHANGES_PER_DAY_INVERSE = 60;
    public static final Duration SUPERVISOR_TERM = Duration.ofDays(28);
    public static final Duration INACTIVE_FOR = Duration.ofDays(7);
    public static final Duration DELETED_FOR = Duration.ofDays(14);
    public static final Duration CAMPAIGN_PERIOD = Duration.ofDays(7);
    public static final Duration CAMPAIGN_LIFE = Duration.ofDays(4);

    private static final long DAY_MS = 86_400_000L;
    /** A rename further back than this is not looked for: the name is then the last one found, or the original. */
    private static final int LOOK_BACK_DAYS = 366;
    private static final long QUEUE_RENAME = 41;
    private static final long WRAP_UP_RENAME = 42;
    private static final long DIVISION_RENAME = 43;
    private static final long TITLE_CHANGE = 44;
    private static final long SUPERVISOR_PHASE = 45;
    private static final long SUPERVISOR_ID = 46;
    private static final long SUPERVISOR_NAME = 47;
    private static final long CAMPAIGN_PHASE = 48;
    private static final long CAMPAIGN_QUEUE_ID = 49;
    private static final long CAMPAIGN_WRAP_UP_ID = 50;
    private static final String[] RENAME_SUFFIXES = {" (EMEA)", " (Global)", " Team", " - Tier 1", " Desk"};
    private static final String[] TITLES = {"Agent", "Senior Agent", "Specialist", "Team Lead"};

    private final long seed;
    private final Directory directory;
    private final boolean changes;

    DirectoryTimeline(long seed, Directory directory, boolean changes) {
        this.seed = seed;
        this.directory = directory;
        this.changes = changes;
    }

    public DirectorySnapshot at(Instant instant) {
        long t = instant.toEpochMilli();
        List<DirectorySnapshot.Division> divisions = new ArrayList<>();
        for (Directory.Division d : directory.divisions()) {
            String name = d.index() == 0 ? d.name()
                    : renamed(d.name(), DIVISION_RENAME, d.index(), DIVISION_RENAMES_PER_DAY_INVERSE, t);
            divisions.add(new DirectorySnapshot.Division(d.id(), name, "The " + d.name() + " division",
                    d.index() == 0));
        }
        List<DirectorySnapshot.Queue> queues = new ArrayList<>();
        for (Directory.Queue q : directory.queues()) {
            DirectorySnapshot.Division division = divisions.get(q.divisionIndex());
            queues.add(new DirectorySnapshot.Queue(q.id(),
                    renamed(q.name(), QUEUE_RENAME, q.index(), QUEUE_RENAMES_PER_DAY_INVERSE, t),
                    division.id(), division.name(), serviceLevels()));
        }
        List<DirectorySnapshot.WrapUpCode> codes = new ArrayList<>();
        DirectorySnapshot.Division home = divisions.get(0);
        for (Directory.WrapUpCode w : directory.wrapUpCodes()) {
            codes.add(new DirectorySnapshot.WrapUpCode(w.id(),
                    renamed(w.name(), WRAP_UP_RENAME, w.index(), WRAP_UP_RENAMES_PER_DAY_INVERSE, t),
                    home.id(), home.name()));
        }
        if (changes) {
            long period = CAMPAIGN_PERIOD.toMillis();
            long phase = Math.floorMod(SplitMix.hash(seed, CAMPAIGN_PHASE), DAY_MS);
            long w = Math.floorDiv(t - phase, period);
            long born = w * period + phase + DAY_MS;
            if (t >= born && t < born + CAMPAIGN_LIFE.toMillis()) {
                String name = "Campaign " + LocalDate.ofInstant(Instant.ofEpochMilli(born), ZoneOffset.UTC);
                DirectorySnapshot.Division commerce = divisions.get(2);
                queues.add(new DirectorySnapshot.Queue(SplitMix.uuid(SplitMix.hash(seed, CAMPAIGN_QUEUE_ID, w)), name,
                        commerce.id(), commerce.name(), serviceLevels()));
                codes.add(new DirectorySnapshot.WrapUpCode(SplitMix.uuid(SplitMix.hash(seed, CAMPAIGN_WRAP_UP_ID, w)),
                        name + " - Interested", home.id(), home.name()));
            }
        }
        return new DirectorySnapshot(List.copyOf(queues), users(t, divisions), List.copyOf(codes),
                List.copyOf(divisions));
    }

    private List<DirectorySnapshot.User> users(long t, List<DirectorySnapshot.Division> divisions) {
        List<DirectorySnapshot.User> users = new ArrayList<>();
        List<DirectorySnapshot.User> supervisors = new ArrayList<>();
        String[] managers = new String[directory.queues().size()];
        for (Directory.Queue q : directory.queues()) {
            DirectorySnapshot.Division division = divisions.get(q.divisionIndex());
            long generation = changes ? generation(q.index(), t) : 0;
            managers[q.index()] = supervisorId(q.index(), generation);
            supervisors.add(supervisor(q, generation, "active", division));
            if (changes) {
                long sinceTermEnd = t - termStart(q.index(), generation);
                if (sinceTermEnd < INACTIVE_FOR.toMillis()) {
                    supervisors.add(supervisor(q, generation - 1, "inactive", division));
                } else if (sinceTermEnd < INACTIVE_FOR.plus(DELETED_FOR).toMillis()) {
                    supervisors.add(supervisor(q, generation - 1, "deleted", division));
                }
            }
        }
        for (Directory.Agent a : directory.agents()) {
            Directory.Queue q = directory.queues().get(a.queueIndex());
            DirectorySnapshot.Division division = divisions.get(q.divisionIndex());
            String title = TITLES[0];
            if (changes) {
                long day = lastEventDay(TITLE_CHANGE, a.index(), TITLE_CHANGES_PER_DAY_INVERSE, t);
                if (day != Long.MIN_VALUE) {
                    title = TITLES[(int) Long.remainderUnsigned(SplitMix.hash(seed, TITLE_CHANGE, a.index(), day, 1),
                            TITLES.length)];
                }
            }
            users.add(new DirectorySnapshot.User(a.id(), a.name(), a.email(), "active", q.name(), title,
                    managers[a.queueIndex()], division.id(), division.name()));
        }
        users.addAll(supervisors);
        return List.copyOf(users);
    }

    private DirectorySnapshot.User supervisor(Directory.Queue q, long generation, String state,
                                              DirectorySnapshot.Division division) {
        long h = SplitMix.hash(seed, SUPERVISOR_NAME, q.index(), generation);
        String name = Directory.FIRST_NAMES[(int) Long.remainderUnsigned(h, Directory.FIRST_NAMES.length)] + " "
                + Directory.LAST_NAMES[(int) Long.remainderUnsigned(h >>> 32, Directory.LAST_NAMES.length)];
        String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + ".supervisor" + q.index() + "."
                + Math.floorMod(generation, 1000) + "@example.com";
        return new DirectorySnapshot.User(supervisorId(q.index(), generation), name, email, state, q.name(),
                "Supervisor", null, division.id(), division.name());
    }

    /** The id of the supervisor of a queue's term; ids never repeat across terms. */
    public String supervisorId(int queueIndex, long generation) {
        return SplitMix.uuid(SplitMix.hash(seed, SUPERVISOR_ID, queueIndex, generation));
    }

    /** The term of a queue's supervisor at time t. */
    private long generation(int queueIndex, long t) {
        return Math.floorDiv(t - supervisorPhase(queueIndex), SUPERVISOR_TERM.toMillis());
    }

    private long termStart(int queueIndex, long generation) {
        return supervisorPhase(queueIndex) + generation * SUPERVISOR_TERM.toMillis();
    }

    private long supervisorPhase(int queueIndex) {
        return Math.floorMod(SplitMix.hash(seed, SUPERVISOR_PHASE, queueIndex), SUPERVISOR_TERM.toMillis());
    }

    private static Map<MediaType, DirectorySnapshot.ServiceLevel> serviceLevels() {
        Map<MediaType, DirectorySnapshot.ServiceLevel> levels = new EnumMap<>(MediaType.class);
        for (MediaType media : MediaType.values()) {
            levels.put(media, new DirectorySnapshot.ServiceLevel(ModelConstants.SERVICE_LEVEL_TARGET,
                    media.serviceLevelTarget().toMillis()));
        }
        return levels;
    }

    /** The name at t: the original, or after the last rename event at or before t, a variant of it. */
    private String renamed(String original, long domain, int index, int perDayInverse, long t) {
        if (!changes) {
            return original;
        }
        long day = lastEventDay(domain, index, perDayInverse, t);
        if (day == Long.MIN_VALUE) {
            return original;
        }
        long h = SplitMix.hash(seed, domain, index, day, 1);
        return original + RENAME_SUFFIXES[(int) Long.remainderUnsigned(h, RENAME_SUFFIXES.length)];
    }

    /** The day of the last event of an entity at or before t (about one day in perDayInverse has one), or MIN_VALUE. */
    private long lastEventDay(long domain, int index, int perDayInverse, long t) {
        long today = Math.floorDiv(t, DAY_MS);
        for (long day = today; day > today - LOOK_BACK_DAYS; day--) {
            long h = SplitMix.hash(seed, domain, index, day);
            if (Long.remainderUnsigned(h, perDayInverse) == 0) {
                long at = day * DAY_MS + Long.remainderUnsigned(h >>> 20, DAY_MS);
                if (at <= t) {
                    return day;
                }
            }
        }
        return Long.MIN_VALUE;
    }
}
