package io.salesactivitysync.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

class H2DurabilityTest {

    @Test
    void anH2DatabaseOnDiskWritesEachCommitAtOnce() {
        assertThat(H2Durability.durable("jdbc:h2:file:./data/sales-activity-sync;DB_CLOSE_ON_EXIT=FALSE"))
                .isEqualTo("jdbc:h2:file:./data/sales-activity-sync;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(H2Durability.durable("jdbc:h2:./data/x")).isEqualTo("jdbc:h2:./data/x;WRITE_DELAY=0");
        assertThat(H2Durability.durable("jdbc:h2:~/sas")).isEqualTo("jdbc:h2:~/sas;WRITE_DELAY=0");
    }

    @Test
    void aUrlThatChoosesItselfAndOtherDatabasesAreLeftAlone() {
        assertThat(H2Durability.durable("jdbc:h2:file:./db;write_delay=100")).isEqualTo("jdbc:h2:file:./db;write_delay=100");
        assertThat(H2Durability.durable("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1");
        assertThat(H2Durability.durable("jdbc:h2:tcp://db/sas")).isEqualTo("jdbc:h2:tcp://db/sas");
        assertThat(H2Durability.durable("jdbc:postgresql://127.0.0.1/sas")).isEqualTo("jdbc:postgresql://127.0.0.1/sas");
    }

    @Test
    void theDataSourceSettingsAreChangedBeforeTheDataSourceIsMade() {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl("jdbc:h2:file:./target/durability");
        new H2Durability().postProcessAfterInitialization(properties, "dataSourceProperties");
        assertThat(properties.getUrl()).isEqualTo("jdbc:h2:file:./target/durability;WRITE_DELAY=0");
    }
}
