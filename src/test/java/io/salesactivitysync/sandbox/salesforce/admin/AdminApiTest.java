package io.salesactivitysync.sandbox.salesforce.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox admin API over HTTP: fault knobs, sessions, counters, clock, field security, writes as a rep. */
class AdminApiTest {

    private SalesforceEmulator emulator;
    private TestHttp http;

    @BeforeEach
    void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build().start();
        http = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void failsTheNextCallsWithEachFault() {
        assertThat(http.admin("POST", "/faults", "{\"fault\":\"UNABLE_TO_LOCK_ROW\",\"next\":2}").status()).isEqualTo(200);
        TestHttp.Response locked = http.api("PATCH", "sobjects/Task/00T000000000001EAA", "{\"Subject\":\"x\"}");
        assertThat(locked.status()).isEqualTo(400);
        assertThat(locked.body()).isEqualTo(json("[{\"message\":\"unable to obtain exclusive access to this record or 1 "
                + "records: 00T000000000001EAA\",\"errorCode\":\"UNABLE_TO_LOCK_ROW\",\"fields\":[]}]"));
        TestHttp.Response lockedParents = http.api("POST", "sobjects/Task", "{\"Subject\":\"x\",\"WhoId\":\"003000000000001\","
                + "\"WhatId\":\"001000000000001AAA\"}");
        assertThat(lockedParents.body().get(0).get("message").asText()).isEqualTo("unable to obtain exclusive access to "
                + "this record or 2 records: 003000000000001AAA,001000000000001AAA");
        assertThat(http.api("GET", "limits/", null).status()).isEqualTo(200);

        http.admin("POST", "/faults", "{\"fault\":\"SERVER_UNAVAILABLE\",\"next\":1}");
        TestHttp.Response unavailable = http.api("GET", "limits/", null);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.body().get(0).get("errorCode").asText()).isEqualTo("SERVER_UNAVAILABLE");

        http.admin("POST", "/faults", "{\"fault\":\"REQUEST_LIMIT_EXCEEDED\",\"next\":1}");
        assertThat(http.api("GET", "limits/", null).status()).isEqualTo(403);
    }

    @Test
    void failsAShareOfCalls() {
        http.admin("POST", "/faults", "{\"fault\":\"SERVER_UNAVAILABLE\",\"share\":1.0}");
        assertThat(http.api("GET", "limits/", null).status()).isEqualTo(503);
        assertThat(http.api("GET", "limits/", null).status()).isEqualTo(503);
        http.admin("DELETE", "/faults", null);
        assertThat(http.api("GET", "limits/", null).status()).isEqualTo(200);

        http.admin("POST", "/faults", "{\"fault\":\"SERVER_UNAVAILABLE\",\"share\":0.5,\"seed\":7}");
        int failures = 0;
        for (int i = 0; i < 40; i++) {
            failures += http.api("GET", "limits/", null).status() == 503 ? 1 : 0;
        }
        assertThat(failures).isBetween(5, 35);
    }

    @Test
    void latencyIsReportedInTheState() {
        http.admin("PUT", "/latency", "{\"millis\":20}");
        assertThat(http.admin("GET", "", null).body().get("faults").get("latencyMillis").asInt()).isEqualTo(20);
        assertThat(http.api("GET", "limits/", null).status()).isEqualTo(200);
    }

    @Test
    void expiresEverySession() {
        http.admin("POST", "/sessions/expire", null);
        assertThat(http.api("GET", "limits/", null).status()).isEqualTo(401);
    }

    @Test
    void issuesRefreshTokensThatTheTokenEndpointAccepts() {
        String refreshToken = http.admin("POST", "/refresh-tokens", "{\"username\":\"rep@sandbox.example\"}")
                .body().get("refresh_token").asText();
        TestHttp.Response granted = http.token(Map.of("grant_type", "refresh_token", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret", "refresh_token", refreshToken));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.body().get("id").asText()).endsWith("/005000000000002AAA");
        assertThat(granted.body().has("refresh_token")).isFalse();
    }

    @Test
    void countsCallsByKindAndResets() {
        http.api("GET", "limits/", null);
        http.api("GET", "query/?q=SELECT%20Id%20FROM%20Task", null);
        http.api("POST", "sobjects/Task", "{\"Subject\":\"count me\"}");
        JsonNode calls = http.admin("GET", "/api-calls", null).body();
        assertThat(calls.get("limits").asInt()).isEqualTo(1);
        assertThat(calls.get("query").asInt()).isEqualTo(1);
        assertThat(calls.get("create").asInt()).isEqualTo(1);
        assertThat(calls.get("oauth").asInt()).isEqualTo(1);

        http.admin("DELETE", "/api-calls", null);
        assertThat(http.admin("GET", "/api-calls", null).body().size()).isZero();
    }

    @Test
    void setsApiUsageAndAdvancesTheClock() {
        http.admin("PUT", "/api-usage", "{\"used\":14999}");
        assertThat(http.api("GET", "limits/", null).header("Sforce-Limit-Info")).isEqualTo("api-usage=15000/15000");
        assertThat(http.api("GET", "limits/", null).status()).isEqualTo(403);

        JsonNode clock = http.admin("POST", "/clock/advance", "{\"duration\":\"PT25H\"}").body();
        assertThat(clock.get("offset").asText()).isEqualTo("PT25H");
        assertThat(emulator.clock().offset()).isEqualTo(Duration.ofHours(25));
        TestHttp again = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
        assertThat(again.api("GET", "limits/", null).status()).as("the daily window rolled over").isEqualTo(200);
    }

    @Test
    void changesFieldLevelSecurity() {
        http.admin("PUT", "/field-security", "{\"sObject\":\"task\",\"field\":\"priority\",\"editable\":false}");
        assertThat(http.admin("GET", "/field-security", null).body().get("readOnlyFields").get(0).asText())
                .isEqualTo("Task.Priority");
        assertThat(http.api("PATCH", "sobjects/Task/00T000000000001EAA", "{\"Priority\":\"Low\"}").status()).isEqualTo(400);
        http.admin("PUT", "/field-security", "{\"sObject\":\"Task\",\"field\":\"Priority\",\"editable\":true}");
        assertThat(http.api("PATCH", "sobjects/Task/00T000000000001EAA", "{\"Priority\":\"Low\"}").status()).isEqualTo(204);
    }

    @Test
    void writesAsAnotherUser() {
        TestHttp.Response result = http.admin("POST", "/write-as", "{\"username\":\"rep@sandbox.example\","
                + "\"method\":\"PATCH\",\"path\":\"sobjects/Task/00T000000000002EAA\",\"body\":{\"Status\":\"Deferred\"}}");
        assertThat(result.body().get("status").asInt()).isEqualTo(204);
        JsonNode task = http.api("GET", "sobjects/Task/00T000000000002EAA?fields=Status,LastModifiedById", null).body();
        assertThat(task.get("Status").asText()).isEqualTo("Deferred");
        assertThat(task.get("LastModifiedById").asText()).isEqualTo("005000000000002AAA");

        TestHttp.Response refused = http.admin("POST", "/write-as", "{\"username\":\"rep@sandbox.example\","
                + "\"method\":\"PATCH\",\"path\":\"sobjects/Task/00T000000000002EAA\",\"body\":{\"Status\":\"Maybe\"}}");
        assertThat(refused.body().get("status").asInt()).isEqualTo(400);
        assertThat(refused.body().get("body").get(0).get("errorCode").asText()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    }

    @Test
    void streamingKnobsReachTheStreamingApi() {
        assertThat(http.admin("POST", "/streaming/drop-clients", null).status()).isEqualTo(200);
        assertThat(http.admin("POST", "/streaming/restart", null).status()).isEqualTo(200);
    }

    @Test
    void streamingKnobsNeedAStreamingApi() {
        try (SalesforceEmulator bare = SalesforceEmulator.builder(EmulatorSettings.builder().build())
                .streaming(null).build().start()) {
            TestHttp bareHttp = new TestHttp(bare.baseUrl(), null);
            TestHttp.Response result = bareHttp.admin("POST", "/streaming/drop-clients", null);
            assertThat(result.status()).isEqualTo(409);
            assertThat(result.body().get("error").asText()).contains("without a Streaming API");
            assertThat(bareHttp.admin("POST", "/streaming/restart", null).status()).isEqualTo(409);
        }
    }

    @Test
    void badAdminRequestsAreExplained() {
        assertThat(http.admin("POST", "/faults", "{\"fault\":\"GREMLINS\",\"next\":1}").status()).isEqualTo(400);
        assertThat(http.admin("POST", "/faults", "{\"fault\":\"SERVER_UNAVAILABLE\"}").status()).isEqualTo(400);
        assertThat(http.admin("POST", "/faults", "{\"fault\":\"SERVER_UNAVAILABLE\",\"share\":2}").status()).isEqualTo(400);
        assertThat(http.admin("POST", "/clock/advance", "{\"duration\":\"-PT1H\"}").status()).isEqualTo(400);
        assertThat(http.admin("POST", "/clock/advance", "{\"duration\":\"tomorrow\"}").status()).isEqualTo(400);
        assertThat(http.admin("POST", "/faults", "{not json").status()).isEqualTo(400);
        assertThat(http.admin("PUT", "/field-security", "{\"sObject\":\"Task\",\"field\":\"Nope\",\"editable\":false}")
                .status()).isEqualTo(404);
        assertThat(http.admin("GET", "/nothing", null).status()).isEqualTo(404);
        assertThat(http.admin("POST", "/write-as", "{\"username\":\"nobody@x\",\"method\":\"GET\",\"path\":\"limits\"}")
                .status()).isEqualTo(404);
        TestHttp.Response undecodable = http.admin("POST", "/write-as",
                "{\"username\":\"rep@sandbox.example\",\"method\":\"GET\",\"path\":\"query?q=LIKE+'C%'\"}");
        assertThat(undecodable.status()).isEqualTo(200);
        assertThat(undecodable.body().get("body").get(0).get("errorCode").asText()).isEqualTo("ILLEGAL_QUERY_PARAMETER_VALUE");
    }

    @Test
    void aCrossSitePlainTextPostIsRefusedAndChangesNothing() {
        TestHttp anonymous = new TestHttp(emulator.baseUrl(), null);
        TestHttp.Response refused = anonymous.raw("POST", "/sandbox/admin/sessions/expire", "{}",
                "Content-Type", "text/plain", "Origin", "http://evil.example");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("error").asText()).contains("http://evil.example").contains("admin token");
        assertThat(anonymous.raw("POST", "/sandbox/admin/faults", "{\"fault\":\"SERVER_UNAVAILABLE\",\"next\":1}",
                "Content-Type", "application/json", "Origin", "http://evil.example").status()).isEqualTo(403);
        assertThat(anonymous.raw("POST", "/sandbox/admin/faults", "{\"fault\":\"SERVER_UNAVAILABLE\",\"next\":1}",
                "Content-Type", "text/plain").status()).isEqualTo(415);
        assertThat(anonymous.raw("POST", "/sandbox/admin/sessions/expire", null,
                "Content-Type", "application/x-www-form-urlencoded").body().get("error").asText())
                .contains("application/json");
        assertThat(http.api("GET", "limits/", null).status()).as("nothing was expired or injected").isEqualTo(200);
        assertThat(anonymous.raw("GET", "/sandbox/admin", null, "Origin", "http://evil.example").status())
                .as("reading stays open").isEqualTo(200);
    }

    @Test
    void jsonFromTheEmulatorsOwnOriginOrFromNoPageIsAccepted() {
        TestHttp anonymous = new TestHttp(emulator.baseUrl(), null);
        assertThat(anonymous.raw("PUT", "/sandbox/admin/latency", "{\"millis\":1}", "Origin", emulator.baseUrl())
                .status()).isEqualTo(200);
        assertThat(anonymous.raw("PUT", "/sandbox/admin/latency", "{\"millis\":2}",
                "Origin", "http://127.0.0.1:" + emulator.port()).status()).isEqualTo(200);
        assertThat(anonymous.raw("PUT", "/sandbox/admin/latency", "{\"millis\":3}",
                "Content-Type", "application/json; charset=UTF-8").status()).isEqualTo(200);
        assertThat(emulator.admin().faultState().get("latencyMillis")).isEqualTo(3L);
        assertThat(anonymous.raw("PUT", "/sandbox/admin/latency", "{\"millis\":4}",
                "Origin", "http://localhost:" + (emulator.port() + 1)).status()).as("another port is another origin")
                .isEqualTo(403);
    }

    @Test
    void theAdminTokenLetsAnyCallThroughAndAWrongOneIsRefused() {
        TestHttp anonymous = new TestHttp(emulator.baseUrl(), null);
        assertThat(emulator.adminToken()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(anonymous.raw("PUT", "/sandbox/admin/latency", "{\"millis\":5}", "Content-Type", "text/plain",
                "Origin", "http://evil.example", "Authorization", "Bearer " + emulator.adminToken()).status())
                .isEqualTo(200);
        assertThat(anonymous.raw("PUT", "/sandbox/admin/latency", "{\"millis\":6}", "Content-Type", "text/plain",
                "X-Admin-Token", emulator.adminToken()).status()).isEqualTo(200);
        assertThat(emulator.admin().faultState().get("latencyMillis")).isEqualTo(6L);
        TestHttp.Response wrong = anonymous.raw("PUT", "/sandbox/admin/latency", "{\"millis\":7}",
                "Authorization", "Bearer " + emulator.adminToken() + "x");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body().get("error").asText()).isEqualTo("Wrong admin token");
        assertThat(emulator.admin().faultState().get("latencyMillis")).isEqualTo(6L);
        assertThat(anonymous.raw("GET", "/sandbox/admin", null).text()).doesNotContain(emulator.adminToken());
    }

    @Test
    void theAdminTokenIsConfiguredOrNewAtEachStart() {
        try (SalesforceEmulator configured = SalesforceEmulator.builder(EmulatorSettings.builder()
                .adminToken("my-admin-token").build()).streaming(null).build().start();
                SalesforceEmulator other = SalesforceEmulator.builder(EmulatorSettings.builder().build())
                        .streaming(null).build().start()) {
            assertThat(configured.adminToken()).isEqualTo("my-admin-token");
            assertThat(other.adminToken()).isNotEqualTo(emulator.adminToken());
            assertThat(new TestHttp(configured.baseUrl(), null).raw("DELETE", "/sandbox/admin/faults", null,
                    "Content-Type", "text/plain", "X-Admin-Token", "my-admin-token").status()).isEqualTo(200);
        }
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
