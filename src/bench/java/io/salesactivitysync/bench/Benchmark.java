package io.salesactivitysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark: each flow measured on our routes and on the naive baseline in the same run, on
 * H2 and on PostgreSQL, against the emulator and the mail server this process hosts, with the
 * product in a process of its own (the production jar). Prints a table and writes it, with the
 * machine it ran on, to {@code docs/benchmarks.md}.
 *
 * <pre>mvn -Pbenchmark verify [-Dbench.args="--databases=h2 --bcc=1000,10000 --api=10000 --stream-rates=100,1000"]</pre>
 */
public final class Benchmark {

    private final BenchOptions options;

    private Benchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        Benchmark benchmark = new Benchmark(options);
        for (String database : options.databases()) {
            if ("postgresql".equals(database) && !BenchRun.postgresReachable()) {
                System.out.println("PostgreSQL is not reachable at -Dbench.postgres.url: its runs are left out");
                continue;
            }
            Map<String, Results> variants = new LinkedHashMap<>();
            for (String variant : options.variants()) {
                variants.put(variant, benchmark.measure(database, variant));
            }
            // each database's tables are written as soon as they are measured
            Map<String, String> sections = BenchReport.sections(options, Map.of(database, variants));
            sections.values().forEach(System.out::println);
            Files.createDirectories(options.output().toAbsolutePath().getParent());
            Files.writeString(options.output(), BenchReport.merge(options.output(), sections));
            System.out.println("Written to " + options.output());
        }
        System.exit(0);
    }

    /**
     * Each flow in a run of its own: a fresh org, mailbox, database and product process. The
     * emulator checks unique fields and finds external ids by scanning the org, so an org grown by
     * the earlier flows would slow the later ones down; a real org does not.
     */
    private Results measure(String database, String variant) {
        String name = database + "-" + variant;
        Results results = new Results();
        List<String> labels = new ArrayList<>();
        List<java.util.function.Consumer<BenchRun>> flows = new ArrayList<>();
        for (int backlog : options.bcc()) {
            labels.add("bcc" + backlog);
            flows.add(run -> bcc(run, backlog, results));
        }
        if (options.api() > 0) {
            labels.add("api");
            flows.add(run -> api(run, options.api(), results));
        }
        // the stream path is the same in both variants (the baseline changes activity logging only)
        if (!options.streamRates().isEmpty() && !"baseline".equals(variant)) {
            labels.add("stream");
            flows.add(run -> stream(run, results));
        }
        double peakHeap = 0;
        double peakResident = 0;
        long notLogged = 0;
        for (int i = 0; i < flows.size(); i++) {
            String runName = name + "-" + labels.get(i);
            System.out.printf("%n==> %s: starting the product%n", runName);
            try (BenchRun run = new BenchRun(runName, database, "baseline".equals(variant), options.heap(), options.profile(),
                    options.mail(), List.of())) {
                double startUp = run.start().toMillis() / 1000.0;
                if (i == 0) {
                    results.put("start-up, s", startUp);
                }
                run.services.createContacts("p", options.contacts());
                run.warmUp(BenchServices.address("p", 0));
                flows.get(i).accept(run);
                notLogged += run.notLogged();
                peakHeap = Math.max(peakHeap, run.product.peakHeapBytes() / 1048576.0);
                peakResident = Math.max(peakResident, run.product.peakResidentBytes() / 1048576.0);
            } catch (RuntimeException e) {
                System.out.println(runName + " stopped: " + e.getMessage());
                results.failure(runName + ": " + e.getMessage());
            }
        }
        results.put("activities that ended other than logged (must be 0)", notLogged);
        results.put("peak heap in use, MB (of -Xmx" + options.heap() + ")", peakHeap);
        results.put("peak resident memory, MB", peakResident);
        return results;
    }

    /**
     * A backlog of emails, each from the rep to one of the Contacts, put into the mailbox at once
     * (staged first, out of the product's sight); the time runs from there to the last Task. A
     * warm-up backlog goes through the mailbox first, untimed (--bcc-warm-up): the figure is that of
     * a running service, not of a JVM that has not compiled its mail path yet.
     */
    private void bcc(BenchRun run, int backlog, Results results) {
        if (options.bccWarmUp() > 0) {
            System.out.printf("==> %s: BCC warm-up, %,d emails (not timed)%n", run.name, options.bccWarmUp());
            stageBacklog(run, "bcc-warm-up #", options.bccWarmUp());
            run.services.releaseStaged();
            run.awaitTasks("bcc-warm-up #", options.bccWarmUp(), Duration.ofSeconds(120 + options.bccWarmUp() / 2));
            awaitInboxEmpty(run);
        }
        String tag = "bcc" + backlog + " #";
        System.out.printf("==> %s: BCC backlog of %,d emails (%s)%n", run.name, backlog, run.services.mailServer());
        stageBacklog(run, tag, backlog);
        Phase phase = Phase.begin(run);
        run.services.releaseStaged();
        long end = run.awaitTasks(tag, backlog, Duration.ofSeconds(120 + backlog / 2));
        phase.end(end, backlog, "BCC " + String.format("%,d", backlog), "emails/s", results);
        awaitInboxEmpty(run);
    }

    private void stageBacklog(BenchRun run, String tag, int backlog) {
        List<String> chunk = new ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            chunk.add(BenchServices.email(run.name + "-" + tag.trim() + i + "@bench.example", BenchServices.REP,
                    BenchServices.address("p", i % options.contacts()), tag + i, "Hello, email " + i + "."));
            if (chunk.size() == 500 || i == backlog - 1) {
                run.services.stageAll(chunk);
                chunk.clear();
            }
        }
    }

    private static void awaitInboxEmpty(BenchRun run) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (run.services.inboxSize() > 0 && System.nanoTime() < deadline) {
            ProductProcess.sleep(200);
        }
    }

    /** Activities posted through POST /api/activities/batch, 1,000 a request, one after another. */
    private void api(BenchRun run, int count, Results results) {
        String tag = "api #";
        System.out.printf("==> %s: %,d activities through POST /api/activities/batch%n", run.name, count);
        Phase phase = Phase.begin(run);
        for (int start = 0; start < count; start += 1000) {
            ArrayNode activities = ProductApi.JSON.createArrayNode();
            for (int i = start; i < Math.min(count, start + 1000); i++) {
                activities.add(run.activity(run.name + "-api-" + i, BenchServices.address("p", i % options.contacts()), tag + i));
            }
            run.product.api().post("/api/activities/batch", ProductApi.JSON.createObjectNode().set("activities", activities));
        }
        long end = run.awaitTasks(tag, count, Duration.ofSeconds(120 + count / 2));
        phase.end(end, count, "API " + String.format("%,d", count), "activities/s", results);
    }

    /**
     * Salesforce-side changes to synced Tasks at a fixed rate, each Task changed once per rate (its
     * Description, as a user in Salesforce would); the latency of a change runs from the moment it
     * is made to the product task's {@code updatedAt}, which the product sets in the transaction
     * that applies it.
     */
    private void stream(BenchRun run, Results results) throws RuntimeException {
        int most = options.streamRates().stream().mapToInt(rate -> rate * options.streamSeconds()).max().orElse(0);
        System.out.printf("==> %s: task sync on, %,d synced tasks%n", run.name, most);
        run.settings(true);
        awaitFirstSync(run);
        List<Long> ids = createTasks(run, most);
        Map<Long, String> salesforceIds = awaitSynced(run, ids);
        awaitStreamQuiet(run);
        for (int rate : options.streamRates()) {
            int changes = rate * options.streamSeconds();
            System.out.printf("==> %s: %,d Salesforce-side changes at %,d/s%n", run.name, changes, rate);
            String label = "stream " + String.format("%,d", rate) + "/s";
            double productCpu = run.product.cpuSeconds();
            double servicesCpu = run.servicesCpuSeconds();
            long[] sentAt = new long[changes];
            long begin = System.nanoTime();
            ExecutorService senders = Executors.newFixedThreadPool(4);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < changes; i++) {
                long due = begin + (long) (i * (1e9 / rate));
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    ProductProcess.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int index = i;
                sent.add(senders.submit(() -> {
                    ObjectNode change = ProductApi.JSON.createObjectNode().put("Description", "r" + rate + "-" + index);
                    sentAt[index] = System.currentTimeMillis();
                    run.services.write(BenchServices.SAM, "PATCH", "sobjects/Task/" + salesforceIds.get(ids.get(index)), change);
                }));
            }
            sent.forEach(Benchmark::join);
            double sendSeconds = (System.nanoTime() - begin) / 1e9;
            senders.shutdown();
            Map<Long, OffsetDateTime> applied = awaitApplied(run, ids.subList(0, changes), "r" + rate + "-");
            double[] latencies = new double[changes];
            for (int i = 0; i < changes; i++) {
                latencies[i] = applied.get(ids.get(i)).toInstant().toEpochMilli() - sentAt[i];
            }
            Arrays.sort(latencies);
            results.put(label + ": changes made per second", changes / sendSeconds);
            results.put(label + ": latency p50, ms", percentile(latencies, 0.50));
            results.put(label + ": latency p99, ms", percentile(latencies, 0.99));
            results.put(label + ": latency max, ms", latencies[latencies.length - 1]);
            double product = run.product.cpuSeconds() - productCpu;
            double services = run.servicesCpuSeconds() - servicesCpu;
            results.put(label + ": CPU share of the emulator, mail server & load, %", 100 * services / (services + product));
        }
    }

    /**
     * Until the product's stream checkpoint has not moved for two seconds: each task just created
     * comes back as a change event (its creation, which the product recognises as its own), and a
     * change timed while thousands of those wait behind it measures their queue, not the path.
     */
    private static void awaitStreamQuiet(BenchRun run) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String last = null;
        long stableSince = System.nanoTime();
        while (true) {
            String replayId;
            try {
                replayId = run.get("/actuator/health/taskStream").path("details").path("replayId").asText();
            } catch (RuntimeException e) {
                replayId = "unknown: " + e.getMessage();
            }
            long now = System.nanoTime();
            if (!replayId.equals(last)) {
                last = replayId;
                stableSince = now;
            } else if (now - stableSince > TimeUnit.SECONDS.toNanos(2) && !replayId.startsWith("unknown")) {
                return;
            }
            if (now > deadline) {
                throw new IllegalStateException("The product's task stream did not settle in 3 minutes (last checkpoint " + last + ")");
            }
            ProductProcess.sleep(200);
        }
    }

    private static void awaitFirstSync(BenchRun run) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!"done".equals(run.get("/api/reps/" + run.repId + "/settings").path("firstSync").path("state").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The rep's first sync did not finish in 2 minutes");
            }
            ProductProcess.sleep(200);
        }
    }

    private static List<Long> createTasks(BenchRun run, int count) {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Long>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            created.add(clients.submit(() -> run.product.api().post("/api/tasks", ProductApi.JSON.createObjectNode()
                    .put("name", "Stream task " + index).put("repId", run.repId)).path("id").asLong()));
        }
        List<Long> ids = new ArrayList<>();
        created.forEach(future -> ids.add(join(future)));
        clients.shutdown();
        return ids;
    }

    /** Waits until every task has its Salesforce Task id; answers them by task id. */
    private static Map<Long, String> awaitSynced(BenchRun run, List<Long> ids) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            Map<Long, String> synced = new HashMap<>();
            for (JsonNode task : allTasks(run)) {
                if (task.hasNonNull("salesforceTaskId")) {
                    synced.put(task.path("id").asLong(), task.path("salesforceTaskId").asText());
                }
            }
            if (synced.keySet().containsAll(ids)) {
                return synced;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + synced.size() + " of " + ids.size() + " tasks reached Salesforce in 5 minutes");
            }
            ProductProcess.sleep(2000);
        }
    }

    /** Waits until each task's details start with the marker; answers each one's updatedAt. */
    private static Map<Long, OffsetDateTime> awaitApplied(BenchRun run, List<Long> ids, String marker) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            Map<Long, OffsetDateTime> applied = new HashMap<>();
            for (JsonNode task : allTasks(run)) {
                if (task.path("details").asText().startsWith(marker)) {
                    applied.put(task.path("id").asLong(), OffsetDateTime.parse(task.path("updatedAt").asText()));
                }
            }
            if (applied.keySet().containsAll(ids)) {
                return applied;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + applied.size() + " of " + ids.size() + " Salesforce changes arrived in 5 minutes");
            }
            ProductProcess.sleep(3000); // each look lists every task: seldom, not to load the product being measured
        }
    }

    static List<JsonNode> allTasks(BenchRun run) {
        List<JsonNode> tasks = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = run.get("/api/tasks?rep=" + run.repId + "&size=100&page=" + page);
            answer.path("items").forEach(tasks::add);
            if (page + 1 >= answer.path("page").path("totalPages").asInt()) {
                return tasks;
            }
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** CPU and API calls of one measured flow, from its start to its last Task. */
    record Phase(BenchRun run, long begin, long calls, double productCpu, double servicesCpu, double mailCpu) {

        static Phase begin(BenchRun run) {
            return new Phase(run, System.nanoTime(), run.services.apiCalls(), run.product.cpuSeconds(),
                    run.servicesCpuSeconds(), run.services.mailServerCpuSeconds());
        }

        void end(long end, int count, String label, String unit, Results results) {
            double seconds = (end - begin) / 1e9;
            double product = run.product.cpuSeconds() - productCpu;
            double services = run.servicesCpuSeconds() - servicesCpu;
            double mail = Math.max(0, run.services.mailServerCpuSeconds() - mailCpu);
            results.put(label + ": " + unit, count / seconds);
            results.put(label + ": Salesforce API calls per activity", (run.services.apiCalls() - calls) / (double) count);
            results.put(label + ": product CPU, ms per activity", 1000 * product / count);
            results.put(label + ": CPU share of the emulator, mail server & load, %", 100 * services / (services + product));
            if (mail > 0) {
                results.put(label + ": CPU share of the mail server alone, %", 100 * mail / (services + product));
            }
            System.out.printf("    %,d in %.1f s: %.1f %s%n", count, seconds, count / seconds, unit);
        }
    }

    /** Figures by name, in the order measured. */
    static final class Results {
        final Map<String, Double> values = new LinkedHashMap<>();
        String failure;

        void put(String name, double value) {
            values.put(name, value);
        }

        void failure(String message) {
            failure = message;
        }
    }
}
