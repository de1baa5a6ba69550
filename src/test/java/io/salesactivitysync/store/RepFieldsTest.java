package io.salesactivitysync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepFieldsTest {

    @Test
    void normalisesAddressesAliasesNameAndId() {
        RepFields fields = new RepFields("Riley@Sandbox.Example", "  Riley Rep ", "Europe/Berlin",
                List.of("Riley.Rep@sandbox.example", "riley.rep@SANDBOX.example", "RILEY@sandbox.example"),
                "005000000000002");
        assertThat(fields.normalized()).isEqualTo(new RepFields("riley@sandbox.example", "Riley Rep", "Europe/Berlin",
                List.of("riley.rep@sandbox.example"), "005000000000002AAA"));
    }

    @Test
    void noAliasesIsAnEmptyList() {
        assertThat(new RepFields("a@b.example", "A", "UTC", null, null).normalized().aliases()).isEmpty();
    }
}
