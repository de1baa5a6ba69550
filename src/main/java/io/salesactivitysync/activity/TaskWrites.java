package io.salesactivitysync.activity;

import io.salesactivitysync.store.ActivityKeys;
import io.salesactivitysync.salesforce.SalesforceErrors;
import io.salesactivitysync.salesforce.SalesforceProblem;
import io.salesactivitysync.salesforce.SalesforceProperties;
import io.salesactivitysync.salesforce.SalesforceRecord;
import io.salesactivitysync.store.Activity;
import io.salesactivitysync.store.ActivityStore;
import io.salesactivitysync.store.ActivityTask;
import io.salesactivitysync.store.ActivityType;
import io.salesactivitysync.store.OrgSettings;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.springframework.stereotype.Component;

/**
 * The Tasks of a batch: planned (one per record an activity is logged against, its external id
 * saved before it is written), sent as upserts by the external id through sObject Collections, up
 * to 200 a call, and read back. A Task Salesforce refuses for fields the integration user may not
 * edit is sent again once without them: the activity is logged, and names the fields left out.
 */
@Component
public class TaskWrites {

    /** sObject Collections take at most 200 records a request. */
    static final int COLLECTION_MAX = 200;
    private static final String FIELD_SECURITY = "INVALID_FIELD_FOR_INSERT_UPDATE";

    private final ActivityStore store;
    private final RecordMatcher matcher;
    private final OrgFieldAccess fieldAccess;
    private final ActivityLoggingProperties properties;
    private final String keyField;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public TaskWrites(ActivityStore store, RecordMatcher matcher, OrgFieldAccess fieldAccess,
                      ActivityLoggingProperties properties, SalesforceProperties salesforce,
                      com.fasterxml.jackson.databind.ObjectMapper json) {
        this.store = store;
        this.matcher = matcher;
        this.fieldAccess = fieldAccess;
        this.properties = properties;
        this.keyField = salesforce.taskExternalIdField();
        this.json = json;
    }

    /**
     * Plans the Tasks of every matched activity, saves the plan, and queues the Task writes (one per
     * external id, however many activities of the batch share it).
     */
    public void plan(@ExchangeProperty("batch") ActivityBatch batch) {
        Map<String, ActivityBatch.PendingWrite> byExternalId = new LinkedHashMap<>();
        List<ActivityStore.Plan> plans = new ArrayList<>();
        for (ActivityWork work : batch.undecided()) {
            if (!work.planned()) {
                List<ActivityTask> tasks = matcher.targets(work, batch.lookups()).stream()
                        .map(target -> new ActivityTask(ActivityKeys.taskExternalId(work.activity().activityKey(),
                                target.whoId(), target.whatId()), target.whoId(), target.whatId(), null))
                        .toList();
                work.tasks(tasks);
                plans.add(new ActivityStore.Plan(work.activity().id(), json.valueToTree(work.matching()), work.rep().id(),
                        work.person() == null ? null : work.person().id(), tasks));
            }
            for (ActivityTask task : work.tasks()) {
                if (task.salesforceTaskId() != null) {
                    continue;
                }
                ActivityBatch.PendingWrite existing = byExternalId.get(task.externalId());
                if (existing != null) {
                    existing.owners().add(work);
                } else {
                    List<ActivityWork> owners = new ArrayList<>();
                    owners.add(work);
                    byExternalId.put(task.externalId(), new ActivityBatch.PendingWrite(taskRecord(work, task), owners, false));
                }
            }
        }
        // kept before any Task is written, all in one transaction
        store.savePlans(plans);
        batch.taskWrites().addAll(byExternalId.values());
    }

    SalesforceRecord taskRecord(ActivityWork work, ActivityTask task) {
        Activity activity = work.activity();
        OrgSettings settings = work.settings();
        ZoneId zone = ZoneId.of(work.rep().timeZone());
        Map<String, String> fields = TemplateRenderer.fields(activity, settings.includeBody());
        SalesforceRecord record = new SalesforceRecord("Task")
                .put(keyField, task.externalId())
                .put("WhoId", task.whoId())
                .put("WhatId", task.whatId())
                .put("OwnerId", work.matching().rep().userId())
                .put("Subject", TemplateRenderer.subject(settings.subjectTemplate(), fields))
                .put("Description", TemplateRenderer.description(settings.descriptionTemplate(), fields))
                .put("Status", "Completed")
                .put("ActivityDate", activity.occurredAt().atZoneSameInstant(zone).toLocalDate().toString())
                .put("TaskSubtype", activity.type() == ActivityType.CALL ? "Call" : "Email")
                .put("Type", TemplateRenderer.typeName(activity.type()));
        for (ActivityLoggingProperties.AttributeField mapped : properties.attributeFields()) {
            if (!mapped.object().equals("Task")) {
                continue;
            }
            String type = fieldAccess.type("Task", mapped.field());
            Object value = fieldAccess.writable("Task", mapped.field(), true)
                    ? AttributeValues.fitted(AttributeValues.value(mapped.value(), activity, zone, type), type)
                    : AttributeValues.UNFIT;
            if (value == AttributeValues.UNFIT) {
                work.leaveOut(mapped.qualifiedName());
            } else {
                record.put(mapped.field(), value);
            }
        }
        return record;
    }

    /** The next up to 200 Task records to upsert (the body of the upsert step). */
    public List<SalesforceRecord> next(@ExchangeProperty("batch") ActivityBatch batch) {
        List<ActivityBatch.PendingWrite> chunk = ActivityBatch.take(batch.taskWrites(), COLLECTION_MAX);
        batch.inFlight(chunk);
        return chunk.stream().map(ActivityBatch.PendingWrite::record).toList();
    }

    /** Reads the upsert results, one per record sent, in order. */
    public void read(@ExchangeProperty("batch") ActivityBatch batch, List<UpsertSObjectResult> results) {
        List<ActivityBatch.PendingWrite> sent = batch.inFlight();
        for (int i = 0; i < sent.size(); i++) {
            ActivityBatch.PendingWrite write = sent.get(i);
            UpsertSObjectResult result = results != null && i < results.size() ? results.get(i) : null;
            String externalId = String.valueOf(write.record().get(keyField));
            if (result != null && Boolean.TRUE.equals(result.getSuccess())) {
                write.owners().forEach(owner -> owner.taskWritten(externalId, result.getId()));
                continue;
            }
            RestError error = result == null || result.getErrors() == null || result.getErrors().isEmpty()
                    ? new RestError("UNKNOWN_ERROR", "Salesforce sent no result for this record")
                    : result.getErrors().get(0);
            SalesforceProblem problem = SalesforceErrors.of(error.getErrorCode(), error.getMessage(), error.getFields());
            if (FIELD_SECURITY.equals(problem.code()) && !problem.fields().isEmpty() && !write.retried()
                    && dropFields(write, problem.fields())) {
                batch.taskWrites().add(new ActivityBatch.PendingWrite(write.record(), write.owners(), true));
                continue;
            }
            write.owners().forEach(owner -> owner.fail(problem, "Salesforce refused the Task " + externalId + ": "
                    + problem.describe()));
        }
        batch.inFlight(List.of());
    }

    /**
     * Takes the fields Salesforce refused out of the Task: mapped attribute fields are left out
     * (and named on the activity), a field only settable on create (TaskSubtype of a Task that
     * exists already) is dropped quietly. False when a refused field is one the Task cannot go
     * without.
     */
    private boolean dropFields(ActivityBatch.PendingWrite write, List<String> refused) {
        for (String field : refused) {
            boolean mapped = properties.attributeFields().stream()
                    .anyMatch(f -> f.object().equals("Task") && f.field().equalsIgnoreCase(field));
            if (mapped) {
                write.record().remove(field);
                write.owners().forEach(owner -> owner.leaveOut("Task." + field));
            } else if (fieldAccess.createOnly("Task", field)) {
                write.record().remove(field);
            } else {
                return false;
            }
        }
        return true;
    }
}
