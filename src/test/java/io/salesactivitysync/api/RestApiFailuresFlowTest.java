package io.salesactivitysync.api;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.FlowTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The REST routes when something other than the client goes wrong: a step that fails
 * unexpectedly, two creates racing for the same address, the database going away. The first
 * replaces a step of api-get-org-settings (AdviceWith); the others break the real database
 * underneath the real routes.
 */
@UseAdviceWith
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class RestApiFailuresFlowTest extends FlowTest {

    private static final String FAILURE = "simulated failure " + UUID.randomUUID();

    @BeforeEach
    void adviseOnce() throws Exception {
        if (camelNotStarted()) {
            advise("api-get-org-settings", route -> route.weaveById("api-get-org-settings-store").replace()
                    .throwException(new IllegalStateException(FAILURE)));
            startCamel();
        }
    }

    @Test
    void anUnexpectedExceptionIsA500WithAReferenceAndItsStackTraceIsLoggedOnce(CapturedOutput output) {
        Response response = api.get("/api/settings");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("error").asText()).isEqualTo("Internal Server Error");
        String message = response.json().get("message").asText();
        Matcher reference = Pattern.compile("under reference ([0-9a-f-]{36})$").matcher(message);
        assertThat(reference.find()).as(message).isTrue();
        assertThat(response.body()).doesNotContain(FAILURE).doesNotContain("IllegalStateException").doesNotContain("\tat ");

        String log = output.getAll();
        assertThat(occurrences(log, "java.lang.IllegalStateException: " + FAILURE)).as("stack traces in the log").isEqualTo(1);
        assertThat(log).contains("reference " + reference.group(1));
    }

    @Test
    void twoCreatesRacingForOneAddressGiveOne201AndOne409() throws Exception {
        String email = uniqueEmail("racer");
        // both requests pass the store's uniqueness check, then insert at the same moment: the
        // database's unique constraint decides, and the loser is told which field, not a 500
        database.holdStatementsContaining("INSERT INTO people", 2);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> api.post("/api/people", person(email)));
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> api.post("/api/people", person(email)));
        List<Response> responses = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));

        assertThat(responses).extracting(Response::status).containsExactlyInAnyOrder(201, 409);
        Response conflict = responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(conflict.json().at("/errors/0/field").asText()).isEqualTo("email");
        assertThat(conflict.json().get("message").asText()).isEqualTo("email is already in use");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM people WHERE email = :email").param("email", email)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theDatabaseGoingAwayMidWriteIsA503AndNothingIsHalfWritten() {
        String email = uniqueEmail("half");
        NotifyBuilder created = whenRoute("api-create-rep").whenDone(1).create();
        // the rep's row is inserted, then the connection is lost while its aliases are written
        database.failStatementsContaining("INSERT INTO rep_aliases");

        Response response = api.post("/api/reps", rep(email, List.of(uniqueEmail("alias-one"), uniqueEmail("alias-two"))));

        assertThat(created.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("message").asText()).contains("database is not available").contains("nothing was changed");
        assertThat(response.body()).doesNotContain("simulated").doesNotContain("08006");

        database.reset();
        assertThat(repsWithEmail(email)).as("the rep's row was rolled back with its aliases").isZero();
        assertThat(api.get("/api/reps?size=100").body()).doesNotContain(email);
    }

    @Test
    void aDatabaseThatRefusesConnectionsIsA503UntilItIsBack() {
        database.refuseConnections();
        Response down = api.get("/api/reps");
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isEqualTo("5");
        assertThat(down.json().get("status").asInt()).isEqualTo(503);

        database.reset();
        assertThat(api.get("/api/reps").status()).isEqualTo(200);
    }

    private long repsWithEmail(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM reps WHERE email = :email").param("email", email).query(Long.class).single();
    }

    private static java.util.Map<String, Object> person(String email) {
        return object("name", "Race Runner", "email", email);
    }

    private static java.util.Map<String, Object> rep(String email, List<String> aliases) {
        return object("email", email, "name", "Race Runner", "timeZone", "UTC", "aliases", aliases);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
