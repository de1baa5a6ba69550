package io.salesactivitysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.SalesActivitySyncApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SalesActivitySyncApplication.class)
                .profiles("sandbox")
                .run("--server.port=0", "--sandbox.mail.smtp-port=0", "--sandbox.mail.imap-port=0");
        int http;
        int smtp;
        int imap;
        try {
            http = ((WebServerApplicationContext) app).getWebServer().getPort();
            SandboxMailServer mail = app.getBean(SandboxMailServer.class);
            smtp = mail.smtpPort();
            imap = mail.imapPort();

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
                    .contains("BCC mailbox   bcc@sandbox.example");
        } finally {
            app.close();
        }

        assertThat(app.isActive()).isFalse();
        assertThat(output.getOut()).contains("Sandbox mail server stopped");
        assertReleased(http, null);
        assertReleased(smtp, InetAddress.getLoopbackAddress());
        assertReleased(imap, InetAddress.getLoopbackAddress());
        assertThat(output.getOut()).doesNotContain(" ERROR ");
    }

    private static void assertReleased(int port, InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
