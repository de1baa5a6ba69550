package io.salesactivitysync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's tables in Markdown. In {@code docs/benchmarks.md} they replace what stands between
 * the {@code benchmark:begin} and {@code benchmark:end} markers; the text around them (the
 * analysis, the profiles) is kept.
 */
final class BenchReport {

    static final String BEGIN = "<!-- benchmark:begin (written by mvn -Pbenchmark verify) -->";
    static final String END = "<!-- benchmark:end -->";

    private BenchReport() {
    }

    static String markdown(BenchOptions options, Map<String, Map<String, Benchmark.Results>> byDatabase) {
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                .append(" on commit ").append(commit()).append(" with `").append(options.describe()).append("`.\n\n");
        out.append("**Machine**: ").append(machine()).append("\n\n");
        for (var database : byDatabase.entrySet()) {
            out.append("### ").append("h2".equals(database.getKey()) ? "H2 (file)" : "PostgreSQL").append("\n\n");
            Map<String, Benchmark.Results> variants = database.getValue();
            List<String> names = List.copyOf(variants.keySet());
            out.append("| figure |");
            names.forEach(name -> out.append(' ').append(name).append(" |"));
            boolean ratio = names.contains("ours") && names.contains("baseline");
            out.append(ratio ? " ours/baseline |\n" : "\n");
            out.append("| --- |").append(" ---: |".repeat(names.size())).append(ratio ? " ---: |\n" : "\n");
            Set<String> figures = new LinkedHashSet<>();
            variants.values().forEach(results -> figures.addAll(results.values.keySet()));
            for (String figure : figures) {
                out.append("| ").append(figure).append(" |");
                for (String name : names) {
                    out.append(' ').append(format(variants.get(name).values.get(figure))).append(" |");
                }
                if (ratio) {
                    Double ours = variants.get("ours").values.get(figure);
                    Double baseline = variants.get("baseline").values.get(figure);
                    out.append(' ').append(ours == null || baseline == null || baseline == 0 ? "" : format(ours / baseline)).append(" |");
                }
                out.append('\n');
            }
            variants.forEach((name, results) -> {
                if (results.failure != null) {
                    out.append("\n").append(name).append(" stopped early: ").append(results.failure).append('\n');
                }
            });
            out.append('\n').append(targets(variants.get("ours"))).append('\n');
        }
        return out.toString();
    }

    private static String targets(Benchmark.Results ours) {
        if (ours == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("Targets (ours): ");
        ours.values.forEach((figure, value) -> {
            if (figure.startsWith("BCC") && figure.endsWith("emails/s")) {
                out.append(check(figure, value, value >= 300, ">= 300"));
            } else if (figure.endsWith("Salesforce API calls per activity") && !figure.startsWith("BCC 1,000:")) {
                out.append(check(figure, value, value <= 0.02, "<= 0.02"));
            } else if (figure.equals("stream 100/s: latency p99, ms")) {
                out.append(check(figure, value, value < 200, "< 200"));
            } else if (figure.startsWith("peak heap in use")) {
                out.append(check(figure, value, value < 512, "< 512"));
            }
        });
        return out.toString();
    }

    private static String check(String figure, double value, boolean met, String target) {
        return figure + " " + format(value) + " (" + target + ") " + (met ? "met" : "**missed**") + "; ";
    }

    static String format(Double value) {
        if (value == null || value.isNaN()) {
            return "";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 1 ? "%,.2f" : "%.4f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** The report put between the markers of the existing file (or a new file). */
    static String merge(Path file, String report) throws IOException {
        String block = BEGIN + "\n" + report + END + "\n";
        if (!Files.exists(file)) {
            return "# Benchmarks\n\n" + block;
        }
        String existing = Files.readString(file);
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin < 0 || end < begin) {
            return existing + "\n" + block;
        }
        return existing.substring(0, begin) + block + existing.substring(end + END.length()).replaceFirst("^\n", "");
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? "`" + out + "`" : "(unknown)";
        } catch (IOException e) {
            return "(unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        long memoryKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM's view below still says something
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + (memoryKb / 1024 / 1024) + " GiB, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + ")";
    }
}
