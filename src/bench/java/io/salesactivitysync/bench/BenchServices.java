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
import io.salesactivitysync.sandbox.salesforce.org.ChangeType;
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
    /** The sandbox's GreenMail, or null when the mailbox is a Dovecot. */
    private final SandboxMailServer mail;
    private final DovecotMailbox dovecot;
    private final SandboxMailProperties mailProperties;
    private final Session session = Session.getInstance(new Properties());
    /** Tasks created so far whose Subject contains each watched text, counted as the org commits them. */
    private final Map<String, java.util.concurrent.atomic.AtomicLong> created = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param mailServer {@code greenmail} (the sandbox's) or {@code dovecot} (see {@link DovecotMailbox}) */
    BenchServices(String mailServer) {
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
        emulator.addChangeListener(transaction -> {
            for (var change : transaction) {
                if ("Task".equals(change.entityName()) && change.changeType() == ChangeType.CREATE
                        && change.recordAfter().get("Subject") instanceof String subject) {
                    created.forEach((text, count) -> {
                        if (subject.contains(text)) {
                            count.incrementAndGet();
                        }
                    });
                }
            }
        });
        switch (mailServer) {
            case "greenmail" -> {
                mail = new SandboxMailServer(mailProperties, environment);
                mail.afterPropertiesSet();
                dovecot = null;
            }
            case "dovecot" -> {
                mail = null;
                dovecot = new DovecotMailbox();
            }
            default -> throw new IllegalArgumentException("--mail is greenmail or dovecot, not " + mailServer);
        }
    }

    /** The product's settings that point it at these services (command-line arguments). */
    List<String> productArguments() {
        return List.of(
                "--camel.component.salesforce.login-url=" + emulator.baseUrl(),
                "--camel.component.salesforce.authentication-type=CLIENT_CREDENTIALS",
                "--camel.component.salesforce.client-id=" + emulator.settings().clientId(),
                "--camel.component.salesforce.client-secret=" + emulator.settings().clientSecret(),
                "--sas.salesforce.enabled=true",
                "--sas.mail.bcc.protocol=" + (dovecot == null ? "imap" : "imaps"),
                "--sas.mail.bcc.host=" + (dovecot == null ? mailProperties.host() : "127.0.0.1"),
                "--sas.mail.bcc.port=" + (dovecot == null ? mail.imapPort() : dovecot.port()),
                "--sas.mail.bcc.username=" + (dovecot == null ? mailProperties.bccMailbox().address() : DovecotMailbox.USER),
                "--sas.mail.bcc.password=" + (dovecot == null ? mailProperties.bccMailbox().password() : DovecotMailbox.PASSWORD),
                "--sas.mail.bcc.ssl-trust=" + (dovecot == null ? "" : "127.0.0.1"));
    }

    String mailServer() {
        return dovecot == null ? "GreenMail" : "Dovecot";
    }

    EmulatorAdmin admin() {
        return emulator.admin();
    }

    String baseUrl() {
        return emulator.baseUrl();
    }

    /**
     * Tasks created whose Subject contains the text. Counted from the org's commits, so that waiting
     * for them never takes the org's lock (a query of the whole org every 50 ms slowed the emulator
     * down until the product's calls timed out); the first call counts what is there already.
     */
    long createdTasks(String text) {
        java.util.concurrent.atomic.AtomicLong count = created.get(text);
        if (count == null) {
            synchronized (created) {
                count = created.get(text);
                if (count == null) {
                    count = new java.util.concurrent.atomic.AtomicLong();
                    created.put(text, count);
                    count.addAndGet(count("Task", task -> task.get("Subject") instanceof String subject && subject.contains(text)));
                }
            }
        }
        return count.get();
    }

    /** Live (not deleted) records of a type that match: a scan of the org, under its lock. */
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

    /** Puts a raw email into the BCC mailbox's INBOX (GreenMail's delivery, or an IMAP APPEND). */
    void deliver(String raw) {
        deliverAll(List.of(raw));
    }

    /** Puts raw emails into the BCC mailbox's INBOX; Dovecot takes them in one APPEND. */
    /** Emails kept for {@link #releaseStaged} when the mailbox is GreenMail. */
    private final List<String> staged = new java.util.ArrayList<>();

    /**
     * Puts emails aside for a backlog that {@link #releaseStaged} puts into the mailbox at once:
     * delivered while the product reads, they would be read as fast as they come in, and the
     * benchmark would measure the delivery.
     */
    void stageAll(List<String> raws) {
        if (dovecot != null) {
            dovecot.stage(raws);
        } else {
            staged.addAll(raws);
        }
    }

    /** The staged emails into the mailbox: one IMAP COPY on Dovecot, in-process deliveries on GreenMail. */
    void releaseStaged() {
        if (dovecot != null) {
            dovecot.releaseStaged();
        } else {
            deliverAll(List.copyOf(staged));
            staged.clear();
        }
    }

    void deliverAll(List<String> raws) {
        if (dovecot != null) {
            dovecot.append(raws);
            return;
        }
        try {
            GreenMailUser user = mail.greenMail().getUserManager().getUserByEmail(mailProperties.bccMailbox().address());
            for (String raw : raws) {
                user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot deliver to the BCC mailbox: " + e.getMessage(), e);
        }
    }

    /**
     * CPU seconds the mail server has used: Dovecot's processes, or GreenMail's connection threads
     * ({@code imap:...}, {@code smtp:...}) still open. A lower bound: an ended thread's time is gone.
     */
    double mailServerCpuSeconds() {
        if (dovecot != null) {
            return DovecotMailbox.cpuSeconds();
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("imap:") || info.getThreadName().startsWith("smtp:"))) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    /** Messages left in the BCC mailbox's INBOX. */
    int inboxSize() {
        if (dovecot != null) {
            return dovecot.inboxSize();
        }
        try {
            GreenMailUser user = mail.greenMail().getUserManager().getUserByEmail(mailProperties.bccMailbox().address());
            return mail.greenMail().getManagers().getImapHostManager().getInbox(user).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the BCC mailbox: " + e.getMessage(), e);
        }
    }

    static String email(String messageId, String from, String to, String subject, String body) {
        // as a mailbox receives a blind copy: no Bcc header (a Bcc address that is not the mailbox's
        // own would be a person to log against)
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + messageId + ">\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    @Override
    public void close() {
        if (mail != null) {
            mail.destroy();
        }
        if (dovecot != null) {
            dovecot.close();
        }
        emulator.close();
    }
}
