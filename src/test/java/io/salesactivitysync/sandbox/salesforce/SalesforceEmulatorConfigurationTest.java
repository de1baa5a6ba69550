package io.salesactivitysync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.SandboxService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The sandbox profile starts the emulator from {@code sandbox.salesforce.*} and stops it with the context. */
class SalesforceEmulatorConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SalesforceEmulatorConfiguration.class);

    @Test
    void sandboxProfileStartsTheEmulatorFromProperties() {
        runner.withPropertyValues("spring.profiles.active=sandbox", "sandbox.salesforce.port=0",
                        "sandbox.salesforce.query-batch-size=500", "sandbox.salesforce.daily-api-limit=100",
                        "sandbox.salesforce.custom-fields[0].s-object=Task",
                        "sandbox.salesforce.custom-fields[0].name=Sales_Activity_Id__c",
                        "sandbox.salesforce.custom-fields[0].external-id=true",
                        "sandbox.salesforce.read-only-fields[0]=Task.Priority",
                        "sandbox.salesforce.state-file=")
                .run(context -> {
                    SalesforceEmulator emulator = context.getBean(SalesforceEmulator.class);
                    assertThat(emulator.settings().queryBatchSize()).isEqualTo(500);
                    assertThat(emulator.settings().dailyApiLimit()).isEqualTo(100);
                    assertThat(emulator.settings().customFields()).singleElement()
                            .satisfies(f -> assertThat(f.sObject()).isEqualTo("Task"));
                    EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).loginAsIntegrationUser();
                    assertThat(http.api("PATCH", "sobjects/Task/00T000000000001EAA", "{\"Priority\":\"Low\"}").status())
                            .isEqualTo(400);
                    assertThat(http.api("PATCH", "sobjects/Task/Sales_Activity_Id__c/k1", "{\"Subject\":\"s\"}").status())
                            .isEqualTo(201);
                    assertThat(context.getBean(SandboxService.class).describe())
                            .anySatisfy(line -> assertThat(line).contains("login URL " + emulator.baseUrl()))
                            .anySatisfy(line -> assertThat(line).contains("client id sandbox-client, client secret sandbox-secret"))
                            .anySatisfy(line -> assertThat(line).contains("rep@sandbox.example / sandbox"))
                            .anySatisfy(line -> assertThat(line).contains(emulator.baseUrl() + "/sandbox/admin"))
                            .anySatisfy(line -> assertThat(line).contains("admin token " + emulator.adminToken()));
                });
    }

    @Test
    void otherProfilesHaveNoEmulator() {
        runner.withPropertyValues("sandbox.salesforce.port=0")
                .run(context -> assertThat(context).doesNotHaveBean(SalesforceEmulator.class));
    }

    @Test
    void theEmulatorCanBeSwitchedOff() {
        runner.withPropertyValues("spring.profiles.active=sandbox", "sandbox.salesforce.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SalesforceEmulator.class));
    }
}
