package io.salesactivitysync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.org.DemoOrg;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The emulator's answers compared with recorded real Salesforce payloads: exactly where the
 * recording's data can be reproduced, field by field (keys and JSON types) otherwise.
 */
class RecordedPayloadShapesTest {

    private static SalesforceEmulator emulator;
    private static EmulatorHttp http;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder()
                .queryBatchSize(2)
                .customFields(java.util.List.of(new io.salesactivitysync.sandbox.salesforce.org.CustomField("Task",
                        "Sales_Activity_Id__c", "string", null, 255, true, false, java.util.List.of(), false)))
                .build()).build().start();
        http = new EmulatorHttp(emulator.baseUrl()).loginAsIntegrationUser();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.admin().usage().setUsed(0);
        emulator.admin().fieldLevelSecurity().clear();
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void expiredSessionIsAnswered401LikeSalesforce(RecordedPayloads recorded) {
        JsonNode expected = recorded.read("_curated-rest-errors/INVALID_SESSION_ID.json");
        EmulatorHttp stale = new EmulatorHttp(emulator.baseUrl()).loginAsIntegrationUser();
        emulator.admin().advanceClock(emulator.settings().sessionTimeout().plusSeconds(1));
        EmulatorHttp.Result result = stale.api("GET", "limits/", null);
        http.loginAsIntegrationUser();

        assertThat(result.status()).isEqualTo(401);
        assertThat(result.body()).isEqualTo(expected);
        assertThat(result.body()).isEqualTo(recorded.read("restforce__restforce/spec/fixtures/expired_session_response.json"));
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void spentDailyLimitIsAnsweredExactlyLikeSalesforce(RecordedPayloads recorded) {
        emulator.admin().usage().setUsed(emulator.settings().dailyApiLimit());
        EmulatorHttp.Result result = http.api("GET", "limits/", null);

        assertThat(result.status()).isEqualTo(403);
        assertThat(result.body()).isEqualTo(recorded.read("_curated-rest-errors/REQUEST_LIMIT_EXCEEDED.json"));
        assertThat(result.header("Sforce-Limit-Info")).isEqualTo("api-usage=15000/15000");
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void deletingTwiceIsAnsweredEntityIsDeleted(RecordedPayloads recorded) {
        String id = http.api("POST", "sobjects/Task", "{\"Subject\":\"twice\"}").body().get("id").asText();
        assertThat(http.api("DELETE", "sobjects/Task/" + id, null).status()).isEqualTo(204);
        EmulatorHttp.Result again = http.api("DELETE", "sobjects/Task/" + id, null);

        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).isEqualTo(recorded.read("_curated-rest-errors/ENTITY_IS_DELETED.json"));
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void missingRequiredFieldIsAnsweredExactlyLikeSalesforce(RecordedPayloads recorded) {
        EmulatorHttp.Result result = http.api("POST", "sobjects/Account", "{\"Website\":\"https://nameless.example\"}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).isEqualTo(recorded.read("_curated-rest-errors/REQUIRED_FIELD_MISSING.json"));
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void fieldLevelSecurityRefusalIsAnsweredExactlyLikeSalesforce(RecordedPayloads recorded) {
        emulator.admin().setFieldEditable("Account", "Name", false);
        EmulatorHttp.Result result = http.api("PATCH", "sobjects/Account/" + DemoOrg.GLOBEX_ACCOUNT_ID,
                "{\"Name\":\"Globex Renamed\"}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).isEqualTo(recorded.read("_curated-rest-errors/INVALID_FIELD_FOR_INSERT_UPDATE.json"));
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void restrictedPicklistRefusalHasSalesforcesShapeAndMessage(RecordedPayloads recorded) {
        JsonNode expected = recorded.read("_curated-rest-errors/INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST.json");
        EmulatorHttp.Result result = http.api("POST", "sobjects/Task", "{\"Subject\":\"x\",\"Priority\":\"Urgent\"}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(JsonShape.of(result.body())).isEqualTo(JsonShape.of(expected));
        assertThat(result.body().get(0).get("errorCode")).isEqualTo(expected.get(0).get("errorCode"));
        assertThat(result.body().get(0).get("message").asText())
                .isEqualTo("Priority: bad value for restricted picklist field: Urgent");
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void unknownSObjectIsAnsweredExactlyLikeSalesforce(RecordedPayloads recorded) {
        EmulatorHttp.Result result = http.api("GET", "sobjects/Whizbang/describe", null);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.body()).isEqualTo(
                recorded.read("restforce__restforce/spec/fixtures/sobject/sobject_describe_error_response.json"));
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void unknownExternalIdFieldIsAnsweredLikeSalesforce(RecordedPayloads recorded) {
        EmulatorHttp.Result result = http.api("GET", "sobjects/Task/23foo", null);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.body()).isEqualTo(
                recorded.read("restforce__restforce/spec/fixtures/sobject/sobject_find_error_response.json"));
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void unknownColumnInABodyIsAnsweredLikeSalesforce(RecordedPayloads recorded) {
        JsonNode expected = recorded.read("restforce__restforce/spec/fixtures/sobject/write_error_response.json");
        EmulatorHttp.Result result = http.api("POST", "sobjects/Task", "{\"foo\":\"bar\"}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(JsonShape.of(result.body())).isEqualTo(JsonShape.of(expected));
        assertThat(result.body().get(0).get("message").asText()).isEqualTo("No such column 'foo' on sobject of type Task");
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void createAndUpsertResultsHaveSalesforcesShape(RecordedPayloads recorded) {
        EmulatorHttp.Result created = http.api("POST", "sobjects/Task", "{\"Subject\":\"shape\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(JsonShape.of(created.body())).isEqualTo(JsonShape.of(recorded.read("_curated-rest-errors/create-success.json")));

        String key = "shape-" + UUID.randomUUID();
        EmulatorHttp.Result upserted = http.api("PATCH", "sobjects/Task/Sales_Activity_Id__c/" + key, "{\"Subject\":\"new\"}");
        assertThat(upserted.status()).isEqualTo(201);
        JsonNode recordedUpsert = recorded.read("restforce__restforce/spec/fixtures/sobject/upsert_created_success_response.json");
        assertThat(JsonShape.object(upserted.body()).keySet())
                .containsAll(JsonShape.object(recordedUpsert).keySet());
        assertThat(upserted.body().get("created").asBoolean()).isTrue();

        EmulatorHttp.Result updated = http.api("PATCH", "sobjects/Task/Sales_Activity_Id__c/" + key, "{\"Subject\":\"again\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("created").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void externalIdMatchingSeveralRecordsIsAnswered300WithTheirUrls(RecordedPayloads recorded) {
        String key = "dup-" + UUID.randomUUID();
        http.api("POST", "sobjects/Task", "{\"Subject\":\"a\",\"Sales_Activity_Id__c\":\"" + key + "\"}");
        http.api("POST", "sobjects/Task", "{\"Subject\":\"b\",\"Sales_Activity_Id__c\":\"" + key + "\"}");
        EmulatorHttp.Result result = http.api("PATCH", "sobjects/Task/Sales_Activity_Id__c/" + key, "{\"Subject\":\"c\"}");

        assertThat(result.status()).isEqualTo(300);
        assertThat(JsonShape.of(result.body())).isEqualTo(
                JsonShape.of(recorded.read("restforce__restforce/spec/fixtures/sobject/upsert_multiple_error_response.json")));
        assertThat(result.body()).hasSize(2);
        assertThat(result.body().get(0).asText()).matches("/services/data/v56\\.0/sobjects/Task/00T\\w{15}");
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void queryPagesHaveSalesforcesShape(RecordedPayloads recorded) {
        assertThat(http.query("SELECT Id FROM Task WHERE Subject = 'nothing like this'").body())
                .isEqualTo(recorded.read("restforce__restforce/spec/fixtures/sobject/query_empty_response.json"));

        EmulatorHttp.Result first = http.query("SELECT Id FROM Task");
        JsonNode expected = recorded.read("restforce__restforce/spec/fixtures/sobject/query_paginated_first_page_response.json");
        assertThat(JsonShape.object(first.body()).keySet())
                .isEqualTo(JsonShape.object(expected).keySet());
        assertThat(first.body().get("records").get(0).get("attributes").get("url").asText())
                .startsWith("/services/data/v56.0/sobjects/Task/");
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void limitsListEveryLimitSalesforceReports(RecordedPayloads recorded) {
        JsonNode expected = recorded.read("apache__camel/dto/limits.json");
        JsonNode limits = http.api("GET", "limits/", null).body();

        assertThat(JsonShape.object(limits)).containsAllEntriesOf(JsonShape.object(expected));
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void compositeAllOrNoneFailureHasSalesforcesShape(RecordedPayloads recorded) {
        JsonNode expected = recorded.read("apache__camel/dto/composite_response_example_failure.json");
        EmulatorHttp.Result result = http.api("POST", "composite", """
                {"allOrNone":true,"compositeRequest":[
                 {"method":"POST","url":"/services/data/v56.0/sobjects/Account","referenceId":"NewPayment1","body":{"Name":"ok"}},
                 {"method":"POST","url":"/services/data/v56.0/sobjects/Account","referenceId":"NewPayment2",
                  "body":{"Name":"owned by nobody","OwnerId":"005000000000099AAA"}}]}
                """);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body().get("compositeResponse").get(0)).isEqualTo(expected.get("compositeResponse").get(0));
        assertThat(JsonShape.of(result.body().get("compositeResponse").get(1)))
                .isEqualTo(JsonShape.of(expected.get("compositeResponse").get(1)));
        assertThat(http.query("SELECT Id FROM Account WHERE Name = 'ok'").body().get("totalSize").asInt()).isZero();
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void compositeSuccessHasSalesforcesShape(RecordedPayloads recorded) {
        JsonNode expected = recorded.read("apache__camel/dto/composite_response_example_success.json").get("compositeResponse").get(0);
        JsonNode result = http.api("POST", "composite", """
                {"compositeRequest":[{"method":"POST","url":"/services/data/v56.0/sobjects/Account","referenceId":"a",
                  "body":{"Name":"Composite shape"}}]}""").body().get("compositeResponse").get(0);

        Map<String, Object> shape = JsonShape.object(result);
        assertThat(shape.keySet()).isEqualTo(JsonShape.object(expected).keySet());
        assertThat(result.get("httpHeaders").get("Location").asText()).matches("/services/data/v56\\.0/sobjects/Account/001\\w{15}");
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void collectionsDeleteWithoutIdsIsAnsweredLikeSalesforce(RecordedPayloads recorded) {
        EmulatorHttp.Result result = http.api("DELETE", "composite/sobjects?allOrNone=false", null);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).isEqualTo(recorded.read(
                "restforce__restforce/@history/spec/fixtures/sobject/composite_sobjects_destroy_bad_request_response.json"));
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void tokenEndpointAnswersHaveSalesforcesShape(RecordedPayloads recorded) {
        EmulatorHttp.Result refused = http.token(Map.of("grant_type", "password", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret", "username", "integration@sandbox.example", "password", "wrong"));
        JsonNode expectedError = recorded.read("restforce__restforce/spec/fixtures/auth_error_response.json");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(JsonShape.of(refused.body())).isEqualTo(JsonShape.of(expectedError));
        assertThat(refused.body().get("error")).isEqualTo(expectedError.get("error"));

        EmulatorHttp.Result badRefresh = http.token(Map.of("grant_type", "refresh_token", "client_id", "sandbox-client",
                "refresh_token", "not-a-token"));
        assertThat(badRefresh.body()).isEqualTo(recorded.read("restforce__restforce/spec/fixtures/refresh_error_response.json"));

        EmulatorHttp.Result granted = http.token(Map.of("grant_type", "password", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret", "username", "integration@sandbox.example", "password", "sandbox"));
        JsonNode expectedSuccess = recorded.read("restforce__restforce/spec/fixtures/auth_success_response.json");
        assertThat(JsonShape.object(granted.body())).containsAllEntriesOf(JsonShape.object(expectedSuccess));
        assertThat(granted.body().get("id").asText())
                .isEqualTo(emulator.baseUrl() + "/id/00D000000000001EAA/005000000000001AAA");
        assertThat(granted.body().get("instance_url").asText()).isEqualTo(emulator.baseUrl());
    }

    @ParameterizedTest
    @EnumSource(RecordedPayloads.class)
    void versionListHasSalesforcesShape(RecordedPayloads recorded) {
        EmulatorHttp.Result versions = http.raw("GET", "/services/data", null);
        JsonNode expected = recorded.read("restforce__restforce/spec/fixtures/services_data_success_response.json");

        assertThat(JsonShape.of(versions.body())).isEqualTo(JsonShape.of(expected));
        assertThat(versions.body()).hasSize(13);
        assertThat(versions.body().get(0).get("url").asText()).isEqualTo("/services/data/v50.0");
        assertThat(versions.body().get(12).get("version").asText()).isEqualTo("62.0");
    }
}
