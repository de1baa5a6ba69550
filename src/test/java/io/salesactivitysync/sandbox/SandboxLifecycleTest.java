package io.salesactivitysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.TestDatabase;
import io.salesactivitysync.TestSandboxPorts;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sandbox started the way the README starts it (the main class, the sandbox profile, only
 * the ports free ones): it prints where everything is, reports UP, and on stop releases every port.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxLifecycleTest {

    @Test
    void startsReportsUpAndStopsCleanly(CapturedOutput output) throws Exception {
        SpringApplication sandbox = SandboxApplication.application();
        sandbox.addInitializers(new TestDatabase(), new TestSandboxPorts());
        ConfigurableApplicationContext app = sandbox.run("--server.port=0");
        int http;
        int smtp;
        int imap;
        int salesforce;
        try {
            http = ((WebServerApplicationContext) app).getWebServer().getPort();
            SandboxMailServer mail = app.getBean(SandboxMailServer.class);
            smtp = mail.smtpPort();
            imap = mail.imapPort();
            salesforce = app.getBean(SalesforceEmulator.class).port();

            ApiClient client = new ApiClient(http, "sandbox-token");
            ApiClient.Response health = client.send(client.unauthenticated("/actuator/health").GET());
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("UP");
            assertThat(client.get("/api/reps").status()).isEqualTo(200);

            assertThat(output.getOut())
                    .contains("sales-activity-sync sandbox is ready")
                    .contains("REST API      http://localhost:" + http + "/api   token: sandbox-token")
                    .contains("SMTP 127.0.0.1:" + smtp)
                    .contains("IMAP 127.0.0.1:" + imap)
                    .contains("BCC mailbox   bcc@sandbox.example")
                    .contains("Salesforce emulator: login URL http://localhost:" + salesforce);
            ApiClient.Response token = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + salesforce + "/services/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=sandbox-client"
                            + "&client_secret=sandbox-secret&username=integration%40sandbox.example&password=sandbox")));
            assertThat(token.status()).as(token.body()).isEqualTo(200);
        } finally {
            app.close();
        }

        assertThat(app.isActive()).isFalse();
        assertThat(output.getOut()).contains("Sandbox mail server stopped");
        assertReleased(http, null);
        assertReleased(smtp, InetAddress.getLoopbackAddress());
        assertReleased(imap, InetAddress.getLoopbackAddress());
        assertReleased(salesforce, InetAddress.getLoopbackAddress());
        assertThat(output.getOut()).doesNotContain(" ERROR ");
    }

    private static void assertReleased(int port, InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
