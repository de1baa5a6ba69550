package io.salesactivitysync.sandbox.salesforce.streaming;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the streaming side keeps across a restart of the emulator: every channel's retained
 * events with their replay ids, and the counters new ids continue from. Salesforce's replay ids
 * only ever grow, and a client that saved one must, after a restart, either resume right after it
 * or be told the id is invalid; these counters are what makes that possible.
 *
 * @param commitNumber        the last org commit whose events are in here
 * @param changeEventReplayId the last replay id given to a change event (one sequence for every
 *                            change event channel)
 * @param replayIdFloor       ids at or below it were issued by a history that is gone: a channel
 *                            without a saved log starts here, so it refuses them and numbers its
 *                            events above them
 * @param channels            the log of every channel that has one, expired events already dropped
 *                            when saved
 */
public record StreamingSnapshot(long commitNumber, long changeEventReplayId, long replayIdFloor,
        List<ChannelSnapshot> channels) {

    /**
     * The most events one commit can put on a channel through the API: 25 composite subrequests
     * of 200 records each. Ids therefore stay at or below {@code commitNumber * 5000}, which is
     * where new ids start when the saved ones are missing or cannot be trusted. (A cascade delete
     * of many parents could go past it; a sandbox does not come near.)
     */
    static final long MAX_EVENTS_PER_COMMIT = 25 * 200;

    /**
     * One channel's log.
     *
     * @param channel        e.g. {@code /data/TaskChangeEvent} or {@code /topic/SasTaskTopic}
     * @param lastReplayId   the highest id the channel issued
     * @param expiredThrough the highest id whose event expired: resuming from it or below is refused
     * @param events         the retained events, oldest first
     */
    public record ChannelSnapshot(String channel, long lastReplayId, long expiredThrough, List<StoredEvent> events) {

        public ChannelSnapshot {
            events = List.copyOf(events);
            if (expiredThrough < 0 || expiredThrough > lastReplayId) {
                throw new IllegalArgumentException(channel + ": expiredThrough " + expiredThrough
                        + " is not between 0 and lastReplayId " + lastReplayId);
            }
            long previous = expiredThrough;
            for (StoredEvent event : events) {
                if (event.replayId() <= previous || event.replayId() > lastReplayId) {
                    throw new IllegalArgumentException(channel + ": replay id " + event.replayId()
                            + " does not follow " + previous + " within lastReplayId " + lastReplayId);
                }
                previous = event.replayId();
            }
        }
    }

    public StreamingSnapshot {
        channels = List.copyOf(channels);
        if (commitNumber < 0 || replayIdFloor < 0 || changeEventReplayId < replayIdFloor) {
            throw new IllegalArgumentException("commitNumber " + commitNumber + ", changeEventReplayId "
                    + changeEventReplayId + " and replayIdFloor " + replayIdFloor + " do not fit together");
        }
        Set<String> names = new HashSet<>();
        for (ChannelSnapshot channel : channels) {
            if (!names.add(channel.channel())) {
                throw new IllegalArgumentException("channel " + channel.channel() + " appears twice");
            }
            if (!ChannelDirectory.isPushTopicChannel(channel.channel()) && channel.lastReplayId() > changeEventReplayId) {
                throw new IllegalArgumentException(channel.channel() + ": lastReplayId " + channel.lastReplayId()
                        + " is above the change event counter " + changeEventReplayId);
            }
        }
    }

    /** Nothing streamed yet. */
    public static StreamingSnapshot empty() {
        return new StreamingSnapshot(0, 0, 0, List.of());
    }

    /**
     * No saved streaming state beside an org at this commit (a state file from before the
     * streaming side was saved, or its streaming file deleted): no events, and new ids start above
     * any id the org's commits can have used.
     */
    public static StreamingSnapshot nothingSavedAt(long orgCommitNumber) {
        return empty().withoutEventsAt(orgCommitNumber);
    }

    /**
     * This snapshot when it was saved at the org's commit. Otherwise the org has commits whose
     * events are not here (a crash between the two saves, a failed save, commits while streaming
     * was off) or is another org: resuming from any saved id would skip events unseen, so the
     * events are dropped, every id issued so far is refused, and new ids start above them all.
     */
    public StreamingSnapshot reconciledWith(long orgCommitNumber) {
        return commitNumber == orgCommitNumber ? this : withoutEventsAt(orgCommitNumber);
    }

    private StreamingSnapshot withoutEventsAt(long orgCommitNumber) {
        long floor = Math.max(highestReplayId(), Math.multiplyExact(orgCommitNumber, MAX_EVENTS_PER_COMMIT));
        return new StreamingSnapshot(orgCommitNumber, floor, floor, List.of());
    }

    /** The highest replay id issued on any channel (or reserved by the floor). */
    public long highestReplayId() {
        long highest = Math.max(changeEventReplayId, replayIdFloor);
        for (ChannelSnapshot channel : channels) {
            highest = Math.max(highest, channel.lastReplayId());
        }
        return highest;
    }

    public int eventCount() {
        return channels.stream().mapToInt(channel -> channel.events().size()).sum();
    }
}
