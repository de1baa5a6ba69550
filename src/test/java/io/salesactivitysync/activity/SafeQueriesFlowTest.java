package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Addresses crafted to break the SOQL the lookups send (rule 10 of the issue): they match nothing
 * or exactly the record that has them, the batch they travel in goes on, and an activity that
 * matches nothing is unresolved with a clear reason, not failed.
 */
class SafeQueriesFlowTest extends ActivityFlowTest {

    @Test
    void anAddressThatWouldOpenTheQueryMatchesNothingAndIsUnresolved() {
        TestRep rep = newRep("Inject", "UTC");
        String crafted = "x'or'1'='1@acme.example";

        JsonNode activity = log(activity("email", rep.email(), byEmail(crafted)));

        assertState(activity, "unresolved");
        assertThat(activity.get("reason").asText()).isEqualTo("no Contact or Lead in Salesforce has the address " + crafted);
        assertThat(activity.get("error").isNull()).isTrue();
        assertThat(activity.get("salesforceTaskIds")).isEmpty();
    }

    @Test
    void anAddressWithAQuoteMatchesExactlyTheContactThatHasIt() {
        TestRep rep = newRep("Quote", "UTC");
        String obrien = newContact("o'brien@acme.example", ACME_ACCOUNT);
        newContact("brien@acme.example", ACME_ACCOUNT);

        JsonNode activity = log(activity("email", rep.email(), byEmail("o'brien@acme.example")));

        assertState(activity, "logged");
        assertThat(tasks(activity)).extracting(task -> task.get("WhoId").asText()).containsExactly(obrien);
    }

    @Test
    void addressesWithUrlAndSoqlCharactersMatchExactlyTheirOwnRecords() {
        TestRep rep = newRep("Chars", "UTC");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        List<String> addresses = List.of(
                "a+b." + suffix + "@acme.example", "50%25off." + suffix + "@acme.example", "q&x=1." + suffix + "@acme.example",
                "x'||'." + suffix + "@acme.example", "{a}." + suffix + "@acme.example", "it's%27." + suffix + "@acme.example",
                "o''hara." + suffix + "@acme.example", "amp#hash." + suffix + "@acme.example");
        Map<String, String> contacts = new LinkedHashMap<>();
        for (String address : addresses) {
            contacts.put(address, newContact(address, null));
            // a neighbour an unescaped or badly encoded value could match instead
            newContact(address.replaceAll("[^a-z0-9.@]", ""), null);
        }

        Response batch = api.post("/api/activities/batch", object("activities",
                addresses.stream().map(address -> activity("email", rep.email(), byEmail(address))).toList()));
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);

        for (int i = 0; i < addresses.size(); i++) {
            JsonNode activity = settled(batch.json().at("/items/" + i + "/id").asLong());
            assertState(activity, "logged");
            assertThat(tasks(activity)).as(addresses.get(i)).extracting(task -> task.get("WhoId").asText())
                    .containsExactly(contacts.get(addresses.get(i)));
        }
    }

    @Test
    void aCraftedAddressInABatchBreaksNothingForTheOthers() {
        TestRep rep = newRep("Batchmate", "UTC");
        Response batch = api.post("/api/activities/batch", object("activities", List.of(
                activity("email", rep.email(), byEmail("x'or'1'='1@acme.example")),
                activity("email", rep.email(), byEmail("y'+OR+Id+!%3D+null+OR+Email+%3D'@acme.example")),
                activity("email", rep.email(), byEmail(ALICE_EMAIL)))));
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);

        JsonNode crafted = settled(batch.json().at("/items/0/id").asLong());
        JsonNode encoded = settled(batch.json().at("/items/1/id").asLong());
        JsonNode alice = settled(batch.json().at("/items/2/id").asLong());

        assertState(crafted, "unresolved");
        assertState(encoded, "unresolved");
        assertState(alice, "logged");
        assertThat(tasks(alice)).extracting(task -> task.get("WhoId").asText()).containsExactly(ALICE_CONTACT);
    }

    @Test
    void aBackslashInAnAddressIsRefusedAtTheDoor() {
        Response response = api.post("/api/activities", activity("email", RILEY, byEmail("a\\'or'1'='1@acme.example")));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("person.email");
    }

    @Test
    void aRepAddressWithAQuoteFindsExactlyItsUser() {
        String address = "o'neil." + UUID.randomUUID().toString().substring(0, 6) + "@sandbox.example";
        String user = newUser(address, true);
        Response created = api.post("/api/reps", object("email", address, "name", "O'Neil", "timeZone", "UTC"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long rep = created.json().get("id").asLong();

        JsonNode checked = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/reps/" + rep).json(),
                json -> json.at("/connection/checkedAt").isTextual());
        assertThat(checked.at("/connection/state").asText()).as(checked.toString()).isEqualTo("connected");
        assertThat(checked.at("/connection/userId").asText()).isEqualTo(user);

        JsonNode activity = log(activity("email", address, bySalesforceId(BOB_CONTACT)));
        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> assertThat(task.get("OwnerId").asText()).isEqualTo(user));
    }
}
