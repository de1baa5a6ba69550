package io.salesactivitysync.sandbox.salesforce.streaming;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where recorded Salesforce payloads are read from: the copies under
 * {@code src/test/resources/recorded-salesforce}, or the team's shared corpus when it is there.
 */
enum RecordedPayloads {

    TEST_RESOURCES {
        @Override
        boolean available() {
            return true;
        }

        @Override
        String read(String path) throws IOException {
            try (InputStream in = RecordedPayloads.class.getResourceAsStream("/recorded-salesforce/" + path)) {
                if (in == null) {
                    throw new IOException("No test resource recorded-salesforce/" + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    },

    SHARED_CORPUS {
        private final Path root = Path.of(System.getProperty("sas.corpus.dir", "/work/shared/corpus"), "salesforce");

        @Override
        boolean available() {
            return Files.isDirectory(root);
        }

        @Override
        String read(String path) throws IOException {
            return Files.readString(root.resolve(path));
        }
    };

    abstract boolean available();

    abstract String read(String path) throws IOException;

    /** The recorded message; a file holding a one-message array gives that message. */
    Map<String, Object> message(String path) {
        try {
            String json = read(path).trim();
            if (json.startsWith("[")) {
                List<Map<String, Object>> messages = BayeuxTestClient.parse(json);
                return messages.get(0);
            }
            return BayeuxTestClient.parseObject(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
