package io.salesactivitysync.mail;

import io.salesactivitysync.store.ActivityOutcome;
import io.salesactivitysync.store.NewActivity;
import java.time.Duration;
import java.util.List;

/**
 * What the capture made of one email before anything is stored: the activities that stand for it,
 * stored together with the rest of the poll's emails at the end of the batch
 * ({@link BccCapture#store}), in one transaction.
 *
 * @param key        the activity key of the email
 * @param activities its activities: one per person it is logged against, or one for the whole email
 * @param hold       how long new pending ones wait before the periodic flow may take them
 * @param settled    the outcome they are stored with at once (rejected, unresolved); null: pending
 * @param known      an email the store has already (read again while it waited): nothing to store
 */
public record PlannedMail(String key, List<NewActivity> activities, Duration hold, ActivityOutcome settled,
                          CapturedMail known) {

    static PlannedMail known(CapturedMail captured) {
        return new PlannedMail(captured.key(), List.of(), Duration.ZERO, null, captured);
    }
}
