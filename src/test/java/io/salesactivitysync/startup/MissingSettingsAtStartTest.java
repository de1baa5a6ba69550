package io.salesactivitysync.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.SalesActivitySyncApplication;
import io.salesactivitysync.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The application started as the packaged jar starts (./config and ./routes of the repository,
 * no profile), with settings missing: it stops before anything starts, with one message that names
 * every missing setting and how to set it, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingSettingsAtStartTest {

    @Test
    void namesEveryMissingSettingInOneMessage(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SalesActivitySyncApplication.class)
                .initializers(new TestDatabase())
                .run("--server.port=0",
                        "--sas.api.token=",
                        "--sas.mail.bcc.host=imap.example.com",
                        "--sas.mail.bcc.username=bcc@example.com",
                        "--sas.mail.bcc.password=${SAS_TEST_BCC_PASSWORD_NOT_SET}",
                        "--camel.component.salesforce.login-url=https://acme.my.salesforce.com",
                        "--camel.component.salesforce.client-id=${SAS_TEST_CLIENT_ID_NOT_SET}")
                .close())
                .isInstanceOf(MissingSettingsException.class);

        String console = output.getOut();
        assertThat(console).contains("APPLICATION FAILED TO START")
                .contains("4 required settings are missing:")
                .contains("    sas.api.token: empty (command line)")
                .contains("    sas.mail.bcc.password: ${SAS_TEST_BCC_PASSWORD_NOT_SET} is not resolved: environment variable "
                        + "SAS_TEST_BCC_PASSWORD_NOT_SET is not set (command line); needed because sas.mail.bcc.host is set")
                .contains("    camel.component.salesforce.client-id: ${SAS_TEST_CLIENT_ID_NOT_SET} is not resolved")
                .contains("    camel.component.salesforce.client-secret: not set; needed because "
                        + "camel.component.salesforce.login-url is set and the authentication type is CLIENT_CREDENTIALS (inferred)")
                .contains("    export SAS_API_TOKEN=<a long random string")
                .contains("    export SAS_TEST_BCC_PASSWORD_NOT_SET=<the mailbox's password>")
                .contains("    export SAS_TEST_CLIENT_ID_NOT_SET=<the connected app's consumer key>")
                .contains("    export CAMEL_COMPONENT_SALESFORCE_CLIENTSECRET=<the connected app's consumer secret>");
        // one message: no stack trace, and nothing started before the check
        assertThat(console).doesNotContain("\tat ", "Caused by", "Tomcat started", "Apache Camel", "HikariPool");
        assertThat(console.split("APPLICATION FAILED TO START", -1)).hasSize(2);
    }

    @Test
    void theTokenAloneKeepsItsFamiliarMessage() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SalesActivitySyncApplication.class)
                .initializers(new TestDatabase())
                .run("--server.port=0", "--sas.api.token=${SAS_TEST_TOKEN_NOT_SET}").close())
                .isInstanceOf(MissingSettingsException.class)
                .hasMessage("Required settings are missing: sas.api.token must be set: "
                        + "export SAS_TEST_TOKEN_NOT_SET=<a long random string, e.g. from `openssl rand -hex 32`>");
    }
}
