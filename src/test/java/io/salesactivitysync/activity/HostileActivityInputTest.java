package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the activity endpoints (rule 12 of the issue): each gets the JSON error naming
 * what is wrong, never a 500, and nothing is stored; the list's filters refuse what they cannot
 * read. The same tests run on H2 and PostgreSQL.
 */
class HostileActivityInputTest extends ActivityFlowTest {

    @Test
    void wrongJsonTypesAreNamed() {
        assertRefused(with("type", 5), "type");
        assertRefused(with("type", "meeting"), "type");
        assertRefused(with("occurredAt", "yesterday"), "occurredAt");
        assertRefused(with("occurredAt", "2026-11-23T10:30:00"), "occurredAt");
        assertRefused(with("person", "alice@acme.example"), "person");
        assertRefused(with("person", object("id", "one")), "person.id");
        assertRefused(with("subject", List.of("a", "b")), "subject");
        assertRefused(with("attributes", List.of("opened")), "attributes");
        assertRefused(with("campaign", object("name", "Q4", "day", "third")), "campaign.day");
    }

    @Test
    void unknownFieldsAreNamed() {
        assertRefused(with("priority", "high"), "priority");
        assertRefused(with("person", object("email", "alice@acme.example", "phone", "555")), "person.phone");
    }

    @Test
    void aMissingOrDoublyNamedPersonIsRefused() {
        Map<String, Object> missing = valid();
        missing.remove("person");
        assertRefused(missing, "person");
        assertRefused(with("person", object()), "person");
        assertRefused(with("person", object("email", "alice@acme.example", "salesforceId", ALICE_CONTACT)), "person");
        assertRefused(with("person", object("id", 1, "email", "alice@acme.example")), "person");
        assertRefused(with("person", object("salesforceId", ACME_ACCOUNT)), "person.salesforceId");
        assertRefused(with("person", object("email", "not an address")), "person.email");
    }

    @Test
    void callDetailsOnAnEmailAreRefused() {
        assertRefused(with("call", object("outcome", "Connected")), "call");
    }

    @Test
    void attributesHoldingObjectsOrListsAreRefused() {
        assertRefused(with("attributes", object("opened", object("at", "2026-11-23"))), "attributes.opened");
        assertRefused(with("attributes", object("clicked", List.of(1, 2))), "attributes.clicked");
        assertRefused(with("attributes", object("bad name!", true)), "attributes");
    }

    @Test
    void anAttributeNumberOutOfRangeIsRefusedNotTurnedIntoText() {
        String subject = "Huge " + UUID.randomUUID();
        Response response = api.post("/api/activities", "{\"type\":\"email\",\"repEmail\":\"" + RILEY + "\","
                + "\"person\":{\"email\":\"" + ALICE_EMAIL + "\"},\"subject\":\"" + subject + "\","
                + "\"occurredAt\":\"2026-11-23T10:30:00Z\",\"attributes\":{\"opened\":1e400}}");

        assertError(response, 400, "attributes.opened");
        assertThat(stored(subject)).isZero();
    }

    @Test
    void textThatCannotBeASubjectIsRefused() {
        assertRefused(with("subject", "two\nlines"), "subject");
        assertRefused(with("subject", " "), "subject");
        assertRefused(with("subject", "x".repeat(999)), "subject");
        assertRefused(with("repEmail", "rep@sandbox.example\r\nBcc: x@y.example"), "repEmail");
    }

    @Test
    void aBatchOf1001IsRefusedAndNothingIsStored() {
        String marker = UUID.randomUUID().toString();
        List<Map<String, Object>> activities = IntStream.range(0, 1001).mapToObj(i -> marked(marker, i)).toList();

        Response response = api.post("/api/activities/batch", object("activities", activities));

        assertError(response, 400, "activities");
        assertThat(stored(marker)).isZero();
    }

    @Test
    void anInvalidItemInABatchIsNamedByItsPlaceAndNothingIsStored() {
        String marker = UUID.randomUUID().toString();
        List<Map<String, Object>> activities = new ArrayList<>(IntStream.range(0, 6).mapToObj(i -> marked(marker, i)).toList());
        activities.get(3).put("subject", "");

        Response response = api.post("/api/activities/batch", object("activities", activities));

        assertError(response, 400, "activities[3].subject");
        assertThat(stored(marker)).isZero();
    }

    @Test
    void anEmptyBatchOrANullItemIsRefused() {
        assertError(api.post("/api/activities/batch", object("activities", List.of())), 400, "activities");
        assertError(api.post("/api/activities/batch", "{}"), 400, "activities");
        String marker = UUID.randomUUID().toString();
        List<Map<String, Object>> withNull = new ArrayList<>();
        withNull.add(marked(marker, 0));
        withNull.add(null);
        assertError(api.post("/api/activities/batch", object("activities", withNull)), 400, "activities[1]");
        assertThat(stored(marker)).isZero();
    }

    @Test
    void aBatchItemWithAnUnknownFieldIsNamedByItsPlace() {
        String marker = UUID.randomUUID().toString();
        List<Map<String, Object>> activities = new ArrayList<>(IntStream.range(0, 3).mapToObj(i -> marked(marker, i)).toList());
        activities.get(2).put("colour", "red");

        assertError(api.post("/api/activities/batch", object("activities", activities)), 400, "activities[2].colour");
        assertThat(stored(marker)).isZero();
    }

    @Test
    void badListFiltersAreRefused() {
        assertError(api.get("/api/activities?state=done"), 400, "state");
        assertError(api.get("/api/activities?state=LOGGED%27%20OR%201=1"), 400, "state");
        assertError(api.get("/api/activities?since=yesterday"), 400, "since");
        assertError(api.get("/api/activities?since=2026-11-23"), 400, "since");
        assertError(api.get("/api/activities?rep=abc"), 400, "rep");
        assertError(api.get("/api/activities?rep=-1"), 400, "rep");
        assertError(api.get("/api/activities?size=1000"), 400, "size");
        assertError(api.get("/api/activities?source=email"), 400, "source");
        assertError(api.get("/api/activities?source=API"), 400, "source");
        assertError(api.get("/api/activities?until=tomorrow"), 400, "until");
        assertError(api.get("/api/activities?since=2026-11-24T00:00:00Z&until=2026-11-23T00:00:00Z"), 400, "until");
        assertError(api.get("/api/activities?since=2026-11-24T00:00:00Z&until=2026-11-24T00:00:00Z"), 400, "until");
    }

    @Test
    void theListFiltersByStateRepSourceAndTime() {
        TestRep rep = newRep("Filter", "UTC");
        JsonNode logged = log(activity("email", rep.email(), bySalesforceId(BOB_CONTACT)));
        JsonNode unresolved = log(activity("email", rep.email(), byEmail(io.salesactivitysync.ApiClient.uniqueEmail("nobody"))));
        assertState(logged, "logged");
        assertState(unresolved, "unresolved");

        assertThat(ids(api.get("/api/activities?rep=" + rep.id()))).containsExactly(unresolved.get("id").asLong(),
                logged.get("id").asLong());
        assertThat(ids(api.get("/api/activities?rep=" + rep.id() + "&state=logged"))).containsExactly(logged.get("id").asLong());
        assertThat(ids(api.get("/api/activities?rep=" + rep.id() + "&since=" + logged.get("createdAt").asText())))
                .contains(logged.get("id").asLong());
        assertThat(ids(api.get("/api/activities?rep=" + rep.id() + "&since=2999-01-01T00:00:00%2B01:00"))).isEmpty();
        assertThat(ids(api.get("/api/activities?rep=" + rep.id() + "&until=" + unresolved.get("createdAt").asText())))
                .containsExactly(logged.get("id").asLong());
        assertThat(ids(api.get("/api/activities?rep=" + rep.id() + "&since=" + logged.get("createdAt").asText()
                + "&until=" + unresolved.get("createdAt").asText()))).containsExactly(logged.get("id").asLong());
        assertThat(ids(api.get("/api/activities?rep=" + rep.id() + "&source=api"))).containsExactly(unresolved.get("id").asLong(),
                logged.get("id").asLong());
        assertThat(ids(api.get("/api/activities?rep=" + rep.id() + "&source=bcc"))).isEmpty();
        assertThat(api.get("/api/activities?state=logged&size=5").json().get("items"))
                .allSatisfy(item -> assertThat(item.get("state").asText()).isEqualTo("logged"));
    }

    @Test
    void unknownActivityIdsAre404AndBadOnesAre400Or404() {
        assertError(api.get("/api/activities/999999999"), 404, null);
        assertThat(api.get("/api/activities/abc").status()).isIn(400, 404);
        assertError(api.post("/api/activities/999999999/retry", ""), 404, null);
    }

    @Test
    void aLoggedActivityIsNotRetried() {
        JsonNode logged = log(activity("email", RILEY, bySalesforceId(BOB_CONTACT)));
        assertState(logged, "logged");

        assertError(api.post("/api/activities/" + logged.get("id").asLong() + "/retry", ""), 409, null);
        assertThat(tasksWithKeyOf(logged)).hasSize(1);
    }

    private Map<String, Object> valid() {
        return activity("email", RILEY, byEmail(ALICE_EMAIL));
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> activity = valid();
        activity.put(field, value);
        return activity;
    }

    private static Map<String, Object> marked(String marker, int i) {
        return activity("email", RILEY, bySalesforceId(BOB_CONTACT), "subject", marker + " " + i);
    }

    private long stored(String marker) {
        return jdbc.sql("SELECT COUNT(*) FROM activities WHERE subject LIKE :marker").param("marker", marker + "%")
                .query(Long.class).single();
    }

    private void assertRefused(Map<String, Object> activity, String field) {
        Response response = api.post("/api/activities", activity);
        assertError(response, 400, field);
        assertThat(stored(String.valueOf(activity.get("subject")))).isZero();
    }

    private static void assertError(Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode json = response.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (field != null) {
            List<String> fields = new ArrayList<>();
            json.get("errors").forEach(error -> fields.add(error.get("field").asText()));
            assertThat(fields).as(response.body()).contains(field);
        }
    }

    private static List<Long> ids(Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        list.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }
}
