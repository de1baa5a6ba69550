package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/activities/summary}: activities taken in through the API and settled by the
 * logging flow against the emulator, then counted by the database; the same tests run on H2 and
 * PostgreSQL (-Ppostgres), so both group and order the reasons alike. Each test counts the
 * activities of a rep of its own, as the flow tests share one application.
 */
class ActivitySummaryFlowTest extends ActivityFlowTest {

    private static final String NO_ONE = "no Contact or Lead in Salesforce has the address ";

    @Test
    void countsByStateAndSourceAndGroupsTheUnresolvedByReasonLargestFirst() {
        TestRep rep = newRep("Summer", "Europe/Berlin");
        String contact = uniqueAddress("known");
        newContact(contact, null);
        // three about b, two each about c and a (a tie: the reason's text decides, not which came first), one logged
        String a = uniqueAddress("a");
        String b = uniqueAddress("b");
        String c = uniqueAddress("c");
        List<Long> ids = new ArrayList<>();
        for (String address : List.of(b, c, a, b, c, a, b)) {
            ids.add(take(activity("email", rep.email(), byEmail(address))).get("id").asLong());
        }
        ids.add(take(activity("email", rep.email(), byEmail(contact))).get("id").asLong());
        ids.forEach(this::settled);

        JsonNode summary = summary("?rep=" + rep.id());

        assertThat(summary.get("total").asLong()).as(summary.toString()).isEqualTo(8);
        assertThat(summary.at("/byState/unresolved").asLong()).isEqualTo(7);
        assertThat(summary.at("/byState/logged").asLong()).as(summary.toString()).isEqualTo(1);
        assertThat(summary.at("/byState/failed").asLong()).isZero();
        assertThat(summary.at("/byState/pending").asLong()).isZero();
        assertThat(summary.at("/bySource/api").asLong()).isEqualTo(8);
        assertThat(summary.at("/bySource/bcc").asLong()).isZero();
        JsonNode unresolved = summary.at("/reasons/unresolved");
        assertThat(groups(unresolved)).containsExactly(
                Map.entry(NO_ONE + b, 3L), Map.entry(NO_ONE + a, 2L), Map.entry(NO_ONE + c, 2L));
        assertThat(unresolved.get("totalGroups").asLong()).isEqualTo(3);
        assertThat(summary.at("/reasons/failed/groups")).isEmpty();

        // a group's activities, listed by its reason: what the console retries with "Retry all"
        Response group = api.get("/api/activities?rep=" + rep.id() + "&state=unresolved&reason="
                + URLEncoder.encode(NO_ONE + a, StandardCharsets.UTF_8));
        assertThat(group.status()).as(group.body()).isEqualTo(200);
        assertThat(group.json().at("/page/totalItems").asLong()).isEqualTo(2);
        group.json().get("items").forEach(item -> assertThat(item.get("reason").asText()).isEqualTo(NO_ONE + a));

        // the list's filters apply; ?state= does not (every state is counted)
        assertThat(summary("?rep=" + rep.id() + "&source=bcc").get("total").asLong()).isZero();
        assertThat(summary("?rep=" + rep.id() + "&state=logged").get("total").asLong()).isEqualTo(8);
        assertThat(summary("?rep=" + rep.id() + "&since=2999-01-01T00:00:00Z").get("total").asLong()).isZero();
    }

    @Test
    void listsTheFiftyLargestReasonsAndCountsTheRest() {
        TestRep rep = newRep("Fifty", "UTC");
        List<Map<String, Object>> activities = new ArrayList<>();
        String most = uniqueAddress("most");
        for (int i = 0; i < 3; i++) {
            activities.add(activity("email", rep.email(), byEmail(most)));
        }
        for (int i = 51; i >= 0; i--) {
            activities.add(activity("email", rep.email(), byEmail(uniqueAddress(String.format("r%02d", i)))));
        }
        Response batch = api.post("/api/activities/batch", object("activities", activities));
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);
        batch.json().get("items").forEach(item -> settled(item.get("id").asLong()));

        JsonNode unresolved = summary("?rep=" + rep.id()).at("/reasons/unresolved");

        assertThat(unresolved.get("totalGroups").asLong()).isEqualTo(53);
        List<Map.Entry<String, Long>> groups = groups(unresolved);
        assertThat(groups).hasSize(50);
        assertThat(groups.get(0)).isEqualTo(Map.entry(NO_ONE + most, 3L));
        // then the ones of one each, by their text: r00 to r48
        assertThat(groups.subList(1, 50)).allSatisfy(group -> assertThat(group.getValue()).isEqualTo(1L));
        List<String> reasons = groups.subList(1, 50).stream().map(Map.Entry::getKey).toList();
        assertThat(reasons).isSorted();
        assertThat(reasons.get(0)).startsWith(NO_ONE + "r00-");
        assertThat(reasons.get(48)).startsWith(NO_ONE + "r48-");
    }

    @Test
    void aBadFilterIsTheJsonErrorNamingIt() {
        assertRefused("?rep=abc", "rep");
        assertRefused("?rep=0", "rep");
        assertRefused("?source=fax", "source");
        assertRefused("?since=yesterday", "since");
        assertRefused("?since=2026-11-23T10:00:00Z&until=2026-11-23T09:00:00Z", "until");
        assertRefused("?page=-1", null);
        Response longReason = api.get("/api/activities?reason=" + "x".repeat(2001));
        assertThat(longReason.status()).as(longReason.body()).isEqualTo(400);
        assertThat(longReason.json().at("/errors/0/field").asText()).isEqualTo("reason");

        Response anonymous = api.send(api.unauthenticated("/api/activities/summary").GET());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("status").asInt()).isEqualTo(401);
    }

    private void assertRefused(String query, String field) {
        Response response = api.get("/api/activities/summary" + query);
        if (field == null) {
            // the summary has no pages: page and size are not among its parameters
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            return;
        }
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode json = response.json();
        assertThat(json.get("status").asInt()).isEqualTo(400);
        assertThat(json.get("error").asText()).isEqualTo("Bad Request");
        assertThat(json.get("message").asText()).isNotBlank();
        assertThat(json.at("/errors/0/field").asText()).as(response.body()).isEqualTo(field);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private JsonNode summary(String query) {
        Response response = api.get("/api/activities/summary" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<Map.Entry<String, Long>> groups(JsonNode reasons) {
        List<Map.Entry<String, Long>> groups = new ArrayList<>();
        reasons.get("groups").forEach(group -> groups.add(Map.entry(group.get("reason").asText(), group.get("count").asLong())));
        return groups;
    }

    private static String uniqueAddress(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@nobody.example";
    }
}
