package io.salesactivitysync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The team's shared corpus of real-world material written by others (recorded Salesforce payloads,
 * mail). Tests read it where it lies and never copy it into the repository; the repository keeps
 * small fixtures of its own for the same cases.
 *
 * <p>It is looked for beside the project, {@code ../shared/corpus}, then beside the project's
 * parent, {@code ../../shared/corpus}, for a git worktree under {@code wt/<name>}; both relative to
 * {@code user.dir}. {@code -Dsas.corpus.dir=<dir>} names the corpus folder instead. CI has it; a
 * test that compares with it calls {@link #require} and is skipped where it is absent.
 */
public final class SharedCorpus {

    /** System property naming the corpus folder, replacing the places looked at by default. */
    public static final String DIR_PROPERTY = "sas.corpus.dir";

    private SharedCorpus() {
    }

    /** The corpus folder, if there is one. */
    public static Optional<Path> root() {
        return locate(Path.of(System.getProperty("user.dir")), System.getProperty(DIR_PROPERTY));
    }

    /** The corpus folder for a project directory, or the configured one ({@code null}: none configured). */
    static Optional<Path> locate(Path projectDir, String configured) {
        Stream<Path> candidates = configured != null && !configured.isBlank()
                ? Stream.of(Path.of(configured))
                : Stream.of("../shared/corpus", "../../shared/corpus").map(projectDir::resolve);
        return candidates.filter(Files::isDirectory).map(Path::normalize).findFirst();
    }

    public static boolean present() {
        return root().isPresent();
    }

    /**
     * The folder {@code part} of the corpus (for example {@code salesforce}). Without the corpus the
     * calling test is skipped, not failed; with it, a file missing from it fails the test that reads it.
     */
    public static Path require(String part) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(), () -> "the shared corpus is absent (looked at "
                + (System.getProperty(DIR_PROPERTY) != null ? "-D" + DIR_PROPERTY + "=" + System.getProperty(DIR_PROPERTY)
                        : "../shared/corpus and ../../shared/corpus") + ")");
        return root.get().resolve(part);
    }
}
