package io.salesactivitysync.sandbox.salesforce.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import io.salesactivitysync.sandbox.salesforce.org.DemoOrg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The save results of sObject Collections updates and deletes that fail, as the REST API
 * reference shows them ("Some Items Failed and allOrNone is false"): a failed record has no
 * {@code id}, and a missing or deleted record fails as DML fails it.
 */
class CollectionsFailuresTest {

    private static SalesforceEmulator emulator;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build().start();
        http = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String createTask(String subject) {
        return http.api("POST", "sobjects/Task", "{\"Subject\":\"" + subject + "\"}").body().get("id").asText();
    }

    private static void failed(JsonNode result, String statusCode, String message, String... fields) {
        assertThat(result.has("id")).as(result.toString()).isFalse();
        assertThat(result.get("success").asBoolean()).isFalse();
        JsonNode error = result.get("errors").get(0);
        assertThat(error.get("statusCode").asText()).isEqualTo(statusCode);
        assertThat(error.get("message").asText()).isEqualTo(message);
        assertThat(error.get("fields")).extracting(JsonNode::asText).containsExactly(fields);
    }

    @Test
    void aDeleteOfAMalformedIdFailsWithoutAnId() {
        String task = createTask("Delete me");

        JsonNode results = http.api("DELETE", "composite/sobjects?ids=" + task + ",001RM000003oLrB000&allOrNone=false",
                null).body();

        assertThat(results.get(0).get("id").asText()).isEqualTo(task);
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        failed(results.get(1), "MALFORMED_ID", "malformed id 001RM000003oLrB000");
    }

    @Test
    void anUpdateOfAMissingOrDeletedRecordFailsAsDmlFails() {
        String deleted = createTask("Gone");
        http.api("DELETE", "sobjects/Task/" + deleted, null);

        JsonNode results = http.api("PATCH", "composite/sobjects", "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Task\"},\"id\":\"00T000000000099EAA\",\"Subject\":\"missing\"},"
                + "{\"attributes\":{\"type\":\"Task\"},\"id\":\"" + deleted + "\",\"Subject\":\"deleted\"},"
                + "{\"attributes\":{\"type\":\"Task\"},\"id\":\"" + DemoOrg.ALICE_CONTACT_ID + "\",\"Subject\":\"wrong type\"},"
                + "{\"attributes\":{\"type\":\"Task\"},\"id\":\"not-an-id\",\"Subject\":\"malformed\"}]}").body();

        failed(results.get(0), "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        failed(results.get(1), "ENTITY_IS_DELETED", "entity is deleted");
        failed(results.get(2), "MALFORMED_ID", "Task ID: id value of incorrect type: " + DemoOrg.ALICE_CONTACT_ID, "Id");
        failed(results.get(3), "MALFORMED_ID", "Task ID: id value of incorrect type: not-an-id", "Id");
    }

    @Test
    void aDeleteOfAMissingRecordFailsLikeItsUpdate() {
        JsonNode results = http.api("DELETE", "composite/sobjects?ids=00T000000000099EAA", null).body();

        failed(results.get(0), "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
    }

    @Test
    void withAllOrNoneTheRolledBackRecordsKeepTheirIds() {
        String task = createTask("Rolled back");

        JsonNode results = http.api("PATCH", "composite/sobjects", "{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"Task\"},\"id\":\"" + task + "\",\"Subject\":\"ok\"},"
                + "{\"attributes\":{\"type\":\"Task\"},\"id\":\"00T000000000099EAA\",\"Subject\":\"missing\"}]}").body();

        assertThat(results.get(0).get("id").asText()).isEqualTo(task);
        assertThat(results.get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        failed(results.get(1), "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
    }
}
