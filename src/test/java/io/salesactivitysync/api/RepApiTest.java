package io.salesactivitysync.api;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static io.salesactivitysync.ApiClient.uniqueSalesforceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.AppTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** /api/reps over real HTTP: each operation, and each way it can be refused. */
@AppTest
class RepApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void createsARepAndAnswersWithItsLocation() {
        String email = uniqueEmail("Riley.Rep");
        String userId = uniqueSalesforceId("005");
        Response created = api.post("/api/reps", object(
                "email", email.toUpperCase(),
                "name", "  Riley Rep ",
                "timeZone", "Europe/Berlin",
                "aliases", List.of(email.replace("@", "+alias@"), email),
                "salesforceUserId", userId));

        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/reps/" + id);
        assertThat(created.header("Content-Type")).startsWith("application/json");
        JsonNode rep = created.json();
        assertThat(rep.get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(rep.get("name").asText()).isEqualTo("Riley Rep");
        assertThat(rep.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        // the rep's own address is not repeated as an alias
        assertThat(rep.get("aliases")).extracting(JsonNode::asText).containsExactly(email.toLowerCase().replace("@", "+alias@"));
        assertThat(rep.get("salesforceUserId").asText()).isEqualTo(userId);
        // connected only once Salesforce has said so (the connection check; no Salesforce here)
        assertThat(rep.at("/connection/state").asText()).isEqualTo("not_connected");
        assertThat(rep.at("/connection/reason").asText()).isEqualTo("Not checked against Salesforce yet");
        assertThat(rep.at("/connection/checkedAt").isNull()).isTrue();
        assertThat(OffsetDateTime.parse(rep.get("createdAt").asText()).getOffset()).isEqualTo(ZoneOffset.UTC);

        Response read = api.get("/api/reps/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(rep);
    }

    @Test
    void aRepIsNotConnectedUntilSalesforceHasBeenAsked() {
        Response created = api.post("/api/reps", rep(uniqueEmail("unmapped")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/connection/state").asText()).isEqualTo("not_connected");
        assertThat(created.json().at("/connection/reason").asText()).contains("Not checked against Salesforce");
    }

    @Test
    void a15CharacterSalesforceUserIdIsStoredIn18Characters() {
        Response created = api.post("/api/reps", object("email", uniqueEmail("short"), "name", "Short Id",
                "timeZone", "UTC", "salesforceUserId", "005000000000009"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("salesforceUserId").asText()).isEqualTo("005000000000009AAA");
    }

    @Test
    void aLowerCaseCaseSuffixIsStoredInUpperCase() {
        String userId = uniqueSalesforceId("005");
        Response created = api.post("/api/reps", object("email", uniqueEmail("lower"), "name", "Lower Suffix",
                "timeZone", "UTC", "salesforceUserId", userId.substring(0, 15) + userId.substring(15).toLowerCase()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("salesforceUserId").asText()).isEqualTo(userId);
    }

    @Test
    void listsRepsOnePageAtATime() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/reps", rep(uniqueEmail("paged" + i))).status()).isEqualTo(201);
        }
        Response first = api.get("/api/reps?page=0&size=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(2);
        long total = first.json().at("/page/totalItems").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(first.json().at("/page/number").asInt()).isZero();
        assertThat(first.json().at("/page/size").asInt()).isEqualTo(2);
        assertThat(first.json().at("/page/totalPages").asLong()).isEqualTo((total + 1) / 2);

        Response second = api.get("/api/reps?page=1&size=2");
        assertThat(second.json().get("items").get(0).get("id").asLong())
                .isGreaterThan(first.json().get("items").get(1).get("id").asLong());

        Response defaults = api.get("/api/reps");
        assertThat(defaults.json().at("/page/size").asInt()).isEqualTo(20);
        Response beyond = api.get("/api/reps?page=100000&size=2");
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().get("items")).isEmpty();
    }

    @Test
    void refusesPagingOutOfRange() {
        assertField(api.get("/api/reps?size=101"), 400, "size", "between 1 and 100");
        assertField(api.get("/api/reps?size=0"), 400, "size", "between 1 and 100");
        assertField(api.get("/api/reps?page=-1"), 400, "page", "between 0");
        assertField(api.get("/api/reps?page=two"), 400, "page", "whole number");
    }

    @Test
    void replacesARepsFields() {
        long id = api.post("/api/reps", rep(uniqueEmail("before"))).json().get("id").asLong();
        String email = uniqueEmail("after");
        String userId = uniqueSalesforceId("005");
        Response updated = api.put("/api/reps/" + id, object("email", email, "name", "After", "timeZone", "Asia/Tokyo",
                "aliases", List.of(), "salesforceUserId", userId));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("email").asText()).isEqualTo(email);
        assertThat(updated.json().get("timeZone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(updated.json().at("/connection/state").asText()).isEqualTo("not_connected");
        assertThat(api.get("/api/reps/" + id).json().get("name").asText()).isEqualTo("After");
    }

    @Test
    void deletesARep() {
        long id = api.post("/api/reps", rep(uniqueEmail("leaving"))).json().get("id").asLong();
        Response deleted = api.delete("/api/reps/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(api.get("/api/reps/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/reps/" + id).status()).isEqualTo(404);
    }

    @Test
    void refusesToDeleteARepWhoStillOwnsTasks() {
        long id = api.post("/api/reps", rep(uniqueEmail("owner"))).json().get("id").asLong();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO tasks (name, owner_rep_id, origin, created_at, updated_at) VALUES ('Call back', :rep, 'product', :now, :now)")
                .param("rep", id).param("now", now).update();
        Response refused = api.delete("/api/reps/" + id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).contains("still owns 1 task");
        assertThat(api.get("/api/reps/" + id).status()).isEqualTo(200);
    }

    @Test
    void answers404ForUnknownIds() {
        for (String path : List.of("/api/reps/987654321", "/api/reps/abc", "/api/reps/0", "/api/reps/-3")) {
            Response response = api.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get("message").asText()).as(path).startsWith("No rep with id");
        }
        assertThat(api.put("/api/reps/987654321", rep(uniqueEmail("ghost"))).status()).isEqualTo(404);
    }

    @Test
    void anAddressBelongsToOneRepOnly() {
        String email = uniqueEmail("taken");
        String alias = uniqueEmail("taken-alias");
        String userId = uniqueSalesforceId("005");
        long owner = api.post("/api/reps", object("email", email, "name", "Owner", "timeZone", "UTC",
                "aliases", List.of(alias), "salesforceUserId", userId)).json().get("id").asLong();

        assertField(api.post("/api/reps", rep(email.toUpperCase())), 409, "email", "already used by rep " + owner);
        assertField(api.post("/api/reps", rep(alias)), 409, "email", "already used by rep " + owner);
        assertField(api.post("/api/reps", object("email", uniqueEmail("other"), "name", "Other", "timeZone", "UTC",
                "aliases", List.of(uniqueEmail("fresh"), email))), 409, "aliases[1]", "already used by rep " + owner);
        assertField(api.post("/api/reps", object("email", uniqueEmail("other"), "name", "Other", "timeZone", "UTC",
                "salesforceUserId", userId)), 409, "salesforceUserId", "already mapped to rep " + owner);

        long other = api.post("/api/reps", rep(uniqueEmail("second"))).json().get("id").asLong();
        assertField(api.put("/api/reps/" + other, rep(email)), 409, "email", "already used by rep " + owner);
        // a rep keeps its own address when updated
        assertThat(api.put("/api/reps/" + owner, object("email", email, "name", "Renamed", "timeZone", "UTC",
                "aliases", List.of(alias), "salesforceUserId", userId)).status()).isEqualTo(200);
    }

    @Test
    void namesEachInvalidField() {
        Response response = api.post("/api/reps", object(
                "email", "riley@",
                "name", "",
                "timeZone", "CET",
                "aliases", List.of("ok@test.example", "not an address"),
                "salesforceUserId", "003000000000001AAA"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("aliases[1]", "email", "name", "salesforceUserId", "timeZone");
        assertThat(response.json().get("errors").get(1).get("message").asText()).isEqualTo("must be a valid email address such as name@example.com");
        assertThat(response.json().get("errors").get(3).get("message").asText()).contains("starting with 005");
        assertThat(response.json().get("errors").get(4).get("message").asText()).contains("IANA time zone");

        assertField(api.post("/api/reps", object("name", "No Email", "timeZone", "UTC")), 400, "email", "must not be blank");
        assertField(api.post("/api/reps", object("email", uniqueEmail("long"), "name", "x".repeat(201), "timeZone", "UTC")),
                400, "name", "at most 200 characters");
        assertField(api.post("/api/reps", object("email", uniqueEmail("ctl"), "name", "Evil\r\nBcc: x@y.example", "timeZone", "UTC")),
                400, "name", "single line");
        assertField(api.post("/api/reps", object("email", uniqueEmail("sf"), "name", "Bad Checksum", "timeZone", "UTC",
                "salesforceUserId", "005000000000002AAB")), 400, "salesforceUserId", "Salesforce id");
    }

    @Test
    void refusesAddressesCraftedForInjection() {
        for (String address : List.of(
                "\"quoted local\"@test.example",
                "evil@test.example\r\nBcc: victim@test.example",
                "evil@test.example\nX-Header: 1",
                "Riley <riley@test.example>",
                "a@test.example, b@test.example",
                "a@b@test.example",
                "a;DROP TABLE reps@test.example",
                "a@[127.0.0.1]",
                "a@localhost",
                "a..b@test.example",
                "ä@test.example")) {
            Response response = api.post("/api/reps", object("email", address, "name", "Injected", "timeZone", "UTC"));
            assertThat(response.status()).as(address).isEqualTo(400);
            assertThat(response.json().at("/errors/0/field").asText()).as(address).isEqualTo("email");
        }
        assertThat(api.post("/api/reps", object("email", "o'brien." + uniqueEmail("x"), "name", "O'Brien",
                "timeZone", "UTC")).status()).isEqualTo(201);
    }

    static Map<String, Object> rep(String email) {
        return object("email", email, "name", "Test Rep", "timeZone", "UTC");
    }

    static void assertField(Response response, int status, String field, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("errors")).as(response.body()).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).contains(messagePart);
        });
    }
}
