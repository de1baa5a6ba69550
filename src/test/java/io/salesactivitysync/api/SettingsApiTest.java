package io.salesactivitysync.api;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static io.salesactivitysync.api.RepApiTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.AppTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /api/settings (org defaults) and /api/reps/{id}/settings (a rep's overrides and effective values). */
@AppTest
class SettingsApiTest {

    private static final Map<String, Object> DEFAULTS = object(
            "logEmailsViaApi", true, "logCalls", true, "logEmailsViaBcc", true, "includeBody", true,
            "taskSyncMode", "do_not_sync", "subjectTemplate", "{{activity_subject}}", "descriptionTemplate", "{{activity_body}}",
            "logAgainst", "person_only", "multipleMatches", "all");

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void orgDefaultsStartAsDocumentedAndCanBeReplaced() {
        Response defaults = api.get("/api/settings");
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json()).isEqualTo(json(DEFAULTS));
        try {
            Map<String, Object> changed = object(
                    "logEmailsViaApi", false, "logCalls", true, "logEmailsViaBcc", false, "includeBody", false,
                    "taskSyncMode", "sync", "subjectTemplate", "Email: {{activity_subject}}", "descriptionTemplate", "{{activity_body}}",
                    "logAgainst", "each_open_opportunity", "multipleMatches", "oldest");
            Response updated = api.put("/api/settings", changed);
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
            assertThat(updated.json()).isEqualTo(json(changed));
            assertThat(api.get("/api/settings").json()).isEqualTo(json(changed));
        } finally {
            assertThat(api.put("/api/settings", DEFAULTS).status()).isEqualTo(200);
        }
    }

    @Test
    void orgDefaultsNeedEveryField() {
        Response response = api.put("/api/settings", object("logCalls", false));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("descriptionTemplate", "includeBody", "logAgainst", "logEmailsViaApi", "logEmailsViaBcc",
                        "multipleMatches", "subjectTemplate", "taskSyncMode");
        assertThat(response.json().at("/errors/0/message").asText()).isEqualTo("is required");
        assertThat(response.json().at("/errors/2/message").asText())
                .isEqualTo("is required: person_only, each_open_opportunity or latest_open_opportunity");
        assertThat(api.get("/api/settings").json()).isEqualTo(json(DEFAULTS));
    }

    @Test
    void aRepInheritsTheOrgDefaultsUntilOverridingThem() {
        long rep = api.post("/api/reps", object("email", uniqueEmail("settings"), "name", "Set Tings", "timeZone", "UTC"))
                .json().get("id").asLong();

        Response inherited = api.get("/api/reps/" + rep + "/settings");
        assertThat(inherited.status()).isEqualTo(200);
        assertThat(inherited.json().get("repId").asLong()).isEqualTo(rep);
        assertThat(inherited.json().get("overrides")).allSatisfy(value -> assertThat(value.isNull()).isTrue());
        assertThat(inherited.json().get("effective")).isEqualTo(json(DEFAULTS));

        Response overridden = api.put("/api/reps/" + rep + "/settings",
                object("logCalls", false, "taskSyncMode", "sync", "subjectTemplate", "Call: {{activity_subject}}"));
        assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
        assertThat(overridden.json().at("/overrides/logCalls").asBoolean()).isFalse();
        assertThat(overridden.json().at("/overrides/includeBody").isNull()).isTrue();
        assertThat(overridden.json().at("/effective/logCalls").asBoolean()).isFalse();
        assertThat(overridden.json().at("/effective/taskSyncMode").asText()).isEqualTo("sync");
        assertThat(overridden.json().at("/effective/subjectTemplate").asText()).isEqualTo("Call: {{activity_subject}}");
        assertThat(overridden.json().at("/effective/includeBody").asBoolean()).isTrue();
        assertThat(api.get("/api/reps/" + rep + "/settings").json()).isEqualTo(overridden.json());

        // replacing the overrides with nothing inherits everything again
        Response reset = api.put("/api/reps/" + rep + "/settings", object());
        assertThat(reset.json().get("effective")).isEqualTo(json(DEFAULTS));
    }

    @Test
    void refusesInvalidOverrides() {
        long rep = api.post("/api/reps", object("email", uniqueEmail("strict"), "name", "Strict", "timeZone", "UTC"))
                .json().get("id").asLong();
        String path = "/api/reps/" + rep + "/settings";
        assertField(api.put(path, object("taskSyncMode", "always")), 400, "taskSyncMode", "must be one of: do_not_sync, sync");
        assertField(api.put(path, object("logCalls", "no")), 400, "logCalls", "must be true or false");
        assertField(api.put(path, object("logCalls", 0)), 400, "logCalls", "must be true or false");
        assertField(api.put(path, object("subjectTemplate", "   ")), 400, "subjectTemplate", "must not be blank");
        assertField(api.put(path, object("subjectTemplate", "Re: {{activity subject}}")), 400, "subjectTemplate", "invalid dynamic field");
        assertField(api.put(path, object("subjectTemplate", "Re: {{activity_subject")), 400, "subjectTemplate", "not closed");
        assertField(api.put(path, object("subjectTemplate", "x".repeat(256))), 400, "subjectTemplate", "at most 255 characters");
        assertField(api.put(path, object("subjectTemplate", "Re: {{opportunity_name}}")), 400, "subjectTemplate",
                "unknown dynamic field {{opportunity_name}}");
        assertField(api.put(path, object("logAgainst", "every_opportunity")), 400, "logAgainst",
                "must be one of: person_only, each_open_opportunity, latest_open_opportunity");
        assertField(api.put(path, object("multipleMatches", "newest")), 400, "multipleMatches",
                "must be one of: all, oldest, most_recently_active");
        assertField(api.put(path, object("logEverything", true)), 400, "logEverything", "is not a known field");
    }

    @Test
    void answers404ForAnUnknownRep() {
        assertThat(api.get("/api/reps/987654321/settings").status()).isEqualTo(404);
        assertThat(api.put("/api/reps/987654321/settings", object("logCalls", true)).status()).isEqualTo(404);
    }

    private static JsonNode json(Map<String, Object> value) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(value);
    }
}
