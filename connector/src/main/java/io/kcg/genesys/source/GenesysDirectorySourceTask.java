package io.kcg.genesys.source;

import io.kcg.genesys.client.ClientClosedException;
import io.kcg.genesys.client.GenesysApiException;
import io.kcg.genesys.client.GenesysAuthenticationException;
import io.kcg.genesys.client.GenesysClient;
import io.kcg.genesys.client.GenesysClientException;
import io.kcg.genesys.client.GenesysRetriableException;
import io.kcg.genesys.client.PagedListing;
import io.kcg.genesys.config.DirectorySourceConfig;
import io.kcg.genesys.directory.DirectoryKind;
import io.kcg.genesys.directory.DirectoryMemory;
import io.kcg.genesys.directory.ListingChanges;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lists its kinds of the Genesys directory, each on its own interval: a poll reads one due listing whole (every
 * page) and hands Connect the records of what changed since the last emission. A listing that fails part-way emits
 * nothing and is tried again later; one whose pages do not hold together (the directory changed while it was read)
 * is read once more, and if it still does not, its changes are emitted but nothing is tombstoned for being absent.
 *
 * <p>Failures as in the aggregates task: refused authentication is retried inside the client for
 * {@code genesys.auth.retry.timeout.ms}, then fails the task; {@link #stop()} ends a listing in flight or waiting
 * (its records are not emitted, so nothing is lost).
 */
public class GenesysDirectorySourceTask extends SourceTask {
    static final String TASK_KINDS = "task.kinds";
    /** The longest a poll blocks, so that Connect commits offsets and notices stop() between polls. */
    private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);
    /** After a listing failed for a passing reason, the next attempt waits this long (or the poll interval if shorter). */
    static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(GenesysDirectorySourceTask.class);

    /** Reads one kind's listing whole. */
    interface Lister {
        PagedListing.Result list(DirectoryKind kind);
    }

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Clock clock;
    private final Lister testLister;
    private final Map<DirectoryKind, DirectoryMemory> memories = new LinkedHashMap<>();
    private final Map<DirectoryKind, Instant> nextDue = new LinkedHashMap<>();
    private final List<DirectoryKind> kinds = new ArrayList<>();
    private DirectorySourceConfig config;
    private GenesysClient client;
    private Lister lister;
    private int nextKind;

    public GenesysDirectorySourceTask() {
        this(Clock.systemUTC(), null);
    }

    /** For tests: a clock to schedule by, and a lister instead of requests to Genesys (null: Genesys). */
    GenesysDirectorySourceTask(Clock clock, Lister lister) {
        this.clock = clock;
        this.testLister = lister;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new DirectorySourceConfig(props);
        for (String name : props.getOrDefault(TASK_KINDS, "").split(",")) {
            DirectoryKind kind = name.isBlank() ? null : DirectoryKind.of(name);
            if (kind != null && !kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        if (testLister != null) {
            lister = testLister;
        } else {
            client = new GenesysClient(ClientSettings.from(config));
            int pageSize = config.pageSize();
            lister = kind -> PagedListing.list(client, kind.path(), kind.query(), pageSize, kind.configName(),
                    kind.permission());
        }
        Instant now = clock.instant();
        for (DirectoryKind kind : kinds) {
            Map<Map<String, String>, Map<String, Object>> offsets =
                    context.offsetStorageReader().offsets(DirectoryMemory.partitions(kind));
            DirectoryMemory memory = DirectoryMemory.restore(kind, offsets, (k, shard, reason) ->
                    log.warn("Directory {}: the offset of shard {} cannot be read ({}); it starts empty, so its "
                            + "entities are emitted again and any of them deleted while the connector was stopped "
                            + "keeps its record (no tombstone)", k.configName(), String.format("%02x", shard), reason));
            memories.put(kind, memory);
            nextDue.put(kind, now);
            log.info("Directory {}: {} entities remembered from the offsets; listing {} to topic {} every {}",
                    kind.configName(), memory.size(), kind.path(), config.topic(kind), config.pollInterval());
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Instant now = clock.instant();
        Instant earliest = null;
        for (int i = 0; i < kinds.size(); i++) {
            DirectoryKind kind = kinds.get((nextKind + i) % kinds.size());
            Instant due = nextDue.get(kind);
            if (!now.isBefore(due)) {
                nextKind = (nextKind + i + 1) % kinds.size();
                return list(kind, now);
            }
            earliest = earliest == null || due.isBefore(earliest) ? due : earliest;
        }
        idle(earliest == null ? MAX_IDLE_WAIT : Duration.between(now, earliest));
        return null;
    }

    private List<SourceRecord> list(DirectoryKind kind, Instant now) {
        PagedListing.Result listing;
        try {
            listing = lister.list(kind);
            if (!listing.consistent()) {
                log.info("Directory {}: the listing changed while it was read ({}); reading it again",
                        kind.configName(), listing.inconsistency());
                listing = lister.list(kind);
            }
        } catch (ClientClosedException e) {
            // stop() closed the client under a request or a wait of this listing: the task is stopping, and the
            // listing's changes were never emitted, so the next start lists again from the same offsets.
            return null;
        } catch (GenesysRetriableException e) {
            Duration wait = e.retryAfter() != null && e.retryAfter().compareTo(RETRY_DELAY) > 0 ? e.retryAfter()
                    : min(RETRY_DELAY, config.pollInterval());
            nextDue.put(kind, now.plus(wait));
            throw new RetriableException("Directory " + kind.configName() + ": listing " + kind.path() + " failed ("
                    + e.getMessage() + "); nothing of it was emitted, the next attempt is in " + wait.toSeconds()
                    + " s", e);
        } catch (GenesysAuthenticationException e) {
            // The client has already retried the refusal with backoff for genesys.auth.retry.timeout.ms: a blip at
            // the login host has passed by then, refused or revoked credentials have not.
            throw new ConnectException("Directory " + kind.configName() + ": Genesys refused authentication: "
                    + e.getMessage(), e);
        } catch (GenesysApiException e) {
            // A 403's message names the permission (the client adds it); a 400 may be a page size this listing
            // does not take.
            throw new ConnectException("Directory " + kind.configName() + ": Genesys refused the listing "
                    + kind.path() + ": " + e.getMessage(), e);
        } catch (GenesysClientException e) {
            throw new ConnectException("Directory " + kind.configName() + ": listing " + kind.path() + " failed: "
                    + e.getMessage(), e);
        }
        boolean deletionsAllowed = listing.consistent();
        if (!deletionsAllowed) {
            log.warn("Directory {}: the listing changed again while it was read ({}); its changes are emitted, but "
                    + "entities missing from it are not tombstoned before a listing that holds together",
                    kind.configName(), listing.inconsistency());
        }
        ListingChanges.Emitted emitted = ListingChanges.emit(kind, memories.get(kind), listing.entities(),
                deletionsAllowed, config.topic(kind));
        nextDue.put(kind, now.plus(config.pollInterval()));
        if (emitted.records().isEmpty()) {
            log.debug("Directory {}: {} entities in {} pages, nothing changed", kind.configName(),
                    listing.entities().size(), listing.pages());
        } else {
            log.info("Directory {}: {} entities in {} pages; {} new or changed, {} tombstoned", kind.configName(),
                    listing.entities().size(), listing.pages(), emitted.upserts(), emitted.tombstones());
        }
        return emitted.records();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void idle(Duration wait) throws InterruptedException {
        if (wait.compareTo(MAX_IDLE_WAIT) > 0) {
            wait = MAX_IDLE_WAIT;
        }
        if (!wait.isNegative() && !wait.isZero()) {
            stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS); // stop() wakes it at once
        }
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (client != null) {
            client.close();
        }
    }
}
