package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.salesactivitysync.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The capture stops dead in the middle of its batches, as a killed process would: once before
 * the batch was logged (activities stored, nothing in Salesforce, no email marked) and once after
 * (Tasks in Salesforce, no email marked). Started again, it loses no email and duplicates none.
 * A real SIGKILL of the process is the fault drills' job (issue 10); here the route's own steps
 * fail at the worst moments, which leaves the mailbox and the store exactly as a kill would.
 * And the store refuses one email of a batch, which is stored in one transaction: the rest of the
 * batch goes on without it.
 */
@UseAdviceWith
@DirtiesContext
class BccCrashFlowTest extends BccFlowTest {

    // static: the route is advised once, by the first test instance, and JUnit makes one per test
    private static final AtomicInteger crashesBeforeLogging = new AtomicInteger();
    private static final AtomicInteger crashesBeforeMarking = new AtomicInteger();

    @BeforeEach
    void crashAtTheWorstMoments() throws Exception {
        if (camelNotStarted()) {
            advise("bcc-logging", route -> route.weaveById("log-batch").before().process(exchange -> {
                if (crashesBeforeLogging.getAndDecrement() > 0) {
                    throw new IllegalStateException("simulated crash before the batch is logged");
                }
            }));
            advise("bcc-capture", route -> {
                route.weaveById("mark-email").before().process(exchange -> {
                    if (crashesBeforeMarking.getAndDecrement() > 0) {
                        throw new IllegalStateException("simulated crash before the email is marked");
                    }
                });
            });
            startCamel();
        }
    }

    @Test
    void aCaptureThatDiesMidBatchLosesNoEmailAndDuplicatesNoneWhenItRunsAgain() throws Exception {
        TestRep rep = newRep("Crash", "UTC");
        String contact = ApiClient.uniqueEmail("crash");
        newContact(contact, null);
        camelContext.getRouteController().stopRoute("bcc-capture");
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String messageId = UUID.randomUUID() + "@crash.example";
            messageIds.add(messageId);
            deliver(email("<" + messageId + ">", rep.email(), contact, "Crash " + i, "Email " + i + ".")
                    .getBytes(StandardCharsets.UTF_8));
        }
        crashesBeforeLogging.set(1);
        crashesBeforeMarking.set(40);

        camelContext.getRouteController().startRoute("bcc-capture");

        await("80 emails logged").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> statesOf(messageIds).getOrDefault("logged", 0L) == 80);
        await("80 emails marked").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> seenIn("Logged").stream().filter(id -> id.contains("@crash.example")).count() == 80);
        assertThat(crashesBeforeLogging.get()).as("the crash before logging happened").isLessThanOrEqualTo(0);
        assertThat(crashesBeforeMarking.get()).as("the crashes before marking happened").isLessThanOrEqualTo(0);
        assertThat(statesOf(messageIds)).containsOnlyKeys("logged");
        assertThat(org().query("SELECT Id FROM Task WHERE OwnerId = '" + rep.userId() + "'")).hasSize(80);
        assertThat(messageIds("INBOX", false).stream().filter(id -> id.contains("@crash.example"))).isEmpty();
    }

    @Test
    void anEmailTheStoreRefusesStaysUnseenWithoutHoldingBackTheRestOfItsBatch() throws Exception {
        TestRep rep = newRep("Refused", "UTC");
        String contact = ApiClient.uniqueEmail("refused");
        newContact(contact, null);
        camelContext.getRouteController().stopRoute("bcc-capture");
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String messageId = UUID.randomUUID() + "@refused.example";
            messageIds.add(messageId);
            deliver(email("<" + messageId + ">", rep.email(), contact, (i == 7 ? "Poison " : "Fine ") + i, "Email " + i + ".")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String poison = messageIds.get(7);
        database.refuseRowsHolding("INSERT INTO activities", "Poison 7");
        try {
            camelContext.getRouteController().startRoute("bcc-capture");

            await("the 29 others logged and marked").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> seenIn("Logged").stream().filter(id -> id.contains("@refused.example")).count() == 29);
            assertThat(statesOf(messageIds)).containsOnly(entry("logged", 29L));
            assertThat(messageIds("INBOX", false)).as("the refused email waits, unseen").anyMatch(id -> id.contains(poison))
                    .noneMatch(id -> id.contains("@refused.example") && !id.contains(poison));
        } finally {
            database.reset();
        }

        await("the refused email taken in once the store takes it").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> seenIn("Logged").stream().filter(id -> id.contains("@refused.example")).count() == 30);
        assertThat(statesOf(messageIds)).containsOnly(entry("logged", 30L));
        assertThat(org().query("SELECT Id FROM Task WHERE OwnerId = '" + rep.userId() + "'")).hasSize(30);
    }
}
