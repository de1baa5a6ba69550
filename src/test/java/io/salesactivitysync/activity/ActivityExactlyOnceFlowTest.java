package io.salesactivitysync.activity;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Exactly once and frugal (rules 6 and 7 of the issue): the same activity taken in twice is one
 * activity and one Task, whichever way it comes; the same email named two ways is one Task; a
 * batch of 200 costs a handful of API calls. (A crash between the Task write and the outcome is
 * in {@code ActivityLoggingFailuresFlowTest}.)
 */
class ActivityExactlyOnceFlowTest extends ActivityFlowTest {

    @Test
    void theSameActivityPostedTwiceIsOneActivityAndOneTask() {
        Map<String, Object> email = activity("email", RILEY, bySalesforceId(BOB_CONTACT));

        Response first = api.post("/api/activities", email);
        Response second = api.post("/api/activities", email);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        long id = first.json().get("id").asLong();
        assertThat(second.json().get("id").asLong()).isEqualTo(id);
        assertThat(second.header("Location")).isEqualTo("/api/activities/" + id);
        JsonNode logged = settled(id);
        assertState(logged, "logged");

        Response third = api.post("/api/activities", email);
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.json().get("state").asText()).isEqualTo("logged");
        assertThat(tasksWithKeyOf(logged)).hasSize(1);
    }

    @Test
    void theSameActivityTwiceInABatchAndAgainInAnotherBatchIsOneActivityAndOneTask() {
        Map<String, Object> email = activity("email", RILEY, bySalesforceId(BOB_CONTACT), "messageId", "<" + UUID.randomUUID() + "@x>");
        Map<String, Object> other = activity("email", RILEY, bySalesforceId(BOB_CONTACT));

        Response batch = api.post("/api/activities/batch", object("activities", List.of(email, other, email)));
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);
        JsonNode receipts = batch.json().get("items");
        assertThat(receipts).hasSize(3);
        assertThat(receipts.get(2).get("id").asLong()).isEqualTo(receipts.get(0).get("id").asLong());
        assertThat(receipts.get(0).get("duplicate").asBoolean()).isFalse();
        assertThat(receipts.get(2).get("duplicate").asBoolean()).isTrue();
        assertThat(receipts.get(1).get("id").asLong()).isNotEqualTo(receipts.get(0).get("id").asLong());

        JsonNode logged = settled(receipts.get(0).get("id").asLong());
        assertState(logged, "logged");
        Response again = api.post("/api/activities/batch", object("activities", List.of(email)));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().at("/items/0/id").asLong()).isEqualTo(logged.get("id").asLong());
        assertThat(again.json().at("/items/0/duplicate").asBoolean()).isTrue();
        assertThat(again.json().at("/items/0/state").asText()).isEqualTo("logged");
        assertThat(tasksWithKeyOf(logged)).hasSize(1);
    }

    @Test
    void theSameMessageIdForTheSamePersonNamedTwoWaysIsOneTask() {
        String messageId = "<" + UUID.randomUUID() + "@mail.example>";
        Map<String, Object> byAddress = activity("email", RILEY, byEmail(ALICE_EMAIL), "messageId", messageId);
        Map<String, Object> byId = activity("email", RILEY, bySalesforceId(ALICE_CONTACT), "messageId", messageId,
                "subject", "Re-sent by another client");

        JsonNode first = log(byAddress);
        JsonNode second = log(byId);

        assertState(first, "logged");
        assertState(second, "logged");
        assertThat(texts(second.get("salesforceTaskIds"))).isEqualTo(texts(first.get("salesforceTaskIds")));
        assertThat(tasksWithKeyOf(first)).hasSize(1);
    }

    @Test
    void theSameMessageIdForTheSamePersonInOneBatchIsOneTask() {
        String messageId = UUID.randomUUID() + "@mail.example";
        Response batch = api.post("/api/activities/batch", object("activities", List.of(
                activity("email", RILEY, byEmail(ALICE_EMAIL), "messageId", "<" + messageId + ">"),
                activity("email", RILEY, bySalesforceId(ALICE_CONTACT), "messageId", messageId))));
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);

        JsonNode first = settled(batch.json().at("/items/0/id").asLong());
        JsonNode second = settled(batch.json().at("/items/1/id").asLong());

        assertState(first, "logged");
        assertState(second, "logged");
        assertThat(texts(second.get("salesforceTaskIds"))).isEqualTo(texts(first.get("salesforceTaskIds")));
        assertThat(tasksWithKeyOf(first)).hasSize(1);
    }

    @Test
    void twentyIdenticalParallelPostsAreOneActivity() throws Exception {
        Map<String, Object> call = activity("call", RILEY, bySalesforceId(BOB_CONTACT), "call", object("outcome", "Connected"));

        List<CompletableFuture<Response>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            posts.add(CompletableFuture.supplyAsync(() -> api.post("/api/activities", call)));
        }
        List<Response> responses = new ArrayList<>();
        for (CompletableFuture<Response> post : posts) {
            responses.add(post.get(60, TimeUnit.SECONDS));
        }

        assertThat(responses).extracting(Response::status).as(responses.stream().map(Response::body).toList().toString())
                .containsOnly(200, 202).containsOnlyOnce(202);
        Set<Long> ids = new HashSet<>();
        responses.forEach(response -> ids.add(response.json().get("id").asLong()));
        assertThat(ids).hasSize(1);
        JsonNode logged = settled(ids.iterator().next());
        assertState(logged, "logged");
        assertThat(tasksWithKeyOf(logged)).hasSize(1);
    }

    @Test
    void twentyIdenticalParallelBatchesAreOneActivityEachAndOneTaskEach() throws Exception {
        // the batch path stores all its activities with one statement per step; racing copies of it
        // fall back to one at a time, and every copy answers the same ids
        List<Map<String, Object>> activities = List.of(
                activity("email", RILEY, bySalesforceId(BOB_CONTACT)),
                activity("call", RILEY, bySalesforceId(BOB_CONTACT), "call", object("outcome", "Connected")));
        List<CompletableFuture<Response>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            posts.add(CompletableFuture.supplyAsync(() -> api.post("/api/activities/batch", object("activities", activities))));
        }
        List<Response> responses = new ArrayList<>();
        for (CompletableFuture<Response> post : posts) {
            responses.add(post.get(60, TimeUnit.SECONDS));
        }

        assertThat(responses).extracting(Response::status).as(responses.stream().map(Response::body).toList().toString())
                .containsOnly(202);
        for (int item = 0; item < activities.size(); item++) {
            String at = "/items/" + item;
            assertThat(responses).extracting(response -> response.json().at(at + "/id").asLong()).as(at).containsOnly(
                    responses.get(0).json().at(at + "/id").asLong());
            assertThat(responses).extracting(response -> response.json().at(at + "/duplicate").asBoolean()).as(at)
                    .containsOnlyOnce(false);
            JsonNode logged = settled(responses.get(0).json().at(at + "/id").asLong());
            assertState(logged, "logged");
            assertThat(tasksWithKeyOf(logged)).hasSize(1);
        }
    }

    @Test
    void twoIdenticalPostsRacingIntoTheStoreAreOneActivity() throws Exception {
        Map<String, Object> email = activity("email", RILEY, bySalesforceId(BOB_CONTACT));
        // both requests find no such activity, then insert at the same moment: the unique digest decides
        database.holdStatementsContaining("INSERT INTO activities", 2);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> api.post("/api/activities", email));
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> api.post("/api/activities", email));
        List<Response> responses = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
        database.reset();

        assertThat(responses).extracting(Response::status).as(responses.stream().map(Response::body).toList().toString())
                .containsExactlyInAnyOrder(202, 200);
        assertThat(responses.get(0).json().get("id").asLong()).isEqualTo(responses.get(1).json().get("id").asLong());
    }

    @Test
    void twoIdenticalBatchesRacingIntoTheStoreAreOneActivity() throws Exception {
        // one activity each: the loser's batch transaction must survive the lost race and read the winner's row
        List<Map<String, Object>> activities = List.of(activity("email", RILEY, bySalesforceId(BOB_CONTACT)));
        database.holdStatementsContaining("INSERT INTO activities", 2);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                () -> api.post("/api/activities/batch", object("activities", activities)));
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(
                () -> api.post("/api/activities/batch", object("activities", activities)));
        List<Response> responses = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
        database.reset();

        assertThat(responses).extracting(Response::status).as(responses.stream().map(Response::body).toList().toString())
                .containsOnly(202);
        assertThat(responses.get(0).json().at("/items/0/id").asLong()).isEqualTo(responses.get(1).json().at("/items/0/id").asLong());
        assertThat(responses).extracting(response -> response.json().at("/items/0/duplicate").asBoolean())
                .containsExactlyInAnyOrder(true, false);
    }

    @Test
    void aBatchOf200ActivitiesCostsAtMostFiveApiCalls() {
        TestRep rep = newRep("Bulk", "Europe/Berlin");
        overrideSettings(rep, "logAgainst", "latest_open_opportunity");
        List<Map<String, Object>> people = List.of(bySalesforceId(ALICE_CONTACT), bySalesforceId(BOB_CONTACT),
                bySalesforceId(CAROL_LEAD), byEmail(ALICE_EMAIL), byEmail("bob@globex.example"),
                byEmail("carol@initech.example"), byEmail(uniqueEmail("unknown")));
        List<Map<String, Object>> activities = IntStream.range(0, 200)
                .mapToObj(i -> activity(i % 3 == 0 ? "reply" : "email", rep.email(), people.get(i % people.size()),
                        "occurredAt", "2026-11-23T10:" + String.format("%02d", i % 60) + ":00Z",
                        "attributes", object("opened", i % 2 == 0)))
                .toList();
        // nothing else may call Salesforce meanwhile: the new rep's scheduled connection check first
        await("connection checks done").atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM reps WHERE connection_checked_at IS NULL").query(Long.class).single() == 0);
        salesforce.admin().calls().reset();

        Response batch = api.post("/api/activities/batch", object("activities", activities));
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);
        List<Long> ids = new ArrayList<>();
        batch.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        await("200 activities settled").atMost(SETTLE).until(() -> jdbc.sql(
                        "SELECT COUNT(*) FROM activities WHERE id IN (:ids) AND state <> 'pending'")
                .param("ids", ids).query(Long.class).single() == 200);

        Map<String, Long> calls = salesforce.admin().calls().snapshot();
        long apiCalls = calls.entrySet().stream().filter(e -> !e.getKey().equals("oauth")).mapToLong(Map.Entry::getValue).sum();
        System.out.println("API calls for a batch of 200 activities: " + apiCalls + " " + calls);
        assertThat(apiCalls).as(calls.toString()).isLessThanOrEqualTo(5);
        assertThat(jdbc.sql("SELECT state, COUNT(*) FROM activities WHERE id IN (:ids) GROUP BY state")
                .param("ids", ids).query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .containsExactlyInAnyOrder("logged=172", "unresolved=28");
        JsonNode sample = api.get("/api/activities/" + ids.get(0)).json();
        assertThat(tasks(sample)).singleElement().satisfies(task -> assertThat(task.get("WhatId").asText()).isEqualTo(ACME_RENEWAL));
    }
}
