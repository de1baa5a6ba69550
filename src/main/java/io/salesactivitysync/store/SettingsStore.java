package io.salesactivitysync.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The org's default settings (one row) and each rep's overrides. */
@Repository
public class SettingsStore {

    private static final String COLUMNS = "log_emails_via_api, log_calls, log_emails_via_bcc, include_body,"
            + " task_sync_mode, subject_template, description_template, log_against, multiple_matches";

    private final JdbcClient jdbc;
    private final RepStore reps;
    private final Clock clock;

    public SettingsStore(JdbcClient jdbc, RepStore reps, Clock clock) {
        this.jdbc = jdbc;
        this.reps = reps;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public OrgSettings orgSettings() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM org_settings WHERE id = 1")
                .query(SettingsStore::mapOrgSettings)
                .optional()
                .orElseThrow(() -> new IllegalStateException(
                        "org_settings has no row 1: the database was not migrated by this application's Flyway scripts"));
    }

    @Transactional
    public OrgSettings updateOrgSettings(OrgSettings settings) {
        jdbc.sql("UPDATE org_settings SET log_emails_via_api = :logEmailsViaApi, log_calls = :logCalls,"
                        + " log_emails_via_bcc = :logEmailsViaBcc, include_body = :includeBody,"
                        + " task_sync_mode = :taskSyncMode, subject_template = :subjectTemplate,"
                        + " description_template = :descriptionTemplate, log_against = :logAgainst,"
                        + " multiple_matches = :multipleMatches, updated_at = :now WHERE id = 1")
                .params(parameters(new SettingsOverrides(settings.logEmailsViaApi(), settings.logCalls(),
                        settings.logEmailsViaBcc(), settings.includeBody(), settings.taskSyncMode(),
                        settings.subjectTemplate(), settings.descriptionTemplate(), settings.logAgainst(),
                        settings.multipleMatches())))
                .update();
        if (settings.taskSyncMode() == TaskSyncMode.SYNC) {
            // every rep that inherits the org default runs its first sync
            jdbc.sql("SELECT r.id FROM reps r LEFT JOIN rep_settings rs ON rs.rep_id = r.id"
                            + " WHERE rs.task_sync_mode IS NULL ORDER BY r.id")
                    .query(Long.class)
                    .list()
                    .forEach(this::requestFirstSync);
        }
        return orgSettings();
    }

    /** The rep's overrides and the settings in force for the rep. */
    @Transactional(readOnly = true)
    public RepSettings repSettings(long repId) {
        reps.get(repId);
        SettingsOverrides overrides = jdbc.sql("SELECT " + COLUMNS + " FROM rep_settings WHERE rep_id = :repId")
                .param("repId", repId)
                .query(SettingsStore::mapOverrides)
                .optional()
                .orElse(SettingsOverrides.none());
        return new RepSettings(repId, overrides, overrides.applyTo(orgSettings()), firstSync(repId));
    }

    /**
     * Replaces the rep's overrides: a value left out or null inherits the org default again. The
     * rep's row is locked first, so parallel first writes of the same rep's overrides take turns
     * (the second updates the row the first inserted) and a write racing the rep's deletion
     * finds the rep gone.
     */
    @Transactional
    public RepSettings updateRepSettings(long repId, SettingsOverrides overrides) {
        reps.lock(repId);
        Map<String, Object> values = parameters(overrides);
        values.put("repId", repId);
        int updated = jdbc.sql("UPDATE rep_settings SET log_emails_via_api = :logEmailsViaApi, log_calls = :logCalls,"
                        + " log_emails_via_bcc = :logEmailsViaBcc, include_body = :includeBody,"
                        + " task_sync_mode = :taskSyncMode, subject_template = :subjectTemplate,"
                        + " description_template = :descriptionTemplate, log_against = :logAgainst,"
                        + " multiple_matches = :multipleMatches, updated_at = :now WHERE rep_id = :repId")
                .params(values)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO rep_settings (rep_id, " + COLUMNS + ", updated_at) VALUES (:repId,"
                            + " :logEmailsViaApi, :logCalls, :logEmailsViaBcc, :includeBody, :taskSyncMode,"
                            + " :subjectTemplate, :descriptionTemplate, :logAgainst, :multipleMatches, :now)")
                    .params(values)
                    .update();
        }
        RepSettings settings = repSettings(repId);
        if (settings.effective().taskSyncMode() == TaskSyncMode.SYNC) {
            requestFirstSync(repId);
            return repSettings(repId);
        }
        return settings;
    }

    /**
     * Asks for the rep's first task sync (turning task sync on, and every save while it is on):
     * the task-first-sync route runs it. A request while one runs waits for it to end, then runs.
     */
    private void requestFirstSync(long repId) {
        var now = StoreClock.now(clock);
        int updated = jdbc.sql("UPDATE task_first_syncs SET state = 'requested', requested_at = :now, error = NULL"
                        + " WHERE rep_id = :rep")
                .param("now", now)
                .param("rep", repId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO task_first_syncs (rep_id, state, requested_at) VALUES (:rep, 'requested', :now)")
                    .param("rep", repId)
                    .param("now", now)
                    .update();
        }
    }

    private TaskFirstSync firstSync(long repId) {
        return jdbc.sql("SELECT state, requested_at, started_at, finished_at, imported, updated, skipped, error"
                        + " FROM task_first_syncs WHERE rep_id = :rep")
                .param("rep", repId)
                .query((rs, row) -> new TaskFirstSync(rs.getString("state"),
                        StoreClock.utc(rs.getObject("requested_at", java.time.OffsetDateTime.class)),
                        StoreClock.utc(rs.getObject("started_at", java.time.OffsetDateTime.class)),
                        StoreClock.utc(rs.getObject("finished_at", java.time.OffsetDateTime.class)),
                        rs.getInt("imported"), rs.getInt("updated"), rs.getInt("skipped"), rs.getString("error")))
                .optional()
                .orElse(null);
    }

    private Map<String, Object> parameters(SettingsOverrides values) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("logEmailsViaApi", values.logEmailsViaApi());
        parameters.put("logCalls", values.logCalls());
        parameters.put("logEmailsViaBcc", values.logEmailsViaBcc());
        parameters.put("includeBody", values.includeBody());
        parameters.put("taskSyncMode", values.taskSyncMode() == null ? null : values.taskSyncMode().value());
        parameters.put("subjectTemplate", values.subjectTemplate());
        parameters.put("descriptionTemplate", values.descriptionTemplate());
        parameters.put("logAgainst", values.logAgainst() == null ? null : values.logAgainst().value());
        parameters.put("multipleMatches", values.multipleMatches() == null ? null : values.multipleMatches().value());
        parameters.put("now", StoreClock.now(clock));
        return parameters;
    }

    private static OrgSettings mapOrgSettings(ResultSet rs, int row) throws SQLException {
        SettingsOverrides values = mapOverrides(rs, row);
        return new OrgSettings(values.logEmailsViaApi(), values.logCalls(), values.logEmailsViaBcc(),
                values.includeBody(), values.taskSyncMode(), values.subjectTemplate(), values.descriptionTemplate(),
                values.logAgainst(), values.multipleMatches());
    }

    private static SettingsOverrides mapOverrides(ResultSet rs, int row) throws SQLException {
        return new SettingsOverrides(
                rs.getObject("log_emails_via_api", Boolean.class),
                rs.getObject("log_calls", Boolean.class),
                rs.getObject("log_emails_via_bcc", Boolean.class),
                rs.getObject("include_body", Boolean.class),
                TaskSyncMode.fromValue(rs.getString("task_sync_mode")),
                rs.getString("subject_template"),
                rs.getString("description_template"),
                LogAgainst.fromValue(rs.getString("log_against")),
                MultipleMatches.fromValue(rs.getString("multiple_matches")));
    }
}
