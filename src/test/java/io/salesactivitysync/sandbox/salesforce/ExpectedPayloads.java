package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Where a test takes the Salesforce payload it compares the emulator with. A conformance test runs
 * once for each: against the project's own shape fixtures (always), and against the real recording
 * of the same case in the shared corpus (skipped where the corpus is absent).
 */
public enum ExpectedPayloads {

    /** The project's own fixtures, {@code src/test/resources/salesforce-shapes/} (see its README). */
    OWN_FIXTURES {
        @Override
        public String read(PayloadCase payload) {
            String resource = "/salesforce-shapes/" + payload.ownFixture();
            try (InputStream in = ExpectedPayloads.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },

    /** Recordings of real Salesforce in {@code ../shared/corpus/salesforce/} (see its INDEX.md). */
    SHARED_CORPUS {
        @Override
        public String read(PayloadCase payload) {
            try {
                return Files.readString(SharedCorpus.require("salesforce").resolve(payload.corpusFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void assumeAvailable() {
            SharedCorpus.require("salesforce");
        }
    };

    /**
     * One case the emulator is checked on: our fixture for it, under {@code salesforce-shapes/}, and
     * Salesforce's real payload for it, under the corpus's {@code salesforce/}.
     */
    public record PayloadCase(String ownFixture, String corpusFile) {
    }

    /** The payload of the case, as text; reading the corpus skips the test where it is absent. */
    public abstract String read(PayloadCase payload);

    /** Skips the test where these payloads are absent; call it before starting servers. */
    public void assumeAvailable() {
    }

    /**
     * The scenario input that goes with these payloads: ours for our fixtures, the recording's own
     * (record names, ids, dates) for the corpus, where the expected payload echoes it.
     */
    public <T> T pick(T forOwnFixtures, T forCorpus) {
        return this == OWN_FIXTURES ? forOwnFixtures : forCorpus;
    }
}
