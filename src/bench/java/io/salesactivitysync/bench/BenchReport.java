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

    static String begin(String database) {
        return "<!-- benchmark:" + database + ":begin (written by mvn -Pbenchmark verify) -->";
    }

    static String end(String database) {
        return "<!-- benchmark:" + database + ":end -->";
    }

    private BenchReport() {
    }

    /** One section per database, each with the run and the machine it was measured on. */
    static Map<String, String> sections(BenchOptions options, Map<String, Map<String, Benchmark.Results>> byDatabase) {
        Map<String, String> sections = new java.util.LinkedHashMap<>();
        byDatabase.forEach((database, variants) -> sections.put(database, section(options, database, variants)));
        return sections;
    }

    private static String section(BenchOptions options, String database, Map<String, Benchmark.Results> variants) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append("h2".equals(database) ? "H2 (file)" : "PostgreSQL").append("\n\n");
        out.append("Run ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                .append(" on commit ").append(commit()).append(" with `").append(options.describe()).append("`.\n\n");
        out.append("**Machine**: ").append(machine()).append("\n\n");
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
            } else if (figure.startsWith("activities that ended other than logged")) {
                out.append(check(figure, value, value == 0, "0"));
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

    /**
     * The file with each database's section put between that database's markers (added at the end
     * when missing): a run of one database leaves the other's tables as they were.
     */
    static String merge(Path file, Map<String, String> sections) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        for (var section : sections.entrySet()) {
            String begin = begin(section.getKey());
            String end = end(section.getKey());
            String block = begin + "\n" + section.getValue() + end;
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            text = from < 0 || to < from ? text + "\n" + block + "\n"
                    : text.substring(0, from) + block + text.substring(to + end.length());
        }
        return text;
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
