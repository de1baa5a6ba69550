package io.salesactivitysync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where tests find the shared corpus: beside the project, beside a worktree's parent, or where configured. */
class SharedCorpusTest {

    @TempDir
    Path work;

    @Test
    void foundBesideTheProject() throws IOException {
        Path corpus = Files.createDirectories(work.resolve("shared/corpus"));
        Path project = Files.createDirectories(work.resolve("main"));

        assertThat(SharedCorpus.locate(project, null)).contains(corpus);
    }

    @Test
    void foundBesideTheParentOfAWorktree() throws IOException {
        Path corpus = Files.createDirectories(work.resolve("shared/corpus"));
        Path worktree = Files.createDirectories(work.resolve("wt/fixtures-own"));

        assertThat(SharedCorpus.locate(worktree, null)).contains(corpus);
    }

    @Test
    void theConfiguredFolderReplacesThePlacesLookedAt() throws IOException {
        Files.createDirectories(work.resolve("shared/corpus"));
        Path elsewhere = Files.createDirectories(work.resolve("ci/corpus"));
        Path project = Files.createDirectories(work.resolve("main"));

        assertThat(SharedCorpus.locate(project, elsewhere.toString())).contains(elsewhere);
        assertThat(SharedCorpus.locate(project, work.resolve("nonexistent").toString())).isEmpty();
    }

    @Test
    void absentWhereNoFolderIsThere() throws IOException {
        // two levels down, so that neither place looked at is outside the temporary folder
        Path project = Files.createDirectories(work.resolve("wt/main"));

        assertThat(SharedCorpus.locate(project, null)).isEmpty();
        assertThat(SharedCorpus.locate(project, "")).isEmpty();
    }
}
