package io.salesactivitysync.sandbox.salesforce.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
import io.salesactivitysync.sandbox.salesforce.org.DemoOrg;
import io.salesactivitysync.sandbox.salesforce.org.OrgChangeListener;
import io.salesactivitysync.sandbox.salesforce.org.RecordChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Salesforce's validation and error answers over plain HTTP, one rule per test. */
class RestValidationTest {

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

    @AfterEach
    void reset() {
        emulator.admin().fieldLevelSecurity().clear();
    }

    private static JsonNode error(TestHttp.Response response, int status, String errorCode) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.body().get(0).get("errorCode").asText()).isEqualTo(errorCode);
        return response.body().get(0);
    }

    private static String createTask(String json) {
        TestHttp.Response created = http.api("POST", "sobjects/Task", json);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    @Test
    void badJsonIsAJsonParserError() {
        JsonNode error = error(http.api("POST", "sobjects/Task", "{\"Subject\": "), 400, "JSON_PARSER_ERROR");
        assertThat(error.has("fields")).isFalse();
        error(http.api("POST", "sobjects/Task", null), 400, "JSON_PARSER_ERROR");
        error(http.api("POST", "sobjects/Task", "[1,2]"), 400, "JSON_PARSER_ERROR");
        assertThat(error(http.api("POST", "sobjects/Task", "{\"ActivityDate\":\"next tuesday\"}"), 400,
                "JSON_PARSER_ERROR").get("message").asText()).startsWith("Cannot deserialize instance of date");
        error(http.api("POST", "sobjects/Task", "{\"IsReminderSet\":{\"a\":1}}"), 400, "JSON_PARSER_ERROR");
    }

    @Test
    void aValueOfTheWrongTypeIsReportedWithItsPlaceInTheBody() {
        assertThat(error(http.api("POST", "sobjects/Task", "{\"Subject\":\"x\",\n \"ActivityDate\":\"next tuesday\"}"),
                400, "JSON_PARSER_ERROR").get("message").asText()).isEqualTo("Cannot deserialize instance of date from "
                        + "VALUE_STRING value next tuesday or request may be missing a required field at [line:2, column:31]");
        assertThat(error(http.api("PATCH", "sobjects/Task/00T000000000001EAA", "{\"IsReminderSet\":{\"a\":1}}"), 400,
                "JSON_PARSER_ERROR").get("message").asText()).isEqualTo("Cannot deserialize instance of boolean from "
                        + "START_OBJECT value { or request may be missing a required field at [line:1, column:19]");
        TestHttp.Response collection = http.api("POST", "composite/sobjects", "{\"records\":[{\"attributes\":"
                + "{\"type\":\"Task\"},\"CallDurationInSeconds\":1.5}]}");
        assertThat(collection.body().get(0).get("errors").get(0).get("message").asText())
                .endsWith("or request may be missing a required field at [line:1, column:70]");
    }

    @Test
    void aValueOfTheWrongTypeInACollectionTreeOrCompositeRecordIsReportedWithItsPlace() {
        String prefix = "Cannot deserialize instance of ";
        String suffix = " or request may be missing a required field at ";
        JsonNode updated = http.api("PATCH", "composite/sobjects", "{\"records\":[\n"
                + "{\"attributes\":{\"type\":\"Task\"},\"Id\":\"00T000000000001EAA\",\"IsReminderSet\":{\"a\":1}},\n"
                + "{\"attributes\":{\"type\":\"Task\"},\"Id\":\"00T000000000001EAA\",\"IsReminderSet\":true,\"ActivityDate\":true}]}")
                .body();
        assertThat(saveError(updated.get(0))).isEqualTo(prefix + "boolean from START_OBJECT value {" + suffix + "[line:2, column:74]");
        assertThat(saveError(updated.get(1))).isEqualTo(prefix + "date from VALUE_TRUE value true" + suffix + "[line:3, column:97]");
        JsonNode upserted = http.api("PATCH", "composite/sobjects/Task/Id", "{\"records\":[null,\n  null]}").body();
        assertThat(saveError(upserted.get(0))).isEqualTo(prefix + "Task from VALUE_STRING value null" + suffix + "[line:1, column:17]");
        assertThat(saveError(upserted.get(1))).isEqualTo(prefix + "Task from VALUE_STRING value null" + suffix + "[line:2, column:7]");
        TestHttp.Response tree = http.api("POST", "composite/tree/Account", "{\"records\":[{\"attributes\":"
                + "{\"type\":\"Account\",\"referenceId\":\"a\"},\"Name\":\"A\",\n\"Tasks\":{\"records\":[\n"
                + "{\"attributes\":{\"type\":\"Task\",\"referenceId\":\"t\"},\"Subject\":[\"x\"]}]}}]}");
        assertThat(saveError(tree.body().get("results").get(0)))
                .isEqualTo(prefix + "combobox from START_ARRAY value [" + suffix + "[line:3, column:60]");
        String subrequest = "{\"method\":\"PATCH\",\"url\":\"/services/data/v56.0/sobjects/Task/00T000000000001EAA\","
                + "\"body\":{\"Subject\":\"x\",\n\"ActivityDate\":5}}";
        JsonNode composite = http.api("POST", "composite", "{\"compositeRequest\":[" + subrequest + "]}").body();
        assertThat(composite.get("compositeResponse").get(0).get("body").get(0).get("message").asText())
                .isEqualTo(prefix + "date from VALUE_NUMBER_INT value 5" + suffix + "[line:2, column:17]");
        JsonNode batch = http.api("POST", "composite/batch", "{\"batchRequests\":[\n"
                + subrequest.replace("\"body\"", "\"richInput\"") + "]}").body();
        assertThat(batch.get("results").get(0).get("result").get(0).get("message").asText())
                .isEqualTo(prefix + "date from VALUE_NUMBER_INT value 5" + suffix + "[line:3, column:17]");
    }

    private static String saveError(JsonNode result) {
        return result.get("errors").get(0).get("message").asText();
    }

    @Test
    void wrongMethodUnknownPathAndUnknownVersion() {
        assertThat(error(http.api("PUT", "sobjects/Task/00T000000000001EAA", "{}"), 405, "METHOD_NOT_ALLOWED")
                .get("message").asText()).isEqualTo("HTTP Method 'PUT' not allowed. Allowed are HEAD,GET,PATCH,DELETE");
        error(http.api("DELETE", "sobjects/User/005000000000003AAA", null), 405, "METHOD_NOT_ALLOWED");
        error(http.api("GET", "nothing/here", null), 404, "NOT_FOUND");
        error(http.raw("GET", "/services/data/v49.0/limits", null), 404, "NOT_FOUND");
        error(http.raw("GET", "/some/other/path", null), 404, "NOT_FOUND");
    }

    @Test
    void everyAnswerCarriesTheLimitInfoHeader() {
        assertThat(http.api("GET", "limits/", null).header("Sforce-Limit-Info")).matches("api-usage=\\d+/15000");
        assertThat(http.api("GET", "nothing", null).header("Sforce-Limit-Info")).startsWith("api-usage=");
    }

    @Test
    void prettyPrintsOnRequest() {
        assertThat(http.api("GET", "limits/", null, "X-PrettyPrint", "1").text()).contains("\"Max\" : 15000");
        assertThat(http.api("GET", "limits/", null).text()).contains("\"Max\":15000");
    }

    @Test
    void missingOrUnknownTokenIsAnInvalidSession() {
        TestHttp anonymous = new TestHttp(emulator.baseUrl(), null);
        JsonNode error = error(anonymous.api("GET", "limits/", null), 401, "INVALID_SESSION_ID");
        assertThat(error.get("message").asText()).isEqualTo("Session expired or invalid");
        error(new TestHttp(emulator.baseUrl(), "00D000000000001!bogus").api("GET", "limits/", null), 401,
                "INVALID_SESSION_ID");
    }

    @Test
    void taskDefaultsAndDerivedFields() {
        String id = createTask("{\"Subject\":\"Defaults\",\"WhoId\":\"" + DemoOrg.BOB_CONTACT_ID + "\",\"attributes\":{\"type\":\"Task\"}}");
        JsonNode task = http.api("GET", "sobjects/Task/" + id, null).body();

        assertThat(task.get("Status").asText()).isEqualTo("Not Started");
        assertThat(task.get("Priority").asText()).isEqualTo("Normal");
        assertThat(task.get("IsClosed").asBoolean()).isFalse();
        assertThat(task.get("IsHighPriority").asBoolean()).isFalse();
        assertThat(task.get("AccountId").asText()).isEqualTo(DemoOrg.GLOBEX_ACCOUNT_ID);
        assertThat(task.get("OwnerId").asText()).isEqualTo(EmulatorSettings.INTEGRATION_USER_ID);
        assertThat(task.get("CreatedDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
        assertThat(task.get("attributes").get("url").asText()).isEqualTo("/services/data/v56.0/sobjects/Task/" + id);

        http.api("PATCH", "sobjects/Task/" + id, "{\"Priority\":\"High\",\"Status\":\"Completed\",\"WhatId\":\""
                + DemoOrg.RENEWAL_OPPORTUNITY_ID + "\"}");
        JsonNode updated = http.api("GET", "sobjects/Task/" + id + "?fields=IsHighPriority,IsClosed,AccountId,CompletedDateTime", null).body();
        assertThat(updated.get("IsHighPriority").asBoolean()).isTrue();
        assertThat(updated.get("IsClosed").asBoolean()).isTrue();
        assertThat(updated.get("AccountId").asText()).isEqualTo(DemoOrg.ACME_ACCOUNT_ID);
        assertThat(updated.get("CompletedDateTime").isTextual()).isTrue();
        assertThat(updated.has("Subject")).isFalse();
        assertThat(updated.get("Id").asText()).isEqualTo(id);
    }

    @Test
    void aCheckboxSetToNullIsFalse() {
        List<RecordChange> changes = new CopyOnWriteArrayList<>();
        OrgChangeListener listener = changes::addAll;
        emulator.addChangeListener(listener);
        try {
            String id = createTask("{\"Subject\":\"Remind me\",\"IsReminderSet\":true}");
            assertThat(http.api("PATCH", "sobjects/Task/" + id, "{\"IsReminderSet\":null}").status()).isEqualTo(204);

            JsonNode task = http.api("GET", "sobjects/Task/" + id + "?fields=IsReminderSet", null).body();
            assertThat(task.get("IsReminderSet").isBoolean()).as(task.toString()).isTrue();
            assertThat(task.get("IsReminderSet").asBoolean()).isFalse();
            assertThat(http.api("GET", "query/?q=SELECT%20Id%20FROM%20Task%20WHERE%20IsReminderSet%20=%20false"
                    + "%20AND%20Id%20=%20'" + id + "'", null).body().get("totalSize").asInt()).isEqualTo(1);
            RecordChange update = changes.stream().filter(c -> c.recordId().equals(id))
                    .filter(c -> c.changeType() == ChangeType.UPDATE).findFirst().orElseThrow();
            assertThat(update.fields()).containsEntry("IsReminderSet", false);
            assertThat(update.nulledFields()).doesNotContain("IsReminderSet");
        } finally {
            emulator.removeChangeListener(listener);
        }
    }

    @Test
    void aPushTopicsNotifyForOperationsFollowsItsOperationFlags() {
        String id = http.api("POST", "sobjects/PushTopic", "{\"Name\":\"OpsTopic\",\"ApiVersion\":62.0,"
                + "\"Query\":\"SELECT Id FROM Task\",\"NotifyForOperationUpdate\":false}").body().get("id").asText();
        java.util.function.Supplier<String> operations = () -> http.api("GET",
                "sobjects/PushTopic/" + id + "?fields=NotifyForOperations", null).body().get("NotifyForOperations").asText();
        assertThat(operations.get()).isEqualTo("Create");

        http.api("PATCH", "sobjects/PushTopic/" + id, "{\"NotifyForOperationCreate\":false}");
        assertThat(operations.get()).isEqualTo("Extended");
        http.api("PATCH", "sobjects/PushTopic/" + id, "{\"NotifyForOperationUpdate\":true}");
        assertThat(operations.get()).isEqualTo("Update");
        http.api("PATCH", "sobjects/PushTopic/" + id, "{\"NotifyForOperationCreate\":true,\"NotifyForOperationDelete\":false}");
        assertThat(operations.get()).isEqualTo("All");

        error(http.api("PATCH", "sobjects/PushTopic/" + id, "{\"NotifyForOperations\":\"Create\"}"), 400,
                "INVALID_FIELD_FOR_INSERT_UPDATE");
        http.api("DELETE", "sobjects/PushTopic/" + id, null);
    }

    @Test
    void readOnlyAndCreateOnlyFieldsAreRefused() {
        JsonNode error = error(http.api("POST", "sobjects/Task", "{\"Subject\":\"x\",\"IsClosed\":true,\"CreatedDate\":\"2020-01-01T00:00:00.000+0000\"}"),
                400, "INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(error.get("fields")).hasSize(2);
        assertThat(error.get("message").asText()).startsWith("Unable to create/update fields: IsClosed, CreatedDate.");

        String id = createTask("{\"Subject\":\"subtype\",\"TaskSubtype\":\"Email\"}");
        error = error(http.api("PATCH", "sobjects/Task/" + id, "{\"TaskSubtype\":\"Call\"}"), 400,
                "INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(error.get("fields").get(0).asText()).isEqualTo("TaskSubtype");
        error(http.api("PATCH", "sobjects/Task/" + id, "{\"AccountId\":\"" + DemoOrg.ACME_ACCOUNT_ID + "\"}"), 400,
                "INVALID_FIELD_FOR_INSERT_UPDATE");
        error(http.api("POST", "sobjects/Task", "{\"Id\":\"00T000000000001EAA\"}"), 400, "INVALID_FIELD_FOR_INSERT_UPDATE");
    }

    @Test
    void requiredFieldsLengthsAndPicklists() {
        JsonNode missing = error(http.api("POST", "sobjects/Lead", "{\"FirstName\":\"No\"}"), 400, "REQUIRED_FIELD_MISSING");
        assertThat(missing.get("message").asText()).isEqualTo("Required fields are missing: [LastName, Company]");
        error(http.api("POST", "sobjects/Opportunity", "{\"Name\":\"Half\"}"), 400, "REQUIRED_FIELD_MISSING");
        error(http.api("PATCH", "sobjects/Contact/" + DemoOrg.BOB_CONTACT_ID, "{\"LastName\":null}"), 400,
                "REQUIRED_FIELD_MISSING");

        JsonNode tooLong = error(http.api("POST", "sobjects/Task", "{\"Subject\":\"" + "x".repeat(256) + "\"}"), 400,
                "STRING_TOO_LONG");
        assertThat(tooLong.get("message").asText()).startsWith("Subject: data value too large: ").endsWith("(max length=255)");
        createTask("{\"Subject\":\"" + "x".repeat(255) + "\",\"Description\":\"" + "d".repeat(32000) + "\"}");
        error(http.api("POST", "sobjects/Task", "{\"Description\":\"" + "d".repeat(32001) + "\"}"), 400, "STRING_TOO_LONG");

        error(http.api("POST", "sobjects/Task", "{\"TaskSubtype\":\"Fax\"}"), 400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        error(http.api("POST", "sobjects/Task", "{\"Type\":\"Lunch\"}"), 400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        error(http.api("POST", "sobjects/Contact", "{\"LastName\":\"Mail\",\"Email\":\"not-an-email\"}"), 400,
                "INVALID_EMAIL_ADDRESS");
    }

    @Test
    void referencesMustPointAtExistingRecordsOfAllowedTypes() {
        JsonNode malformed = error(http.api("POST", "sobjects/Task", "{\"WhoId\":\"abc\"}"), 400, "MALFORMED_ID");
        assertThat(malformed.get("message").asText()).isEqualTo("Name ID: id value of incorrect type: abc");
        JsonNode wrongType = error(http.api("POST", "sobjects/Task", "{\"WhoId\":\"" + DemoOrg.ACME_ACCOUNT_ID + "\"}"),
                400, "FIELD_INTEGRITY_EXCEPTION");
        assertThat(wrongType.get("fields").get(0).asText()).isEqualTo("WhoId");
        error(http.api("POST", "sobjects/Task", "{\"WhatId\":\"" + DemoOrg.ALICE_CONTACT_ID + "\"}"), 400,
                "FIELD_INTEGRITY_EXCEPTION");
        error(http.api("POST", "sobjects/Task", "{\"WhoId\":\"003000000000099AAA\"}"), 400, "INVALID_CROSS_REFERENCE_KEY");
        error(http.api("POST", "sobjects/Task", "{\"OwnerId\":\"005000000000099AAA\"}"), 400, "INVALID_CROSS_REFERENCE_KEY");
        error(http.api("POST", "sobjects/Contact", "{\"LastName\":\"L\",\"AccountId\":\"" + DemoOrg.CAROL_LEAD_ID + "\"}"),
                400, "FIELD_INTEGRITY_EXCEPTION");
        error(http.api("POST", "sobjects/Task", "{\"Subejct\":\"typo\"}"), 400, "INVALID_FIELD");
    }

    @Test
    void idsInUrlsAreChecked() {
        JsonNode malformed = error(http.api("GET", "sobjects/Task/00T000000000001AAA", null), 400, "MALFORMED_ID");
        assertThat(malformed.get("fields").get(0).asText()).isEqualTo("Id");
        error(http.api("PATCH", "sobjects/Task/" + DemoOrg.ALICE_CONTACT_ID, "{}"), 400, "MALFORMED_ID");
        error(http.api("GET", "sobjects/Task/00T000000000099EAA", null), 404, "NOT_FOUND");
        assertThat(http.api("GET", "sobjects/Task/00T000000000001", null).status()).isEqualTo(200);
    }

    @Test
    void aLowerCaseCaseSuffixNamesTheSameRecord() {
        // the suffix only carries the case of the first 15 characters, so its own case does not matter
        JsonNode task = http.api("GET", "sobjects/Task/00T000000000001eaa", null).body();
        assertThat(task.get("Id").asText()).isEqualTo("00T000000000001EAA");
        String id = createTask("{\"Subject\":\"lower suffix\",\"WhoId\":\"003000000000001aaa\"}");
        assertThat(http.api("GET", "sobjects/Task/" + id, null).body().get("WhoId").asText())
                .isEqualTo(DemoOrg.ALICE_CONTACT_ID);
        assertThat(http.api("PATCH", "sobjects/Task/" + id, "{\"WhoId\":\"003000000000002\"}").status()).isEqualTo(204);
        assertThat(http.api("GET", "sobjects/Task/" + id, null).body().get("WhoId").asText())
                .isEqualTo(DemoOrg.BOB_CONTACT_ID);
        // the first 15 characters keep their case: Salesforce does not restore it from the suffix
        error(http.api("GET", "sobjects/Task/00t000000000001eaa", null), 400, "MALFORMED_ID");
    }

    @Test
    void deletedRecordsAreEntityIsDeletedUntilTheRecycleBinEmpties() {
        String id = createTask("{\"Subject\":\"recycle\"}");
        http.api("DELETE", "sobjects/Task/" + id, null);
        error(http.api("GET", "sobjects/Task/" + id, null), 404, "ENTITY_IS_DELETED");
        error(http.api("PATCH", "sobjects/Task/" + id, "{\"Subject\":\"again\"}"), 404, "ENTITY_IS_DELETED");
        error(http.api("POST", "sobjects/Task", "{\"WhatId\":\"" + id.replace("00T", "006") + "\"}"), 400, "MALFORMED_ID");

        emulator.admin().advanceClock(Duration.ofDays(15).plusMinutes(1));
        TestHttp fresh = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
        error(fresh.api("GET", "sobjects/Task/" + id, null), 404, "NOT_FOUND");
        http = fresh;
    }

    @Test
    void deletingAnAccountCascadesToItsContactsOpportunitiesAndActivities() {
        String account = http.api("POST", "sobjects/Account", "{\"Name\":\"Cascade Co\"}").body().get("id").asText();
        String contact = http.api("POST", "sobjects/Contact", "{\"LastName\":\"Child\",\"AccountId\":\"" + account + "\"}")
                .body().get("id").asText();
        String task = createTask("{\"Subject\":\"Call the child\",\"WhoId\":\"" + contact + "\"}");
        String unrelated = createTask("{\"Subject\":\"Unrelated\"}");

        assertThat(http.api("DELETE", "sobjects/Account/" + account, null).status()).isEqualTo(204);
        error(http.api("GET", "sobjects/Contact/" + contact, null), 404, "ENTITY_IS_DELETED");
        error(http.api("GET", "sobjects/Task/" + task, null), 404, "ENTITY_IS_DELETED");
        assertThat(http.api("GET", "sobjects/Task/" + unrelated, null).status()).isEqualTo(200);
        assertThat(http.raw("GET", "/services/data/v56.0/queryAll/?q=SELECT%20Id%20FROM%20Task%20WHERE%20IsDeleted%20=%20true"
                + "%20AND%20Id%20=%20'" + task + "'", null).body().get("totalSize").asInt()).isEqualTo(1);
    }

    @Test
    void deletedAndUpdatedWindowsListTheRecords() {
        String id = createTask("{\"Subject\":\"window\"}");
        String live = createTask("{\"Subject\":\"window, live\"}");
        http.api("DELETE", "sobjects/Task/" + id, null);
        String start = java.time.Instant.now(emulator.clock()).minusSeconds(3600).toString();
        String end = java.time.Instant.now(emulator.clock()).plusSeconds(3600).toString();

        JsonNode deleted = http.api("GET", "sobjects/Task/deleted/?start=" + start + "&end=" + end, null).body();
        assertThat(deleted.get("deletedRecords")).anySatisfy(r -> {
            assertThat(r.get("id").asText()).isEqualTo(id);
            assertThat(r.get("deletedDate").asText()).endsWith("+0000");
        });
        assertThat(deleted.has("earliestDateAvailable")).isTrue();
        JsonNode updated = http.api("GET", "sobjects/Task/updated/?start=" + start + "&end=" + end, null).body();
        assertThat(updated.get("ids")).extracting(JsonNode::asText).contains(live).doesNotContain(id);
        error(http.api("GET", "sobjects/Task/updated/?start=" + start, null), 400, "MISSING_ARGUMENT");
        error(http.api("GET", "sobjects/Task/updated/?start=yesterday&end=" + end, null), 400, "JSON_PARSER_ERROR");
    }

    @Test
    void describeReportsTypesPicklistsAndFieldLevelSecurity() {
        emulator.admin().setFieldEditable("Task", "Priority", false);
        JsonNode describe = http.api("GET", "sobjects/Task/describe", null).body();
        assertThat(describe.get("keyPrefix").asText()).isEqualTo("00T");
        JsonNode status = field(describe, "Status");
        assertThat(status.get("type").asText()).isEqualTo("picklist");
        assertThat(status.get("restrictedPicklist").asBoolean()).isTrue();
        assertThat(status.get("picklistValues")).extracting(v -> v.get("value").asText())
                .containsExactly("Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred");
        assertThat(field(describe, "Subject").get("length").asInt()).isEqualTo(255);
        assertThat(field(describe, "IsClosed").get("createable").asBoolean()).isFalse();
        assertThat(field(describe, "WhoId").get("referenceTo")).extracting(JsonNode::asText).containsExactly("Contact", "Lead");
        assertThat(field(describe, "Priority").get("updateable").asBoolean()).isFalse();
        assertThat(field(describe, "Priority").get("createable").asBoolean()).isFalse();

        JsonNode asRep = TestHttp.loggedIn(emulator.baseUrl(), "rep@sandbox.example").api("GET", "sobjects/Task/describe", null).body();
        assertThat(field(asRep, "Priority").get("updateable").asBoolean()).isTrue();
    }

    @Test
    void fieldLevelSecurityBindsOnlyTheIntegrationUser() {
        emulator.admin().setFieldEditable("Task", "Priority", false);
        error(http.api("PATCH", "sobjects/Task/00T000000000002EAA", "{\"Priority\":\"Low\"}"), 400,
                "INVALID_FIELD_FOR_INSERT_UPDATE");
        TestHttp rep = TestHttp.loggedIn(emulator.baseUrl(), "rep@sandbox.example");
        assertThat(rep.api("PATCH", "sobjects/Task/00T000000000002EAA", "{\"Priority\":\"Low\"}").status()).isEqualTo(204);
        JsonNode task = http.api("GET", "sobjects/Task/00T000000000002EAA?fields=Priority,LastModifiedById", null).body();
        assertThat(task.get("Priority").asText()).isEqualTo("Low");
        assertThat(task.get("LastModifiedById").asText()).isEqualTo(EmulatorSettings.REP_USER_ID);
    }

    @Test
    void queryAndQueryAllAcceptBothPathForms() {
        assertThat(http.raw("GET", "/services/data/v56.0/query?q=SELECT+Id+FROM+Account", null).status()).isEqualTo(200);
        assertThat(http.raw("GET", "/services/data/v62.0/queryAll/?q=SELECT%20Id%20FROM%20Account", null).status())
                .isEqualTo(200);
        error(http.raw("GET", "/services/data/v56.0/query/?q=SELECT%20Id%20FROM%20Nothing", null), 400, "INVALID_TYPE");
        error(http.raw("GET", "/services/data/v56.0/query/01gBOGUS", null), 400, "INVALID_QUERY_LOCATOR");
        assertThat(error(http.api("GET", "query/", null), 400, "MALFORMED_QUERY").get("message").asText())
                .isEqualTo("A query string has to be specified");
        assertThat(error(http.api("GET", "query/?q=", null), 400, "MALFORMED_QUERY").get("message").asText())
                .isEqualTo("SOQL statements cannot be empty or null");
    }

    @Test
    void columnsTrueAnswersTheStatementsColumnsInsteadOfItsRows() {
        JsonNode columns = http.raw("GET", "//services/data/v56.0/query?q=" + encoded(
                "SELECT Id, Subject, Who.Name, Owner.Name, Owner.Email FROM Task") + "&columns=true", null).body();
        assertThat(columns.get("entityName").asText()).isEqualTo("Task");
        assertThat(columns.get("keyPrefix").asText()).isEqualTo("00T");
        assertThat(columns.get("idSelected").asBoolean()).isTrue();
        assertThat(columns.get("groupBy").asBoolean()).isFalse();
        JsonNode metadata = columns.get("columnMetadata");
        assertThat(metadata).extracting(c -> c.get("columnName").asText()).containsExactly("Id", "Subject", "Who", "Owner");
        assertThat(metadata.get(0).get("apexType").asText()).isEqualTo("Id");
        assertThat(metadata.get(0).get("insertable").asBoolean()).isFalse();
        JsonNode subject = metadata.get(1);
        assertThat(subject.get("apexType").asText()).isEqualTo("String");
        assertThat(subject.get("textType").asBoolean()).isTrue();
        assertThat(subject.get("updatable").asBoolean()).isTrue();
        assertThat(subject.get("joinColumns")).isEmpty();
        assertThat(subject.get("foreignKeyName").isNull()).isTrue();
        assertThat(metadata.get(3).get("foreignKeyName").asText()).isEqualTo("OwnerId");
        assertThat(metadata.get(3).get("joinColumns")).extracting(c -> c.get("displayName").asText())
                .containsExactly("Owner.Name", "Owner.Email");
        JsonNode count = http.api("GET", "query?q=" + encoded("SELECT COUNT(Id), MAX(ActivityDate) latest FROM Task")
                + "&columns=true", null).body().get("columnMetadata");
        assertThat(count).extracting(c -> c.get("columnName").asText()).containsExactly("expr0", "latest");
        assertThat(count).extracting(c -> c.get("displayName").asText()).containsExactly("COUNT(Id)", "MAX(ActivityDate)");
        assertThat(count).extracting(c -> c.get("apexType").asText()).containsExactly("Integer", "Date");
        assertThat(count).allSatisfy(c -> assertThat(c.get("aggregate").asBoolean()).isTrue());

        JsonNode subquery = http.api("GET", "query?q=" + encoded("SELECT Name, (SELECT LastName FROM Contacts) FROM Account")
                + "&columns=true", null).body().get("columnMetadata").get(1);
        assertThat(subquery.get("aggregate").asBoolean()).isTrue();
        assertThat(subquery.get("columnName").asText()).isEqualTo("Contacts");
        assertThat(subquery.get("joinColumns")).extracting(c -> c.get("columnName").asText()).containsExactly("LastName");
        error(http.api("GET", "query?q=" + encoded("SELECT Nope FROM Task") + "&columns=true", null), 400, "INVALID_FIELD");
    }

    @Test
    void theOrganizationIsOneReadOnlyRecord() {
        JsonNode organization = http.query(
                "SELECT Id, Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization")
                .body();
        assertThat(organization.get("totalSize").asInt()).isEqualTo(1);
        JsonNode record = organization.get("records").get(0);
        assertThat(record.get("Id").asText()).isEqualTo("00D000000000001EAA");
        assertThat(record.get("IsSandbox").asBoolean()).isFalse();
        assertThat(record.get("OrganizationType").asText()).isEqualTo("Developer Edition");
        assertThat(record.get("TrialExpirationDate").isNull()).isTrue();
        assertThat(record.get("NamespacePrefix").isNull()).isTrue();
        assertThat(error(http.api("POST", "sobjects/Organization", "{}"), 400, "INVALID_TYPE_FOR_OPERATION")
                .get("message").asText()).isEqualTo("entity type cannot be inserted");
        assertThat(error(http.api("PATCH", "sobjects/Organization/00D000000000001EAA", "{}"), 400,
                "INVALID_TYPE_FOR_OPERATION").get("message").asText()).isEqualTo("entity type cannot be updated");
        assertThat(http.api("DELETE", "sobjects/Organization/00D000000000001EAA", null).status()).isEqualTo(405);
        JsonNode describe = http.api("GET", "sobjects/Organization/describe", null).body();
        assertThat(describe.get("createable").asBoolean()).isFalse();
        assertThat(describe.get("updateable").asBoolean()).isFalse();
    }

    private static String encoded(String soql) {
        return java.net.URLEncoder.encode(soql, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode field : describe.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name);
    }
}
