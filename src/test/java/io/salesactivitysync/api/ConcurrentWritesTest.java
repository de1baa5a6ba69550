package io.salesactivitysync.api;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.AppTest;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Parallel clients writing the same records: every answer is a success or a precise 4xx, never a 500. */
@AppTest
class ConcurrentWritesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    ExecutorService clients;

    @BeforeEach
    void clients() {
        api = new ApiClient(port);
        clients = Executors.newFixedThreadPool(20);
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    @Test
    void twentyFirstSettingsWritesOfOneRepAllSucceed() throws Exception {
        long rep = newRep();
        List<Response> responses = parallel(20, i -> api.put("/api/reps/" + rep + "/settings", object("logCalls", i % 2 == 0)));
        assertThat(responses).extracting(Response::status).containsOnly(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rep_settings WHERE rep_id = :id").param("id", rep).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void settingsWritesRacingTheRepsDeletionAre200Or404() throws Exception {
        for (int round = 0; round < 5; round++) {
            long rep = newRep();
            List<Response> responses = parallel(6, i -> i == 0 ? api.delete("/api/reps/" + rep)
                    : api.put("/api/reps/" + rep + "/settings", object("includeBody", false)));
            assertThat(responses.get(0).status()).isEqualTo(204);
            assertThat(responses.subList(1, responses.size())).extracting(Response::status).allMatch(s -> s == 200 || s == 404);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM rep_settings WHERE rep_id = :id").param("id", rep).query(Long.class).single())
                    .isZero();
        }
    }

    @Test
    void parallelDeletesOfOneRepAnswer204Once() throws Exception {
        for (int round = 0; round < 5; round++) {
            long rep = newRep();
            List<Response> responses = parallel(3, i -> api.delete("/api/reps/" + rep));
            assertThat(responses).extracting(Response::status).containsExactlyInAnyOrder(204, 404, 404);
        }
    }

    @Test
    void twentyIdenticalCreatesMakeOneRep() throws Exception {
        String email = uniqueEmail("same");
        List<Response> responses = parallel(20, i -> api.post("/api/reps", object("email", email, "name", "Same",
                "timeZone", "UTC", "aliases", List.of(email.replace("@", "+a@")))));
        assertThat(responses).extracting(Response::status).containsOnly(201, 409);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> assertThat(r.json().at("/errors/0/field").asText()).isIn("email", "aliases", "aliases[0]"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reps WHERE email = :email").param("email", email).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void anAddressRacingAsOneRepsEmailAndAnothersAliasEndsWithOneOwner() throws Exception {
        for (int round = 0; round < 3; round++) {
            String address = uniqueEmail("shared");
            List<Response> responses = parallel(10, i -> api.post("/api/reps", i % 2 == 0
                    ? object("email", address, "name", "Own", "timeZone", "UTC")
                    : object("email", uniqueEmail("other"), "name", "Alias", "timeZone", "UTC", "aliases", List.of(address))));
            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            long owners = jdbc.sql("SELECT COUNT(*) FROM reps WHERE email = :a").param("a", address).query(Long.class).single()
                    + jdbc.sql("SELECT COUNT(*) FROM rep_aliases WHERE email = :a").param("a", address).query(Long.class).single();
            assertThat(owners).isEqualTo(1);
        }
    }

    @Test
    void parallelUpdatesAndDeletesOfOnePersonAreNever500() throws Exception {
        long person = api.post("/api/people", object("name", "Contested", "email", uniqueEmail("contested"))).json().get("id").asLong();
        List<Response> responses = parallel(8, i -> i % 4 == 0 ? api.delete("/api/people/" + person)
                : api.put("/api/people/" + person, object("name", "Renamed " + i, "email", uniqueEmail("renamed"))));
        assertThat(responses).extracting(Response::status).allMatch(s -> s == 200 || s == 204 || s == 404);
        assertThat(responses).filteredOn(r -> r.status() == 204).hasSize(1);
    }

    private long newRep() {
        return api.post("/api/reps", RepApiTest.rep(uniqueEmail("contested"))).json().get("id").asLong();
    }

    private interface Call {
        Response send(int index);
    }

    private List<Response> parallel(int count, Call call) throws Exception {
        List<Callable<Response>> calls = IntStream.range(0, count).<Callable<Response>>mapToObj(i -> () -> call.send(i)).toList();
        List<Response> responses = new java.util.ArrayList<>();
        for (Future<Response> future : clients.invokeAll(calls)) {
            responses.add(future.get());
        }
        for (Response response : responses) {
            assertThat(response.status()).as(response.body()).isLessThan(500);
        }
        return responses;
    }
}
