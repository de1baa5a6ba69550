package io.salesactivitysync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.sandbox.salesforce.auth.OrgUser;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings a sandbox could not run with are refused at start, with a sentence saying why. */
class EmulatorSettingsTest {

    @Test
    void refusesSettingsItCannotRunWith() {
        assertThatThrownBy(() -> EmulatorSettings.builder().queryBatchSize(0).build()).hasMessageContaining("queryBatchSize");
        assertThatThrownBy(() -> EmulatorSettings.builder().integrationUsername("ghost@sandbox.example").build())
                .hasMessageContaining("ghost@sandbox.example");
        assertThatThrownBy(() -> EmulatorSettings.builder().users(List.of(new OrgUser("005000000000001AAB",
                "integration@sandbox.example", "p", null, "User", "u@x.example"))).build())
                .hasMessageContaining("case suffix");
        assertThatThrownBy(() -> EmulatorSettings.builder().readOnlyFields(List.of("Priority")).build())
                .hasMessageContaining("Task.Priority");
        assertThatThrownBy(() -> CustomField.text("Task", "NoSuffix", 10)).hasMessageContaining("__c");
    }

    @Test
    void refusesFieldsTheOrgDoesNotHave() {
        EmulatorSettings unknownField = EmulatorSettings.builder().readOnlyFields(List.of("Task.Nope")).build();
        assertThatThrownBy(() -> SalesforceEmulator.builder(unknownField).build()).hasMessageContaining("Task.Nope");
        EmulatorSettings unknownObject = EmulatorSettings.builder()
                .customFields(List.of(CustomField.text("Widget", "Size__c", 10))).build();
        assertThatThrownBy(() -> SalesforceEmulator.builder(unknownObject).build()).hasMessageContaining("Widget");
    }
}
