package io.salesactivitysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.salesactivitysync.sandbox.salesforce.admin.InjectedFault;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The fault drills: the three flows run at once (activities through the API, emails into the BCC
 * mailbox, Task changes on both sides) while the emulator fails a share of API calls with 503 or
 * UNABLE_TO_LOCK_ROW, expires every session now and then and drops the streaming clients, and
 * while the product process is killed with SIGKILL and started again. Then, with the faults off,
 * it waits for the product to catch up and counts what was lost or written twice.
 *
 * <pre>mvn -Pdrills verify [-Dbench.args="--minutes=3 --fault-rate=0.2 --token-expiry=30s --stream-drops=10s --kills=3"]</pre>
 */
public final class FaultDrills {

    private final Map<String, String> options;
    private final AtomicInteger apiSent = new AtomicInteger();
    private final AtomicInteger emailsSent = new AtomicInteger();
    private final AtomicInteger tasksCreated = new AtomicInteger();
    private final AtomicInteger salesforceChanges = new AtomicInteger();
    /** Per product task: how many Salesforce-side changes were made, and the last value. */
    private final Map<Long, AtomicInteger> changesMade = new ConcurrentHashMap<>();
    private final Map<Long, String> lastValue = new ConcurrentHashMap<>();
    private final AtomicLong lastProgress = new AtomicLong();

    private FaultDrills(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("minutes", "3", "fault-rate", "0.2",
                "token-expiry", "30s", "stream-drops", "10s", "kills", "3", "database", "h2", "heap", "512m",
                "seed", "1", "mail", "greenmail"));
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : "";
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("Unknown option " + arg + "; options: " + options.keySet());
            }
            options.put(name, arg.substring(equals + 1));
        }
        boolean passed = new FaultDrills(options).run();
        System.exit(passed ? 0 : 1);
    }

    private boolean run() throws Exception {
        Duration length = Duration.ofSeconds((long) (Double.parseDouble(options.get("minutes")) * 60));
        int kills = Integer.parseInt(options.get("kills"));
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> recoveries = new ArrayList<>();
        try (BenchRun run = new BenchRun("drills", options.get("database"), false, options.get("heap"), false, options.get("mail"), List.of())) {
            run.start();
            run.services.createContacts("d", 100);
            run.warmUp(BenchServices.address("d", 0));
            run.settings(true);
            List<Long> synced = syncedTasks(run, 50);

            ScheduledExecutorService faults = startFaults(run);
            ScheduledExecutorService load = startLoad(run, synced);
            try {
                long begin = System.nanoTime();
                for (int kill = 1; kill <= kills; kill++) {
                    sleepUntil(begin + length.toNanos() * kill / (kills + 1));
                    long tasksBefore = run.tasks("drill-");
                    long killedAt = System.nanoTime();
                    run.product.kill();
                    System.out.printf("==> SIGKILL %d of %d%n", kill, kills);
                    Duration answered = run.restart();
                    long progress = awaitProgress(run, tasksBefore, killedAt);
                    recoveries.add(String.format("kill %d: API answering again after %.1f s, first Task logged %.1f s after the kill",
                            kill, answered.toMillis() / 1000.0, (progress - killedAt) / 1e9));
                }
                sleepUntil(begin + length.toNanos());
            } finally {
                // no new load; what is under way (a retried batch) finishes, so that "sent" is what the product took
                load.shutdown();
                load.awaitTermination(3, TimeUnit.MINUTES);
                faults.shutdownNow();
                faults.awaitTermination(1, TimeUnit.MINUTES);
                run.services.admin().clearFaults();
            }
            System.out.println("==> faults off; waiting for the product to catch up");
            boolean settled = awaitSettled(run, synced, Duration.ofMinutes(10));
            rows.put("caught up after the faults stopped", settled ? "yes" : "no, not within 10 minutes");
            count(run, synced, rows, failures);
        }
        return print(rows, recoveries, failures);
    }

    /** Tasks made in the product while sync is on, and their Salesforce Task ids. */
    private List<Long> syncedTasks(BenchRun run, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(run.product.api().post("/api/tasks", ProductApi.JSON.createObjectNode()
                    .put("name", "Drill synced task " + i).put("repId", run.repId)).path("id").asLong());
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (salesforceIds(run).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The drill's tasks did not reach Salesforce in 3 minutes");
            }
            ProductProcess.sleep(500);
        }
        return ids;
    }

    private static Map<Long, String> salesforceIds(BenchRun run) {
        Map<Long, String> ids = new HashMap<>();
        for (JsonNode task : Benchmark.allTasks(run)) {
            if (task.hasNonNull("salesforceTaskId") && task.path("name").asText().startsWith("Drill synced task")) {
                ids.put(task.path("id").asLong(), task.path("salesforceTaskId").asText());
            }
        }
        return ids;
    }

    /** 503 and UNABLE_TO_LOCK_ROW in turn, a new one each second; sessions expired; streaming clients dropped. */
    private ScheduledExecutorService startFaults(BenchRun run) {
        double rate = Double.parseDouble(options.get("fault-rate"));
        long seed = Long.parseLong(options.get("seed"));
        ScheduledExecutorService faults = Executors.newScheduledThreadPool(1);
        AtomicInteger second = new AtomicInteger();
        faults.scheduleAtFixedRate(() -> {
            int n = second.getAndIncrement();
            run.services.admin().failShare(rate, n % 2 == 0 ? InjectedFault.SERVER_UNAVAILABLE
                    : InjectedFault.UNABLE_TO_LOCK_ROW, seed + n);
        }, 0, 1, TimeUnit.SECONDS);
        long expiry = duration(options.get("token-expiry")).toMillis();
        faults.scheduleAtFixedRate(() -> run.services.admin().expireAllSessions(), expiry, expiry, TimeUnit.MILLISECONDS);
        long drops = duration(options.get("stream-drops")).toMillis();
        faults.scheduleAtFixedRate(() -> run.services.admin().dropStreamingClients(), drops, drops, TimeUnit.MILLISECONDS);
        return faults;
    }

    /**
     * The three flows' load: 20 activities through the API every half second (a batch that does not
     * get its 202, the process being killed, is sent again as it is: a client's retry), 2 emails into
     * the mailbox every 200 ms, a product task created every second, and a Salesforce-side change
     * to one of the synced Tasks every 100 ms.
     */
    private ScheduledExecutorService startLoad(BenchRun run, List<Long> synced) {
        Map<Long, String> salesforceIds = salesforceIds(run);
        ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
        AtomicInteger batches = new AtomicInteger();
        load.scheduleWithFixedDelay(periodic("API load", () -> {
            int batch = batches.getAndIncrement();
            ArrayNode activities = ProductApi.JSON.createArrayNode();
            for (int i = 0; i < 20; i++) {
                int n = batch * 20 + i;
                activities.add(run.activity("drill-api-" + n, BenchServices.address("d", n % 100), "drill-api #" + n));
            }
            Object body = ProductApi.JSON.createObjectNode().set("activities", activities);
            while (!Thread.currentThread().isInterrupted()) {
                if (accepted(run, "/api/activities/batch", body)) {
                    apiSent.addAndGet(20);
                    return;
                }
                ProductProcess.sleep(500);
            }
        }), 0, 500, TimeUnit.MILLISECONDS);
        load.scheduleWithFixedDelay(periodic("mail load", () -> {
            for (int i = 0; i < 2; i++) {
                int n = emailsSent.get();
                run.services.deliver(BenchServices.email("drill-bcc-" + n + "@bench.example", BenchServices.REP,
                        BenchServices.address("d", n % 100), "drill-bcc #" + n, "Drill email " + n + "."));
                emailsSent.incrementAndGet();
            }
        }), 0, 200, TimeUnit.MILLISECONDS);
        load.scheduleWithFixedDelay(periodic("task load", () -> {
            int n = tasksCreated.get();
            String name = "drill-task #" + n;
            Object body = ProductApi.JSON.createObjectNode().put("name", name).put("repId", run.repId);
            // a create whose answer was lost (the process killed) may have been made: a client
            // looks before it sends it again, so that each name is one product task
            while (!Thread.currentThread().isInterrupted()) {
                if (accepted(run, "/api/tasks", body) || exists(run, name)) {
                    tasksCreated.incrementAndGet();
                    return;
                }
                ProductProcess.sleep(500);
            }
        }), 0, 1000, TimeUnit.MILLISECONDS);
        load.scheduleWithFixedDelay(periodic("Salesforce changes", () -> {
            int n = salesforceChanges.getAndIncrement();
            long task = synced.get(n % synced.size());
            String value = "drill-change-" + n;
            run.services.write(BenchServices.SAM, "PATCH", "sobjects/Task/" + salesforceIds.get(task),
                    ProductApi.JSON.createObjectNode().put("Description", value));
            changesMade.computeIfAbsent(task, id -> new AtomicInteger()).incrementAndGet();
            lastValue.put(task, value);
        }), 0, 100, TimeUnit.MILLISECONDS);
        return load;
    }

    private static boolean exists(BenchRun run, String name) {
        try {
            return Benchmark.allTasks(run).stream().anyMatch(task -> name.equals(task.path("name").asText()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A periodic job that outlives its own failures (a scheduled executor drops a job that throws). */
    private static Runnable periodic(String what, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                System.out.println(what + " failed once: " + e.getMessage());
            }
        };
    }

    private static boolean accepted(BenchRun run, String path, Object body) {
        try {
            HttpResponse<String> response = run.product.api().send("POST", path, body);
            if (response.statusCode() == 503) {
                return false; // starting or stopping: try again, as the answer says
            }
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private long awaitProgress(BenchRun run, long tasksBefore, long killedAt) {
        long deadline = killedAt + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (run.tasks("drill-") > tasksBefore) {
                long now = System.nanoTime();
                lastProgress.set(now);
                return now;
            }
            ProductProcess.sleep(50);
        }
        throw new IllegalStateException("No Task logged within 5 minutes of a kill: see target/bench/drills-*.log");
    }

    /** Everything sent is in Salesforce and every Salesforce change in the product, or the time is up. */
    private boolean awaitSettled(BenchRun run, List<Long> synced, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int round = 0; System.nanoTime() < deadline; round++) {
            long api = run.tasks("drill-api #");
            long bcc = run.tasks("drill-bcc #");
            long tasks = run.tasks("drill-task #");
            if (api >= apiSent.get() && bcc >= emailsSent.get() && tasks >= tasksCreated.get() && changesArrived(run)
                    && distinct(run, "drill-api #") >= apiSent.get() && distinct(run, "drill-bcc #") >= emailsSent.get()) {
                return true;
            }
            if (round % 15 == 0) {
                System.out.printf("    Tasks so far: API %d of %d, BCC %d of %d, product tasks %d of %d%n",
                        api, apiSent.get(), bcc, emailsSent.get(), tasks, tasksCreated.get());
            }
            ProductProcess.sleep(2000);
        }
        return false;
    }

    private boolean changesArrived(BenchRun run) {
        Map<Long, String> details = new HashMap<>();
        Benchmark.allTasks(run).forEach(task -> details.put(task.path("id").asLong(), task.path("details").asText()));
        return lastValue.entrySet().stream().allMatch(last -> last.getValue().equals(details.get(last.getKey())));
    }

    private static long distinct(BenchRun run, String prefix) {
        return subjects(run, prefix).size();
    }

    private static Map<String, Long> subjects(BenchRun run, String prefix) {
        return run.services.records("Task", task -> task.get("Subject") instanceof String subject && subject.contains(prefix))
                .stream()
                .collect(Collectors.groupingBy(task -> ((String) task.get("Subject")).replaceAll(".*(" + prefix + "\\d+).*", "$1"),
                        Collectors.counting()));
    }

    /** The drill's counts, and what must hold: sent equal to logged, nothing duplicated, nothing lost or applied twice. */
    private void count(BenchRun run, List<Long> synced, Map<String, String> rows, List<String> failures) {
        Map<String, Long> api = subjects(run, "drill-api #");
        Map<String, Long> bcc = subjects(run, "drill-bcc #");
        Map<String, Long> tasks = subjects(run, "drill-task #");
        rows.put("activities sent through the API (202) / logged as Tasks", apiSent.get() + " / " + api.size());
        rows.put("emails put into the BCC mailbox / logged as Tasks", emailsSent.get() + " / " + bcc.size());
        rows.put("product tasks created (201) / in Salesforce", tasksCreated.get() + " / " + tasks.size());
        long duplicates = duplicates(api) + duplicates(bcc) + duplicates(tasks);
        rows.put("duplicate Tasks", Long.toString(duplicates));
        expect(failures, apiSent.get() == api.size(), "activities sent and logged differ");
        expect(failures, emailsSent.get() == bcc.size(), "emails sent and logged differ");
        expect(failures, tasksCreated.get() == tasks.size(), "product tasks and their Salesforce Tasks differ");
        expect(failures, duplicates == 0, "duplicate Tasks");

        Map<Long, Integer> applied = new HashMap<>();
        for (long task : synced) {
            int entries = 0;
            for (JsonNode entry : run.get("/api/tasks/" + task + "/history")) {
                if ("salesforce".equals(entry.path("side").asText()) && "applied".equals(entry.path("event").asText())) {
                    entries++;
                }
            }
            applied.put(task, entries);
        }
        Map<Long, String> details = new HashMap<>();
        Benchmark.allTasks(run).forEach(task -> details.put(task.path("id").asLong(), task.path("details").asText()));
        long lost = lastValue.entrySet().stream().filter(last -> !last.getValue().equals(details.get(last.getKey()))).count();
        long twice = changesMade.entrySet().stream()
                .mapToLong(made -> Math.max(0, applied.getOrDefault(made.getKey(), 0) - made.getValue().get())).sum();
        long together = changesMade.entrySet().stream()
                .mapToLong(made -> Math.max(0, made.getValue().get() - applied.getOrDefault(made.getKey(), 0))).sum();
        rows.put("Salesforce-side task changes made", Integer.toString(salesforceChanges.get()));
        rows.put("... lost (a task not at its last Salesforce value)", Long.toString(lost));
        rows.put("... applied twice (more applications on a task's history than changes made)", Long.toString(twice));
        rows.put("... applied together with a later change to the same Task (one re-read after a replay gap)",
                Long.toString(together));
        expect(failures, lost == 0, "Salesforce-side changes lost");
        expect(failures, twice == 0, "Salesforce-side changes applied twice");
    }

    private static void expect(List<String> failures, boolean holds, String failure) {
        if (!holds) {
            failures.add(failure);
        }
    }

    private static long duplicates(Map<String, Long> bySubject) {
        return bySubject.values().stream().mapToLong(count -> count - 1).sum();
    }

    private boolean print(Map<String, String> rows, List<String> recoveries, List<String> failures) throws IOException {
        StringBuilder out = new StringBuilder("# Fault drill, " + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                + "\n\nOptions: " + options + "\n\n| what | count |\n| --- | ---: |\n");
        rows.forEach((what, value) -> out.append("| ").append(what).append(" | ").append(value).append(" |\n"));
        out.append("\nRecovery after each SIGKILL:\n\n");
        recoveries.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("\n").append(failures.isEmpty() ? "PASSED: nothing lost, nothing twice."
                : "FAILED: " + String.join(", ", failures)).append('\n');
        System.out.println(out);
        Path file = Path.of("target", "bench", "drills.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
        System.out.println("Written to " + file);
        return failures.isEmpty();
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            ProductProcess.sleep(wait / 1_000_000);
        }
    }

    static Duration duration(String text) {
        String value = text.trim().toLowerCase();
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (value.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }
}
