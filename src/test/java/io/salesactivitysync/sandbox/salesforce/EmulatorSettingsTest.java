package io.salesactivitysync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.sandbox.salesforce.auth.OrgUser;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

/**
 * One set of settings, bound from {@code sandbox.salesforce.*} or built in a test; those a sandbox
 * could not run with are refused at start, with a sentence saying why.
 */
class EmulatorSettingsTest {

    @Test
    void theSandboxProfileFileBindsEveryKey() throws IOException {
        var sources = new YamlPropertySourceLoader().load("sandbox", new FileSystemResource("config/application-sandbox.yml"));
        EmulatorSettings settings = new Binder(ConfigurationPropertySources.from(sources))
                .bind("sandbox.salesforce", EmulatorSettings.class).get();
        assertThat(settings.port()).isEqualTo(8090);
        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.sessionTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.users()).isEqualTo(EmulatorSettings.DEFAULT_USERS);
        assertThat(settings.customFields()).hasSize(9).first().satisfies(field -> {
            assertThat(field.sObject()).isEqualTo("Task");
            assertThat(field.name()).isEqualTo("Sales_Activity_Id__c");
            assertThat(field.externalId()).isTrue();
            assertThat(field.unique()).isTrue();
            assertThat(field.length()).isEqualTo(255);
        });
        assertThat(settings.stateFile()).isEqualTo(Path.of("data/salesforce-emulator.json"));
        assertThat(settings.streaming().longPollTimeout()).isEqualTo(Duration.ofSeconds(110));
        assertThat(settings.jwtCertificatePem()).isNull();
        assertThat(settings.adminToken()).isNullOrEmpty();
    }

    @Test
    void usersAndFieldsBindFromKebabCaseKeys() {
        EmulatorSettings settings = new Binder(new MapConfigurationPropertySource(Map.of(
                "sandbox.salesforce.users[0].id", "005000000000009AAA",
                "sandbox.salesforce.users[0].username", "ops@sandbox.example",
                "sandbox.salesforce.users[0].password", "pw",
                "sandbox.salesforce.users[0].last-name", "Ops",
                "sandbox.salesforce.integration-username", "ops@sandbox.example",
                "sandbox.salesforce.custom-fields[0].s-object", "Lead",
                "sandbox.salesforce.custom-fields[0].name", "Tier__c",
                "sandbox.salesforce.custom-fields[0].picklist-values", "Gold,Silver",
                "sandbox.salesforce.long-poll-timeout", "3s")))
                .bind("sandbox.salesforce", EmulatorSettings.class).get();
        assertThat(settings.users()).singleElement().isEqualTo(
                new OrgUser("005000000000009AAA", "ops@sandbox.example", "pw", null, "Ops", "ops@sandbox.example"));
        assertThat(settings.customFields()).singleElement().isEqualTo(
                new CustomField("Lead", "Tier__c", "string", null, 0, false, false, List.of("Gold", "Silver"), false));
        assertThat(settings.streaming().longPollTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.queryBatchSize()).isEqualTo(2000);
    }

    @Test
    void aTestStartsFromTheSandboxDefaultsOnAFreePortInMemory() {
        EmulatorSettings defaults = EmulatorSettings.defaults();
        assertThat(EmulatorSettings.builder().build())
                .isEqualTo(defaults.toBuilder().port(0).stateFile(null).build());
        assertThat(defaults.port()).isEqualTo(8090);
        assertThat(defaults.clientId()).isEqualTo("sandbox-client");
        assertThat(defaults.streaming().changeEventRetention()).isEqualTo(Duration.ofHours(72));
        assertThat(defaults.stateFile()).isNull();
    }

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
