package io.salesactivitysync.activity;

import io.salesactivitysync.store.ActivityKeys;
import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.toJson;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.FlowTest;
import io.salesactivitysync.SalesforceOrgClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The base of the activity-logging flow tests: activities go in through the REST API, the real
 * activity-logging route logs them to the Salesforce emulator, and the tests look at what really
 * is in the org (SOQL over HTTP) and at what {@code GET /api/activities/{id}} shows.
 *
 * <p>Each test makes its own rep (with a Salesforce User of its own) and its own Contacts, Leads
 * and Opportunities, so tests sharing one Spring context never see each other's settings or
 * matches. A test that must use a demo rep restores what it changes.
 */
public abstract class ActivityFlowTest extends FlowTest {

    /** The demo rep Riley (Europe/Berlin) and the demo org's records (README, "Salesforce emulator"). */
    protected static final String RILEY = "rep@sandbox.example";
    protected static final String RILEY_USER = "005000000000002AAA";
    protected static final String INTEGRATION_USER = "005000000000001AAA";
    protected static final String ALICE_CONTACT = "003000000000001AAA";
    protected static final String ALICE_EMAIL = "alice@acme.example";
    protected static final String ACME_ACCOUNT = "001000000000001AAA";
    protected static final String ACME_RENEWAL = "006000000000001AAA";
    protected static final String BOB_CONTACT = "003000000000002AAA";
    protected static final String CAROL_LEAD = "00Q000000000001EAA";

    protected static final String TASK_FIELDS = "Id, Subject, Description, Status, TaskSubtype, Type, ActivityDate, OwnerId,"
            + " WhoId, WhatId, Sales_Activity_Id__c, Sales_Campaign__c, Email_Opened__c, Email_Clicked__c, Email_Replied__c";
    protected static final Duration SETTLE = Duration.ofSeconds(60);

    private SalesforceOrgClient org;

    /** The org as the integration user sees it over the REST API. */
    protected SalesforceOrgClient org() {
        if (org == null) {
            org = new SalesforceOrgClient(salesforce.baseUrl());
        }
        return org;
    }

    /** Logs the test's own org client in again (after a test expired every session). */
    protected void forgetOrgSession() {
        org = null;
    }

    /** A rep of the product and the Salesforce User it is connected to. */
    protected record TestRep(long id, String email, String userId) {
    }

    /** A rep with an active Salesforce User of its own, mapped by salesforceUserId. */
    protected TestRep newRep(String name, String timeZone) {
        String email = uniqueEmail(name.toLowerCase(Locale.ROOT));
        String userId = newUser(email, true);
        Response created = api.post("/api/reps", object("email", email, "name", name, "timeZone", timeZone,
                "salesforceUserId", userId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new TestRep(created.json().get("id").asLong(), email, userId);
    }

    /** A Salesforce User (created as an admin would), active or not. */
    protected String newUser(String email, boolean active) {
        return org().create("User", toJson(object("Username", email, "LastName", "Tester", "Email", email,
                "Alias", "tst", "IsActive", active, "TimeZoneSidKey", "GMT", "LocaleSidKey", "en_US",
                "EmailEncodingKey", "UTF-8", "LanguageLocaleKey", "en_US")));
    }

    /** Replaces the rep's setting overrides. */
    protected void overrideSettings(TestRep rep, Object... keysAndValues) {
        Response response = api.put("/api/reps/" + rep.id() + "/settings", object(keysAndValues));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    protected String newAccount(String name) {
        return org().create("Account", toJson(object("Name", name)));
    }

    protected String newContact(String email, String accountId) {
        Map<String, Object> fields = object("LastName", "Contact " + email, "Email", email);
        if (accountId != null) {
            fields.put("AccountId", accountId);
        }
        return org().create("Contact", toJson(fields));
    }

    protected String newLead(String email) {
        return org().create("Lead", toJson(object("LastName", "Lead " + email, "Company", "Initrode", "Email", email)));
    }

    /** An Opportunity on the account, open unless the stage is a closed one, with the contact in a role. */
    protected String newOpportunity(String accountId, String stage, String contactId) {
        String opportunity = org().create("Opportunity", toJson(object("Name", "Deal " + UUID.randomUUID(),
                "AccountId", accountId, "StageName", stage, "CloseDate", "2027-03-31")));
        if (contactId != null) {
            org().create("OpportunityContactRole", toJson(object("OpportunityId", opportunity, "ContactId", contactId,
                    "Role", "Decision Maker")));
        }
        return opportunity;
    }

    /** An activity as a client posts it; its subject is unique, so it is never a duplicate of another test's. */
    protected static Map<String, Object> activity(String type, String repEmail, Map<String, Object> person, Object... more) {
        Map<String, Object> activity = new LinkedHashMap<>(object("type", type, "repEmail", repEmail, "person", person,
                "subject", "Subject " + UUID.randomUUID(), "body", "Hello, here is the quote.",
                "occurredAt", "2026-11-23T10:30:00Z"));
        activity.putAll(object(more));
        return activity;
    }

    protected static Map<String, Object> byEmail(String email) {
        return object("email", email);
    }

    protected static Map<String, Object> bySalesforceId(String id) {
        return object("salesforceId", id);
    }

    protected static Map<String, Object> byId(long id) {
        return object("id", id);
    }

    /** Posts the activity; it must be taken in (202). */
    protected JsonNode take(Map<String, Object> activity) {
        Response response = api.post("/api/activities", activity);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json();
    }

    /** Waits until the flow has decided the activity (anything but pending), and answers it. */
    protected JsonNode settled(long id) {
        return await("activity " + id + " settled").atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/activities/" + id).json(), json -> !"pending".equals(json.get("state").asText()));
    }

    /** Posts the activity and waits for the flow to decide it. */
    protected JsonNode log(Map<String, Object> activity) {
        return settled(take(activity).get("id").asLong());
    }

    /** The Tasks the activity says it is logged as, read from the org. */
    protected List<JsonNode> tasks(JsonNode activity) {
        List<String> ids = new ArrayList<>();
        activity.get("salesforceTaskIds").forEach(id -> ids.add(id.asText()));
        if (ids.isEmpty()) {
            return List.of();
        }
        return org().query("SELECT " + TASK_FIELDS + " FROM Task WHERE Id IN ("
                + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")) + ")");
    }

    /** Every Task in the org that carries the activity's key (however many times it was written). */
    protected List<JsonNode> tasksWithKeyOf(JsonNode activity) {
        String prefix = "sas1:" + ActivityKeys.sha256(activity.get("activityKey").asText()).substring(0, 24) + ":";
        return org().query("SELECT " + TASK_FIELDS + " FROM Task WHERE Sales_Activity_Id__c LIKE '" + prefix + "%'");
    }

    /** The Tasks whose WhoId is the record. */
    protected List<JsonNode> tasksOf(String whoId) {
        return org().query("SELECT " + TASK_FIELDS + " FROM Task WHERE WhoId = '" + whoId + "'");
    }

    protected static void assertState(JsonNode activity, String state) {
        assertThat(activity.get("state").asText()).as(activity.toPrettyString()).isEqualTo(state);
    }

    protected static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
