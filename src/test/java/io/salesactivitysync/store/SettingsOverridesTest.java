package io.salesactivitysync.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsOverridesTest {

    private static final OrgSettings ORG = new OrgSettings(true, true, false, true, TaskSyncMode.DO_NOT_SYNC,
            "{{activity_subject}}", "{{activity_body}}", LogAgainst.PERSON_ONLY, MultipleMatches.ALL);

    @Test
    void noOverridesInheritEverything() {
        assertThat(SettingsOverrides.none().applyTo(ORG)).isEqualTo(ORG);
    }

    @Test
    void eachOverrideWinsAndTheRestIsInherited() {
        SettingsOverrides overrides = new SettingsOverrides(false, null, true, null, TaskSyncMode.SYNC, null, "Body: {{activity_body}}",
                LogAgainst.EACH_OPEN_OPPORTUNITY, null);
        assertThat(overrides.applyTo(ORG)).isEqualTo(new OrgSettings(false, true, true, true, TaskSyncMode.SYNC,
                "{{activity_subject}}", "Body: {{activity_body}}", LogAgainst.EACH_OPEN_OPPORTUNITY, MultipleMatches.ALL));
    }
}
