package io.salesactivitysync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void anInListNeedsAValue() {
        assertThat(Soql.inList(List.of("a", "b'c"))).isEqualTo("('a', 'b\\'c')");
        assertThatThrownBy(() -> Soql.inList(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFieldWithoutValuesIsLeftOutOfTheConditionSinceSalesforceRefusesIdInEmpty() {
        Map<String, List<String>> both = new LinkedHashMap<>();
        both.put("Id", List.of());
        both.put("Email", List.of("o'brien@acme.example"));
        assertThat(Soql.anyIn(both)).isEqualTo("Email IN ('o\\'brien@acme.example')");
        both.put("Id", List.of("003000000000001AAA"));
        assertThat(Soql.anyIn(both)).isEqualTo("Id IN ('003000000000001AAA') OR Email IN ('o\\'brien@acme.example')");
        assertThat(Soql.anyIn(Map.of("Id", List.of(), "Email", List.of()))).isEqualTo("Id = null");
    }

    @Test
    void theUrlParameterKeepsLiteralsReadableAndEncodesWhatAUrlCannotCarry() {
        assertThat(Soql.urlParameter("SELECT Id FROM Contact WHERE Email IN ('a+b@x.example', 'c&d@x.example')"))
                .isEqualTo("SELECT+Id+FROM+Contact+WHERE+Email+IN+('a%2Bb@x.example',+'c%26d@x.example')");
        assertThat(Soql.urlParameter("Name = 'Müller #1 100%'")).isEqualTo("Name+%3D+'M%C3%BCller+%231+100%25'");
    }
}
