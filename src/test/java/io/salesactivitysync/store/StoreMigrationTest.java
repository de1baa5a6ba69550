package io.salesactivitysync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.AppTest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Flyway migrations against the database the suite runs on (H2 by default, PostgreSQL with
 * -Ppostgres): every table is there and its constraints hold. Every test writes its own rows.
 */
@AppTest
class StoreMigrationTest {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    @Autowired
    Flyway flyway;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void allMigrationsAreApplied() {
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied).isNotEmpty();
        assertThat(applied).allSatisfy(info -> assertThat(info.getState()).isEqualTo(MigrationState.SUCCESS));
        assertThat(flyway.info().pending()).isEmpty();
        // on PostgreSQL the first entry records that Flyway created the test's schema
        assertThat(applied).filteredOn(info -> info.getVersion() != null)
                .extracting(info -> info.getVersion().getVersion())
                .startsWith("1");
    }

    @Test
    void orgSettingsHaveOneRowWithTheDocumentedDefaults() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM org_settings").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT task_sync_mode FROM org_settings WHERE id = 1").query(String.class).single())
                .isEqualTo("do_not_sync");
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO org_settings (id, updated_at) VALUES (2, :now)")
                .param("now", NOW).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void repEmailsAndAliasesAreUnique() {
        String email = ApiClient.uniqueEmail("unique");
        long rep = insertRep(email);
        assertThatThrownBy(() -> insertRep(email)).isInstanceOf(DuplicateKeyException.class);

        String alias = ApiClient.uniqueEmail("alias");
        jdbc.sql("INSERT INTO rep_aliases (rep_id, email) VALUES (:rep, :email)").param("rep", rep).param("email", alias).update();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO rep_aliases (rep_id, email) VALUES (:rep, :email)")
                .param("rep", rep).param("email", alias).update())
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void enumColumnsRejectUnknownValues() {
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO reps (email, name, time_zone, connection_state, created_at, updated_at)"
                        + " VALUES (:email, 'X', 'UTC', 'maybe', :now, :now)")
                .param("email", ApiClient.uniqueEmail("state")).param("now", NOW).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        long rep = insertRep(ApiClient.uniqueEmail("owner"));
        assertThatThrownBy(() -> insertTask(rep, "archived", "normal"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insertTask(rep, "open", "low"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aPersonsSalesforceIdAndTypeGoTogether() {
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO people (name, email, salesforce_id, created_at, updated_at)"
                        + " VALUES ('X', :email, :id, :now, :now)")
                .param("email", ApiClient.uniqueEmail("typeless"))
                .param("id", ApiClient.uniqueSalesforceId("003"))
                .param("now", NOW)
                .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aRepWhoOwnsTasksCannotBeDeletedButTheirActivitiesOutliveThem() {
        long rep = insertRep(ApiClient.uniqueEmail("busy"));
        long task = insertTask(rep, "open", "high");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM reps WHERE id = :id").param("id", rep).update())
                .isInstanceOf(DataIntegrityViolationException.class);

        long activity = insertActivity(rep, "bcc", digest());
        jdbc.sql("DELETE FROM tasks WHERE id = :id").param("id", task).update();
        jdbc.sql("DELETE FROM reps WHERE id = :id").param("id", rep).update();
        assertThat(jdbc.sql("SELECT rep_id FROM activities WHERE id = :id").param("id", activity)
                .query((rs, n) -> rs.getObject(1)).list()).containsExactly((Object) null);
    }

    @Test
    void theSameDigestFromTheSameSourceIsOneActivity() {
        long rep = insertRep(ApiClient.uniqueEmail("sender"));
        String digest = digest();
        insertActivity(rep, "bcc", digest);
        insertActivity(rep, "api", digest);
        assertThatThrownBy(() -> insertActivity(rep, "bcc", digest)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aDueDateIsAPlainDateThatNoTimeZoneShifts() {
        long rep = insertRep(ApiClient.uniqueEmail("dates"));
        long task = insertTask(rep, "open", "normal");
        LocalDate due = LocalDate.of(2025, 3, 30); // the night Europe switches to summer time
        jdbc.sql("UPDATE tasks SET due_date = :due WHERE id = :id").param("due", due).param("id", task).update();
        assertThat(jdbc.sql("SELECT due_date FROM tasks WHERE id = :id").param("id", task)
                .query((rs, n) -> rs.getObject(1, LocalDate.class)).single()).isEqualTo(due);
    }

    @Test
    void streamCheckpointsKeepOneReplayIdPerChannel() {
        String channel = "/data/TaskChangeEvent/" + UUID.randomUUID();
        jdbc.sql("INSERT INTO stream_checkpoints (channel, replay_id, updated_at) VALUES (:c, 41, :now)")
                .param("c", channel).param("now", NOW).update();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO stream_checkpoints (channel, replay_id, updated_at) VALUES (:c, 42, :now)")
                .param("c", channel).param("now", NOW).update())
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void camelsJdbcIdempotentRepositoryWorksOnTheMigratedTableWithoutCreatingIt() throws Exception {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "migration-test-" + UUID.randomUUID());
        repository.setCreateTableIfNotExists(false);
        repository.start();
        try {
            String messageId = "<" + "x".repeat(150) + "@mail.example>"; // longer than Camel's own VARCHAR(100)
            assertThat(repository.add(messageId)).isTrue();
            assertThat(repository.add(messageId)).isFalse();
            assertThat(repository.contains(messageId)).isTrue();
            assertThat(repository.remove(messageId)).isTrue();
            assertThat(repository.contains(messageId)).isFalse();
        } finally {
            repository.stop();
        }
    }

    private long insertRep(String email) {
        jdbc.sql("INSERT INTO reps (email, name, time_zone, created_at, updated_at) VALUES (:email, 'Test Rep', 'UTC', :now, :now)")
                .param("email", email).param("now", NOW).update();
        return jdbc.sql("SELECT id FROM reps WHERE email = :email").param("email", email).query(Long.class).single();
    }

    private long insertTask(long rep, String status, String priority) {
        String name = "task " + UUID.randomUUID();
        jdbc.sql("INSERT INTO tasks (name, status, priority, owner_rep_id, origin, created_at, updated_at)"
                        + " VALUES (:name, :status, :priority, :rep, 'product', :now, :now)")
                .param("name", name).param("status", status).param("priority", priority).param("rep", rep).param("now", NOW)
                .update();
        return jdbc.sql("SELECT id FROM tasks WHERE name = :name").param("name", name).query(Long.class).single();
    }

    private long insertActivity(long rep, String source, String digest) {
        jdbc.sql("INSERT INTO activities (source, kind, activity_key, digest, rep_email, rep_id, occurred_at,"
                        + " next_attempt_at, created_at, updated_at)"
                        + " VALUES (:source, 'email', 'mid:test', :digest, 'rep@x.example', :rep, :now, :now, :now, :now)")
                .param("source", source).param("digest", digest).param("rep", rep).param("now", NOW)
                .update();
        return jdbc.sql("SELECT id FROM activities WHERE source = :source AND digest = :digest")
                .param("source", source).param("digest", digest).query(Long.class).single();
    }

    private static String digest() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }
}
