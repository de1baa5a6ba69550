package io.salesactivitysync.store.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IanaTimeZoneTest {

    @ParameterizedTest
    @CsvSource({
            "Europe/Berlin, true",
            "America/New_York, true",
            "America/Argentina/Buenos_Aires, true",
            "UTC, true",
            "Etc/UTC, true",
            "europe/berlin, false",
            "Europe/Atlantis, false",
            "CET, false",
            "EST, false",
            "+02:00, false",
            "UTC+2, false",
            "GMT+01:00, false",
            "Z, false"})
    void acceptsRegionIdsOnly(String zone, boolean valid) {
        assertThat(new IanaTimeZone.Validator().isValid(zone, null)).as(zone).isEqualTo(valid);
    }
}
