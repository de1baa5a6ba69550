package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.SalesActivitySyncApplication;
import io.salesactivitysync.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the sandbox there is no default token: without one the application does not start, and says why. */
class ApiTokenRequiredTest {

    @Test
    void refusesToStartWithoutAToken() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SalesActivitySyncApplication.class)
                .initializers(new TestDatabase())
                .run("--server.port=0", "--sas.api.token=").close())
                .hasMessageContaining("sas.api.token")
                .hasMessageContaining("must be set: export SAS_API_TOKEN=");
    }
}
