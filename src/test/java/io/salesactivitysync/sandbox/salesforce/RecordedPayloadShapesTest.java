package io.salesactivitysync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.ExpectedPayloads.PayloadCase;
import io.salesactivitysync.sandbox.salesforce.org.DemoOrg;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The emulator's REST and OAuth answers compared with Salesforce's: exactly where the expected
 * payload's data can be reproduced, field by field (keys and JSON types) otherwise. Each test runs
 * against the project's own fixtures and, where the shared corpus is present, against the real
 * recordings of the same case.
 */
class RecordedPayloadShapesTest {

    private static final String RESTFORCE = "restforce__restforce/spec/fixtures/";
    private static final String CAMEL_DTO = "apache__camel/dto/";
    private static final String CURATED = "_curated-rest-errors/";

    private static final PayloadCase INVALID_SESSION =
            new PayloadCase("rest/error-invalid-session.json", CURATED + "INVALID_SESSION_ID.json");
    private static final PayloadCase INVALID_SESSION_RESTFORCE =
            new PayloadCase("rest/error-invalid-session.json", RESTFORCE + "expired_session_response.json");
    private static final PayloadCase REQUEST_LIMIT_EXCEEDED =
            new PayloadCase("rest/error-request-limit-exceeded.json", CURATED + "REQUEST_LIMIT_EXCEEDED.json");
    private static final PayloadCase ENTITY_IS_DELETED =
            new PayloadCase("rest/error-entity-is-deleted.json", CURATED + "ENTITY_IS_DELETED.json");
    private static final PayloadCase REQUIRED_FIELD_MISSING =
            new PayloadCase("rest/error-required-field-missing.json", CURATED + "REQUIRED_FIELD_MISSING.json");
    private static final PayloadCase FIELD_NOT_EDITABLE =
            new PayloadCase("rest/error-field-not-editable.json", CURATED + "INVALID_FIELD_FOR_INSERT_UPDATE.json");
    private static final PayloadCase RESTRICTED_PICKLIST =
            new PayloadCase("rest/error-restricted-picklist.json", CURATED + "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST.json");
    private static final PayloadCase UNKNOWN_SOBJECT =
            new PayloadCase("rest/error-unknown-sobject.json", RESTFORCE + "sobject/sobject_describe_error_response.json");
    private static final PayloadCase UNKNOWN_EXTERNAL_ID_FIELD =
            new PayloadCase("rest/error-unknown-external-id-field.json", RESTFORCE + "sobject/sobject_find_error_response.json");
    private static final PayloadCase UNKNOWN_COLUMN =
            new PayloadCase("rest/error-unknown-column.json", RESTFORCE + "sobject/write_error_response.json");
    private static final PayloadCase CREATE_SUCCESS =
            new PayloadCase("rest/create-success.json", CURATED + "create-success.json");
    private static final PayloadCase UPSERT_CREATED =
            new PayloadCase("rest/upsert-created.json", RESTFORCE + "sobject/upsert_created_success_response.json");
    private static final PayloadCase UPSERT_SEVERAL_MATCHES =
            new PayloadCase("rest/upsert-several-matches.json", RESTFORCE + "sobject/upsert_multiple_error_response.json");
    private static final PayloadCase QUERY_EMPTY =
            new PayloadCase("rest/query-empty.json", RESTFORCE + "sobject/query_empty_response.json");
    private static final PayloadCase QUERY_FIRST_PAGE =
            new PayloadCase("rest/query-first-page.json", RESTFORCE + "sobject/query_paginated_first_page_response.json");
    private static final PayloadCase LIMITS =
            new PayloadCase("rest/limits.json", CAMEL_DTO + "limits.json");
    private static final PayloadCase COMPOSITE_ALL_OR_NONE_FAILURE =
            new PayloadCase("rest/composite-all-or-none-failure.json", CAMEL_DTO + "composite_response_example_failure.json");
    private static final PayloadCase COMPOSITE_SUCCESS =
            new PayloadCase("rest/composite-success.json", CAMEL_DTO + "composite_response_example_success.json");
    private static final PayloadCase COLLECTIONS_DELETE_WITHOUT_IDS = new PayloadCase(
            "rest/error-collections-delete-without-ids.json",
            "restforce__restforce/@history/spec/fixtures/sobject/composite_sobjects_destroy_bad_request_response.json");
    private static final PayloadCase OAUTH_WRONG_PASSWORD =
            new PayloadCase("rest/oauth-error-wrong-password.json", RESTFORCE + "auth_error_response.json");
    private static final PayloadCase OAUTH_BAD_REFRESH_TOKEN =
            new PayloadCase("rest/oauth-error-bad-refresh-token.json", RESTFORCE + "refresh_error_response.json");
    private static final PayloadCase OAUTH_TOKEN_GRANTED =
            new PayloadCase("rest/oauth-token-granted.json", RESTFORCE + "auth_success_response.json");
    private static final PayloadCase VERSIONS =
            new PayloadCase("rest/versions.json", RESTFORCE + "services_data_success_response.json");

    /** One field of one record set to a value. */
    private record FieldEdit(String sobject, String id, String field, String value) {
    }

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
    @EnumSource(ExpectedPayloads.class)
    void expiredSessionIsAnswered401LikeSalesforce(ExpectedPayloads payloads) {
        JsonNode expected = read(payloads, INVALID_SESSION);
        EmulatorHttp stale = new EmulatorHttp(emulator.baseUrl()).loginAsIntegrationUser();
        emulator.admin().advanceClock(emulator.settings().sessionTimeout().plusSeconds(1));
        EmulatorHttp.Result result = stale.api("GET", "limits/", null);
        http.loginAsIntegrationUser();

        assertThat(result.status()).isEqualTo(401);
        assertThat(result.body()).isEqualTo(expected);
        assertThat(result.body()).isEqualTo(read(payloads, INVALID_SESSION_RESTFORCE));
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void spentDailyLimitIsAnsweredExactlyLikeSalesforce(ExpectedPayloads payloads) {
        emulator.admin().usage().setUsed(emulator.settings().dailyApiLimit());
        EmulatorHttp.Result result = http.api("GET", "limits/", null);

        assertThat(result.status()).isEqualTo(403);
        assertThat(result.body()).isEqualTo(read(payloads, REQUEST_LIMIT_EXCEEDED));
        assertThat(result.header("Sforce-Limit-Info")).isEqualTo("api-usage=15000/15000");
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void deletingTwiceIsAnsweredEntityIsDeleted(ExpectedPayloads payloads) {
        String id = http.api("POST", "sobjects/Task", "{\"Subject\":\"twice\"}").body().get("id").asText();
        assertThat(http.api("DELETE", "sobjects/Task/" + id, null).status()).isEqualTo(204);
        EmulatorHttp.Result again = http.api("DELETE", "sobjects/Task/" + id, null);

        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).isEqualTo(read(payloads, ENTITY_IS_DELETED));
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void missingRequiredFieldIsAnsweredExactlyLikeSalesforce(ExpectedPayloads payloads) {
        // ours: a Contact without its last name; the recording's: an Account without its name
        String sobject = payloads.pick("Contact", "Account");
        String body = payloads.pick("{\"Email\":\"carol@initech.example\"}", "{\"Website\":\"https://nameless.example\"}");
        EmulatorHttp.Result result = http.api("POST", "sobjects/" + sobject, body);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).isEqualTo(read(payloads, REQUIRED_FIELD_MISSING));
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void fieldLevelSecurityRefusalIsAnsweredExactlyLikeSalesforce(ExpectedPayloads payloads) {
        // ours: a Contact's title; the recording's: an Account's name
        FieldEdit edit = payloads.pick(new FieldEdit("Contact", DemoOrg.ALICE_CONTACT_ID, "Title", "VP Procurement"),
                new FieldEdit("Account", DemoOrg.GLOBEX_ACCOUNT_ID, "Name", "Globex Renamed"));
        emulator.admin().setFieldEditable(edit.sobject(), edit.field(), false);
        EmulatorHttp.Result result = http.api("PATCH", "sobjects/" + edit.sobject() + "/" + edit.id(),
                "{\"%s\":\"%s\"}".formatted(edit.field(), edit.value()));

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).isEqualTo(read(payloads, FIELD_NOT_EDITABLE));
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void restrictedPicklistRefusalHasSalesforcesShapeAndMessage(ExpectedPayloads payloads) {
        JsonNode expected = read(payloads, RESTRICTED_PICKLIST);
        EmulatorHttp.Result result = http.api("POST", "sobjects/Task", "{\"Subject\":\"x\",\"Priority\":\"Urgent\"}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(JsonShape.of(result.body())).isEqualTo(JsonShape.of(expected));
        assertThat(result.body().get(0).get("errorCode")).isEqualTo(expected.get(0).get("errorCode"));
        assertThat(result.body().get(0).get("message").asText())
                .isEqualTo("Priority: bad value for restricted picklist field: Urgent");
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void unknownSObjectIsAnsweredExactlyLikeSalesforce(ExpectedPayloads payloads) {
        EmulatorHttp.Result result = http.api("GET", "sobjects/Sales_Meeting__c/describe", null);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.body()).isEqualTo(read(payloads, UNKNOWN_SOBJECT));
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void unknownExternalIdFieldIsAnsweredLikeSalesforce(ExpectedPayloads payloads) {
        // an external id value where the record id belongs: Salesforce reads it as a field name
        String notAnId = payloads.pick("sa-7f3c", "23foo");
        EmulatorHttp.Result result = http.api("GET", "sobjects/Task/" + notAnId, null);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.body()).isEqualTo(read(payloads, UNKNOWN_EXTERNAL_ID_FIELD));
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void unknownColumnInABodyIsAnsweredLikeSalesforce(ExpectedPayloads payloads) {
        JsonNode expected = read(payloads, UNKNOWN_COLUMN);
        EmulatorHttp.Result result = http.api("POST", "sobjects/Task", "{\"Meeting_Room__c\":\"B2\"}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(JsonShape.of(result.body())).isEqualTo(JsonShape.of(expected));
        assertThat(result.body().get(0).get("message").asText()).isEqualTo("No such column 'Meeting_Room__c' on sobject of type Task");
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void createAndUpsertResultsHaveSalesforcesShape(ExpectedPayloads payloads) {
        EmulatorHttp.Result created = http.api("POST", "sobjects/Task", "{\"Subject\":\"shape\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(JsonShape.of(created.body())).isEqualTo(JsonShape.of(read(payloads, CREATE_SUCCESS)));

        String key = "shape-" + UUID.randomUUID();
        EmulatorHttp.Result upserted = http.api("PATCH", "sobjects/Task/Sales_Activity_Id__c/" + key, "{\"Subject\":\"new\"}");
        assertThat(upserted.status()).isEqualTo(201);
        JsonNode expectedUpsert = read(payloads, UPSERT_CREATED);
        assertThat(JsonShape.object(upserted.body()).keySet())
                .containsAll(JsonShape.object(expectedUpsert).keySet());
        assertThat(upserted.body().get("created").asBoolean()).isTrue();

        EmulatorHttp.Result updated = http.api("PATCH", "sobjects/Task/Sales_Activity_Id__c/" + key, "{\"Subject\":\"again\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("created").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void externalIdMatchingSeveralRecordsIsAnswered300WithTheirUrls(ExpectedPayloads payloads) {
        String key = "dup-" + UUID.randomUUID();
        http.api("POST", "sobjects/Task", "{\"Subject\":\"a\",\"Sales_Activity_Id__c\":\"" + key + "\"}");
        http.api("POST", "sobjects/Task", "{\"Subject\":\"b\",\"Sales_Activity_Id__c\":\"" + key + "\"}");
        EmulatorHttp.Result result = http.api("PATCH", "sobjects/Task/Sales_Activity_Id__c/" + key, "{\"Subject\":\"c\"}");

        assertThat(result.status()).isEqualTo(300);
        assertThat(JsonShape.of(result.body())).isEqualTo(JsonShape.of(read(payloads, UPSERT_SEVERAL_MATCHES)));
        assertThat(result.body()).hasSize(2);
        assertThat(result.body().get(0).asText()).matches("/services/data/v56\\.0/sobjects/Task/00T\\w{15}");
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void queryPagesHaveSalesforcesShape(ExpectedPayloads payloads) {
        assertThat(http.query("SELECT Id FROM Task WHERE Subject = 'nothing like this'").body())
                .isEqualTo(read(payloads, QUERY_EMPTY));

        EmulatorHttp.Result first = http.query("SELECT Id FROM Task");
        JsonNode expected = read(payloads, QUERY_FIRST_PAGE);
        assertThat(JsonShape.object(first.body()).keySet())
                .isEqualTo(JsonShape.object(expected).keySet());
        assertThat(first.body().get("records").get(0).get("attributes").get("url").asText())
                .startsWith("/services/data/v56.0/sobjects/Task/");
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void limitsListEveryLimitSalesforceReports(ExpectedPayloads payloads) {
        JsonNode expected = read(payloads, LIMITS);
        JsonNode limits = http.api("GET", "limits/", null).body();

        assertThat(JsonShape.object(limits)).containsAllEntriesOf(JsonShape.object(expected));
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void compositeAllOrNoneFailureHasSalesforcesShape(ExpectedPayloads payloads) {
        JsonNode expected = read(payloads, COMPOSITE_ALL_OR_NONE_FAILURE);
        // the halted request's answer carries its referenceId: ours, or the recording's
        String halted = payloads.pick("NewAccount", "NewPayment1");
        String failing = payloads.pick("AccountOwnedByNobody", "NewPayment2");
        EmulatorHttp.Result result = http.api("POST", "composite", """
                {"allOrNone":true,"compositeRequest":[
                 {"method":"POST","url":"/services/data/v56.0/sobjects/Account","referenceId":"%s","body":{"Name":"ok"}},
                 {"method":"POST","url":"/services/data/v56.0/sobjects/Account","referenceId":"%s",
                  "body":{"Name":"owned by nobody","OwnerId":"005000000000099AAA"}}]}
                """.formatted(halted, failing));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body().get("compositeResponse").get(0)).isEqualTo(expected.get("compositeResponse").get(0));
        assertThat(JsonShape.of(result.body().get("compositeResponse").get(1)))
                .isEqualTo(JsonShape.of(expected.get("compositeResponse").get(1)));
        assertThat(http.query("SELECT Id FROM Account WHERE Name = 'ok'").body().get("totalSize").asInt()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void compositeSuccessHasSalesforcesShape(ExpectedPayloads payloads) {
        JsonNode expected = read(payloads, COMPOSITE_SUCCESS).get("compositeResponse").get(0);
        JsonNode result = http.api("POST", "composite", """
                {"compositeRequest":[{"method":"POST","url":"/services/data/v56.0/sobjects/Account","referenceId":"a",
                  "body":{"Name":"Composite shape"}}]}""").body().get("compositeResponse").get(0);

        Map<String, Object> shape = JsonShape.object(result);
        assertThat(shape.keySet()).isEqualTo(JsonShape.object(expected).keySet());
        assertThat(result.get("httpHeaders").get("Location").asText()).matches("/services/data/v56\\.0/sobjects/Account/001\\w{15}");
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void collectionsDeleteWithoutIdsIsAnsweredLikeSalesforce(ExpectedPayloads payloads) {
        EmulatorHttp.Result result = http.api("DELETE", "composite/sobjects?allOrNone=false", null);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).isEqualTo(read(payloads, COLLECTIONS_DELETE_WITHOUT_IDS));
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void tokenEndpointAnswersHaveSalesforcesShape(ExpectedPayloads payloads) {
        EmulatorHttp.Result refused = http.token(Map.of("grant_type", "password", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret", "username", "integration@sandbox.example", "password", "wrong"));
        JsonNode expectedError = read(payloads, OAUTH_WRONG_PASSWORD);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(JsonShape.of(refused.body())).isEqualTo(JsonShape.of(expectedError));
        assertThat(refused.body().get("error")).isEqualTo(expectedError.get("error"));

        EmulatorHttp.Result badRefresh = http.token(Map.of("grant_type", "refresh_token", "client_id", "sandbox-client",
                "refresh_token", "not-a-token"));
        assertThat(badRefresh.body()).isEqualTo(read(payloads, OAUTH_BAD_REFRESH_TOKEN));

        EmulatorHttp.Result granted = http.token(Map.of("grant_type", "password", "client_id", "sandbox-client",
                "client_secret", "sandbox-secret", "username", "integration@sandbox.example", "password", "sandbox"));
        JsonNode expectedSuccess = read(payloads, OAUTH_TOKEN_GRANTED);
        assertThat(JsonShape.object(granted.body())).containsAllEntriesOf(JsonShape.object(expectedSuccess));
        assertThat(granted.body().get("id").asText())
                .isEqualTo(emulator.baseUrl() + "/id/00D000000000001EAA/005000000000001AAA");
        assertThat(granted.body().get("instance_url").asText()).isEqualTo(emulator.baseUrl());
    }

    @ParameterizedTest
    @EnumSource(ExpectedPayloads.class)
    void versionListHasSalesforcesShape(ExpectedPayloads payloads) {
        EmulatorHttp.Result versions = http.raw("GET", "/services/data", null);
        JsonNode expected = read(payloads, VERSIONS);

        assertThat(JsonShape.of(versions.body())).isEqualTo(JsonShape.of(expected));
        assertThat(versions.body()).hasSize(13);
        assertThat(versions.body().get(0).get("url").asText()).isEqualTo("/services/data/v50.0");
        assertThat(versions.body().get(12).get("version").asText()).isEqualTo("62.0");
    }

    /** The expected payload of the case; from the corpus, the test is skipped where it is absent. */
    private static JsonNode read(ExpectedPayloads payloads, PayloadCase payload) {
        try {
            return EmulatorHttp.JSON.readTree(payloads.read(payload));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
