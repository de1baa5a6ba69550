package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/**
 * When the BCC capture marks an email (seen, moved to its outcome's folder): only once the email's
 * activities have an outcome, for every email of a poll, not just the poll's last; never when its
 * intake failed. camel-mail's own mark would run as each email's exchange completes.
 */
class BccMailMarksFlowTest extends BccFlowTest {

    private static final String ROUTE = "bcc-capture";

    @Test
    void eachEmailOfAPollGoesToTheFolderOfItsOwnOutcome() throws Exception {
        String logged = newMessageId();
        String rejected = newMessageId();
        String alsoLogged = newMessageId();
        // the three arrive while the capture is suspended, so that one poll reads them together
        camelContext.getRouteController().suspendRoute(ROUTE);
        try {
            bcc(email(logged, RILEY, ALICE_EMAIL, "First of the poll", "One."));
            bcc(email(rejected, "stranger-" + UUID.randomUUID() + "@unknown.example", ALICE_EMAIL, "Second", "Two."));
            bcc(email(alsoLogged, RILEY, ALICE_EMAIL, "Third of the poll", "Three."));
        } finally {
            camelContext.getRouteController().resumeRoute(ROUTE);
        }

        assertState(settledActivities(logged).get(0), "logged");
        assertState(settledActivities(rejected).get(0), "rejected");
        assertState(settledActivities(alsoLogged).get(0), "logged");
        awaitInFolder("Logged", logged);
        awaitInFolder("Rejected", rejected);
        awaitInFolder("Logged", alsoLogged);
        assertThat(messageIds("INBOX", false)).doesNotContain(logged, rejected, alsoLogged);
    }

    @Test
    void anEmailWhoseIntakeFailedStaysUnseenAndIsTakenInOnceTheStoreWorksAgain() throws Exception {
        String messageId = newMessageId();
        NotifyBuilder failedIntake = whenRoute(ROUTE)
                .filter(exchange -> exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null).whenDone(1).create();
        database.failStatementsContaining("INSERT INTO activities");
        try {
            bcc(email(messageId, RILEY, ALICE_EMAIL, "While the store fails", "Hello."));
            assertThat(failedIntake.matches(30, TimeUnit.SECONDS)).as("an intake failed").isTrue();
            assertThat(messageIds("INBOX", false)).contains(messageId);
            assertThat(seenIn("INBOX")).as("an email whose intake failed is not marked seen").doesNotContain(messageId);
        } finally {
            database.reset();
        }

        List<JsonNode> activities = settledActivities(messageId);
        assertThat(activities).hasSize(1);
        assertState(activities.get(0), "logged");
        awaitInFolder("Logged", messageId);
        assertThat(messageIds("INBOX", false)).doesNotContain(messageId);
    }
}
