package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static io.salesactivitysync.ApiClient.uniqueSalesforceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.sandbox.salesforce.admin.InjectedFault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * "Why isn't my activity syncing?" (rule 9 of the issue): /api/diagnostics/reps/{id} and
 * /api/diagnostics/people/{id} answer the seed's questions from what Salesforce says now:
 * connected?, settings on?, what the person's Salesforce id and address resolve to, which activity
 * fields the integration user cannot edit, the latest problems.
 */
class DiagnosticsFlowTest extends ActivityFlowTest {

    @Test
    void aConnectedRepWithEverythingOnPassesEveryCheck() {
        TestRep rep = newRep("Fine", "UTC");

        JsonNode answer = diagnoseRep(rep.id());

        assertThat(answer.at("/rep/email").asText()).isEqualTo(rep.email());
        assertThat(answer.at("/connected/ok").asBoolean()).as(answer.toPrettyString()).isTrue();
        assertThat(answer.at("/connected/finding").asText()).contains(rep.userId());
        assertThat(answer.at("/loggingSettings/ok").asBoolean()).isTrue();
        assertThat(answer.at("/activityFields/ok").asBoolean()).isTrue();
        assertThat(answer.at("/salesforce/ok").asBoolean()).isTrue();
        assertThat(answer.get("lastProblems")).isEmpty();
    }

    @Test
    void aRepThatCannotLogIsToldWhyWithItsLatestProblems() {
        String missing = uniqueSalesforceId("005");
        Response created = api.post("/api/reps", object("email", uniqueEmail("broken"), "name", "Bro Ken", "timeZone", "UTC",
                "salesforceUserId", missing));
        assertThat(created.status()).isEqualTo(201);
        long rep = created.json().get("id").asLong();
        String email = created.json().get("email").asText();
        assertThat(api.put("/api/reps/" + rep + "/settings", object("logCalls", false)).status()).isEqualTo(200);
        JsonNode call = log(activity("call", email, bySalesforceId(BOB_CONTACT)));
        JsonNode mail = log(activity("email", email, bySalesforceId(BOB_CONTACT)));

        JsonNode answer = diagnoseRep(rep);

        assertThat(answer.at("/connected/ok").asBoolean()).as(answer.toPrettyString()).isFalse();
        assertThat(answer.at("/connected/finding").asText()).contains("no Salesforce user has the id " + missing);
        assertThat(answer.at("/loggingSettings/ok").asBoolean()).isFalse();
        assertThat(answer.at("/loggingSettings/finding").asText()).contains("logCalls").doesNotContain("logEmailsViaApi");
        assertThat(answer.get("lastProblems")).extracting(problem -> problem.get("activityId").asLong())
                .containsExactly(mail.get("id").asLong(), call.get("id").asLong());
        assertThat(answer.at("/lastProblems/0/reason").asText()).startsWith("rep is not connected to Salesforce");
        assertThat(answer.at("/lastProblems/1/reason").asText()).contains("logCalls");
    }

    @Test
    void aRepIsCheckedAgainstSalesforceNowNotAsLastStored() {
        String email = uniqueEmail("later");
        Response created = api.post("/api/reps", object("email", email, "name", "Late Comer", "timeZone", "UTC"));
        long rep = created.json().get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/reps/" + rep).json().at("/connection/checkedAt").isTextual());
        assertThat(diagnoseRep(rep).at("/connected/ok").asBoolean()).isFalse();

        // the admin creates the rep's user: diagnostics sees it at once, before the next scheduled check
        String user = newUser(email, true);

        JsonNode answer = diagnoseRep(rep);
        assertThat(answer.at("/connected/ok").asBoolean()).as(answer.toPrettyString()).isTrue();
        assertThat(answer.at("/connected/finding").asText()).contains(user).contains("email");
    }

    @Test
    void aPersonsSalesforceIdAndAddressAreResolvedNow() {
        String address = uniqueEmail("resolved");
        String contact = newContact(address, null);
        long person = createPerson("Res Olved", address, contact);

        JsonNode answer = diagnosePerson(person);

        assertThat(answer.at("/salesforceId/ok").asBoolean()).as(answer.toPrettyString()).isTrue();
        assertThat(answer.at("/salesforceId/finding").asText()).isEqualTo("resolves to the Contact " + contact);
        assertThat(answer.at("/email/ok").asBoolean()).isTrue();
        assertThat(answer.at("/email/finding").asText()).startsWith("1 Contact(s) have the address " + address);
        assertThat(answer.at("/email/details/contacts/0/id").asText()).isEqualTo(contact);
    }

    @Test
    void aPersonUnknownToSalesforceIsToldWhatThatMeans() {
        String address = uniqueEmail("unknown");
        long person = createPerson("Un Known", address, null);
        JsonNode unresolved = log(activity("email", RILEY, byId(person)));
        JsonNode call = log(activity("call", RILEY, byId(person)));
        assertState(unresolved, "unresolved");
        assertState(call, "not_logged");

        JsonNode answer = diagnosePerson(person);

        assertThat(answer.at("/salesforceId/ok").asBoolean()).as(answer.toPrettyString()).isFalse();
        assertThat(answer.at("/salesforceId/finding").asText()).contains("no Salesforce id").contains("calls");
        assertThat(answer.at("/email/ok").asBoolean()).isFalse();
        assertThat(answer.at("/email/finding").asText()).contains("no Contact or Lead has the address " + address);
        assertThat(answer.get("lastProblems")).extracting(problem -> problem.get("state").asText())
                .containsExactly("not_logged", "unresolved");
    }

    @Test
    void aPersonWhoseIdIsGoneButWhoseAddressIsALeadIsToldBoth() {
        String address = uniqueEmail("leadish");
        String lead = newLead(address);
        String gone = uniqueSalesforceId("003");
        long person = createPerson("Lee Dish", address, gone);

        JsonNode answer = diagnosePerson(person);

        assertThat(answer.at("/salesforceId/ok").asBoolean()).as(answer.toPrettyString()).isFalse();
        assertThat(answer.at("/salesforceId/finding").asText()).contains(gone);
        assertThat(answer.at("/email/ok").asBoolean()).isTrue();
        assertThat(answer.at("/email/finding").asText()).contains("1 Lead(s)");
        assertThat(answer.at("/email/details/leads/0/id").asText()).isEqualTo(lead);
    }

    @Test
    void activityFieldsTheIntegrationUserCannotEditAreNamed() {
        TestRep rep = newRep("Fields", "UTC");
        salesforce.admin().setFieldEditable("Opportunity", "Last_Sales_Activity__c", false);
        try {
            JsonNode answer = diagnoseRep(rep.id());

            assertThat(answer.at("/activityFields/ok").asBoolean()).as(answer.toPrettyString()).isFalse();
            assertThat(answer.at("/activityFields/finding").asText()).contains("Opportunity.Last_Sales_Activity__c");
            assertThat(answer.at("/activityFields/details").has("Opportunity.Last_Sales_Activity__c")).isTrue();
        } finally {
            salesforce.admin().setFieldEditable("Opportunity", "Last_Sales_Activity__c", true);
        }
        assertThat(diagnoseRep(rep.id()).at("/activityFields/ok").asBoolean()).isTrue();
    }

    @Test
    void whenSalesforceCannotBeAskedTheAnswerSaysSoAndStillHoldsWhatTheStoreKnows() {
        TestRep rep = newRep("Offline", "UTC");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/reps/" + rep.id()).json().at("/connection/checkedAt").isTextual());
        salesforce.admin().failNext(1, InjectedFault.SERVER_UNAVAILABLE);
        try {
            JsonNode answer = diagnoseRep(rep.id());

            assertThat(answer.at("/connected/finding").asText()).as(answer.toPrettyString())
                    .contains("could not be asked").contains("SERVER_UNAVAILABLE").contains("connected");
            assertThat(answer.at("/loggingSettings/ok").asBoolean()).isTrue();
        } finally {
            salesforce.admin().clearFaults();
        }
    }

    @Test
    void unknownIdsAre404() {
        assertThat(api.get("/api/diagnostics/reps/999999999").status()).isEqualTo(404);
        assertThat(api.get("/api/diagnostics/people/999999999").status()).isEqualTo(404);
    }

    private JsonNode diagnoseRep(long rep) {
        Response response = api.get("/api/diagnostics/reps/" + rep);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode diagnosePerson(long person) {
        Response response = api.get("/api/diagnostics/people/" + person);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long createPerson(String name, String email, String salesforceId) {
        java.util.Map<String, Object> person = object("name", name, "email", email);
        if (salesforceId != null) {
            person.put("salesforceId", salesforceId);
            person.put("type", salesforceId.startsWith("00Q") ? "lead" : "contact");
        }
        Response created = api.post("/api/people", person);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }
}
