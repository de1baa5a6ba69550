package io.salesactivitysync.mail;

import static io.salesactivitysync.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The BCC capture's rules, end to end: SMTP in, IMAP out, Tasks in the emulator's org. */
class BccCaptureFlowTest extends BccFlowTest {

    @Test
    void anEmailARepBccsBecomesATaskOnTheRecipientsContactAndMovesToLogged() throws Exception {
        String messageId = newMessageId();
        bcc(email(messageId, RILEY, "Alice Buyer <" + ALICE_EMAIL + ">", "Our quote", "Hello Alice, here is the quote."));

        List<JsonNode> activities = settledActivities(messageId);

        assertThat(activities).hasSize(1);
        JsonNode activity = activities.get(0);
        assertState(activity, "logged");
        assertThat(activity.get("source").asText()).isEqualTo("bcc");
        List<JsonNode> tasks = tasks(activity);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("WhoId").asText()).isEqualTo(ALICE_CONTACT);
        assertThat(tasks.get(0).get("OwnerId").asText()).isEqualTo(RILEY_USER);
        assertThat(tasks.get(0).get("Subject").asText()).isEqualTo("Our quote");
        assertThat(tasks.get(0).get("Type").asText()).isEqualTo("Email");
        assertThat(tasks.get(0).get("Status").asText()).isEqualTo("Completed");
        assertThat(tasks.get(0).get("Description").asText()).contains("Hello Alice, here is the quote.");
        awaitInFolder("Logged", messageId);
        assertThat(messageIds("INBOX", false)).doesNotContain(messageId);
    }

    @Test
    void theSameEmailBccdTwiceIsOneTask() throws Exception {
        String messageId = newMessageId();
        String raw = email(messageId, RILEY, ALICE_EMAIL, "Twice " + UUID.randomUUID(), "Sent through two routes.");
        bcc(raw);
        bcc(raw);

        List<JsonNode> activities = settledActivities(messageId);
        await().atMost(SETTLE).until(() -> messageIds("Logged", true).stream().filter(messageId::equals).count() == 2);

        assertThat(activities).hasSize(1);
        assertState(activities.get(0), "logged");
        assertThat(tasksWithKeyOf(activities.get(0))).hasSize(1);
    }

    @Test
    void anEmailAlsoLoggedThroughTheApiIsOneTask() {
        String messageId = newMessageId();
        String subject = "Both ways " + UUID.randomUUID();
        JsonNode viaApi = log(activity("email", RILEY, byEmail(ALICE_EMAIL), "subject", subject,
                "messageId", messageId));
        assertState(viaApi, "logged");

        bcc(email(messageId, RILEY, ALICE_EMAIL, subject, "The same email, BCC'd as well."));
        List<JsonNode> viaBcc = settledActivities(messageId);

        assertState(viaBcc.get(0), "logged");
        assertThat(tasksWithKeyOf(viaApi)).hasSize(1);
        assertThat(texts(viaBcc.get(0).get("salesforceTaskIds"))).isEqualTo(texts(viaApi.get("salesforceTaskIds")));
    }

    @Test
    void anUnknownSenderIsRejectedWithTheReasonAndLoggedByARetryOnceTheAddressIsAnAlias() throws Exception {
        TestRep rep = newRep("Quinn", "UTC");
        String stranger = ApiClient.uniqueEmail("quinn.private");
        String messageId = newMessageId();
        bcc(email(messageId, stranger, ALICE_EMAIL, "From my own address", "Sent from a private account."));

        JsonNode rejected = settledActivities(messageId).get(0);
        assertState(rejected, "rejected");
        assertThat(rejected.get("reason").asText()).contains("sender " + stranger + " is not a known rep");
        awaitInFolder("Rejected", messageId);

        ApiClient.Response updated = api.put("/api/reps/" + rep.id(), object("email", rep.email(), "name", "Quinn",
                "timeZone", "UTC", "salesforceUserId", rep.userId(), "aliases", List.of(stranger)));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(texts(updated.json().get("aliases"))).contains(stranger);
        assertThat(api.post("/api/activities/" + rejected.get("id").asLong() + "/retry", "").status()).isEqualTo(200);

        JsonNode logged = settled(rejected.get("id").asLong());
        assertState(logged, "logged");
        assertThat(tasks(logged).get(0).get("OwnerId").asText()).isEqualTo(rep.userId());
    }

    @Test
    void aRepsAliasIsAnAcceptableSender() {
        String messageId = newMessageId();
        bcc(email(messageId, "riley.rep@sandbox.example", ALICE_EMAIL, "From my alias", "Hello."));

        JsonNode activity = settledActivities(messageId).get(0);

        assertState(activity, "logged");
        assertThat(activity.get("repEmail").asText()).isEqualTo(RILEY);
    }

    @Test
    void aRepWithBccLoggingOffIsRejected() throws Exception {
        TestRep rep = newRep("Olive", "UTC");
        overrideSettings(rep, "logEmailsViaBcc", false);
        String messageId = newMessageId();
        bcc(email(messageId, rep.email(), ALICE_EMAIL, "Not to be logged", "Hello."));

        JsonNode activity = settledActivities(messageId).get(0);

        assertState(activity, "rejected");
        assertThat(activity.get("reason").asText()).contains("logEmailsViaBcc");
        awaitInFolder("Rejected", messageId);
    }

    @Test
    void aStrangersAddressIsUnresolvedAndLoggedByItselfOnceThePersonIsAdded() throws Exception {
        String stranger = ApiClient.uniqueEmail("newcomer");
        String messageId = newMessageId();
        bcc(email(messageId, RILEY, "New Comer <" + stranger + ">", "First contact", "Nice to meet you."));

        JsonNode unresolved = settledActivities(messageId).get(0);
        assertState(unresolved, "unresolved");
        assertThat(unresolved.get("person").get("email").asText()).isEqualTo(stranger);
        assertThat(unresolved.get("reason").asText()).contains(stranger);
        awaitInFolder("Unresolved", messageId);
        JsonNode listed = api.get("/api/activities?state=unresolved&size=100").json();
        assertThat(listed.toString()).contains(stranger);
        assertThat(api.get("/api/activities?state=unresolved&source=bcc&size=100").json().toString()).contains(stranger);
        assertThat(api.get("/api/activities?state=unresolved&source=api&size=100").json().toString()).doesNotContain(stranger);

        // the person appears: in Salesforce, and through the product's API
        String contact = newContact(stranger, null);
        assertThat(api.post("/api/people", object("name", "New Comer", "email", stranger, "type", "contact",
                "salesforceId", contact)).status()).isEqualTo(201);

        JsonNode logged = settled(unresolved.get("id").asLong());
        assertState(logged, "logged");
        assertThat(tasks(logged).get(0).get("WhoId").asText()).isEqualTo(contact);
    }

    @Test
    void aRefTagInTheBodyAndAPlusAddressNameTheirRecordsDirectly() {
        String tagged = newContact(ApiClient.uniqueEmail("tagged"), null);
        String lead = newLead(ApiClient.uniqueEmail("plus"));
        String messageId = newMessageId();
        bcc(email(messageId, RILEY, "bcc+" + lead + "@sandbox.example", "Named directly",
                "Notes for the account team. (ref:" + tagged + ")"));

        List<JsonNode> activities = settledActivities(messageId);

        assertThat(activities).hasSize(2).allSatisfy(activity -> assertState(activity, "logged"));
        List<String> whoIds = activities.stream().flatMap(activity -> tasks(activity).stream())
                .map(task -> task.get("WhoId").asText()).toList();
        assertThat(whoIds).containsExactlyInAnyOrder(tagged, lead);
    }

    @Test
    void aReplyIsLoggedAsTypeReplyWithReplyBeforeTheSubject() {
        String messageId = newMessageId();
        String raw = email(messageId, RILEY, ALICE_EMAIL, "Re: Pricing", "Thanks, see below.")
                .replace("MIME-Version", "In-Reply-To: <original-" + UUID.randomUUID() + "@acme.example>\r\nMIME-Version");
        bcc(raw);

        JsonNode activity = settledActivities(messageId).get(0);

        assertState(activity, "logged");
        assertThat(activity.get("type").asText()).isEqualTo("reply");
        JsonNode task = tasks(activity).get(0);
        assertThat(task.get("Type").asText()).isEqualTo("Reply");
        assertThat(task.get("Subject").asText()).isEqualTo("Reply: Pricing");
    }

    @Test
    void repsAndTheBccAddressAreNoRecipientsAndOnlyTheFirstFiftyAddressesCount() {
        String messageId = newMessageId();
        String many = IntStream.range(0, 60).mapToObj(i -> "person" + i + "-" + UUID.randomUUID() + "@far.example")
                .collect(Collectors.joining(", "));
        bcc(email(messageId, RILEY, ALICE_EMAIL + ", sam@sandbox.example, " + BCC, "Big list", "Hello all.")
                .replace("Subject:", "Cc: " + many + "\r\nSubject:"));

        List<JsonNode> activities = settledActivities(messageId);

        assertThat(activities).hasSize(50);
        assertThat(activities).noneMatch(a -> a.get("person").get("email").asText().endsWith("@sandbox.example"));
        assertThat(activities.stream().filter(a -> "logged".equals(a.get("state").asText()))).hasSize(1);
    }

    @Test
    void anHtmlEmailWithAKoreanSubjectAndAnAttachmentBecomesReadableText() {
        String messageId = newMessageId();
        String pdf = Base64.getMimeEncoder().encodeToString(new byte[2048]);
        String raw = "Message-ID: " + messageId + "\r\n"
                + "From: Riley <" + RILEY + ">\r\n"
                + "To: " + ALICE_EMAIL + "\r\n"
                + "Subject: =?ks_c_5601-1987?B?" + Base64.getEncoder().encodeToString("견적서 보내드립니다".getBytes(java.nio.charset.Charset.forName("x-windows-949"))) + "?=\r\n"
                + "Date: Tue, 24 Nov 2026 09:00:00 +0900\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<html><head><style>p{color:red}</style></head><body><p>Hello&nbsp;Alice,</p><p>the quote is attached.</p></body></html>\r\n"
                + "--b1\r\nContent-Type: application/pdf; name=\"quote.pdf\"\r\nContent-Disposition: attachment; filename=\"quote.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + pdf + "\r\n--b1--\r\n";
        bcc(raw.getBytes(StandardCharsets.UTF_8));

        JsonNode activity = settledActivities(messageId).get(0);

        assertState(activity, "logged");
        JsonNode task = tasks(activity).get(0);
        assertThat(task.get("Subject").asText()).isEqualTo("견적서 보내드립니다");
        String description = task.get("Description").asText();
        assertThat(description).contains("Hello Alice,").contains("the quote is attached.")
                .contains("quote.pdf (2.0 KB)").doesNotContain("<p>").doesNotContain("color:red");
        assertThat(activity.get("occurredAt").asText()).isEqualTo("2026-11-24T00:00:00Z");
    }

    @Test
    void aMalformedEmailIsRejectedWithTheParseProblemAndTheNextEmailIsStillLogged() throws Exception {
        String broken = newMessageId();
        bcc("Message-ID: " + broken + "\r\nFrom: " + RILEY + "\r\nTo: " + ALICE_EMAIL + "\r\nSubject: broken\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"never-there\"\r\n\r\n"
                + "This body has no boundary line at all.\r\n");
        String good = newMessageId();
        bcc(email(good, RILEY, ALICE_EMAIL, "After the broken one", "Still logged."));

        JsonNode rejected = settledActivities(broken).get(0);
        assertState(rejected, "rejected");
        assertThat(rejected.get("reason").asText()).startsWith("the email cannot be read: ");
        awaitInFolder("Rejected", broken);
        assertState(settledActivities(good).get(0), "logged");
        assertThat(api.post("/api/activities/" + rejected.get("id").asLong() + "/retry", "").status()).isEqualTo(409);
    }

    @Test
    void anEmailWithNobodyToLogAgainstIsUnresolvedWithTheReason() throws Exception {
        String messageId = newMessageId();
        bcc(email(messageId, RILEY, "sam@sandbox.example", "Internal only", "Colleagues only."));

        JsonNode activity = settledActivities(messageId).get(0);

        assertState(activity, "unresolved");
        assertThat(activity.get("reason").asText()).contains("no person to log the email against");
        awaitInFolder("Unresolved", messageId);
        await().atMost(Duration.ofSeconds(5)).until(() -> !messageIds("INBOX", false).contains(messageId));
    }

    @Test
    void theMetricsCountEmailsByOutcomeAndShowTheMailboxBacklog() throws Exception {
        String messageId = newMessageId();
        bcc(email(messageId, RILEY, ALICE_EMAIL, "Counted", "Hello."));
        settledActivities(messageId);
        awaitInFolder("Logged", messageId);

        JsonNode logged = api.get("/actuator/metrics/sas.bcc.emails?tag=outcome:logged").json();
        assertThat(logged.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/actuator/metrics/sas.bcc.emails").json().at("/availableTags/0/values").toString())
                .contains("logged", "unresolved", "rejected", "failed");
        await().atMost(SETTLE).until(() -> api.get("/actuator/metrics/sas.bcc.mailbox.backlog").json()
                .at("/measurements/0/value").asDouble() == 0);
        assertThat(api.get("/actuator/metrics/sas.bcc.mailbox.oldest.age").status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics/sas.activities.recorded?tag=source:bcc").status()).isEqualTo(200);
    }

    @Test
    void anAddressCraftedToBreakASoqlQueryIsJustAnUnmatchedAddress() {
        String crafted = "x'or'1'='1@evil.example";
        String messageId = newMessageId();
        bcc(email(messageId, RILEY, crafted + ", " + ALICE_EMAIL, "Quotes in an address", "Hello."));

        List<JsonNode> activities = settledActivities(messageId);

        assertThat(activities).hasSize(2);
        JsonNode forCrafted = activities.stream().filter(a -> crafted.equals(a.get("person").get("email").asText()))
                .findFirst().orElseThrow();
        assertState(forCrafted, "unresolved");
        assertThat(forCrafted.get("reason").asText()).contains(crafted);
        assertThat(activities).anySatisfy(a -> assertState(a, "logged"));
    }

    @Test
    void theSameEmailTwentyTimesAtOnceIsOneActivityAndOneTask() throws Exception {
        String messageId = newMessageId();
        String raw = email(messageId, RILEY, ALICE_EMAIL, "Twenty " + UUID.randomUUID(), "Sent twenty times at once.");
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<?>> sent = IntStream.range(0, 20)
                    .mapToObj(i -> senders.submit(() -> bcc(raw))).collect(Collectors.toList());
            for (java.util.concurrent.Future<?> each : sent) {
                each.get();
            }
        } finally {
            senders.shutdown();
        }

        List<JsonNode> activities = settledActivities(messageId);
        await().atMost(SETTLE).until(() -> messageIds("Logged", true).stream().filter(messageId::equals).count() == 20);

        assertThat(activities).hasSize(1);
        assertState(activities.get(0), "logged");
        assertThat(tasksWithKeyOf(activities.get(0))).hasSize(1);
    }
}
