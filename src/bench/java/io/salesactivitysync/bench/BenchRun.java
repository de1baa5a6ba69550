package io.salesactivitysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One product process against one {@link BenchServices}: its database (H2 file or a fresh
 * PostgreSQL database), its variant (our flows, or the naive baseline), and the set-up every
 * measurement needs (a rep mapped to the org's User, logging on, the preflight done).
 */
final class BenchRun implements AutoCloseable {

    /** What the naive baseline changes: one lookup per address, one create per Task, no batching. */
    static final List<String> BASELINE = List.of("--sas.activity.call-style=one-per-record", "--sas.activity.batch-size=1");

    final String name;
    final BenchServices services;
    final ProductProcess product;
    long repId;

    BenchRun(String name, String database, boolean baseline, String heap, boolean profile, String mail, List<String> extra) {
        this.name = name;
        this.services = new BenchServices(mailServer(mail));
        List<String> arguments = new ArrayList<>(services.productArguments());
        arguments.addAll(databaseArguments(name, database));
        arguments.add("--sas.routes.reload-enabled=false");
        if (baseline) {
            arguments.addAll(BASELINE);
        }
        arguments.addAll(extra);
        // a profile of the whole run (JDK Flight Recorder), e.g. jfr print --events jdk.ExecutionSample
        List<String> jvm = profile ? List.of("-XX:StartFlightRecording=filename=target/bench/" + name
                + ".jfr,settings=profile,dumponexit=true") : List.of();
        this.product = new ProductProcess(name, heap, jvm, arguments);
    }

    /** Starts the product and makes the rep every flow logs for; answers how long the start took. */
    Duration start() {
        Duration started = product.start(Duration.ofMinutes(3));
        ProductApi api = product.api();
        ObjectNode rep = ProductApi.JSON.createObjectNode()
                .put("email", BenchServices.REP).put("name", "Riley Rep").put("timeZone", "UTC")
                .put("salesforceUserId", BenchServices.REP_USER_ID);
        repId = api.post("/api/reps", rep).path("id").asLong();
        settings(false);
        return started;
    }

    /** The rep's overrides: every kind of logging on, task sync on or off. */
    void settings(boolean taskSync) {
        product.api().put("/api/reps/" + repId + "/settings", ProductApi.JSON.createObjectNode()
                .put("logEmailsViaApi", true).put("logCalls", true).put("logEmailsViaBcc", true)
                .put("taskSyncMode", taskSync ? "sync" : "do_not_sync"));
    }

    /** Restarts after a kill: the rep and settings are in the database already. */
    Duration restart() {
        return product.start(Duration.ofMinutes(3));
    }

    /** Logs one activity and waits for its Task: the preflight and the rep check are then done, the JIT warm. */
    void warmUp(String contactAddress) {
        ArrayNode activities = ProductApi.JSON.createArrayNode();
        for (int i = 0; i < 20; i++) {
            activities.add(activity("warm-up-" + name + "-" + i, contactAddress, "Warm-up " + i));
        }
        product.api().post("/api/activities/batch", ProductApi.JSON.createObjectNode().set("activities", activities));
        awaitTasks("Warm-up ", 20, Duration.ofMinutes(2));
    }

    ObjectNode activity(String messageId, String personEmail, String subject) {
        ObjectNode activity = ProductApi.JSON.createObjectNode()
                .put("type", "email").put("repEmail", BenchServices.REP)
                .put("subject", subject).put("body", "Benchmark email " + subject)
                .put("occurredAt", "2026-12-03T10:00:00Z").put("messageId", "<" + messageId + "@bench.example>");
        activity.putObject("person").put("email", personEmail);
        return activity;
    }

    /** Waits until the org has {@code count} Tasks whose Subject starts with the prefix; answers when the last came. */
    long awaitTasks(String prefix, long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long now = System.nanoTime();
            long have = tasks(prefix);
            if (have >= count) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException(name + ": " + have + " of " + count + " Tasks '" + prefix
                        + "...' after " + timeout + " (see target/bench/" + name + ".log)");
            }
            ProductProcess.sleep(100);
        }
    }

    long tasks(String text) {
        return services.createdTasks(text);
    }

    /**
     * CPU seconds of everything but the product: this JVM (the emulator, GreenMail, the load the
     * benchmark makes) and, when the mailbox is a Dovecot, its processes.
     */
    double servicesCpuSeconds() {
        double own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return "Dovecot".equals(services.mailServer()) ? own + services.mailServerCpuSeconds() : own;
    }

    /** {@code auto}: Dovecot when it is installed (its cost does not grow with the INBOX), else GreenMail. */
    static String mailServer(String option) {
        if (!"auto".equals(option)) {
            return option;
        }
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/dovecot")) ? "dovecot" : "greenmail";
    }

    private static List<String> databaseArguments(String name, String database) {
        if ("h2".equals(database)) {
            String file = "./target/bench/db/" + name + "-" + Instant.now().toEpochMilli();
            return List.of("--spring.datasource.url=jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        String db = "sas_bench_" + name.replaceAll("[^a-z0-9]", "_");
        String server = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
        String user = System.getProperty("bench.postgres.username", "postgres");
        String password = System.getProperty("bench.postgres.password", "");
        try (Connection connection = DriverManager.getConnection(server + "postgres", user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the PostgreSQL database " + db + " at " + server
                    + " (-Dbench.postgres.url/username/password): " + e.getMessage(), e);
        }
        return List.of("--spring.datasource.url=" + server + db, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);
    }

    static boolean postgresReachable() {
        String server = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
        try (Connection ignored = DriverManager.getConnection(server + "postgres",
                System.getProperty("bench.postgres.username", "postgres"), System.getProperty("bench.postgres.password", ""))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Activities that ended other than logged (unresolved, not logged, rejected, failed): a sound run has none. */
    long notLogged() {
        long count = 0;
        for (String state : List.of("unresolved", "not_logged", "rejected", "failed")) {
            count += get("/api/activities?size=1&state=" + state).path("page").path("totalItems").asLong();
        }
        return count;
    }

    JsonNode get(String path) {
        return product.api().get(path);
    }

    @Override
    public void close() {
        product.close();
        services.close();
    }
}
