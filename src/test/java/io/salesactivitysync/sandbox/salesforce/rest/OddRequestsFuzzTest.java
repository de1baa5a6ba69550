package io.salesactivitysync.sandbox.salesforce.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A few hundred odd request lines, query strings and headers, sent over a raw socket (no HTTP
 * library would send most of them): every answer is a 4xx or 2xx, never a 500, and its body is
 * JSON (empty only for HEAD and 204). {@link MalformedBodiesTest} does the same for bodies.
 */
class OddRequestsFuzzTest {

    private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "PATCH", "DELETE", "HEAD", "PUT",
            "OPTIONS", "TRACE", "FOO");
    private static final List<String> BASES = List.of("/services/data", "/services/data/", "/services/data/v56.0/",
            "/services/data/v56.0/sobjects/", "/services/data/v56.0/sobjects/Task/", "/services/data/v62.0/query/",
            "/services/data/v56.0/queryAll/", "/services/data/v56.0/composite/sobjects/",
            "/services/data/v56.0/composite/", "/services/data/v56.0/sobjects/Task/Sales_Activity_Id__c/",
            "/services/data/v56.0/sobjects/Task/describe/", "/services/oauth2/", "/id/", "/sandbox/admin/", "/",
            "/nowhere/");
    private static final List<String> SEGMENTS = List.of("", "%", "%z", "%zz", "%2F", "%2f..%2F", "%5C", "%00", "%FF",
            "%E9", "%C3%A9", "..", ".", "%2e%2e", ";", ";jsessionid=x", "a b", "{}", "|", "^", "`", "\\", "\u00e9",
            "\t", "%0d%0a", "v99999999999.0", "v0.0", "v56.00", "v-1.0", "v56", "00T000000000001EAA", "00T0000000000",
            "x".repeat(3000), "*", "~", "'", "\"", "<script>", "%u0041", "+", "%2B", "&", "=", "?", "limits", "Task",
            "Id", "deleted", "updated", "99999999999", "01g000000000001AAA-99999999999", "query", "token", "revoke");
    private static final List<String> QUERIES = List.of("", "?", "?q=", "?q=%", "?q=%25", "?%=1", "?&&&", "?=",
            "?q=SELECT+Id+FROM+Task+WHERE+Subject+LIKE+'C%'", "?q=SELECT%20Id%20FROM%20Task%20LIMIT%2099999999999",
            "?q=SELECT%20Id%20FROM%20Task%20WHERE%20ActivityDate%20=%20LAST_N_DAYS:99999999999",
            "?q=" + "SELECT%20Id,".repeat(400) + "%20FROM%20Task", "?ids=%", "?ids=,,,", "?ids=" + "x,".repeat(300),
            "?fields=%zz", "?fields=Nope", "?q=%E9", "?a=b=c", "?q=SELECT%20COUNT()%20FROM%20Task", "?allOrNone=%",
            "?start=%&end=%", "?start=2026-01-01T00:00:00Z&end=x", "?q=SELECT%00", "?q=\u00e9", "?q= ", "?q=%0A",
            "?updateOnly=true", "?token=%zz", "?grant_type=%");
    private static final List<String> HEADERS = List.of("Sforce-Query-Options: batchSize=99999999999",
            "Sforce-Query-Options: batchSize=-1", "Sforce-Query-Options: batchSize=%", "Sforce-Query-Options: ,,,",
            "Sforce-Call-Options: client=%zz", "Sforce-Call-Options: client=" + "c".repeat(500), "X-PrettyPrint: 1",
            "Content-Type: text/plain", "Content-Type: %", "Accept: application/xml", "Accept: */*; q=%",
            "Authorization: Bearer", "Authorization: OAuth ", "Authorization: Basic abc", "Authorization: %",
            "Authorization: Bearer \u0001", "X-Odd: " + "y".repeat(9000), "Expect: 100-continue", "If-Modified-Since: x",
            "Range: bytes=-1", "Cookie: %", "X-Forwarded-For: %");

    private static final List<String> IDENTITY_TEXT_ANSWERS = List.of("Bad_OAuth_Token", "Bad_Id", "Method Not Allowed");

    private static SalesforceEmulator emulator;
    private static RawHttp raw;
    private static String authorization;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder()
                .customFields(List.of(new CustomField("Task", "Sales_Activity_Id__c", "string", null, 255, true, true,
                        List.of(), false)))
                .build()).build().start();
        raw = new RawHttp("localhost", emulator.port());
        authorization = "Authorization: Bearer " + TestHttp.accessToken(emulator.baseUrl(), "integration@sandbox.example");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static Stream<Arguments> requests() {
        Random random = new Random(20260310);
        List<Arguments> requests = new ArrayList<>();
        for (int i = 0; i < 320; i++) {
            String method = pick(random, METHODS);
            String target = pick(random, BASES) + pick(random, SEGMENTS) + pick(random, QUERIES);
            List<String> headers = new ArrayList<>();
            if (random.nextInt(5) > 0) {
                headers.add("AUTH");
            }
            if (random.nextBoolean()) {
                headers.add(pick(random, HEADERS));
            }
            requests.add(Arguments.of(method, target, headers));
        }
        return requests.stream();
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2}")
    @MethodSource("requests")
    void oddRequestsGetAJsonAnswerAndNeverA500(String method, String target, List<String> headers) {
        String[] headerLines = headers.stream().map(h -> h.equals("AUTH") ? authorization : h).toArray(String[]::new);

        RawHttp.Answer answer = raw.send(method, target, headerLines);

        String request = method + " " + target + " " + headers + " -> " + answer.status() + " " + answer.body();
        assertThat(answer.status()).as(request).isBetween(200, 499);
        if (method.equals("HEAD") || answer.status() == 204) {
            return;
        }
        if (target.startsWith("/id/") && IDENTITY_TEXT_ANSWERS.contains(answer.body())) {
            // Salesforce's identity URL answers its refusals in plain text, and so does the emulator's
            assertThat(answer.header("Content-Type")).as(request).startsWith("text/plain");
            return;
        }
        assertThat(answer.header("Content-Type")).as(request).startsWith("application/json");
        JsonNode body = parse(answer.body());
        assertThat(body.isArray() || body.isObject()).as(request).isTrue();
    }

    private static JsonNode parse(String body) {
        try {
            return JsonValues.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
