package io.salesactivitysync.sandbox.salesforce.org;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The read-only fields Salesforce computes from others: names, Task and Opportunity flags,
 * Task.AccountId, PushTopic.NotifyForOperations.
 */
final class DerivedFields {

    private static final Map<String, Double> STAGE_PROBABILITY = Map.of("Prospecting", 10.0, "Qualification", 10.0,
            "Needs Analysis", 20.0, "Value Proposition", 50.0, "Id. Decision Makers", 60.0, "Perception Analysis", 70.0,
            "Proposal/Price Quote", 75.0, "Negotiation/Review", 90.0, "Closed Won", 100.0, "Closed Lost", 0.0);

    private DerivedFields() {
    }

    /**
     * Fills the derived fields of {@code values} (the record as it will be saved).
     *
     * @param before the record before the write, null for a create
     */
    static void apply(OrgView org, String type, Map<String, Object> values, Map<String, Object> before, Instant now) {
        switch (type) {
            case "Contact", "Lead", "User" -> values.put("Name", fullName(values));
            case "Task" -> deriveTask(org, values, before, now);
            case "Opportunity" -> deriveOpportunity(values, before);
            case "PushTopic" -> values.put("NotifyForOperations", notifyForOperations(values));
            default -> {
                // nothing derived
            }
        }
    }

    private static String fullName(Map<String, Object> values) {
        String first = (String) values.get("FirstName");
        String last = (String) values.get("LastName");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return name.isEmpty() ? null : name;
    }

    private static void deriveTask(OrgView org, Map<String, Object> values, Map<String, Object> before, Instant now) {
        boolean closed = StandardObjects.CLOSED_TASK_STATUSES.contains(values.get("Status"));
        values.put("IsClosed", closed);
        values.put("IsHighPriority", "High".equals(values.get("Priority")));
        boolean wasClosed = before != null && Boolean.TRUE.equals(before.get("IsClosed"));
        if (closed && !wasClosed) {
            values.put("CompletedDateTime", now);
        } else if (!closed) {
            values.put("CompletedDateTime", null);
        }
        values.put("AccountId", taskAccount(org, values));
    }

    /** The Account of the WhatId (an Account, or an Opportunity's Account), else of a Contact WhoId. */
    private static String taskAccount(OrgView org, Map<String, Object> values) {
        String whatId = (String) values.get("WhatId");
        if (whatId != null) {
            StoredRecord what = org.find(whatId).orElse(null);
            if (what != null && what.type().equals("Account")) {
                return what.id();
            }
            if (what != null && what.type().equals("Opportunity") && what.get("AccountId") != null) {
                return (String) what.get("AccountId");
            }
        }
        String whoId = (String) values.get("WhoId");
        if (whoId != null) {
            StoredRecord who = org.find(whoId).orElse(null);
            if (who != null && who.type().equals("Contact")) {
                return (String) who.get("AccountId");
            }
        }
        return null;
    }

    /**
     * What a client of API 28.0 and earlier sees of the operations a topic is notified for: that
     * field only knew creates and updates, so {@code Extended} means neither (Streaming API
     * "Events": NotifyForOperations values All, Create, Update, Extended).
     */
    private static String notifyForOperations(Map<String, Object> values) {
        boolean create = !Boolean.FALSE.equals(values.get("NotifyForOperationCreate"));
        boolean update = !Boolean.FALSE.equals(values.get("NotifyForOperationUpdate"));
        if (create && update) {
            return "All";
        }
        return create ? "Create" : update ? "Update" : "Extended";
    }

    private static void deriveOpportunity(Map<String, Object> values, Map<String, Object> before) {
        Object stage = values.get("StageName");
        values.put("IsClosed", "Closed Won".equals(stage) || "Closed Lost".equals(stage));
        values.put("IsWon", "Closed Won".equals(stage));
        boolean stageChanged = before == null || !Objects.equals(before.get("StageName"), stage);
        boolean probabilityGiven = before == null
                ? values.get("Probability") != null
                : !Objects.equals(before.get("Probability"), values.get("Probability"));
        if (stageChanged && !probabilityGiven && STAGE_PROBABILITY.containsKey(stage)) {
            values.put("Probability", STAGE_PROBABILITY.get(stage));
        }
    }
}
