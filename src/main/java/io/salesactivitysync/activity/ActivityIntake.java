package io.salesactivitysync.activity;

import io.salesactivitysync.store.ActivityKeys;
import io.salesactivitysync.store.Activity;
import io.salesactivitysync.store.ActivitySource;
import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityBatchRequest;
import io.salesactivitysync.store.ActivityRequest;
import io.salesactivitysync.store.ActivityStore;
import io.salesactivitysync.store.NewActivity;
import io.salesactivitysync.store.constraint.EmailAddresses;
import io.salesactivitysync.salesforce.SalesforceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes activities in: each is stored first, pending, and logged to Salesforce later by the
 * activity-logging flow. Taking the same activity in twice (same Message-ID, or the same type,
 * rep, person, time and subject) answers the activity stored the first time.
 */
@Component
public class ActivityIntake {

    private final ActivityStore store;
    private final TransactionTemplate transaction;

    public ActivityIntake(ActivityStore store, TransactionTemplate transaction) {
        this.store = store;
        this.transaction = transaction;
    }

    /**
     * What the client gets back: the stored activity, and whether it was taken in before (then the
     * answer is 200 with the first one, else 202: stored, to be logged).
     */
    public record Accepted(Activity activity, boolean duplicate) {
        public int status() {
            return duplicate ? 200 : 202;
        }
    }

    /** One activity of a batch, as the batch answer lists it. */
    public record Receipt(long id, String state, boolean duplicate, String location) {
        Receipt(long id, ActivityState state, boolean duplicate) {
            this(id, state.value(), duplicate, "/api/activities/" + id);
        }
    }

    /** The batch answer: one receipt per activity, in the order sent. */
    public record BatchReceipt(java.util.List<Receipt> items) {
    }

    public Accepted take(ActivityRequest request) {
        ActivityStore.Intake intake = store.create(toNew(request));
        return new Accepted(intake.activity(), !intake.created());
    }

    /**
     * All of them or none: a batch is stored in one transaction, each statement sent once for all
     * its activities ({@link ActivityStore#createAll}). Should a parallel request take one of them in
     * at the same moment, the batch is stored again one activity at a time, each answering the
     * winner's record (on PostgreSQL each in a savepoint of its own: a thousand of them in one
     * transaction made every statement slower, so this is only the fallback).
     */
    public BatchReceipt takeAll(ActivityBatchRequest batch) {
        List<NewActivity> activities = batch.activities().stream().map(ActivityIntake::toNew).toList();
        try {
            return transaction.execute(status -> together(activities));
        } catch (DataIntegrityViolationException raced) {
            return transaction.execute(status -> oneByOne(activities));
        }
    }

    private BatchReceipt together(List<NewActivity> activities) {
        List<ActivityStore.StoredIntake> stored = store.createAll(activities.stream()
                .map(activity -> new ActivityStore.NewIntake(activity, Duration.ZERO, null)).toList());
        Map<Long, ActivityState> known = store.states(stored.stream()
                .filter(intake -> !intake.created()).map(ActivityStore.StoredIntake::id).collect(Collectors.toSet()));
        List<Receipt> receipts = new ArrayList<>(stored.size());
        for (ActivityStore.StoredIntake intake : stored) {
            ActivityState state = intake.created() ? ActivityState.PENDING : known.get(intake.id());
            receipts.add(new Receipt(intake.id(), state, !intake.created()));
        }
        return new BatchReceipt(receipts);
    }

    private BatchReceipt oneByOne(List<NewActivity> activities) {
        List<Receipt> receipts = new ArrayList<>(activities.size());
        for (NewActivity activity : activities) {
            ActivityStore.Intake intake = store.create(activity);
            receipts.add(new Receipt(intake.activity().id(), intake.activity().state(), !intake.created()));
        }
        return new BatchReceipt(receipts);
    }

    static NewActivity toNew(ActivityRequest request) {
        ActivityRequest.PersonRequest person = request.person();
        Activity.PersonRef ref = new Activity.PersonRef(person.id(),
                person.salesforceId() == null ? null : SalesforceId.toLongForm(person.salesforceId()),
                person.email() == null ? null : EmailAddresses.normalize(person.email()));
        String personKey = ref.id() != null ? "id:" + ref.id()
                : ref.salesforceId() != null ? "sf:" + ref.salesforceId() : "email:" + ref.email();
        String repEmail = EmailAddresses.normalize(request.repEmail());
        String messageId = ActivityKeys.normalizeMessageId(request.messageId());
        String key = ActivityKeys.activityKey(messageId, request.type().value(), repEmail, personKey,
                request.occurredAt(), request.subject());
        String digest = ActivityKeys.sha256(key + "\n" + personKey);
        ActivityRequest.CampaignRequest campaign = request.campaign();
        ActivityRequest.CallRequest call = request.call();
        return new NewActivity(ActivitySource.API, request.type(), key, digest, messageId, repEmail, ref,
                request.subject().strip(), request.body(), request.occurredAt(),
                campaign == null ? null : new Activity.Campaign(campaign.name().strip(), campaign.day(), campaign.step()),
                call == null ? null : new Activity.Call(call.outcome(), call.reason()),
                request.attributes());
    }
}
