package io.salesactivitysync.api;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static io.salesactivitysync.api.RepApiTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.FlowTest;
import io.salesactivitysync.RawRequest;
import io.salesactivitysync.RawRequest.Answer;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /api/tasks and /api/command-center over real HTTP: each operation, each way it can be refused,
 * parallel writers, and what a change leaves in the outbox for the outbound sync (the reps here have
 * no Salesforce user, so the outbound route refuses their entries and leaves them, failed, where the
 * store wrote them).
 */
class TaskApiTest extends FlowTest {

    private static final String KIRITIMATI = "Pacific/Kiritimati";
    private static final String PAGO_PAGO = "Pacific/Pago_Pago";

    private ExecutorService clients;

    @BeforeEach
    void clients() {
        clients = Executors.newFixedThreadPool(20);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void createsReadsEditsCompletesReopensAndDeletesATask() {
        long rep = newRep("UTC");
        long person = api.post("/api/people", object("name", "Tess Target", "email", uniqueEmail("tess")))
                .json().get("id").asLong();
        Response created = api.post("/api/tasks", object("name", "  Call Tess back ", "repId", rep, "personId", person,
                "priority", "high", "dueDate", "2026-11-23", "details", "About the renewal"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/tasks/" + id);
        JsonNode task = created.json();
        assertThat(task.get("name").asText()).isEqualTo("Call Tess back");
        assertThat(task.get("status").asText()).isEqualTo("open");
        assertThat(task.get("priority").asText()).isEqualTo("high");
        assertThat(task.get("dueDate").asText()).isEqualTo("2026-11-23");
        assertThat(task.get("details").asText()).isEqualTo("About the renewal");
        assertThat(task.get("repId").asLong()).isEqualTo(rep);
        assertThat(task.get("personId").asLong()).isEqualTo(person);
        assertThat(task.get("origin").asText()).isEqualTo("product");
        assertThat(task.get("salesforceTaskId").isNull()).isTrue();
        assertThat(OffsetDateTime.parse(task.get("createdAt").asText()).getOffset()).isEqualTo(ZoneOffset.UTC);

        Response read = api.get("/api/tasks/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(task);

        // dueDate and details left out are cleared; status and priority left out are kept
        Response edited = api.put("/api/tasks/" + id, object("name", "Call Tess on Monday"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("name").asText()).isEqualTo("Call Tess on Monday");
        assertThat(edited.json().get("dueDate").isNull()).isTrue();
        assertThat(edited.json().get("details").isNull()).isTrue();
        assertThat(edited.json().get("priority").asText()).isEqualTo("high");
        assertThat(edited.json().get("status").asText()).isEqualTo("open");
        assertThat(edited.json().get("personId").asLong()).as("not part of an edit").isEqualTo(person);

        Response reprioritised = api.put("/api/tasks/" + id, object("name", "Call Tess on Monday", "priority", "normal",
                "dueDate", "2026-11-30", "details", "Bring the quote"));
        assertThat(reprioritised.json().get("priority").asText()).isEqualTo("normal");
        assertThat(reprioritised.json().get("dueDate").asText()).isEqualTo("2026-11-30");

        Response completed = api.post("/api/tasks/" + id + "/complete", "");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(completed.json().get("status").asText()).isEqualTo("completed");
        assertThat(api.post("/api/tasks/" + id + "/complete", "").json().get("status").asText())
                .as("completing a completed task changes nothing").isEqualTo("completed");
        Response reopened = api.post("/api/tasks/" + id + "/reopen", "");
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.json().get("status").asText()).isEqualTo("open");
        assertThat(api.get("/api/tasks/" + id).json().get("status").asText()).isEqualTo("open");

        assertThat(api.delete("/api/tasks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/tasks/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/tasks/" + id).status()).isEqualTo(404);

        // the history outlives the task
        Response history = api.get("/api/tasks/" + id + "/history");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().isArray()).isTrue();
        assertThat(history.json()).extracting(entry -> entry.get("event").asText())
                .containsExactly("created", "edited", "edited", "completed", "reopened", "deleted");
        assertThat(history.json()).allSatisfy(entry -> {
            assertThat(entry.get("side").asText()).isEqualTo("product");
            assertThat(OffsetDateTime.parse(entry.get("at").asText())).isNotNull();
        });
        assertThat(history.json().get(1).get("detail").asText()).contains("name", "due_date", "details")
                .doesNotContain("priority");
    }

    @Test
    void aTaskNeedsNoPersonAndDefaultsToOpenAndNormal() {
        long rep = newRep("UTC");
        Response created = api.post("/api/tasks", object("name", "Plan the week", "repId", rep));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("open");
        assertThat(created.json().get("priority").asText()).isEqualTo("normal");
        assertThat(created.json().get("personId").isNull()).isTrue();
        assertThat(created.json().get("dueDate").isNull()).isTrue();
        Response completed = api.post("/api/tasks", object("name", "Already done", "repId", rep, "status", "completed",
                "details", ""));
        assertThat(completed.json().get("status").asText()).isEqualTo("completed");
        assertThat(completed.json().get("details").isNull()).as("empty details are none").isTrue();
    }

    @Test
    void listsTasksByRepAndDueRangeInDueDateOrder() {
        long rep = newRep("UTC");
        long other = newRep("UTC");
        long undated = task(rep, "Undated", null);
        long third = task(rep, "Third", "2031-03-03");
        long first = task(rep, "First", "2031-03-01");
        long second = task(rep, "Second", "2031-03-02");
        task(other, "Someone else's", "2031-03-02");

        assertThat(ids(api.get("/api/tasks?rep=" + rep))).containsExactly(first, second, third, undated);
        assertThat(ids(api.get("/api/tasks?rep=" + rep + "&dueFrom=2031-03-02"))).containsExactly(second, third);
        assertThat(ids(api.get("/api/tasks?rep=" + rep + "&dueTo=2031-03-02"))).containsExactly(first, second);
        assertThat(ids(api.get("/api/tasks?rep=" + rep + "&dueFrom=2031-03-02&dueTo=2031-03-02"))).containsExactly(second);
        assertThat(ids(api.get("/api/tasks?rep=" + rep + "&dueFrom=2031-04-01"))).isEmpty();

        Response page = api.get("/api/tasks?rep=" + rep + "&size=2&page=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(ids(page)).containsExactly(third, undated);
        assertThat(page.json().at("/page/number").asInt()).isEqualTo(1);
        assertThat(page.json().at("/page/size").asInt()).isEqualTo(2);
        assertThat(page.json().at("/page/totalItems").asLong()).isEqualTo(4);
        assertThat(page.json().at("/page/totalPages").asInt()).isEqualTo(2);

        Response all = api.get("/api/tasks?dueFrom=2031-03-02&dueTo=2031-03-02&size=100");
        assertThat(ids(all)).contains(second).doesNotContain(first, third, undated);
        assertThat(all.json().get("items")).allSatisfy(item -> assertThat(item.get("dueDate").asText()).isEqualTo("2031-03-02"));
    }

    @Test
    void aBadFilterIs400NamingTheParameter() {
        assertField(api.get("/api/tasks?rep=abc"), 400, "rep", "must be a rep's id");
        assertField(api.get("/api/tasks?rep=0"), 400, "rep", "must be a rep's id");
        assertField(api.get("/api/tasks?rep=99999999999999999999"), 400, "rep", "must be a rep's id");
        assertField(api.get("/api/tasks?dueFrom=2026-02-30"), 400, "dueFrom", "yyyy-MM-dd");
        assertField(api.get("/api/tasks?dueFrom=2026-11-23T10:00:00Z"), 400, "dueFrom", "yyyy-MM-dd");
        assertField(api.get("/api/tasks?dueTo=tomorrow"), 400, "dueTo", "yyyy-MM-dd");
        assertField(api.get("/api/tasks?dueTo=2026-1-5"), 400, "dueTo", "yyyy-MM-dd");
        assertField(api.get("/api/tasks?dueFrom=2026-11-24&dueTo=2026-11-23"), 400, "dueFrom", "must not be after dueTo");
        assertField(api.get("/api/tasks?size=0"), 400, "size", "between 1 and");
        assertThat(api.get("/api/tasks?rep=987654321").json().get("items")).as("an unknown rep has no tasks").isEmpty();
        // a filter sent as a header is not a filter
        long rep = newRep("UTC");
        task(rep, "Header probe", "2031-05-05");
        Response header = api.send(api.request("/api/tasks?rep=" + rep).header("dueFrom", "2031-06-01").GET());
        assertThat(header.json().get("items")).hasSize(1);
    }

    @Test
    void theCommandCenterShowsTodayAndTomorrowInTheRepsTimeZone() {
        long kiritimati = newRep(KIRITIMATI);
        long pagoPago = newRep(PAGO_PAGO);
        // at most 25 hours apart: on some hours of the day the two reps' dates differ by two days
        for (int attempt = 0; attempt < 3; attempt++) {
            LocalDate kiritimatiToday = LocalDate.now(ZoneId.of(KIRITIMATI));
            LocalDate pagoPagoToday = LocalDate.now(ZoneId.of(PAGO_PAGO));
            Map<String, Long> kiritimatiTasks = dayTasks(kiritimati, kiritimatiToday);
            Map<String, Long> pagoPagoTasks = dayTasks(pagoPago, pagoPagoToday);
            Response kiritimatiCenter = api.get("/api/command-center?rep=" + kiritimati);
            Response pagoPagoCenter = api.get("/api/command-center?rep=" + pagoPago);
            if (!kiritimatiToday.equals(LocalDate.now(ZoneId.of(KIRITIMATI)))
                    || !pagoPagoToday.equals(LocalDate.now(ZoneId.of(PAGO_PAGO)))) {
                cleanUp(kiritimatiTasks, pagoPagoTasks);
                continue; // midnight passed in one of the zones while the test ran
            }
            assertCommandCenter(kiritimatiCenter, kiritimati, KIRITIMATI, kiritimatiToday, kiritimatiTasks);
            assertCommandCenter(pagoPagoCenter, pagoPago, PAGO_PAGO, pagoPagoToday, pagoPagoTasks);
            assertThat(kiritimatiToday).as("the reps' dates differ").isAfter(pagoPagoToday);
            return;
        }
        throw new AssertionError("midnight kept passing while the test ran");
    }

    @Test
    void theCommandCenterNeedsAKnownRep() {
        assertField(api.get("/api/command-center"), 400, "rep", "is required");
        assertField(api.get("/api/command-center?rep="), 400, "rep", "is required");
        assertField(api.get("/api/command-center?rep=abc"), 400, "rep", "must be a rep's id");
        assertField(api.get("/api/command-center?rep=-3"), 400, "rep", "must be a rep's id");
        Response unknown = api.get("/api/command-center?rep=987654321");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).isEqualTo("No rep with id 987654321");
        long rep = newRep("UTC");
        Response empty = api.get("/api/command-center?rep=" + rep);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("tasks")).isEmpty();
    }

    @Test
    void invalidTasksAre400NamingTheField() {
        long rep = newRep("UTC");
        assertField(post(object("name", "  ", "repId", rep)), 400, "name", "must not be blank");
        assertField(post(object("repId", rep)), 400, "name", "must not be blank");
        assertField(post(object("name", "x".repeat(256), "repId", rep)), 400, "name", "at most 255 characters");
        assertThat(post(object("name", "x".repeat(255), "repId", rep)).status()).isEqualTo(201);
        assertField(post(object("name", "Two\nlines", "repId", rep)), 400, "name", "");
        assertField(post(object("name", "Long", "repId", rep, "details", "d".repeat(32001))), 400, "details", "at most 32000 characters");
        assertThat(post(object("name", "Long enough", "repId", rep, "details", "d".repeat(32000))).status()).isEqualTo(201);
        assertField(post(object("name", "No owner")), 400, "repId", "must not be null");
        assertField(post(object("name", "Unknown owner", "repId", 987654321)), 400, "repId", "is no rep's id (987654321)");
        assertField(post(object("name", "Bad owner", "repId", -1)), 400, "repId", "");
        assertField(post(object("name", "Unknown person", "repId", rep, "personId", 987654321)), 400, "personId",
                "is no person's id (987654321)");
        assertField(post(object("name", "Bad status", "repId", rep, "status", "done")), 400, "status", "must be one of: open, completed");
        assertField(post(object("name", "Bad status", "repId", rep, "status", "OPEN")), 400, "status", "must be one of: open, completed");
        assertField(post(object("name", "Bad priority", "repId", rep, "priority", "low")), 400, "priority", "must be one of: normal, high");
        assertField(post(object("name", "Text id", "repId", String.valueOf(rep))), 400, "repId", "must be a number");
        assertField(post(object("name", "Fraction id", "repId", rep + 0.5)), 400, "repId", "must be a number");
        assertField(post(object("name", "Unknown field", "repId", rep, "owner", "me")), 400, "owner", "is not a known field");

        for (Object date : List.of("2026-02-30", "2026-11-23T10:00:00Z", "2026-11-23T10:00:00", "23/11/2026", "2026-1-5",
                "", "+2026-11-23", 20261123, List.of(2026, 11, 23), true)) {
            assertField(post(object("name", "Bad date", "repId", rep, "dueDate", date)), 400, "dueDate", "yyyy-MM-dd");
        }
        assertField(post(object("name", "Far off", "repId", rep, "dueDate", "4001-01-01")), 400, "dueDate", "from 1700-01-01 to 4000-12-31");
        assertThat(post(object("name", "Leap day", "repId", rep, "dueDate", "2028-02-29")).json().get("dueDate").asText())
                .isEqualTo("2028-02-29");

        Response malformed = api.post("/api/tasks", "{\"name\": \"Broken\", \"repId\": }");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("message").asText()).startsWith("Malformed JSON at line 1");
        assertThat(api.post("/api/tasks", "").json().get("message").asText()).isEqualTo("The request body is empty: send a JSON object");
        assertThat(api.post("/api/tasks", "[]").status()).isEqualTo(400);
    }

    @Test
    void invalidEditsAre400AndChangeNothing() {
        long rep = newRep("UTC");
        long id = task(rep, "Keep me", "2031-01-01");
        String path = "/api/tasks/" + id;
        assertField(api.put(path, object("name", "")), 400, "name", "must not be blank");
        assertField(api.put(path, object("name", "x".repeat(256))), 400, "name", "at most 255 characters");
        assertField(api.put(path, object("name", "Ok", "details", "d".repeat(32001))), 400, "details", "at most 32000");
        assertField(api.put(path, object("name", "Ok", "status", "closed")), 400, "status", "must be one of: open, completed");
        assertField(api.put(path, object("name", "Ok", "dueDate", "2031-13-01")), 400, "dueDate", "yyyy-MM-dd");
        assertField(api.put(path, object("name", "Ok", "repId", rep)), 400, "repId", "is not a known field");
        assertThat(api.put(path, "{\"name\": \"Ok\"").status()).isEqualTo(400);
        JsonNode task = api.get(path).json();
        assertThat(task.get("name").asText()).isEqualTo("Keep me");
        assertThat(task.get("dueDate").asText()).isEqualTo("2031-01-01");
        assertThat(api.get(path + "/history").json()).hasSize(1);
    }

    @Test
    void unknownTasksAre404() {
        for (String id : List.of("987654321", "abc", "0", "-1")) {
            String path = "/api/tasks/" + id;
            assertThat(api.get(path).status()).as(path).isEqualTo(404);
            assertThat(api.put(path, object("name", "Nobody")).status()).as(path).isEqualTo(404);
            assertThat(api.post(path + "/complete", "").status()).as(path).isEqualTo(404);
            assertThat(api.post(path + "/reopen", "").status()).as(path).isEqualTo(404);
            assertThat(api.delete(path).status()).as(path).isEqualTo(404);
            assertThat(api.get(path + "/history").status()).as(path).isEqualTo(404);
        }
        assertThat(api.get("/api/tasks/987654321").json().get("message").asText()).isEqualTo("No task with id 987654321");
        assertThat(api.get("/api/tasks/1/nothing").status()).isEqualTo(404);
    }

    @Test
    void unsupportedMethodsAre405() {
        long id = task(newRep("UTC"), "Methods", null);
        assertMethodNotAllowed(api.send(api.request("/api/tasks/" + id).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{}"))), "PATCH");
        assertMethodNotAllowed(api.delete("/api/tasks"), "DELETE");
        assertMethodNotAllowed(api.put("/api/tasks", object("name", "x")), "PUT");
        assertMethodNotAllowed(api.post("/api/tasks/" + id, object("name", "x")), "POST");
        assertMethodNotAllowed(api.get("/api/tasks/" + id + "/complete"), "GET");
        assertMethodNotAllowed(api.delete("/api/tasks/" + id + "/history"), "DELETE");
        assertMethodNotAllowed(api.post("/api/command-center?rep=1", "{}"), "POST");
        assertThat(api.get("/api/tasks/" + id).status()).as("still there").isEqualTo(200);
    }

    @Test
    void hostileRequestsAreRefusedInTheOneErrorShape() {
        long rep = newRep("UTC");
        byte[] latin1 = ("{\"name\":\"R\u00e9union\",\"repId\":" + rep + "}").getBytes(StandardCharsets.ISO_8859_1);
        Response charset = api.send(api.request("/api/tasks").header("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(BodyPublishers.ofByteArray(latin1)));
        assertError(charset, 415, "charset ISO-8859-1 is not supported");
        assertError(api.send(api.request("/api/tasks").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(latin1))), 400, "not valid UTF-8");

        String head = "POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ApiClient.TEST_TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 209715200\r\n\r\n";
        Answer huge = RawRequest.send(port, head.getBytes(StandardCharsets.ISO_8859_1),
                "{\"details\":\"".getBytes(StandardCharsets.UTF_8), 64 * 1024);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("message").asText()).contains("larger than 1048576 bytes");
        assertError(api.put("/api/tasks/1", "{\"details\":\"" + "x".repeat(1_100_000) + "\"}"), 413, "larger than");

        Response nested = api.post("/api/tasks", "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        assertThat(nested.status()).as(nested.body()).isEqualTo(400);
        assertThat(nested.json().get("status").asInt()).isEqualTo(400);
        Response nestedDate = api.post("/api/tasks", "{\"dueDate\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "}");
        assertThat(nestedDate.status()).as(nestedDate.body()).isEqualTo(400);

        assertField(api.post("/api/tasks", "{\"name\":\"a\\u0000b\",\"repId\":" + rep + "}"), 400, "name", "NUL character");
        assertThat(api.post("/api/tasks", "{\"name\":\"A\",\"name\":\"B\",\"repId\":" + rep + "}").json().get("message").asText())
                .contains("Duplicate field 'name'");

        long id = task(rep, "Accept probe", null);
        for (String accept : List.of("text/html", "application/xml", "image/png")) {
            assertError(api.send(api.request("/api/tasks/" + id).header("Accept", accept).GET()), 406,
                    "No response matches the Accept header");
        }
        for (String accept : List.of("*/*", "application/*", "text/html, application/json;q=0.1", "application/json; charset=utf-8")) {
            Response response = api.send(api.request("/api/tasks/" + id).header("Accept", accept).GET());
            assertThat(response.status()).as(accept).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("application/json");
        }
        assertThat(api.send(api.unauthenticated("/api/tasks").GET()).status()).isEqualTo(401);
        assertThat(api.send(api.unauthenticated("/api/command-center?rep=" + rep).GET()).status()).isEqualTo(401);
    }

    @Test
    void twentyParallelEditsOfOneTaskAllSucceedAndTheLastWins() throws Exception {
        long rep = newRep("UTC");
        long id = task(rep, "Contested", "2031-01-01");
        List<Response> responses = parallel(20, i -> api.put("/api/tasks/" + id, object("name", "Edit " + i,
                "details", "details of edit " + i, "dueDate", "2031-01-" + String.format("%02d", i + 1),
                "priority", i % 2 == 0 ? "high" : "normal")));
        assertThat(responses).extracting(Response::status).containsOnly(200);
        JsonNode task = api.get("/api/tasks/" + id).json();
        String edit = task.get("name").asText().substring("Edit ".length());
        int i = Integer.parseInt(edit);
        assertThat(task.get("details").asText()).as("one edit's fields, not a mix").isEqualTo("details of edit " + i);
        assertThat(task.get("dueDate").asText()).isEqualTo("2031-01-" + String.format("%02d", i + 1));
        assertThat(task.get("priority").asText()).isEqualTo(i % 2 == 0 ? "high" : "normal");
        // each edit was applied whole, one after the other
        assertThat(api.get("/api/tasks/" + id + "/history").json()).hasSize(21);
    }

    @Test
    void aDeleteRacingEditsIsNever500() throws Exception {
        long rep = newRep("UTC");
        for (int round = 0; round < 5; round++) {
            long id = task(rep, "Doomed " + round, "2031-01-01");
            List<Response> responses = parallel(10, i -> i == 3 ? api.delete("/api/tasks/" + id)
                    : i % 3 == 0 ? api.post("/api/tasks/" + id + "/complete", "")
                    : api.put("/api/tasks/" + id, object("name", "Edit " + i)));
            assertThat(responses).extracting(Response::status).allMatch(s -> s == 200 || s == 204 || s == 404);
            assertThat(responses).filteredOn(r -> r.status() == 204).hasSize(1);
            assertThat(api.get("/api/tasks/" + id).status()).isEqualTo(404);
            JsonNode history = api.get("/api/tasks/" + id + "/history").json();
            assertThat(history.get(history.size() - 1).get("event").asText()).as("nothing after the delete").isEqualTo("deleted");
        }
        assertThat(api.get("/api/tasks?rep=" + rep).json().get("items")).isEmpty();
    }

    @Test
    void aTaskIsSyncedOnlyWhenItsOwnersTaskSyncIsOnWhenItIsCreated() {
        long rep = newRep("UTC");
        setTaskSync(rep, "do_not_sync");
        Response before = api.post("/api/tasks", object("name", "Before sync", "repId", rep, "dueDate", "2031-02-01"));
        assertThat(before.status()).isEqualTo(201);
        long beforeId = before.json().get("id").asLong();
        assertThat(before.json().get("synced").asBoolean()).isFalse();
        assertThat(before.json().get("syncState").asText()).isEqualTo("not_synced");
        assertThat(before.json().get("syncError").isNull()).isTrue();
        assertThat(outbox(beforeId)).isEmpty();

        setTaskSync(rep, "sync");
        Response after = api.post("/api/tasks", object("name", "After sync", "repId", rep, "dueDate", "2031-02-02"));
        assertThat(after.status()).isEqualTo(201);
        long afterId = after.json().get("id").asLong();
        assertThat(after.json().get("synced").asBoolean()).isTrue();
        assertThat(after.json().get("syncState").asText()).as("waits in the outbox").isEqualTo("pending");
        assertThat(outbox(afterId)).extracting(row -> row.get("operation")).containsExactly("create");
        assertThat(outbox(afterId).get(0).get("rep_id")).isEqualTo(rep);

        Response edited = api.put("/api/tasks/" + afterId, object("name", "After sync, renamed", "dueDate", "2031-02-02"));
        assertThat(edited.status()).isEqualTo(200);
        List<Map<String, Object>> rows = outbox(afterId);
        assertThat(rows).extracting(row -> row.get("operation")).containsExactly("create", "update");
        assertThat(rows.get(1).get("fields")).isEqualTo("name");
        assertThat(api.post("/api/tasks/" + afterId + "/complete", "").status()).isEqualTo(200);
        assertThat(outbox(afterId)).extracting(row -> row.get("operation")).containsExactly("create", "update", "update");
        assertThat(api.get("/api/tasks/" + afterId + "/history").json().get(0).get("detail").asText())
                .isEqualTo("to be created in Salesforce");

        // a task from before the sync stays out of it, whatever is done to it
        Response oldEdited = api.put("/api/tasks/" + beforeId, object("name", "Before sync, renamed"));
        assertThat(oldEdited.json().get("synced").asBoolean()).isFalse();
        assertThat(oldEdited.json().get("syncState").asText()).isEqualTo("not_synced");
        assertThat(api.post("/api/tasks/" + beforeId + "/complete", "").status()).isEqualTo(200);
        assertThat(outbox(beforeId)).isEmpty();
        assertThat(api.get("/api/tasks/" + beforeId + "/history").json().get(1).get("detail").asText()).contains("not sent");

        // deleted before it reached Salesforce: what waited is moot, and there is nothing to delete there
        assertThat(api.delete("/api/tasks/" + afterId).status()).isEqualTo(204);
        assertThat(outbox(afterId)).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private long newRep(String timeZone) {
        Response rep = api.post("/api/reps", object("email", uniqueEmail("tasks"), "name", "Task Rep", "timeZone", timeZone));
        assertThat(rep.status()).as(rep.body()).isEqualTo(201);
        return rep.json().get("id").asLong();
    }

    private void setTaskSync(long rep, String mode) {
        Response settings = api.put("/api/reps/" + rep + "/settings", object("taskSyncMode", mode));
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
    }

    private long task(long rep, String name, String dueDate) {
        Response task = post(object("name", name, "repId", rep, "dueDate", dueDate));
        assertThat(task.status()).as(task.body()).isEqualTo(201);
        return task.json().get("id").asLong();
    }

    private Response post(Map<String, Object> task) {
        return api.post("/api/tasks", task);
    }

    private List<Map<String, Object>> outbox(long taskId) {
        return jdbc.sql("SELECT operation, rep_id, fields, state FROM task_outbox WHERE task_id = :id ORDER BY id")
                .param("id", taskId)
                .query((rs, row) -> {
                    Map<String, Object> values = new java.util.HashMap<>();
                    values.put("operation", rs.getString("operation"));
                    values.put("rep_id", rs.getLong("rep_id"));
                    values.put("fields", rs.getString("fields"));
                    values.put("state", rs.getString("state"));
                    return values;
                })
                .list();
    }

    private static List<Long> ids(Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return StreamSupport.stream(page.json().get("items").spliterator(), false).map(item -> item.get("id").asLong()).toList();
    }

    /** Tasks due yesterday, today (normal, then high), tomorrow, the day after and never. */
    private Map<String, Long> dayTasks(long rep, LocalDate today) {
        Map<String, Long> tasks = new java.util.LinkedHashMap<>();
        tasks.put("yesterday", task(rep, "Yesterday", today.minusDays(1).toString()));
        tasks.put("tomorrow", task(rep, "Tomorrow", today.plusDays(1).toString()));
        tasks.put("today", task(rep, "Today", today.toString()));
        Response high = post(object("name", "Today, urgent", "repId", rep, "dueDate", today.toString(), "priority", "high"));
        tasks.put("todayHigh", high.json().get("id").asLong());
        tasks.put("dayAfter", task(rep, "Day after", today.plusDays(2).toString()));
        tasks.put("never", task(rep, "Someday", null));
        return tasks;
    }

    @SafeVarargs
    private void cleanUp(Map<String, Long>... tasks) {
        for (Map<String, Long> map : tasks) {
            map.values().forEach(id -> api.delete("/api/tasks/" + id));
        }
    }

    private static void assertCommandCenter(Response center, long rep, String zone, LocalDate today, Map<String, Long> tasks) {
        assertThat(center.status()).as(center.body()).isEqualTo(200);
        assertThat(center.json().get("repId").asLong()).isEqualTo(rep);
        assertThat(center.json().get("timeZone").asText()).isEqualTo(zone);
        assertThat(center.json().get("today").asText()).isEqualTo(today.toString());
        assertThat(center.json().get("tomorrow").asText()).isEqualTo(today.plusDays(1).toString());
        assertThat(StreamSupport.stream(center.json().get("tasks").spliterator(), false).map(t -> t.get("id").asLong()).toList())
                .as("today's first, high priority first, then tomorrow's")
                .containsExactly(tasks.get("todayHigh"), tasks.get("today"), tasks.get("tomorrow"));
    }

    private static void assertMethodNotAllowed(Response response, String method) {
        assertError(response, 405, method + " is not supported");
    }

    private static void assertError(Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json()).as(response.body()).isNotNull();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("message").asText()).contains(messagePart);
        assertThat(response.json().get("errors").isArray()).isTrue();
    }

    private interface Call {
        Response send(int index);
    }

    private List<Response> parallel(int count, Call call) throws Exception {
        List<Callable<Response>> calls = IntStream.range(0, count).<Callable<Response>>mapToObj(i -> () -> call.send(i)).toList();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : clients.invokeAll(calls)) {
            responses.add(future.get());
        }
        for (Response response : responses) {
            assertThat(response.status()).as(response.body()).isLessThan(500);
        }
        return responses;
    }
}
