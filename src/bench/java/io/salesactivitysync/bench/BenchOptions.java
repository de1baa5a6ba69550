package io.salesactivitysync.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's options, {@code --name=value} in {@code -Dbench.args}; each has the default the
 * issue's figures ask for.
 */
record BenchOptions(List<String> databases, List<String> variants, List<Integer> bcc, int bccWarmUp, int api,
                    List<Integer> streamRates, int streamSeconds, int contacts, String heap, boolean profile, String mail, Path output) {

    private static final Set<String> KNOWN = Set.of("databases", "variants", "bcc", "bcc-warm-up", "api", "stream-rates",
            "stream-seconds", "contacts", "heap", "profile", "mail", "output");

    static BenchOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !KNOWN.contains(name)) {
                throw new IllegalArgumentException("Unknown option " + arg + "; options: --" + String.join("=, --", KNOWN) + "=");
            }
            given.put(name, arg.substring(equals + 1));
        }
        return new BenchOptions(
                list(given.getOrDefault("databases", "h2,postgresql")),
                list(given.getOrDefault("variants", "ours,baseline")),
                numbers(given.getOrDefault("bcc", "1000,10000")),
                Integer.parseInt(given.getOrDefault("bcc-warm-up", "2000")),
                Integer.parseInt(given.getOrDefault("api", "10000")),
                numbers(given.getOrDefault("stream-rates", "100,1000")),
                Integer.parseInt(given.getOrDefault("stream-seconds", "5")),
                Integer.parseInt(given.getOrDefault("contacts", "1000")),
                given.getOrDefault("heap", "512m"),
                Boolean.parseBoolean(given.getOrDefault("profile", "false")),
                given.getOrDefault("mail", "auto"),
                Path.of(given.getOrDefault("output", "docs/benchmarks.md")));
    }

    private static List<String> list(String value) {
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    private static List<Integer> numbers(String value) {
        return list(value).stream().map(Integer::valueOf).toList();
    }

    String describe() {
        return "--databases=" + String.join(",", databases) + " --variants=" + String.join(",", variants)
                + " --bcc=" + join(bcc) + " --bcc-warm-up=" + bccWarmUp + " --api=" + api + " --stream-rates=" + join(streamRates)
                + " --stream-seconds=" + streamSeconds + " --contacts=" + contacts + " --heap=" + heap + " --mail=" + mail + (profile ? " --profile=true" : "");
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
