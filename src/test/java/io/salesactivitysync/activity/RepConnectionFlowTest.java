package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static io.salesactivitysync.ApiClient.uniqueSalesforceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may log (rule 4 of the issue): the rep must map to an active Salesforce User (the stored
 * user id, else the rep's address) that is not the integration user; the logging settings must be
 * on; the rep must be known. /api/reps shows the connection the scheduled check found.
 */
class RepConnectionFlowTest extends ActivityFlowTest {

    @Test
    void aRepWhoseUserIdNoUserHasIsNotConnectedAndItsActivitiesAreNotLogged() {
        String missing = uniqueSalesforceId("005");
        String email = uniqueEmail("ghost");
        long rep = createRep(email, missing);

        JsonNode activity = log(activity("email", email, bySalesforceId(BOB_CONTACT)));
        assertState(activity, "not_logged");
        assertThat(activity.get("reason").asText()).startsWith("rep is not connected to Salesforce: no Salesforce user has the id "
                + missing);
        assertThat(tasksWithKeyOf(activity)).isEmpty();

        JsonNode checked = checked(rep);
        assertThat(checked.at("/connection/state").asText()).isEqualTo("not_connected");
        assertThat(checked.at("/connection/reason").asText()).contains("no Salesforce user has the id " + missing);
    }

    @Test
    void aRepMappedToTheIntegrationUserIsNotConnected() {
        String email = uniqueEmail("robot");
        long rep = createRep(email, INTEGRATION_USER);

        JsonNode activity = log(activity("email", email, bySalesforceId(BOB_CONTACT)));
        assertState(activity, "not_logged");
        assertThat(activity.get("reason").asText()).startsWith("rep is not connected to Salesforce: " + INTEGRATION_USER
                + " is the integration user");
        assertThat(tasksWithKeyOf(activity)).isEmpty();

        JsonNode checked = checked(rep);
        assertThat(checked.at("/connection/state").asText()).isEqualTo("not_connected");
        assertThat(checked.at("/connection/reason").asText()).contains("integration user");
    }

    @Test
    void aRepWhoseUserIsInactiveIsNotConnected() {
        String email = uniqueEmail("left");
        String inactive = newUser(email, false);
        long rep = createRep(email, inactive);

        JsonNode activity = log(activity("call", email, bySalesforceId(BOB_CONTACT)));
        assertState(activity, "not_logged");
        assertThat(activity.get("reason").asText()).startsWith("rep is not connected to Salesforce: the Salesforce user "
                + inactive).contains("inactive");

        JsonNode checked = checked(rep);
        assertThat(checked.at("/connection/state").asText()).isEqualTo("not_connected");
        assertThat(checked.at("/connection/reason").asText()).contains("inactive");
    }

    @Test
    void aRepWithoutUserIdIsConnectedByItsAddressAndTheTaskIsOwnedByThatUser() {
        String email = uniqueEmail("byaddress");
        String user = newUser(email, true);
        long rep = createRep(email, null);

        JsonNode checked = awaitChecked(rep);
        assertThat(checked.at("/connection/state").asText()).isEqualTo("connected");
        assertThat(checked.at("/connection/userId").asText()).isEqualTo(user);
        assertThat(checked.at("/connection/matchedBy").asText()).isEqualTo("email");

        JsonNode activity = log(activity("email", email, bySalesforceId(BOB_CONTACT)));
        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> assertThat(task.get("OwnerId").asText()).isEqualTo(user));
        assertThat(activity.at("/matching/rep/matchedBy").asText()).isEqualTo("email");
    }

    @Test
    void aRepWithoutUserIdWhoseAddressNoActiveUserHasIsNotConnected() {
        String email = uniqueEmail("nouser");
        newUser(uniqueEmail("someone.else"), true);
        long rep = createRep(email, null);

        JsonNode activity = log(activity("email", email, bySalesforceId(BOB_CONTACT)));
        assertState(activity, "not_logged");
        assertThat(activity.get("reason").asText()).startsWith("rep is not connected to Salesforce: no active Salesforce user");

        JsonNode checked = checked(rep);
        assertThat(checked.at("/connection/state").asText()).isEqualTo("not_connected");
        assertThat(checked.at("/connection/reason").asText()).contains("no active Salesforce user has the address " + email);
    }

    @Test
    void aRepWhoseAddressIsTheIntegrationUsersIsNotConnectedAsIt() {
        // the integration user's own address: matching by address must not make it the rep's user
        JsonNode existing = findRep("integration@sandbox.example");
        long rep = existing != null ? existing.get("id").asLong() : createRep("integration@sandbox.example", null);

        JsonNode activity = log(activity("email", "integration@sandbox.example", bySalesforceId(BOB_CONTACT)));
        assertState(activity, "not_logged");
        assertThat(tasksWithKeyOf(activity)).isEmpty();
        assertThat(checked(rep).at("/connection/state").asText()).isEqualTo("not_connected");
    }

    @Test
    void aRepsAliasLogsAsTheRep() {
        JsonNode activity = log(activity("email", "riley.rep@sandbox.example", bySalesforceId(BOB_CONTACT)));

        assertState(activity, "logged");
        assertThat(tasks(activity)).singleElement().satisfies(task -> assertThat(task.get("OwnerId").asText()).isEqualTo(RILEY_USER));
    }

    @Test
    void anUnknownRepAddressIsRejectedAndLoggedByARetryOnceTheRepIsThere() {
        String stranger = uniqueEmail("stranger");

        JsonNode activity = log(activity("email", stranger, bySalesforceId(BOB_CONTACT)));

        assertState(activity, "rejected");
        assertThat(activity.get("reason").asText()).contains("No rep has the address " + stranger);
        assertThat(activity.get("salesforceTaskIds")).isEmpty();

        // the rep is added: a retry logs it
        String user = newUser(stranger, true);
        createRep(stranger, user);
        assertThat(api.post("/api/activities/" + activity.get("id").asLong() + "/retry", "").status()).isEqualTo(200);
        JsonNode logged = settled(activity.get("id").asLong());
        assertState(logged, "logged");
        assertThat(tasks(logged)).singleElement().satisfies(task -> assertThat(task.get("OwnerId").asText()).isEqualTo(user));
    }

    @Test
    void emailsViaTheApiOffIsNotLoggedNamingTheSettingWhileCallsGoOn() {
        TestRep rep = newRep("NoMail", "UTC");
        overrideSettings(rep, "logEmailsViaApi", false);

        JsonNode email = log(activity("email", rep.email(), bySalesforceId(BOB_CONTACT)));
        JsonNode reply = log(activity("reply", rep.email(), bySalesforceId(BOB_CONTACT)));
        JsonNode call = log(activity("call", rep.email(), bySalesforceId(BOB_CONTACT)));

        for (JsonNode activity : new JsonNode[] {email, reply}) {
            assertState(activity, "not_logged");
            assertThat(activity.get("reason").asText()).contains("logEmailsViaApi");
            assertThat(tasksWithKeyOf(activity)).isEmpty();
        }
        assertState(call, "logged");
    }

    @Test
    void callsOffIsNotLoggedNamingTheSettingWhileEmailsGoOn() {
        TestRep rep = newRep("NoCalls", "UTC");
        overrideSettings(rep, "logCalls", false);

        JsonNode call = log(activity("call", rep.email(), bySalesforceId(BOB_CONTACT)));
        JsonNode email = log(activity("email", rep.email(), bySalesforceId(BOB_CONTACT)));

        assertState(call, "not_logged");
        assertThat(call.get("reason").asText()).contains("logCalls");
        assertThat(tasksWithKeyOf(call)).isEmpty();
        assertState(email, "logged");
    }

    @Test
    void aRepWhoseUserIsFixedLogsAfterARetry() {
        String email = uniqueEmail("fixed");
        long rep = createRep(email, uniqueSalesforceId("005"));
        JsonNode notLogged = log(activity("email", email, bySalesforceId(BOB_CONTACT)));
        assertState(notLogged, "not_logged");

        String user = newUser(email, true);
        Response updated = api.put("/api/reps/" + rep, object("email", email, "name", "Fixed Rep", "timeZone", "UTC",
                "salesforceUserId", user));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        Response retried = api.post("/api/activities/" + notLogged.get("id").asLong() + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);

        JsonNode logged = settled(notLogged.get("id").asLong());
        assertState(logged, "logged");
        assertThat(tasks(logged)).singleElement().satisfies(task -> assertThat(task.get("OwnerId").asText()).isEqualTo(user));
    }

    private long createRep(String email, String salesforceUserId) {
        Map<String, Object> rep = object("email", email, "name", "Con Nection", "timeZone", "UTC");
        if (salesforceUserId != null) {
            rep.put("salesforceUserId", salesforceUserId);
        }
        Response created = api.post("/api/reps", rep);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** The rep as the last check (a batch's, or the scheduled one) found it. */
    private JsonNode checked(long rep) {
        JsonNode json = api.get("/api/reps/" + rep).json();
        assertThat(json.at("/connection/checkedAt").isTextual()).as(json.toString()).isTrue();
        return json;
    }

    /** The rep once the scheduled connection check has asked Salesforce about it. */
    private JsonNode awaitChecked(long rep) {
        return await("rep " + rep + " checked").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/api/reps/" + rep).json(), json -> !json.at("/connection/checkedAt").isNull()
                        && !json.at("/connection/checkedAt").isMissingNode());
    }

    private JsonNode findRep(String email) {
        for (int page = 0; ; page++) {
            JsonNode list = api.get("/api/reps?size=100&page=" + page).json();
            for (JsonNode rep : list.get("items")) {
                if (rep.get("email").asText().equals(email)) {
                    return rep;
                }
            }
            if (page + 1 >= list.at("/page/totalPages").asInt()) {
                return null;
            }
        }
    }
}
