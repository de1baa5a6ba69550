package io.salesactivitysync.sandbox.salesforce.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * URLs and headers clients really send that once made the emulator fail with a 500 or a Tomcat
 * HTML page: each gets Salesforce's JSON answer.
 */
class RequestDecodingTest {

    private static SalesforceEmulator emulator;
    private static TestHttp http;
    private static RawHttp raw;
    private static String authorization;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder()
                .customFields(List.of(new CustomField("Task", "Sales_Activity_Id__c", "string", null, 255, true, true,
                        List.of(), false)))
                .build()).build().start();
        http = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
        raw = new RawHttp("localhost", emulator.port());
        authorization = "Authorization: Bearer " + TestHttp.accessToken(emulator.baseUrl(), "integration@sandbox.example");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static JsonNode json(RawHttp.Answer answer) {
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/json");
        try {
            return JsonValues.MAPPER.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    @Test
    void anUnencodedPercentInTheQueryStringIsAnIllegalQueryParameterValue() {
        RawHttp.Answer answer = raw.send("GET", "/services/data/v56.0/query/?q=SELECT+Id+FROM+Task+WHERE+Subject+LIKE+'C%'",
                authorization);

        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = json(answer).get(0);
        assertThat(error.get("errorCode").asText()).isEqualTo("ILLEGAL_QUERY_PARAMETER_VALUE");
        assertThat(error.get("message").asText()).startsWith("URLDecoder: ");
        assertThat(json(raw.send("GET", "/services/data/v56.0/limits?%zz=1", authorization)).get(0).get("errorCode")
                .asText()).isEqualTo("ILLEGAL_QUERY_PARAMETER_VALUE");
    }

    @Test
    void anUnencodedPercentInASubrequestUrlFailsOnlyThatSubrequest() {
        TestHttp.Response composite = http.api("POST", "composite", "{\"compositeRequest\":["
                + "{\"method\":\"GET\",\"url\":\"/services/data/v56.0/query/?q=SELECT+Id+FROM+Task+WHERE+Subject+LIKE+'C%'\","
                + "\"referenceId\":\"bad\"},"
                + "{\"method\":\"GET\",\"url\":\"/services/data/v56.0/limits\",\"referenceId\":\"good\"}]}");

        assertThat(composite.status()).as(composite.text()).isEqualTo(200);
        JsonNode bad = composite.body().get("compositeResponse").get(0);
        assertThat(bad.get("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(bad.get("body").get(0).get("errorCode").asText()).isEqualTo("ILLEGAL_QUERY_PARAMETER_VALUE");
        assertThat(composite.body().get("compositeResponse").get(1).get("httpStatusCode").asInt()).isEqualTo(200);

        TestHttp.Response batch = http.api("POST", "composite/batch", "{\"batchRequests\":["
                + "{\"method\":\"GET\",\"url\":\"v56.0/sobjects/Task/a%zz\"},{\"method\":\"GET\",\"url\":\"v56.0/limits?x=%\"}]}");
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertThat(batch.body().get("results").get(0).get("statusCode").asInt()).isEqualTo(404);
        assertThat(batch.body().get("results").get(1).get("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void anOversizedApiVersionIsAnUnknownVersion() {
        RawHttp.Answer answer = raw.send("GET", "/services/data/v99999999999.0/limits", authorization);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(json(answer).get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
        assertThat(json(answer).get(0).get("message").asText()).isEqualTo("The requested resource does not exist");
    }

    @Test
    void anOversizedBatchSizeIsTheLargestBatch() {
        TestHttp.Response answer = http.api("GET", "query/?q=SELECT%20Id%20FROM%20Task", null,
                "Sforce-Query-Options", "batchSize=99999999999");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().get("done").asBoolean()).isTrue();
    }

    @Test
    void anOversizedRelativeDateIsAMalformedQuery() {
        TestHttp.Response answer = http.api("GET",
                "query/?q=SELECT%20Id%20FROM%20Task%20WHERE%20ActivityDate%20=%20LAST_N_DAYS:99999999999", null);

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.body().get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
        assertThat(answer.body().get(0).get("message").asText()).endsWith("unexpected token: '99999999999'");
        assertThat(http.api("GET", "query/?q=SELECT%20Id%20FROM%20Task%20WHERE%20ActivityDate%20=%20LAST_N_DAYS:2000000000",
                null).status()).as("a range past the calendar still answers").isEqualTo(200);
    }

    @Test
    void encodedSlashesAndBackslashesInAnExternalIdAreDecodedIntoTheValue() {
        TestHttp.Response slash = http.api("PATCH", "sobjects/Task/Sales_Activity_Id__c/a%2Fb", "{\"Subject\":\"slash\"}");
        assertThat(slash.status()).as(slash.text()).isEqualTo(201);
        TestHttp.Response backslash = http.api("PATCH", "sobjects/Task/Sales_Activity_Id__c/a%5Cb", "{\"Subject\":\"backslash\"}");
        assertThat(backslash.status()).as(backslash.text()).isEqualTo(201);

        JsonNode bySlash = http.api("GET", "sobjects/Task/Sales_Activity_Id__c/a%2Fb", null).body();
        assertThat(bySlash.get("Sales_Activity_Id__c").asText()).isEqualTo("a/b");
        assertThat(bySlash.get("Subject").asText()).isEqualTo("slash");
        JsonNode byBackslash = http.api("GET", "sobjects/Task/Sales_Activity_Id__c/a%5Cb", null).body();
        assertThat(byBackslash.get("Sales_Activity_Id__c").asText()).isEqualTo("a\\b");
    }
}
