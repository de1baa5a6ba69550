package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.sandbox.salesforce.admin.InjectedFault;
import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.OrgChangeListener;
import io.salesactivitysync.store.ActivityKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The same activities logged through either sas.activity.call-style end the same way: the same
 * Tasks (external id, WhoId, WhatId), a field Salesforce refuses left out and named, a temporary
 * error redelivered without a Task twice. Only the API calls differ, and each subclass says how
 * many a small batch costs: {@link ActivityBatchedCallsFlowTest} (the product) and
 * {@link ActivityOneCallPerRecordFlowTest} (the benchmark's naive baseline).
 */
abstract class ActivityCallStyleFlowTest extends ActivityFlowTest {

    @Autowired
    OrgFieldAccess fieldAccess;

    private final List<OrgChangeListener> listeners = new ArrayList<>();

    /** The API calls by kind (the emulator's counter, logins left out) a batch of {@link #threeActivities} costs. */
    protected abstract Map<String, Long> callsForThreeActivities();

    @BeforeEach
    void preflightDone() {
        await("preflight done").atMost(Duration.ofSeconds(60)).until(fieldAccess::ready);
    }

    @AfterEach
    void stopListening() {
        listeners.forEach(salesforce::removeChangeListener);
        listeners.clear();
        salesforce.admin().clearFaults();
    }

    /** A contact at an account with an open opportunity, and a lead. */
    private record People(String contactEmail, String contact, String account, String opportunity, String lead) {
    }

    private People people() {
        String contactEmail = uniqueEmail("style.contact");
        String account = newAccount("Call Style Corp");
        String contact = newContact(contactEmail, account);
        String opportunity = newOpportunity(account, "Prospecting", contact);
        return new People(contactEmail, contact, account, opportunity, newLead(uniqueEmail("style.lead")));
    }

    private List<Map<String, Object>> threeActivities(TestRep rep, People people) {
        return List.of(
                activity("email", rep.email(), bySalesforceId(people.contact()), "attributes", object("opened", true)),
                activity("reply", rep.email(), byEmail(people.contactEmail()), "occurredAt", "2026-11-23T11:00:00Z"),
                activity("call", rep.email(), bySalesforceId(people.lead()), "call", object("outcome", "Connected")));
    }

    @Test
    void aSmallBatchEndsAsTheSameTasksAndCostsWhatItsCallStyleSays() {
        TestRep rep = newRep("Style", "UTC");
        overrideSettings(rep, "logAgainst", "each_open_opportunity");
        People people = people();
        awaitConnectionChecks();
        salesforce.admin().calls().reset();

        List<JsonNode> logged = logBatch(threeActivities(rep, people));
        // before the test's own queries
        Map<String, Long> calls = new HashMap<>(salesforce.admin().calls().snapshot());
        calls.remove("oauth");

        assertThat(calls).isEqualTo(callsForThreeActivities());
        assertTask(logged.get(0), people.contact(), people.opportunity());
        assertTask(logged.get(1), people.contact(), people.opportunity());
        assertTask(logged.get(2), people.lead(), null);
        assertThat(tasks(logged.get(0)).get(0).get("Email_Opened__c").asBoolean()).isTrue();
        for (String[] record : new String[][] {{"Contact", people.contact()}, {"Account", people.account()},
                {"Opportunity", people.opportunity()}}) {
            assertThat(lastSalesActivity(record[0], record[1])).as(record[0]).isEqualTo("2026-11-23T11:00:00.000+0000");
        }
        assertThat(lastSalesActivity("Lead", people.lead())).isEqualTo("2026-11-23T10:30:00.000+0000");
    }

    @Test
    void fieldsSalesforceRefusesAreLeftOutOfTheTaskAndTheRecordAndNamed() {
        TestRep rep = newRep("StyleFls", "UTC");
        People people = people();
        // after the preflight read them as writable: Salesforce refuses the write itself
        salesforce.admin().setFieldEditable("Task", "Email_Opened__c", false);
        salesforce.admin().setFieldEditable("Contact", "Last_Sales_Activity__c", false);
        try {
            JsonNode activity = log(activity("email", rep.email(), bySalesforceId(people.contact()),
                    "attributes", object("opened", true, "clicked", true)));

            assertState(activity, "logged");
            assertThat(texts(activity.get("fieldsLeftOut")))
                    .containsExactlyInAnyOrder("Task.Email_Opened__c", "Contact.Last_Sales_Activity__c");
            assertThat(tasks(activity)).singleElement().satisfies(task -> {
                assertThat(task.get("Email_Opened__c").asBoolean()).isFalse();
                assertThat(task.get("Email_Clicked__c").asBoolean()).isTrue();
            });
            assertThat(lastSalesActivity("Contact", people.contact())).isNull();
            assertThat(lastSalesActivity("Account", people.account())).isEqualTo("2026-11-23T10:30:00.000+0000");
        } finally {
            salesforce.admin().setFieldEditable("Task", "Email_Opened__c", true);
            salesforce.admin().setFieldEditable("Contact", "Last_Sales_Activity__c", true);
        }
    }

    @Test
    void aTemporaryErrorAfterTheFirstTaskIsRedeliveredAndNoTaskIsWrittenTwice() {
        TestRep rep = newRep("StyleBusy", "UTC");
        People people = people();
        awaitConnectionChecks();
        // the moment the rep's first Task is in, Salesforce is busy for the next two calls
        AtomicBoolean armed = new AtomicBoolean(true);
        listen(transaction -> {
            if (transaction.stream().anyMatch(change -> change.changeType() == ChangeType.CREATE
                    && change.entityName().equals("Task") && rep.userId().equals(change.fields().get("OwnerId")))
                    && armed.getAndSet(false)) {
                salesforce.admin().failNext(2, InjectedFault.SERVER_UNAVAILABLE);
            }
        });

        List<JsonNode> logged = logBatch(threeActivities(rep, people));

        assertThat(armed).as("a Task was written").isFalse();
        assertThat(salesforce.admin().faultState().get("failNext")).as("both failures were met").isEqualTo(0);
        for (JsonNode activity : logged) {
            assertState(activity, "logged");
            assertThat(activity.get("attempts").asInt()).as("redelivered, not rescheduled").isZero();
            assertThat(tasksWithKeyOf(activity)).hasSize(1);
        }
        assertThat(org().query("SELECT Id FROM Task WHERE OwnerId = '" + rep.userId() + "'")).hasSize(3);
    }

    private List<JsonNode> logBatch(List<Map<String, Object>> activities) {
        Response batch = api.post("/api/activities/batch", object("activities", activities));
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);
        List<JsonNode> settled = new ArrayList<>();
        batch.json().get("items").forEach(item -> settled.add(settled(item.get("id").asLong())));
        return settled;
    }

    private void assertTask(JsonNode activity, String whoId, String whatId) {
        assertState(activity, "logged");
        String externalId = ActivityKeys.taskExternalId(activity.get("activityKey").asText(), whoId, whatId);
        assertThat(tasksWithKeyOf(activity)).singleElement().satisfies(task -> {
            assertThat(task.get("Sales_Activity_Id__c").asText()).isEqualTo(externalId);
            assertThat(task.get("WhoId").asText()).isEqualTo(whoId);
            assertThat(task.get("WhatId").isNull() ? null : task.get("WhatId").asText()).isEqualTo(whatId);
            assertThat(texts(activity.get("salesforceTaskIds"))).containsExactly(task.get("Id").asText());
        });
    }

    /** Nothing else may call Salesforce meanwhile: the new rep's scheduled connection check first. */
    private void awaitConnectionChecks() {
        await("connection checks done").atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM reps WHERE connection_checked_at IS NULL").query(Long.class).single() == 0);
    }

    private void listen(OrgChangeListener listener) {
        listeners.add(listener);
        salesforce.addChangeListener(listener);
    }

    private String lastSalesActivity(String sObject, String id) {
        JsonNode value = org().query("SELECT Last_Sales_Activity__c FROM " + sObject + " WHERE Id = '" + id + "'")
                .get(0).get("Last_Sales_Activity__c");
        return value.isNull() ? null : value.asText();
    }
}
