package io.salesactivitysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.api.ApiProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

class SandboxBannerTest {

    private final SandboxDemoProperties demo = new SandboxDemoProperties("file:config/sandbox-demo-data.yml", "rep@sandbox.example");

    @Test
    void printsTheDocumentedSandboxTokenAndEverySandboxService() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("first", (SandboxService) () -> List.of("First service   line 1", "First service   line 2"));
        beans.registerSingleton("second", (SandboxService) () -> List.of("Second service"));
        SandboxBanner banner = new SandboxBanner(new ApiProperties("sandbox-token", 20, 100), demo,
                beans.getBeanProvider(SandboxService.class));

        String text = String.join("\n", banner.lines(8080));

        assertThat(text).contains("REST API      http://localhost:8080/api   token: sandbox-token")
                .contains("curl -H 'Authorization: Bearer sandbox-token' http://localhost:8080/api/reps")
                .contains("Console       http://localhost:8080/console/   (sign in with the API token)")
                .contains("  First service   line 1\n  First service   line 2\n  Second service");
    }

    @Test
    void neverPrintsAnyOtherToken() {
        SandboxBanner banner = new SandboxBanner(new ApiProperties("a-real-secret-from-the-environment", 20, 100), demo,
                new DefaultListableBeanFactory().getBeanProvider(SandboxService.class));
        String text = String.join("\n", banner.lines(8080));
        assertThat(text).doesNotContain("a-real-secret").contains("set by sas.api.token (not shown)")
                .contains("Bearer <your sas.api.token>");
    }
}
