package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static io.salesactivitysync.ApiClient.uniqueSalesforceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which Salesforce records an activity is logged against (rules 1 and 2 of the issue): the
 * person's Salesforce id first, then the address (Contact before Lead, several matches decided by
 * the rep's multipleMatches), a call by Salesforce id only; the Opportunities by the rep's
 * logAgainst. Every case checks the Tasks really in the org.
 */
class ActivityMatchingFlowTest extends ActivityFlowTest {

    @Test
    void anEmailIsMatchedByThePersonsSalesforceIdBeforeTheirAddress() {
        TestRep rep = newRep("Ida", "UTC");
        String address = uniqueEmail("ida.buyer");
        String contactOfTheAddress = newContact(address, null);
        String contactOfTheId = newContact(uniqueEmail("elsewhere"), null);
        long person = createPerson(address, contactOfTheId);

        JsonNode activity = log(activity("email", rep.email(), byId(person)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> assertThat(task.get("WhoId").asText()).isEqualTo(contactOfTheId));
        assertThat(tasksOf(contactOfTheAddress)).isEmpty();
        assertThat(activity.at("/matching/person/matchedBy").asText()).isEqualTo("salesforce_id");
        assertThat(activity.get("personId").asLong()).isEqualTo(person);
    }

    @Test
    void aSalesforceIdNoRecordHasFallsBackToTheAddress() {
        TestRep rep = newRep("Ivo", "UTC");
        String address = uniqueEmail("ivo.buyer");
        String contact = newContact(address, null);
        String gone = uniqueSalesforceId("003");
        long person = createPerson(address, gone);

        JsonNode activity = log(activity("email", rep.email(), byId(person)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).extracting(task -> task.get("WhoId").asText()).containsExactly(contact);
        assertThat(activity.at("/matching/person/matchedBy").asText()).isEqualTo("email");
        assertThat(activity.at("/matching/person/reason").asText()).contains(gone);
    }

    @Test
    void anAddressOfAContactAndALeadIsLoggedAgainstTheContact() {
        TestRep rep = newRep("Jo", "UTC");
        String address = uniqueEmail("both");
        String lead = newLead(address);
        String contact = newContact(address, null);

        JsonNode activity = log(activity("reply", rep.email(), byEmail(address)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).extracting(task -> task.get("WhoId").asText()).containsExactly(contact);
        assertThat(tasksOf(lead)).isEmpty();
        assertThat(activity.at("/matching/person/recordType").asText()).isEqualTo("Contact");
    }

    @Test
    void anAddressOfALeadOnlyIsLoggedAgainstTheLead() {
        TestRep rep = newRep("Kai", "UTC");
        String address = uniqueEmail("lead.only");
        String lead = newLead(address);

        JsonNode activity = log(activity("email", rep.email(), byEmail(address.toUpperCase())));

        assertState(activity, "logged");
        assertThat(tasks(activity)).extracting(task -> task.get("WhoId").asText()).containsExactly(lead);
        assertThat(activity.at("/matching/person/recordType").asText()).isEqualTo("Lead");
    }

    @Test
    void severalContactsWithTheAddressAreAllLoggedAgainstByDefault() {
        TestRep rep = newRep("Lea", "UTC");
        String address = uniqueEmail("shared");
        String first = newContact(address, null);
        String second = newContact(address, null);

        JsonNode activity = log(activity("email", rep.email(), byEmail(address)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).extracting(task -> task.get("WhoId").asText()).containsExactlyInAnyOrder(first, second);
        assertThat(texts(activity.at("/matching/person/candidates"))).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void severalContactsWithTheAddressAndMultipleMatchesOldestLogsAgainstTheFirstCreated() {
        TestRep rep = newRep("Max", "UTC");
        overrideSettings(rep, "multipleMatches", "oldest");
        String address = uniqueEmail("shared");
        String oldest = newContact(address, null);
        salesforce.admin().advanceClock(java.time.Duration.ofSeconds(2));
        String newer = newContact(address, null);

        JsonNode activity = log(activity("email", rep.email(), byEmail(address)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).extracting(task -> task.get("WhoId").asText()).containsExactly(oldest);
        assertThat(tasksOf(newer)).isEmpty();
    }

    @Test
    void severalContactsWithTheAddressAndMostRecentlyActiveLogsAgainstTheLatestModified() {
        TestRep rep = newRep("Noa", "UTC");
        overrideSettings(rep, "multipleMatches", "most_recently_active");
        String address = uniqueEmail("shared");
        String older = newContact(address, null);
        salesforce.admin().advanceClock(java.time.Duration.ofSeconds(2));
        String newer = newContact(address, null);
        salesforce.admin().advanceClock(java.time.Duration.ofSeconds(2));
        org().update("Contact", older, "{\"LastName\":\"Called Back\"}");

        JsonNode activity = log(activity("email", rep.email(), byEmail(address)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).extracting(task -> task.get("WhoId").asText()).containsExactly(older);
        assertThat(tasksOf(newer)).isEmpty();
    }

    @Test
    void aCallIsLoggedAgainstThePersonsSalesforceId() {
        TestRep rep = newRep("Ola", "UTC");
        String contact = newContact(uniqueEmail("callee"), null);

        JsonNode activity = log(activity("call", rep.email(), bySalesforceId(contact),
                "call", object("outcome", "Connected", "reason", "Follow-up")));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> {
            assertThat(task.get("WhoId").asText()).isEqualTo(contact);
            assertThat(task.get("TaskSubtype").asText()).isEqualTo("Call");
            assertThat(task.get("Type").asText()).isEqualTo("Call");
        });
    }

    @Test
    void aCallToAPersonWithoutSalesforceIdIsNotLoggedEvenWhenTheAddressMatches() {
        TestRep rep = newRep("Pia", "UTC");
        String address = uniqueEmail("no.id");
        String contact = newContact(address, null);

        JsonNode byAddress = log(activity("call", rep.email(), byEmail(address)));
        long localPerson = createPerson(uniqueEmail("dan.like"), null);
        JsonNode byLocalPerson = log(activity("call", rep.email(), byId(localPerson)));

        for (JsonNode activity : List.of(byAddress, byLocalPerson)) {
            assertState(activity, "not_logged");
            assertThat(activity.get("reason").asText()).startsWith("person has no Salesforce ID");
            assertThat(activity.get("salesforceTaskIds")).isEmpty();
        }
        assertThat(tasksOf(contact)).isEmpty();
    }

    @Test
    void aCallWhoseSalesforceIdNoRecordHasIsUnresolvedNotMatchedByAddress() {
        TestRep rep = newRep("Quin", "UTC");
        String address = uniqueEmail("stale");
        String contact = newContact(address, null);
        long person = createPerson(address, uniqueSalesforceId("003"));

        JsonNode activity = log(activity("call", rep.email(), byId(person)));

        assertState(activity, "unresolved");
        assertThat(activity.get("reason").asText()).contains("a call is matched by Salesforce id only");
        assertThat(tasksOf(contact)).isEmpty();
    }

    @Test
    void anAddressNoContactOrLeadHasIsUnresolvedSayingSo() {
        TestRep rep = newRep("Rui", "UTC");
        String address = uniqueEmail("nobody");

        JsonNode activity = log(activity("email", rep.email(), byEmail(address)));

        assertState(activity, "unresolved");
        assertThat(activity.get("reason").asText()).isEqualTo("no Contact or Lead in Salesforce has the address " + address);
        assertThat(activity.get("error").isNull()).isTrue();
    }

    @Test
    void personOnlyLogsOneTaskWithoutOpportunity() {
        TestRep rep = newRep("Sia", "UTC");
        overrideSettings(rep, "logAgainst", "person_only");

        JsonNode activity = log(activity("email", rep.email(), bySalesforceId(ALICE_CONTACT)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> {
            assertThat(task.get("WhoId").asText()).isEqualTo(ALICE_CONTACT);
            assertThat(task.get("WhatId").isNull()).isTrue();
        });
    }

    @Test
    void eachOpenOpportunityLogsOneTaskPerOpenOpportunityTheContactHasARoleOn() {
        TestRep rep = newRep("Tom", "UTC");
        overrideSettings(rep, "logAgainst", "each_open_opportunity");
        String account = newAccount("Each Corp");
        String contact = newContact(uniqueEmail("each"), account);
        String open = newOpportunity(account, "Prospecting", contact);
        String alsoOpen = newOpportunity(account, "Negotiation/Review", contact);
        newOpportunity(account, "Closed Won", contact);
        newOpportunity(account, "Prospecting", null);

        JsonNode activity = log(activity("email", rep.email(), bySalesforceId(contact)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).allSatisfy(task -> assertThat(task.get("WhoId").asText()).isEqualTo(contact))
                .extracting(task -> task.get("WhatId").asText()).containsExactlyInAnyOrder(open, alsoOpen);
        assertThat(texts(activity.at("/matching/opportunities/recordIds"))).containsExactlyInAnyOrder(open, alsoOpen);
    }

    @Test
    void latestOpenOpportunityLogsOneTaskOnTheMostRecentlyModified() {
        TestRep rep = newRep("Uma", "UTC");
        overrideSettings(rep, "logAgainst", "latest_open_opportunity");
        String account = newAccount("Latest Corp");
        String contact = newContact(uniqueEmail("latest"), account);
        String first = newOpportunity(account, "Prospecting", contact);
        salesforce.admin().advanceClock(java.time.Duration.ofSeconds(2));
        newOpportunity(account, "Qualification", contact);
        salesforce.admin().advanceClock(java.time.Duration.ofSeconds(2));
        org().update("Opportunity", first, "{\"StageName\":\"Needs Analysis\"}");

        JsonNode activity = log(activity("email", rep.email(), bySalesforceId(contact)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> {
            assertThat(task.get("WhoId").asText()).isEqualTo(contact);
            assertThat(task.get("WhatId").asText()).isEqualTo(first);
        });
    }

    @Test
    void aContactWithoutOpenOpportunityAndALeadAreLoggedWithoutOpportunity() {
        TestRep rep = newRep("Vic", "UTC");
        overrideSettings(rep, "logAgainst", "each_open_opportunity");
        String account = newAccount("Closed Corp");
        String contact = newContact(uniqueEmail("closed"), account);
        newOpportunity(account, "Closed Lost", contact);

        JsonNode toContact = log(activity("email", rep.email(), bySalesforceId(contact)));
        JsonNode toLead = log(activity("email", rep.email(), bySalesforceId(CAROL_LEAD)));

        for (JsonNode activity : List.of(toContact, toLead)) {
            assertState(activity, "logged");
            assertThat(tasks(activity)).singleElement().satisfies(task -> assertThat(task.get("WhatId").isNull()).isTrue());
            assertThat(activity.at("/matching/opportunities/reason").asText()).isNotEmpty();
        }
    }

    @Test
    void anOrgDefaultAppliesToARepWithoutOverride() {
        TestRep rep = newRep("Wim", "UTC");
        JsonNode before = api.get("/api/settings").json();
        try {
            Response changed = api.put("/api/settings", withField(before, "logAgainst", "each_open_opportunity"));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);

            JsonNode activity = log(activity("email", rep.email(), bySalesforceId(ALICE_CONTACT)));

            assertState(activity, "logged");
            assertThat(tasks(activity)).extracting(task -> task.get("WhatId").asText()).containsExactly(ACME_RENEWAL);
        } finally {
            assertThat(api.put("/api/settings", before.toString()).status()).isEqualTo(200);
        }
    }

    private long createPerson(String email, String salesforceId) {
        java.util.Map<String, Object> person = object("name", "Pat Person", "email", email);
        if (salesforceId != null) {
            person.put("salesforceId", salesforceId);
            person.put("type", salesforceId.startsWith("00Q") ? "lead" : "contact");
        }
        Response created = api.post("/api/people", person);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static String withField(JsonNode settings, String field, String value) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = settings.deepCopy();
        copy.put(field, value);
        return copy.toString();
    }
}
