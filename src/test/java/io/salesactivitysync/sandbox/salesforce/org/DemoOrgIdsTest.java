package io.salesactivitysync.sandbox.salesforce.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.salesforce.SalesforceId;
import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The 18-character ids: case-suffix checksums, the fixed demo ids, new ids. */
class DemoOrgIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"00D000000000001EAA", "005000000000001AAA", "005000000000002AAA", "005000000000003AAA",
            "001000000000001AAA", "001000000000002AAA", "003000000000001AAA", "003000000000002AAA",
            "00Q000000000001EAA", "006000000000001AAA", "00T000000000001EAA", "00K000000000001EAA"})
    void fixedDemoIdsCarryTheirChecksum(String id) {
        assertThat(SalesforceId.normalize(id)).contains(id);
        assertThat(SalesforceId.toLongForm(id.substring(0, 15))).isEqualTo(id);
    }

    @Test
    void constantsMatchTheDemoRecords() {
        assertThat(DemoOrg.CAROL_LEAD_ID).isEqualTo("00Q000000000001EAA");
        assertThat(DemoOrg.ALICE_RENEWAL_ROLE_ID).isEqualTo("00K000000000001EAA");
        assertThat(EmulatorSettings.ORG_ID).isEqualTo(SalesforceId.toLongForm("00D000000000001"));
    }

    @Test
    void generatedIdsAreValidAndDistinct() {
        IdGenerator ids = new IdGenerator(0);
        List<String> made = List.of(ids.next("00T"), ids.next("00T"), ids.next("001"));
        assertThat(made).doesNotHaveDuplicates().allSatisfy(id -> assertThat(SalesforceId.normalize(id)).contains(id));
        assertThat(made.get(2)).startsWith("001");
    }
}
