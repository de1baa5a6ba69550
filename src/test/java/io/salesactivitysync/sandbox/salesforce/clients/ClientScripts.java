package io.salesactivitysync.sandbox.salesforce.clients;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the client scripts under {@code src/test/clients/} (programs outside the JVM that drive the
 * emulator as an independent Salesforce client would) and streams what they print into the test log.
 */
final class ClientScripts {

    private static final Logger log = LoggerFactory.getLogger(ClientScripts.class);

    private ClientScripts() {
    }

    /** What a script printed (standard output and error, interleaved) and how it ended. */
    record Outcome(int exitCode, List<String> lines) {
        String output() {
            return String.join(System.lineSeparator(), lines);
        }
    }

    /** {@code src/test/clients/<name>} of this checkout (Surefire runs tests in the project's base directory). */
    static Path clientDirectory(String name) {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/test/clients").resolve(name)
                .toAbsolutePath().normalize();
    }

    /** An executable of that name on the PATH, as a shell would find it. */
    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the command in the directory, logging each line as it comes under the given prefix, and
     * kills it (and its children) if it is still running after the ceiling.
     */
    static Outcome run(List<String> command, Path directory, Duration ceiling, String prefix)
            throws InterruptedException {
        return run(command, Map.of(), directory, ceiling, prefix);
    }

    /** As {@link #run(List, Path, Duration, String)}, with these environment variables set or replaced. */
    static Outcome run(List<String> command, Map<String, String> environment, Path directory, Duration ceiling,
            String prefix) throws InterruptedException {
        log.info("{} $ {} (in {})", prefix, String.join(" ", command), directory);
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            process = builder.start();
            process.getOutputStream().close(); // no standard input
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    lines.add(line);
                    log.info("{} | {}", prefix, line);
                }
            } catch (IOException e) {
                lines.add("(reading the output failed: " + e + ")");
            }
        }, prefix + "-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(ceiling.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        if (!finished) {
            lines.add("(killed after " + ceiling.toSeconds() + " s)");
            return new Outcome(-1, List.copyOf(lines));
        }
        log.info("{} exited with {}", prefix, process.exitValue());
        return new Outcome(process.exitValue(), List.copyOf(lines));
    }
}
