package io.salesactivitysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The product as users run it: {@code java -jar target/sales-activity-sync-*.jar} from the
 * repository root (so it reads {@code config/} and {@code routes/}), in a process of its own that
 * can be stopped, or killed with SIGKILL, and started again on the same database. Its output goes
 * to {@code target/bench/<name>.log}. CPU time and peak resident memory are read from
 * {@code /proc}; the heap in use is sampled from {@code /actuator/metrics} while it runs.
 */
final class ProductProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final String name;
    private final List<String> arguments;
    private final String heap;
    private final List<String> jvmOptions;
    private final int port;
    private final ProductApi api;
    private Process process;
    private int starts;
    private volatile long peakHeapBytes;
    private Thread heapSampler;

    ProductProcess(String name, String heap, List<String> jvmOptions, List<String> arguments) {
        this.name = name;
        this.heap = heap;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        this.port = freePort();
        this.api = new ProductApi("http://127.0.0.1:" + port, "bench-" + Long.toHexString(System.nanoTime()));
    }

    ProductApi api() {
        return api;
    }

    /** Starts the jar (again, after a kill or a stop) and waits until its REST API answers. */
    Duration start(Duration timeout) {
        long begin = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SAS_API_TOKEN", api.token());
        try {
            Path log = Path.of("target", "bench", name + (starts == 0 ? "" : "-" + starts) + ".log");
            Files.createDirectories(log.getParent());
            builder.redirectOutput(log.toFile());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the product: " + e.getMessage(), e);
        }
        starts++;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!api.answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The product stopped at start: see target/bench/" + name + "*.log");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The product did not answer within " + timeout + ": see target/bench/" + name + "*.log");
            }
            sleep(100);
        }
        startHeapSampler();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private void startHeapSampler() {
        Process sampled = process;
        heapSampler = new Thread(() -> {
            while (sampled.isAlive() && !Thread.currentThread().isInterrupted()) {
                try {
                    JsonNode metric = api.get("/actuator/metrics/jvm.memory.used?tag=area:heap");
                    long used = metric.path("measurements").path(0).path("value").asLong();
                    peakHeapBytes = Math.max(peakHeapBytes, used);
                } catch (RuntimeException e) {
                    // the process is going away; the loop sees it
                }
                sleep(250);
            }
        }, "heap-sampler-" + name);
        heapSampler.setDaemon(true);
        heapSampler.start();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, as a crash or an OOM killer would. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM: Spring's graceful shutdown. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(90))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(30));
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (heapSampler != null) {
                heapSampler.interrupt();
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** CPU time (user + system) the running process has used since it started, in seconds. */
    double cpuSeconds() {
        String stat = read(Path.of("/proc", Long.toString(process.pid()), "stat"));
        // the fields after the command name, which is in parentheses and may contain spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** The peak resident set size of the running process (VmHWM), in bytes. */
    long peakResidentBytes() {
        for (String line : read(Path.of("/proc", Long.toString(process.pid()), "status")).split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** The most heap in use seen since the first start (sampled every 250 ms). */
    long peakHeapBytes() {
        return peakHeapBytes;
    }

    String heap() {
        return heap;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path jar() {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("sales-activity-sync-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith(".original"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No product jar under target/: run through mvn -Pbenchmark verify"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jarName() {
        try {
            return jar().toString();
        } catch (RuntimeException e) {
            return "target/sales-activity-sync-<version>.jar";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        sleep(millis, 0);
    }

    static void sleep(long millis, int nanos) {
        try {
            Thread.sleep(millis, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
