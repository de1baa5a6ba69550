package io.salesactivitysync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.AppTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs with -Ppostgres only: proves the suite really ran against PostgreSQL, in a schema of its
 * own, and not silently against H2.
 */
@Tag("postgres")
@AppTest
class PostgresProfileTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theSuiteRunsOnPostgresqlInASchemaOfItsOwn() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).startsWith("sas_test_");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM org_settings").query(Long.class).single()).isEqualTo(1);
    }
}
