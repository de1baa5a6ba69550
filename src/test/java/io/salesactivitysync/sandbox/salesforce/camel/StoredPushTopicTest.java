package io.salesactivitysync.sandbox.salesforce.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.dto.CreateSObjectResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PushTopic the org already has when the emulator starts (kept in its state file, so no change
 * event ever announced it) reports matching changes from the first commit on, whether or not
 * anyone subscribes, as Salesforce does: a subscriber that comes later replays them with -2.
 */
class StoredPushTopicTest {

    private static final String QUERY = "SELECT Id, Subject FROM Task WHERE Priority = 'High'";

    @TempDir
    Path directory;

    @Test
    void aTopicFromTheStateFileRecordsMatchingChangesBeforeAnyoneSubscribes() throws Exception {
        EmulatorSettings settings = EmulatorSettings.builder().stateFile(directory.resolve("org.json")).build();
        try (SalesforceEmulator before = SalesforceEmulator.builder(settings).build().start();
                CamelSalesforceClient writer = writer(before)) {
            writer.call("create", "{\"Name\":\"StoredHighTasks\",\"Query\":\"" + QUERY + "\",\"ApiVersion\":56.0}",
                    Map.of("sObjectName", "PushTopic"), CreateSObjectResult.class);
        }

        try (SalesforceEmulator emulator = SalesforceEmulator.builder(settings).build().start();
                CamelSalesforceClient writer = writer(emulator)) {
            String urgent = createTask(writer, "Send the contract", "High");
            createTask(writer, "File the notes", "Normal");

            List<Exchange> received = Collections.synchronizedList(new ArrayList<>());
            CamelContext subscriber = subscriber(emulator, "salesforce:subscribe:StoredHighTasks?replayId=-2", received);
            try {
                String later = createTask(writer, "Call the lawyer", "High");
                await().atMost(Duration.ofSeconds(20)).until(() -> byReplayId(received).size() >= 2);

                assertThat(byReplayId(received).values())
                        .extracting(e -> e.getMessage().getHeader("CamelSalesforceEventType"),
                                e -> e.getMessage().getBody(Map.class).get("Id"))
                        .containsExactly(tuple("created", urgent),
                                tuple("created", later));
            } finally {
                subscriber.stop();
            }
        }
    }

    private static CamelSalesforceClient writer(SalesforceEmulator emulator) throws Exception {
        return new CamelSalesforceClient(emulator.baseUrl(), component -> component.setClientSecret("sandbox-secret"));
    }

    private static String createTask(CamelSalesforceClient writer, String subject, String priority) {
        Task task = new Task();
        task.setSubject(subject);
        task.setPriority(priority);
        return writer.call("create", task, CreateSObjectResult.class).getId();
    }

    private static CamelContext subscriber(SalesforceEmulator emulator, String uri, List<Exchange> received)
            throws Exception {
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(emulator.baseUrl());
        salesforce.setClientId("sandbox-client");
        salesforce.setClientSecret("sandbox-secret");
        salesforce.setUserName("integration@sandbox.example");
        salesforce.setPassword("sandbox");
        CamelContext context = new DefaultCamelContext();
        context.addComponent("salesforce", salesforce);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("stored-topic").process(received::add);
            }
        });
        context.start();
        return context;
    }

    /**
     * Each event once, by replay id: camel-salesforce 4.17 may hand an event to the route twice
     * (see CamelStreamingConformanceTest).
     */
    private static Map<Long, Exchange> byReplayId(List<Exchange> received) {
        Map<Long, Exchange> events = new LinkedHashMap<>();
        synchronized (received) {
            received.forEach(e -> events.putIfAbsent(e.getMessage().getHeader("CamelSalesforceReplayId", Long.class), e));
        }
        return events;
    }
}
