package io.salesactivitysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** Reading the demo data file; loading it into the store is tested with the sandbox profile. */
class DemoDataLoaderTest {

    @Test
    void theShippedDemoDataIsValid() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            DemoData data = loader(factory).read("file:config/sandbox-demo-data.yml");
            assertThat(data.reps()).extracting(r -> r.email()).containsExactly("rep@sandbox.example", "sam@sandbox.example");
            assertThat(data.people()).hasSize(4);
        }
    }

    @Test
    void anInvalidFileStopsTheStartWithWhatIsWrong(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.yml");
        Files.writeString(file, """
                reps:
                  - email: not-an-address
                    name: Broken
                    timeZone: Mars/Olympus
                """);
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            assertThatThrownBy(() -> loader(factory).read("file:" + file))
                    .hasMessageContaining("is invalid")
                    .hasMessageContaining("reps[0].email must be a valid email address")
                    .hasMessageContaining("reps[0].timeZone must be an IANA time zone id");
        }
    }

    @Test
    void aMissingFileOrUnknownKeySaysSo(@TempDir Path dir) throws Exception {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            assertThatThrownBy(() -> loader(factory).read("file:" + dir.resolve("missing.yml")))
                    .hasMessageStartingWith("Cannot read the sandbox demo data file:");
            Path file = dir.resolve("typo.yml");
            Files.writeString(file, "repz: []\n");
            assertThatThrownBy(() -> loader(factory).read("file:" + file)).hasMessageContaining("repz");
        }
    }

    private static DemoDataLoader loader(ValidatorFactory factory) {
        return new DemoDataLoader(new DefaultResourceLoader(), null, null, factory.getValidator());
    }
}
