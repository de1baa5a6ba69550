package io.salesactivitysync.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

class RequiredSettingsTest {

    private static final String SF = "camel.component.salesforce.";

    private final Map<String, Object> config = new HashMap<>();
    private final Map<String, Object> variables = new HashMap<>();

    @Test
    void nothingIsMissingWithATokenAndNeitherMailboxNorSalesforce() {
        config.put("sas.api.token", "${SAS_API_TOKEN:}");
        variables.put("SAS_API_TOKEN", "a-token");
        config.put("sas.mail.bcc.host", "${SAS_BCC_HOST:}");
        config.put("sas.mail.bcc.password", "${SAS_BCC_PASSWORD:}");

        assertThat(missing()).isEmpty();
    }

    @Test
    void theTokenIsAlwaysRequired() {
        assertThat(missing()).singleElement().satisfies(setting -> {
            assertThat(setting.key()).isEqualTo("sas.api.token");
            assertThat(setting.problem()).isEqualTo("not set");
            assertThat(setting.neededBecause()).isNull();
            assertThat(setting.instruction()).startsWith("export SAS_API_TOKEN=<a long random string");
        });
    }

    @Test
    void aBlankValueFromAnUnsetVariableNamesThatVariable() {
        config.put("sas.api.token", "${SAS_API_TOKEN:}");

        MissingSetting token = missing().get(0);
        assertThat(token.problem()).isEqualTo("empty: environment variable SAS_API_TOKEN is not set");
        assertThat(token.instruction()).startsWith("export SAS_API_TOKEN=");
    }

    @Test
    void anExportedButEmptyVariableIsEmpty() {
        variables.put("SAS_API_TOKEN", "  ");

        config.put("sas.api.token", "${SAS_API_TOKEN}");

        // Spring Boot maps SAS_API_TOKEN onto sas.api.token itself, above the file's placeholder
        assertThat(missing()).singleElement().satisfies(setting -> {
            assertThat(setting.problem()).isEqualTo("empty");
            assertThat(setting.instruction()).startsWith("export SAS_API_TOKEN=");
        });
    }

    @Test
    void theMailboxAccountIsRequiredOnceItsHostIsSet() {
        config.put("sas.api.token", "t");
        config.put("sas.mail.bcc.host", "imap.example.com");
        config.put("sas.mail.bcc.password", "${SAS_BCC_PASSWORD}");

        List<MissingSetting> missing = missing();

        assertThat(keys(missing)).containsExactly("sas.mail.bcc.username", "sas.mail.bcc.password");
        assertThat(missing.get(0).problem()).isEqualTo("not set");
        assertThat(missing.get(0).neededBecause()).isEqualTo("sas.mail.bcc.host is set");
        assertThat(missing.get(0).instruction()).startsWith("export SAS_MAIL_BCC_USERNAME=");
        assertThat(missing.get(1).problem()).isEqualTo("${SAS_BCC_PASSWORD} is not resolved: environment variable SAS_BCC_PASSWORD is not set");
        assertThat(missing.get(1).instruction()).isEqualTo("export SAS_BCC_PASSWORD=<the mailbox's password>");
    }

    @Test
    void aPlaceholderOfAnEmptyVariableSaysSo() {
        config.put("sas.api.token", "t");
        config.put("sas.mail.bcc.host", "imap.example.com");
        config.put("sas.mail.bcc.username", "bcc@example.com");
        config.put("sas.mail.bcc.password", "${SAS_BCC_PASSWORD}");
        variables.put("SAS_BCC_PASSWORD", "");

        assertThat(missing()).singleElement().satisfies(setting ->
                assertThat(setting.problem()).isEqualTo("empty: environment variable SAS_BCC_PASSWORD is empty"));
    }

    @Test
    void aPlaceholderTheEnvironmentResolvesIsSet() {
        config.put("sas.api.token", "t");
        config.put("sas.mail.bcc.host", "imap.example.com");
        config.put("sas.mail.bcc.username", "${SAS_BCC_USERNAME}");
        config.put("sas.mail.bcc.password", "${SAS_BCC_PASSWORD}");
        variables.put("SAS_BCC_USERNAME", "bcc@example.com");
        variables.put("SAS_BCC_PASSWORD", "pw");

        assertThat(missing()).isEmpty();
    }

    @Test
    void anUnresolvedHostStillMeansAMailboxIsWanted() {
        config.put("sas.api.token", "t");
        config.put("sas.mail.bcc.host", "${SAS_BCC_HOST}");

        assertThat(keys(missing())).containsExactly("sas.mail.bcc.host", "sas.mail.bcc.username", "sas.mail.bcc.password");
    }

    @Test
    void aPlaceholderNamingAnotherPropertyIsSetThroughThatProperty() {
        config.put("sas.api.token", "t");
        config.put("sas.mail.bcc.host", "127.0.0.1");
        config.put("sas.mail.bcc.username", "bcc");
        config.put("sas.mail.bcc.password", "${sandbox.mail.bcc-mailbox.password}");

        assertThat(missing()).singleElement().satisfies(setting -> {
            assertThat(setting.problem()).isEqualTo("${sandbox.mail.bcc-mailbox.password} is not resolved: sandbox.mail.bcc-mailbox.password is not set");
            assertThat(setting.instruction()).isEqualTo("set sandbox.mail.bcc-mailbox.password <the mailbox's password>");
        });
    }

    @Test
    void salesforceNeedsTheClientCredentialsByDefault() {
        config.put("sas.api.token", "t");
        config.put(SF + "login-url", "https://acme.my.salesforce.com");

        List<MissingSetting> missing = missing();

        assertThat(keys(missing)).containsExactly(SF + "client-id", SF + "client-secret");
        assertThat(missing.get(0).neededBecause()).isEqualTo(SF + "login-url is set");
        assertThat(missing.get(0).instruction()).startsWith("export CAMEL_COMPONENT_SALESFORCE_CLIENTID=");
        assertThat(missing.get(1).neededBecause())
                .isEqualTo(SF + "login-url is set and the authentication type is CLIENT_CREDENTIALS (inferred)");
    }

    @Test
    void salesforceKeysAreMatchedInAnySpellingSpringAccepts() {
        config.put("sas.api.token", "t");
        config.put(SF + "instanceUrl", "https://acme.my.salesforce.com");
        config.put(SF + "clientId", "id");
        config.put(SF + "authenticationType", "client-credentials");
        variables.put("CAMEL_COMPONENT_SALESFORCE_CLIENTSECRET", "secret");

        assertThat(missing()).isEmpty();
    }

    @Test
    void withoutALoginOrInstanceUrlSalesforceIsNotChecked() {
        config.put("sas.api.token", "t");
        config.put(SF + "client-id", "${SALESFORCE_CLIENT_ID}");

        assertThat(missing()).isEmpty();
    }

    @Test
    void theUsernamePasswordFlowNeedsTheUserAndTheSecret() {
        config.put("sas.api.token", "t");
        config.put(SF + "login-url", "https://login.salesforce.com");
        config.put(SF + "authentication-type", "USERNAME_PASSWORD");
        config.put(SF + "client-id", "id");

        assertThat(keys(missing())).containsExactly(SF + "client-secret", SF + "user-name", SF + "password");
        assertThat(missing().get(0).neededBecause())
                .isEqualTo(SF + "login-url is set and the authentication type is USERNAME_PASSWORD");
    }

    @Test
    void aPasswordMeansTheUsernamePasswordFlowAsCamelInfersIt() {
        config.put("sas.api.token", "t");
        config.put(SF + "login-url", "https://login.salesforce.com");
        config.put(SF + "client-id", "${SALESFORCE_CLIENT_ID}");
        config.put(SF + "password", "${SALESFORCE_PASSWORD}");

        List<MissingSetting> missing = missing();

        assertThat(keys(missing)).containsExactly(SF + "client-id", SF + "client-secret", SF + "user-name", SF + "password");
        assertThat(missing.get(0).instruction()).startsWith("export SALESFORCE_CLIENT_ID=");
        assertThat(missing.get(3).instruction()).startsWith("export SALESFORCE_PASSWORD=");
        assertThat(missing.get(1).neededBecause()).endsWith("USERNAME_PASSWORD (inferred)");
    }

    @Test
    void theRefreshTokenAndJwtFlows() {
        config.put("sas.api.token", "t");
        config.put(SF + "login-url", "https://login.salesforce.com");
        config.put(SF + "client-id", "id");
        config.put(SF + "authentication-type", "REFRESH_TOKEN");
        assertThat(keys(missing())).containsExactly(SF + "refresh-token");

        config.put(SF + "authentication-type", "jwt");
        assertThat(keys(missing())).containsExactly(SF + "user-name", SF + "keystore");

        config.put(SF + "user-name", "integration@example.com");
        config.put(SF + "keystore.resource", "file:/etc/sas/salesforce.p12");
        assertThat(missing()).isEmpty();
    }

    @Test
    void theDatabasePasswordMayBeEmptyButNotAnUnresolvedPlaceholder() {
        config.put("sas.api.token", "t");
        config.put("spring.datasource.password", "${SAS_DB_PASSWORD:}");
        assertThat(missing()).isEmpty();

        config.put("spring.datasource.password", "${SAS_DB_PASSWORD}");
        assertThat(missing()).singleElement().satisfies(setting -> {
            assertThat(setting.key()).isEqualTo("spring.datasource.password");
            assertThat(setting.instruction()).isEqualTo("export SAS_DB_PASSWORD=<the database password>");
        });
    }

    @Test
    void everyMissingKeyIsListedAtOnce() {
        config.put("sas.mail.bcc.host", "imap.example.com");
        config.put(SF + "login-url", "https://acme.my.salesforce.com");

        assertThat(keys(missing())).containsExactly("sas.api.token", "sas.mail.bcc.username", "sas.mail.bcc.password",
                SF + "client-id", SF + "client-secret");
    }

    @Test
    void noValueEverAppearsInTheReport() {
        config.put("sas.api.token", "a-secret-token-value");
        config.put("sas.mail.bcc.host", "imap.example.com");
        config.put("sas.mail.bcc.username", "bcc@example.com");
        config.put("sas.mail.bcc.password", "hunter2${NOT_SET_ANYWHERE}");
        config.put(SF + "login-url", "https://acme.my.salesforce.com");
        config.put(SF + "client-secret", "the-client-secret");

        List<MissingSetting> missing = missing();

        assertThat(keys(missing)).containsExactly("sas.mail.bcc.password", SF + "client-id");
        String report = new MissingSettingsException(missing).getMessage() + missing;
        assertThat(report).doesNotContain("a-secret-token-value", "hunter2", "the-client-secret", "bcc@example.com")
                .contains("${NOT_SET_ANYWHERE} is not resolved");
    }

    @Test
    void saysWhichFileAndLineHoldTheUnresolvedPlaceholder(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("application-local.yml");
        Files.writeString(file, """
                sas:
                  api:
                    token: t
                  mail:
                    bcc:
                      host: imap.example.com
                      username: bcc@example.com
                      password: ${SAS_BCC_PASSWORD}
                """);
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("local", new FileSystemResource(file));

        StandardEnvironment environment = environment();
        environment.getPropertySources().addLast(yaml.get(0));

        assertThat(RequiredSettings.missingIn(environment)).singleElement().satisfies(setting -> assertThat(setting.problem())
                .isEqualTo("${SAS_BCC_PASSWORD} is not resolved: environment variable SAS_BCC_PASSWORD is not set (" + file + " line 8)"));
    }

    private List<MissingSetting> missing() {
        StandardEnvironment environment = environment();
        environment.getPropertySources().addLast(new MapPropertySource("config", config));
        return RequiredSettings.missingIn(environment);
    }

    /** An environment with only the test's variables, ordered as Spring Boot orders them (variables above files). */
    private StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static List<String> keys(List<MissingSetting> missing) {
        return missing.stream().map(MissingSetting::key).toList();
    }
}
