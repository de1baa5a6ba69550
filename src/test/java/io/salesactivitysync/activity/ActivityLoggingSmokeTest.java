package io.salesactivitysync.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.SalesActivitySyncApplication;
import io.salesactivitysync.SalesforceOrgClient;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.store.Activity;
import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityStore;
import io.salesactivitysync.store.ActivityType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@CamelSpringBootTest
@SpringBootTest(classes = SalesActivitySyncApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class ActivityLoggingSmokeTest {

    @Autowired
    ActivityIntake intake;
    @Autowired
    ActivityStore store;
    @Autowired
    SalesforceEmulator emulator;

    @Test
    void anEmailBecomesATaskOnTheContact() {
        ActivityRequest request = new ActivityRequest(ActivityType.EMAIL, "rep@sandbox.example",
                new ActivityRequest.PersonRequest(null, null, "alice@acme.example"), "Our quote", "Hello Alice",
                OffsetDateTime.parse("2026-11-23T10:30:00Z"), "<quote-1@sandbox.example>", null, null,
                Map.of("opened", true));
        Activity accepted = intake.take(request).activity();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get(accepted.id()).state() != ActivityState.PENDING);
        Activity done = store.get(accepted.id());
        System.out.println("DONE " + done);
        assertThat(done.state()).as(done.reason()).isEqualTo(ActivityState.LOGGED);
        List<JsonNode> tasks = new SalesforceOrgClient(emulator.baseUrl()).query(
                "SELECT Id, Subject, WhoId, WhatId, OwnerId, Status, TaskSubtype, Type, ActivityDate, Email_Opened__c FROM Task WHERE Sales_Activity_Id__c != null");
        System.out.println("TASKS " + tasks);
        assertThat(tasks).hasSize(1);
    }
}
