package io.kcg.genesys.simulator.model;

import java.time.Duration;

/**
 * The simulated media types with their traffic profile. Volumes are per queue per weekday before the queue's own
 * scale factor; times are means of exponential draws, capped by {@link ModelConstants}.
 */
public enum MediaType {
    //          wire        vol  SL target              wait  abandon talk  hold%  hold acw  outbound transfer
    VOICE("voice",          260, Duration.ofSeconds(20),   15, 0.08,  300, 0.25,  60, 45, 0.12, 0.10),
    CHAT("chat",            110, Duration.ofSeconds(60),   40, 0.05,  480, 0.00,   0, 30, 0.00, 0.06),
    EMAIL("email",           60, Duration.ofMinutes(30),  900, 0.00,  360, 0.00,   0, 60, 0.10, 0.04),
    CALLBACK("callback",     30, Duration.ofMinutes(2),    90, 0.02,  240, 0.15,  45, 40, 0.00, 0.05),
    MESSAGE("message",       60, Duration.ofMinutes(2),    90, 0.06,  600, 0.00,   0, 30, 0.05, 0.05);

    private final String wireName;
    private final int dailyVolume;
    private final Duration serviceLevelTarget;
    private final double meanWaitSeconds;
    private final double abandonShare;
    private final double meanTalkSeconds;
    private final double holdShare;
    private final double meanHoldSeconds;
    private final double meanAcwSeconds;
    private final double outboundShare;
    private final double transferShare;

    MediaType(String wireName, int dailyVolume, Duration serviceLevelTarget, double meanWaitSeconds,
              double abandonShare, double meanTalkSeconds, double holdShare, double meanHoldSeconds,
              double meanAcwSeconds, double outboundShare, double transferShare) {
        this.wireName = wireName;
        this.dailyVolume = dailyVolume;
        this.serviceLevelTarget = serviceLevelTarget;
        this.meanWaitSeconds = meanWaitSeconds;
        this.abandonShare = abandonShare;
        this.meanTalkSeconds = meanTalkSeconds;
        this.holdShare = holdShare;
        this.meanHoldSeconds = meanHoldSeconds;
        this.meanAcwSeconds = meanAcwSeconds;
        this.outboundShare = outboundShare;
        this.transferShare = transferShare;
    }

    /** The value of the {@code mediaType} dimension. */
    public String wireName() {
        return wireName;
    }

    public int dailyVolume() {
        return dailyVolume;
    }

    /** Answered later than this counts in nOverSla and against oServiceLevel. */
    public Duration serviceLevelTarget() {
        return serviceLevelTarget;
    }

    double meanWaitSeconds() {
        return meanWaitSeconds;
    }

    double abandonShare() {
        return abandonShare;
    }

    double meanTalkSeconds() {
        return meanTalkSeconds;
    }

    double holdShare() {
        return holdShare;
    }

    double meanHoldSeconds() {
        return meanHoldSeconds;
    }

    double meanAcwSeconds() {
        return meanAcwSeconds;
    }

    double outboundShare() {
        return outboundShare;
    }

    double transferShare() {
        return transferShare;
    }
}
