package io.salesactivitysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.ApiClient;
import io.salesactivitysync.SalesActivitySyncApplication;
import io.salesactivitysync.api.ApiProperties;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sandbox profile as a new user gets it (only the ports are free ones): demo data with the
 * emulator's Salesforce ids, a working BCC mailbox, health UP, and a banner that lists every
 * sandbox service.
 */
@CamelSpringBootTest
@SpringBootTest(
        classes = SalesActivitySyncApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
@Import(SandboxProfileTest.AnotherSandboxService.class)
class SandboxProfileTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiProperties apiProperties;
    @Autowired
    SandboxMailServer mailServer;
    @Autowired
    DemoDataLoader demoDataLoader;
    @Autowired
    SandboxBanner banner;

    @TestConfiguration
    static class AnotherSandboxService {
        /** Stands for any other sandbox service, such as the Salesforce emulator. */
        @Bean
        SandboxService pretendEmulator() {
            return () -> List.of("Pretend emulator   http://localhost:1/pretend");
        }
    }

    @Test
    void theApiTokenIsTheDocumentedOne() {
        assertThat(apiProperties.token()).isEqualTo("sandbox-token");
    }

    @Test
    void demoRepsAndPeopleCarryTheEmulatorsSalesforceIds() {
        ApiClient api = new ApiClient(port, "sandbox-token");
        // the connection check asks the emulator about each demo rep soon after start
        await().atMost(Duration.ofSeconds(30)).until(() -> find(api.get("/api/reps?size=100").json().get("items"),
                "rep@sandbox.example").at("/connection/state").asText().equals("connected"));
        JsonNode reps = api.get("/api/reps?size=100").json().get("items");
        JsonNode riley = find(reps, "rep@sandbox.example");
        assertThat(riley.get("name").asText()).isEqualTo("Riley Rep");
        assertThat(riley.get("salesforceUserId").asText()).isEqualTo("005000000000002AAA");
        assertThat(riley.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(riley.get("aliases")).extracting(JsonNode::asText).containsExactly("riley.rep@sandbox.example");
        assertThat(riley.at("/connection/state").asText()).isEqualTo("connected");
        assertThat(riley.at("/connection/userId").asText()).isEqualTo("005000000000002AAA");
        assertThat(riley.at("/connection/matchedBy").asText()).isEqualTo("user_id");
        assertThat(find(reps, "sam@sandbox.example").get("salesforceUserId").asText()).isEqualTo("005000000000003AAA");

        JsonNode people = api.get("/api/people?size=100").json().get("items");
        assertPerson(people, "alice@acme.example", "Alice Buyer", "contact", "003000000000001AAA", "Acme Corporation", "001000000000001AAA");
        assertPerson(people, "bob@globex.example", "Bob Chooser", "contact", "003000000000002AAA", "Globex Inc", "001000000000002AAA");
        assertPerson(people, "carol@initech.example", "Carol Prospect", "lead", "00Q000000000001EAA", "Initech", null);
        assertPerson(people, "dan@umbrella.example", "Dan Newcomer", null, null, null, null);
    }

    @Test
    void loadingTheDemoDataAgainAddsNothing() {
        ApiClient api = new ApiClient(port, "sandbox-token");
        long reps = api.get("/api/reps").json().at("/page/totalItems").asLong();
        long people = api.get("/api/people").json().at("/page/totalItems").asLong();

        DemoDataLoader.Result again = demoDataLoader.load("file:config/sandbox-demo-data.yml");

        assertThat(again).isEqualTo(new DemoDataLoader.Result(2, 0, 4, 0));
        assertThat(api.get("/api/reps").json().at("/page/totalItems").asLong()).isEqualTo(reps);
        assertThat(api.get("/api/people").json().at("/page/totalItems").asLong()).isEqualTo(people);
    }

    @Test
    void healthIsUpWithTheDatabaseAndTheBccMailbox() {
        JsonNode health = new ApiClient(port, "sandbox-token").get("/actuator/health").json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/bccMailbox/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/bccMailbox/details/server").asText())
                .isEqualTo("imap://127.0.0.1:" + mailServer.imapPort());
        assertThat(health.at("/components/bccMailbox/details/account").asText()).isEqualTo("bcc@sandbox.example");
    }

    @Test
    void mailBccedOverSmtpArrivesInTheBccMailboxOverImap() throws Exception {
        String subject = "Quote for Acme " + UUID.randomUUID();
        Properties smtp = new Properties();
        smtp.setProperty("mail.smtp.host", "127.0.0.1");
        smtp.setProperty("mail.smtp.port", String.valueOf(mailServer.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom(new InternetAddress("rep@sandbox.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@acme.example"));
        message.setRecipient(Message.RecipientType.BCC, new InternetAddress("bcc@sandbox.example"));
        message.setSubject(subject);
        message.setText("Hello Alice");
        Transport.send(message);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(bccInboxSubjects()).contains(subject));
    }

    @Test
    void theBannerSaysWhereEverythingIs() {
        String text = String.join("\n", banner.lines(port));
        assertThat(text)
                .contains("http://localhost:" + port + "/api   token: sandbox-token")
                .contains("http://localhost:" + port + "/api/openapi.json")
                .contains("curl -H 'Authorization: Bearer sandbox-token' http://localhost:" + port + "/api/reps")
                .contains("http://localhost:" + port + "/actuator/health")
                .contains("SMTP 127.0.0.1:" + mailServer.smtpPort())
                .contains("IMAP 127.0.0.1:" + mailServer.imapPort())
                .contains("bcc@sandbox.example / password sandbox")
                .contains("rep@sandbox.example")
                .contains("Pretend emulator   http://localhost:1/pretend");
        assertThat(mailServer.smtpPort()).isPositive();
        assertThat(mailServer.imapPort()).isPositive();
    }

    private List<String> bccInboxSubjects() throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", mailServer.imapPort(), "bcc@sandbox.example", "sandbox");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> subjects = new java.util.ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    subjects.add(m.getSubject());
                }
                return subjects;
            } finally {
                inbox.close(false);
            }
        }
    }

    private static JsonNode find(JsonNode items, String email) {
        return StreamSupport.stream(items.spliterator(), false)
                .filter(item -> email.equals(item.get("email").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + email + " in " + items));
    }

    private static void assertPerson(JsonNode people, String email, String name, String type, String salesforceId,
                                     String accountName, String accountId) {
        JsonNode person = find(people, email);
        assertThat(person.get("name").asText()).isEqualTo(name);
        assertThat(text(person, "type")).isEqualTo(type);
        assertThat(text(person, "salesforceId")).isEqualTo(salesforceId);
        assertThat(text(person, "accountName")).isEqualTo(accountName);
        assertThat(text(person, "accountId")).isEqualTo(accountId);
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).isNull() ? null : node.get(field).asText();
    }
}
