package io.salesactivitysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.user.GreenMailUser;
import io.salesactivitysync.sandbox.SandboxMailProperties;
import io.salesactivitysync.sandbox.SandboxMailServer;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.admin.EmulatorAdmin;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import io.salesactivitysync.sandbox.salesforce.rest.RestResponse;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * "Salesforce" and the mailbox, outliving the product: the sandbox's Salesforce emulator and mail
 * server, configured from {@code config/application-sandbox.yml} as the sandbox is, but on free
 * ports, with the org in memory only and a daily API limit no run reaches. The benchmark and the
 * drills host them in their own process and start the product as another one, pointed at them.
 */
final class BenchServices implements AutoCloseable {

    static final String REP = "rep@sandbox.example";
    static final String REP_USER_ID = EmulatorSettings.REP_USER_ID;
    static final String SAM = "sam@sandbox.example";
    static final String INTEGRATION = "integration@sandbox.example";

    private final SalesforceEmulator emulator;
    private final SandboxMailServer mail;
    private final SandboxMailProperties mailProperties;
    private final Session session = Session.getInstance(new Properties());

    BenchServices() {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("sandbox",
                    new FileSystemResource("config/application-sandbox.yml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Run from the repository root: cannot read config/application-sandbox.yml", e);
        }
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("sandbox.salesforce.port", 0);
        overrides.put("sandbox.salesforce.state-file", "");
        overrides.put("sandbox.salesforce.daily-api-limit", 100_000_000);
        overrides.put("sandbox.salesforce.admin-token", "bench-admin");
        overrides.put("sandbox.mail.smtp-port", 0);
        overrides.put("sandbox.mail.imap-port", 0);
        environment.getPropertySources().addFirst(new MapPropertySource("bench", overrides));
        Binder binder = Binder.get(environment);
        EmulatorSettings settings = binder.bindOrCreate("sandbox.salesforce", EmulatorSettings.class);
        mailProperties = binder.bindOrCreate("sandbox.mail", SandboxMailProperties.class);
        emulator = SalesforceEmulator.builder(settings).build().start();
        mail = new SandboxMailServer(mailProperties, environment);
        mail.afterPropertiesSet();
    }

    /** The product's settings that point it at these services (command-line arguments). */
    List<String> productArguments() {
        return List.of(
                "--camel.component.salesforce.login-url=" + emulator.baseUrl(),
                "--camel.component.salesforce.authentication-type=CLIENT_CREDENTIALS",
                "--camel.component.salesforce.client-id=" + emulator.settings().clientId(),
                "--camel.component.salesforce.client-secret=" + emulator.settings().clientSecret(),
                "--sas.salesforce.enabled=true",
                "--sas.mail.bcc.protocol=imap",
                "--sas.mail.bcc.host=" + mailProperties.host(),
                "--sas.mail.bcc.port=" + mail.imapPort(),
                "--sas.mail.bcc.username=" + mailProperties.bccMailbox().address(),
                "--sas.mail.bcc.password=" + mailProperties.bccMailbox().password());
    }

    EmulatorAdmin admin() {
        return emulator.admin();
    }

    String baseUrl() {
        return emulator.baseUrl();
    }

    /** Live (not deleted) records of a type that match. */
    long count(String type, Predicate<StoredRecord> filter) {
        return emulator.store().read(view -> view.records(type).filter(r -> !r.deleted()).filter(filter).count());
    }

    List<StoredRecord> records(String type, Predicate<StoredRecord> filter) {
        return emulator.store().read(view -> view.records(type).filter(r -> !r.deleted()).filter(filter).toList());
    }

    /** API calls the emulator has answered, all kinds (the admin's own writes included). */
    long apiCalls() {
        return emulator.admin().calls().total();
    }

    /** Creates Contacts {@code <prefix>N@bench.example}, 200 a call as the integration user; answers their ids. */
    List<String> createContacts(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < count; start += 200) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("allOrNone", true);
            ArrayNode records = body.putArray("records");
            for (int i = start; i < Math.min(count, start + 200); i++) {
                ObjectNode contact = records.addObject();
                contact.putObject("attributes").put("type", "Contact");
                contact.put("LastName", "Bench " + i).put("Email", address(prefix, i));
            }
            JsonNode answer = write(INTEGRATION, "POST", "composite/sobjects", body);
            answer.forEach(result -> ids.add(result.path("id").asText()));
        }
        return ids;
    }

    static String address(String prefix, int i) {
        return prefix + i + "@bench.example";
    }

    /** A REST call as a user in the Salesforce UI (its change origin is never the product's). */
    JsonNode write(String username, String method, String path, JsonNode body) {
        RestResponse response = emulator.admin().writeAs(username, method, path, body);
        if (response.status() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.status() + ": " + response.body());
        }
        return response.body() == null ? JsonNodeFactory.instance.nullNode() : response.body();
    }

    /** Puts a raw email straight into the BCC mailbox's INBOX (GreenMail's delivery, no SMTP). */
    void deliver(String raw) {
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            GreenMailUser user = mail.greenMail().getUserManager().getUserByEmail(mailProperties.bccMailbox().address());
            user.deliver(message);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot deliver to the BCC mailbox: " + e.getMessage(), e);
        }
    }

    /**
     * CPU time of the mail server's connection threads ({@code imap:...}, {@code smtp:...}) by
     * thread id: a phase subtracts the ids it saw at its start (a connection closed meanwhile is lost,
     * so this is a lower bound).
     */
    static java.util.Map<Long, Long> mailServerCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> cpu = new HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("imap:") || info.getThreadName().startsWith("smtp:"))) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    static double mailServerCpuSecondsSince(java.util.Map<Long, Long> start) {
        long total = 0;
        for (var thread : mailServerCpuNanos().entrySet()) {
            total += thread.getValue() - start.getOrDefault(thread.getKey(), 0L);
        }
        return total / 1e9;
    }

    /** Messages left in the BCC mailbox's INBOX. */
    int inboxSize() {
        try {
            GreenMailUser user = mail.greenMail().getUserManager().getUserByEmail(mailProperties.bccMailbox().address());
            return mail.greenMail().getManagers().getImapHostManager().getInbox(user).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the BCC mailbox: " + e.getMessage(), e);
        }
    }

    static String email(String messageId, String from, String to, String subject, String body) {
        return "From: " + from + "\r\nTo: " + to + "\r\nBcc: bcc@sandbox.example\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + messageId + ">\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    @Override
    public void close() {
        mail.destroy();
        emulator.close();
    }
}
