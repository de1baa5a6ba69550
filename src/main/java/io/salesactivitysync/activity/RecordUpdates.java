package io.salesactivitysync.activity;

import io.salesactivitysync.salesforce.ErrorClass;
import io.salesactivitysync.salesforce.SalesforceErrors;
import io.salesactivitysync.salesforce.SalesforceProblem;
import io.salesactivitysync.salesforce.SalesforceRecord;
import io.salesactivitysync.store.Activity;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The activity attribute fields on the records activities are logged against (e.g.
 * {@code Contact.Last_Sales_Activity__c}): one update per record, however many activities of the
 * batch touch it (the latest activity's values win), sent through sObject Collections. A field
 * Salesforce refuses is left out and named on the activities; the Tasks stay logged.
 */
@Component
public class RecordUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(RecordUpdates.class);

    private final ActivityLoggingProperties properties;
    private final OrgFieldAccess fieldAccess;

    public RecordUpdates(ActivityLoggingProperties properties, OrgFieldAccess fieldAccess) {
        this.properties = properties;
        this.fieldAccess = fieldAccess;
    }

    /** Queues the updates for the activities whose Tasks are all written. */
    public void plan(@ExchangeProperty("batch") ActivityBatch batch) {
        List<ActivityBatch.PendingWrite> writes = new ArrayList<>();
        Map<String, ActivityBatch.PendingWrite> byRecord = new LinkedHashMap<>();
        List<ActivityWork> logged = batch.undecided().stream()
                .sorted(Comparator.comparing((ActivityWork work) -> work.activity().occurredAt()))
                .toList();
        for (ActivityWork work : logged) {
            for (ActivityLoggingProperties.AttributeField mapped : properties.attributeFields()) {
                if (mapped.object().equals("Task")) {
                    continue;
                }
                Set<String> recordIds = recordsOf(work, mapped.object(), batch.lookups());
                if (recordIds.isEmpty()) {
                    continue;
                }
                Activity activity = work.activity();
                String type = fieldAccess.type(mapped.object(), mapped.field());
                Object value = fieldAccess.writable(mapped.object(), mapped.field(), false)
                        ? AttributeValues.fitted(AttributeValues.value(mapped.value(), activity,
                                ZoneId.of(work.rep().timeZone()), type), type)
                        : AttributeValues.UNFIT;
                if (value == AttributeValues.UNFIT) {
                    work.leaveOut(mapped.qualifiedName());
                    continue;
                }
                for (String id : recordIds) {
                    if ("occurred_at".equals(mapped.value())
                            && !AttributeValues.later(value, batch.lookups().fieldValue(id, mapped.field()))) {
                        // the record holds a later activity's time already: never move it back
                        continue;
                    }
                    ActivityBatch.PendingWrite write = byRecord.computeIfAbsent(id, key -> {
                        SalesforceRecord record = new SalesforceRecord(mapped.object());
                        record.setId(key);
                        ActivityBatch.PendingWrite created = new ActivityBatch.PendingWrite(record, new ArrayList<>(), false);
                        writes.add(created);
                        return created;
                    });
                    // sorted by time, so the latest activity's value is the one kept
                    write.record().put(mapped.field(), value);
                    if (!write.owners().contains(work)) {
                        write.owners().add(work);
                    }
                }
            }
        }
        batch.recordWrites().addAll(writes);
    }

    private static Set<String> recordsOf(ActivityWork work, String object, LookupResults lookups) {
        Set<String> ids = new LinkedHashSet<>();
        Matching matching = work.matching();
        if (matching.person() == null || matching.person().recordIds() == null) {
            return ids;
        }
        switch (object) {
            case "Contact", "Lead" -> {
                if (object.equals(matching.person().recordType())) {
                    ids.addAll(matching.person().recordIds());
                }
            }
            case "Opportunity" -> work.tasks().stream().map(t -> t.whatId()).filter(java.util.Objects::nonNull).forEach(ids::add);
            case "Account" -> {
                for (String personId : matching.person().recordIds()) {
                    lookups.person(personId).map(LookupResults.PersonRecord::accountId).ifPresent(ids::add);
                    lookups.rolesOf(personId).stream()
                            .filter(role -> work.tasks().stream().anyMatch(t -> role.opportunityId().equals(t.whatId())))
                            .map(LookupResults.Role::accountId)
                            .filter(java.util.Objects::nonNull)
                            .forEach(ids::add);
                }
            }
            default -> {
            }
        }
        return ids;
    }

    /** The next up to 200 records to update (the body of the update step). */
    public List<SalesforceRecord> next(@ExchangeProperty("batch") ActivityBatch batch) {
        List<ActivityBatch.PendingWrite> chunk = ActivityBatch.take(batch.recordWrites(), TaskWrites.COLLECTION_MAX);
        batch.inFlight(chunk);
        return chunk.stream().map(ActivityBatch.PendingWrite::record).toList();
    }

    public void read(@ExchangeProperty("batch") ActivityBatch batch, List<SaveSObjectResult> results) {
        List<ActivityBatch.PendingWrite> sent = batch.inFlight();
        for (int i = 0; i < sent.size(); i++) {
            ActivityBatch.PendingWrite write = sent.get(i);
            SaveSObjectResult result = results != null && i < results.size() ? results.get(i) : null;
            if (result != null && Boolean.TRUE.equals(result.getSuccess())) {
                continue;
            }
            RestError error = result == null || result.getErrors() == null || result.getErrors().isEmpty()
                    ? new RestError("UNKNOWN_ERROR", "Salesforce sent no result for this record")
                    : result.getErrors().get(0);
            SalesforceProblem problem = SalesforceErrors.of(error.getErrorCode(), error.getMessage(), error.getFields());
            SalesforceRecord record = write.record();
            if (problem.errorClass() == ErrorClass.INTERMITTENT) {
                // the Tasks are in; the next attempt skips them and updates the record again
                write.owners().forEach(owner -> owner.fail(problem, "Updating " + record.type() + " " + record.getId()
                        + " failed: " + problem.describe()));
                continue;
            }
            List<String> refused = problem.fields().isEmpty() ? new ArrayList<>(record.fields().keySet()) : problem.fields();
            for (String field : refused) {
                record.remove(field);
                write.owners().forEach(owner -> owner.leaveOut(record.type() + "." + field));
            }
            LOG.warn("Salesforce refused fields {} of {} {}: {}", refused, record.type(), record.getId(), problem.describe());
            if (!write.retried() && !record.fields().isEmpty() && !problem.fields().isEmpty()) {
                batch.recordWrites().add(new ActivityBatch.PendingWrite(record, write.owners(), true));
            }
        }
        batch.inFlight(List.of());
    }
}
