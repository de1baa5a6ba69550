package io.salesactivitysync.activity;

import io.salesactivitysync.store.Activity;
import io.salesactivitysync.store.ActivitySource;
import io.salesactivitysync.store.ActivityStore;
import io.salesactivitysync.store.NewActivity;
import io.salesactivitysync.store.constraint.EmailAddresses;
import io.salesactivitysync.salesforce.SalesforceId;
import java.util.ArrayList;
import java.util.List;
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

    /** What the client gets back: the stored activity, and whether this request stored it. */
    public record Accepted(Activity activity, boolean duplicate) {
    }

    public Accepted take(ActivityRequest request) {
        ActivityStore.Intake intake = store.create(toNew(request));
        return new Accepted(intake.activity(), !intake.created());
    }

    /** All of them or none: a batch is stored in one transaction. */
    public List<Accepted> takeAll(List<ActivityRequest> requests) {
        return transaction.execute(status -> {
            List<Accepted> accepted = new ArrayList<>(requests.size());
            for (ActivityRequest request : requests) {
                accepted.add(take(request));
            }
            return accepted;
        });
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
        ActivityRequest.Campaign campaign = request.campaign();
        ActivityRequest.Call call = request.call();
        return new NewActivity(ActivitySource.API, request.type(), key, digest, messageId, repEmail, ref,
                request.subject().strip(), request.body(), request.occurredAt(),
                campaign == null ? null : new Activity.Campaign(campaign.name().strip(), campaign.day(), campaign.step()),
                call == null ? null : new Activity.Call(call.outcome(), call.reason()),
                request.attributes());
    }
}
