package io.salesactivitysync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlTest {

    @Test
    void aQuoteOrABackslashCannotEndTheLiteral() {
        assertThat(Soql.literal("o'brien@acme.example")).isEqualTo("'o\\'brien@acme.example'");
        assertThat(Soql.literal("x' OR Id != null OR Email = '")).isEqualTo("'x\\' OR Id != null OR Email = \\''");
        assertThat(Soql.literal("a\\' OR Id != null")).isEqualTo("'a\\\\\\' OR Id != null'");
        assertThat(Soql.literal("line\nbreak\ttab\r\"")).isEqualTo("'line\\nbreak\\ttab\\r\\\"'");
    }

    @Test
    void anEmptyInListMatchesNothingInsteadOfBreakingTheQuery() {
        assertThat(Soql.inList(List.of())).isEqualTo("('')");
        assertThat(Soql.inList(List.of("a", "b'c"))).isEqualTo("('a', 'b\\'c')");
    }

    @Test
    void theUrlParameterKeepsLiteralsReadableAndEncodesWhatAUrlCannotCarry() {
        assertThat(Soql.urlParameter("SELECT Id FROM Contact WHERE Email IN ('a+b@x.example', 'c&d@x.example')"))
                .isEqualTo("SELECT+Id+FROM+Contact+WHERE+Email+IN+('a%2Bb@x.example',+'c%26d@x.example')");
        assertThat(Soql.urlParameter("Name = 'Müller #1 100%'")).isEqualTo("Name+%3D+'M%C3%BCller+%231+100%25'");
    }
}
