package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Task an activity becomes (rule 3 of the issue) and the activity attribute fields (rule 5):
 * every field read back from the org, templates filled, cut to Salesforce's lengths, the date in
 * the rep's time zone; a field the integration user may not edit is left out, named, and counted.
 */
class ActivityTaskFlowTest extends ActivityFlowTest {

    private static final String LEFT_OUT = "sas.activities.fields.left.out";

    @Autowired
    MeterRegistry meters;

    @Test
    void anEmailBecomesACompletedEmailTaskOwnedByTheRepDatedInTheRepsTimeZone() {
        // Riley works in Europe/Berlin: 23:30 UTC is already the next day there
        JsonNode activity = log(activity("email", RILEY, bySalesforceId(BOB_CONTACT), "subject", "Our quote",
                "body", "Hello Bob,\nthe quote is attached.", "occurredAt", "2026-11-23T23:30:00Z"));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> {
            assertThat(task.get("TaskSubtype").asText()).isEqualTo("Email");
            assertThat(task.get("Type").asText()).isEqualTo("Email");
            assertThat(task.get("Status").asText()).isEqualTo("Completed");
            assertThat(task.get("ActivityDate").asText()).isEqualTo("2026-11-24");
            assertThat(task.get("OwnerId").asText()).isEqualTo(RILEY_USER);
            assertThat(task.get("WhoId").asText()).isEqualTo(BOB_CONTACT);
            assertThat(task.get("WhatId").isNull()).isTrue();
            assertThat(task.get("Subject").asText()).isEqualTo("Our quote");
            assertThat(task.get("Description").asText()).isEqualTo("Hello Bob,\nthe quote is attached.");
        });
        assertThat(activity.get("loggedAt").isNull()).isFalse();
        assertThat(activity.get("reason").isNull()).isTrue();
    }

    @Test
    void theDateIsTheRepsDayWestOfUtcToo() {
        TestRep rep = newRep("West", "America/Los_Angeles");

        JsonNode activity = log(activity("reply", rep.email(), bySalesforceId(BOB_CONTACT),
                "occurredAt", "2026-11-24T05:30:00Z"));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> {
            assertThat(task.get("ActivityDate").asText()).isEqualTo("2026-11-23");
            assertThat(task.get("Type").asText()).isEqualTo("Reply");
            assertThat(task.get("TaskSubtype").asText()).isEqualTo("Email");
            assertThat(task.get("OwnerId").asText()).isEqualTo(rep.userId());
        });
    }

    @Test
    void subjectAndDescriptionComeFromTheRepsTemplatesWithEveryDynamicField() {
        TestRep rep = newRep("Tina", "UTC");
        overrideSettings(rep,
                "subjectTemplate", "{{activity_type}}: {{activity_subject}} [{{sales_campaign_name}} day {{sales_campaign_day}}"
                        + " step {{sales_campaign_step}}]",
                "descriptionTemplate", "Outcome: {{call_outcome}}\nReason: {{call_reason}}\n{{activity_body}}");

        JsonNode activity = log(activity("call", rep.email(), bySalesforceId(BOB_CONTACT), "subject", "Intro call",
                "body", "Talked about pricing.", "campaign", object("name", "Q4 Push", "day", 3, "step", 2),
                "call", object("outcome", "Connected", "reason", "Follow-up")));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> {
            assertThat(task.get("Subject").asText()).isEqualTo("Call: Intro call [Q4 Push day 3 step 2]");
            assertThat(task.get("Description").asText()).isEqualTo("Outcome: Connected\nReason: Follow-up\nTalked about pricing.");
            assertThat(task.get("TaskSubtype").asText()).isEqualTo("Call");
            assertThat(task.get("Sales_Campaign__c").asText()).isEqualTo("Q4 Push");
        });
    }

    @Test
    void theSubjectIsOneLineOfAtMost255CharactersAndTheDescriptionAtMost32000() {
        TestRep rep = newRep("Long", "UTC");
        overrideSettings(rep, "subjectTemplate", "{{activity_subject}} {{activity_body}}");
        // every kind of line break: CR LF, NEL, vertical tab, form feed, line and paragraph separators
        String body = "first line\r\nsecond line\u0085third\u000Bfourth\u000Cfifth\u2028sixth\u2029seventh\n"
                + "x".repeat(40_000);

        JsonNode activity = log(activity("email", rep.email(), bySalesforceId(BOB_CONTACT), "subject", "Long one",
                "body", body));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> {
            String subject = task.get("Subject").asText();
            assertThat(subject).hasSize(255).startsWith("Long one first line second line third fourth fifth sixth seventh xxx")
                    .doesNotContain("\n", "\r", "\u0085", "\u000B", "\u000C", "\u2028", "\u2029");
            assertThat(task.get("Description").asText()).hasSize(32_000).startsWith("first line\r\nsecond line");
        });
    }

    @Test
    void includeBodyOffLeavesTheBodyOutOfTheDescription() {
        TestRep rep = newRep("Quiet", "UTC");
        overrideSettings(rep, "includeBody", false, "descriptionTemplate", "Sent by the product. {{activity_body}}");

        JsonNode activity = log(activity("email", rep.email(), bySalesforceId(BOB_CONTACT), "body", "Secret pricing"));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task ->
                assertThat(task.get("Description").asText()).isEqualTo("Sent by the product."));
    }

    @Test
    void attributeFieldsLandOnTheTaskAndOnTheContactAccountAndOpportunity() {
        TestRep rep = newRep("Attr", "UTC");
        overrideSettings(rep, "logAgainst", "each_open_opportunity");
        String account = newAccount("Attribute Corp");
        String contact = newContact(uniqueEmail("attr"), account);
        String opportunity = newOpportunity(account, "Prospecting", contact);

        JsonNode activity = log(activity("email", rep.email(), bySalesforceId(contact),
                "occurredAt", "2026-11-23T10:30:00Z", "campaign", object("name", "Winter"),
                "attributes", object("opened", true, "clicked", false, "replied", true)));

        assertState(activity, "logged");
        assertThat(activity.get("fieldsLeftOut")).isEmpty();
        assertThat(tasks(activity)).singleElement().satisfies(task -> {
            assertThat(task.get("WhatId").asText()).isEqualTo(opportunity);
            assertThat(task.get("Sales_Campaign__c").asText()).isEqualTo("Winter");
            assertThat(task.get("Email_Opened__c").asBoolean()).isTrue();
            assertThat(task.get("Email_Clicked__c").asBoolean()).isFalse();
            assertThat(task.get("Email_Replied__c").asBoolean()).isTrue();
        });
        String expected = "2026-11-23T10:30:00.000+0000";
        assertThat(lastSalesActivity("Contact", contact)).isEqualTo(expected);
        assertThat(lastSalesActivity("Account", account)).isEqualTo(expected);
        assertThat(lastSalesActivity("Opportunity", opportunity)).isEqualTo(expected);
    }

    @Test
    void anOlderActivityLoggedLaterNeverMovesTheLastSalesActivityBack() {
        TestRep rep = newRep("Order", "UTC");
        overrideSettings(rep, "logAgainst", "each_open_opportunity");
        String account = newAccount("Order Corp");
        String contact = newContact(uniqueEmail("order"), account);
        String opportunity = newOpportunity(account, "Prospecting", contact);

        // e.g. an activity retried after a temporary failure, or captured late
        assertState(log(activity("email", rep.email(), bySalesforceId(contact), "occurredAt", "2026-11-23T10:30:00Z")), "logged");
        assertState(log(activity("call", rep.email(), bySalesforceId(contact), "occurredAt", "2026-11-20T08:00:00Z")), "logged");

        for (String[] record : new String[][] {{"Contact", contact}, {"Account", account}, {"Opportunity", opportunity}}) {
            assertThat(lastSalesActivity(record[0], record[1])).as(record[0]).isEqualTo("2026-11-23T10:30:00.000+0000");
        }

        assertState(log(activity("reply", rep.email(), bySalesforceId(contact), "occurredAt", "2026-11-25T09:00:00Z")), "logged");

        for (String[] record : new String[][] {{"Contact", contact}, {"Account", account}, {"Opportunity", opportunity}}) {
            assertThat(lastSalesActivity(record[0], record[1])).as(record[0]).isEqualTo("2026-11-25T09:00:00.000+0000");
        }
    }

    @Test
    void aLeadGetsItsLastSalesActivityToo() {
        TestRep rep = newRep("Leader", "UTC");
        String lead = newLead(uniqueEmail("lead.attr"));

        JsonNode activity = log(activity("email", rep.email(), bySalesforceId(lead), "occurredAt", "2026-11-20T08:00:00Z"));

        assertState(activity, "logged");
        assertThat(lastSalesActivity("Lead", lead)).isEqualTo("2026-11-20T08:00:00.000+0000");
    }

    @Test
    void anAttributeValueTheFieldCannotTakeIsLeftOutAndTheActivityStillLogged() {
        TestRep rep = newRep("Typo", "UTC");
        double before = leftOutCount("Task.Email_Opened__c");

        JsonNode activity = log(activity("email", rep.email(), bySalesforceId(BOB_CONTACT),
                "attributes", object("opened", "yes", "clicked", "TRUE", "replied", false)));

        assertState(activity, "logged");
        assertThat(texts(activity.get("fieldsLeftOut"))).containsExactly("Task.Email_Opened__c");
        assertThat(tasks(activity)).singleElement().satisfies(task -> {
            assertThat(task.get("Email_Opened__c").asBoolean()).isFalse();
            assertThat(task.get("Email_Clicked__c").asBoolean()).isTrue();
        });
        assertThat(leftOutCount("Task.Email_Opened__c")).isEqualTo(before + 1);
    }

    @Test
    void aTaskFieldTheIntegrationUserMayNotEditIsLeftOutNamedAndCounted() {
        TestRep rep = newRep("Fls", "UTC");
        double before = leftOutCount("Task.Email_Opened__c");
        salesforce.admin().setFieldEditable("Task", "Email_Opened__c", false);
        try {
            JsonNode activity = log(activity("email", rep.email(), bySalesforceId(BOB_CONTACT),
                    "attributes", object("opened", true, "clicked", true)));

            assertState(activity, "logged");
            assertThat(texts(activity.get("fieldsLeftOut"))).containsExactly("Task.Email_Opened__c");
            assertThat(tasks(activity)).singleElement().satisfies(task -> {
                assertThat(task.get("Email_Opened__c").asBoolean()).isFalse();
                assertThat(task.get("Email_Clicked__c").asBoolean()).isTrue();
            });
            assertThat(leftOutCount("Task.Email_Opened__c")).isEqualTo(before + 1);
        } finally {
            salesforce.admin().setFieldEditable("Task", "Email_Opened__c", true);
        }
    }

    @Test
    void aContactFieldTheIntegrationUserMayNotEditIsLeftOutWhileTheOthersAreWritten() {
        TestRep rep = newRep("FlsContact", "UTC");
        String account = newAccount("Guarded Corp");
        String contact = newContact(uniqueEmail("guarded"), account);
        double before = leftOutCount("Contact.Last_Sales_Activity__c");
        salesforce.admin().setFieldEditable("Contact", "Last_Sales_Activity__c", false);
        try {
            JsonNode activity = log(activity("email", rep.email(), bySalesforceId(contact)));

            assertState(activity, "logged");
            assertThat(texts(activity.get("fieldsLeftOut"))).containsExactly("Contact.Last_Sales_Activity__c");
            assertThat(tasks(activity)).hasSize(1);
            assertThat(lastSalesActivity("Contact", contact)).isNull();
            assertThat(lastSalesActivity("Account", account)).isEqualTo("2026-11-23T10:30:00.000+0000");
            assertThat(leftOutCount("Contact.Last_Sales_Activity__c")).isEqualTo(before + 1);
        } finally {
            salesforce.admin().setFieldEditable("Contact", "Last_Sales_Activity__c", true);
        }
    }

    private String lastSalesActivity(String sObject, String id) {
        JsonNode row = org().query("SELECT Last_Sales_Activity__c FROM " + sObject + " WHERE Id = '" + id + "'").get(0);
        JsonNode value = row.get("Last_Sales_Activity__c");
        return value.isNull() ? null : value.asText();
    }

    private double leftOutCount(String field) {
        Counter counter = meters.find(LEFT_OUT).tag("field", field).counter();
        return counter == null ? 0 : counter.count();
    }
}
