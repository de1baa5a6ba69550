package io.salesactivitysync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Recorded real Salesforce payloads: the shared corpus ({@code ../shared/corpus/salesforce}
 * beside the project, or beside its parent for a worktree) when present, else the small copy
 * bundled under {@code src/test/resources/salesforce-recorded}.
 */
enum RecordedPayloads {
    BUNDLED,
    CORPUS;

    private static final Path BUNDLED_ROOT = Path.of("src/test/resources/salesforce-recorded");

    static Optional<Path> corpusRoot() {
        return Stream.of("../shared/corpus/salesforce", "../../shared/corpus/salesforce")
                .map(Path::of).filter(Files::isDirectory).findFirst();
    }

    /** The root to read from; a CORPUS test skips itself when the corpus is absent. */
    Path root() {
        if (this == BUNDLED) {
            return BUNDLED_ROOT;
        }
        Optional<Path> corpus = corpusRoot();
        Assumptions.assumeTrue(corpus.isPresent(), "the shared Salesforce corpus is not beside the project");
        return corpus.get();
    }

    JsonNode read(String relativePath) {
        try {
            return EmulatorHttp.JSON.readTree(Files.readString(root().resolve(relativePath)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
