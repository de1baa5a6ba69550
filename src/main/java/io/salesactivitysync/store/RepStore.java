package io.salesactivitysync.store;

import io.salesactivitysync.store.constraint.EmailAddresses;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reps and the addresses they send from. An address (a rep's own or an alias) belongs to one rep
 * only, so that a BCC sender resolves to at most one rep; a Salesforce user maps to one rep only.
 */
@Repository
public class RepStore {

    static final String NOT_CHECKED = "Not checked against Salesforce yet";

    private static final String COLUMNS = "id, email, name, time_zone, salesforce_user_id, connection_state,"
            + " connection_reason, connected_user_id, connection_matched_by, connection_checked_at, created_at, updated_at";
    private static final Map<String, String> FIELD_BY_CONSTRAINT = Map.of(
            "reps_email_uk", "email",
            "rep_aliases_email_uk", "aliases",
            "reps_salesforce_user_id_uk", "salesforceUserId");

    private final JdbcClient jdbc;
    private final Clock clock;

    public RepStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Rep create(RepFields fields) {
        RepFields rep = fields.normalized();
        lockAddresses();
        checkUnique(null, fields, rep);
        OffsetDateTime now = StoreClock.now(clock);
        KeyHolder key = new GeneratedKeyHolder();
        try {
            // not connected until the connection check has asked Salesforce (see RepConnectionCheck)
            jdbc.sql("INSERT INTO reps (email, name, time_zone, salesforce_user_id, connection_state,"
                            + " connection_reason, created_at, updated_at)"
                            + " VALUES (:email, :name, :timeZone, :salesforceUserId, 'not_connected', :reason, :now, :now)")
                    .param("email", rep.email())
                    .param("name", rep.name())
                    .param("timeZone", rep.timeZone())
                    .param("salesforceUserId", rep.salesforceUserId())
                    .param("reason", NOT_CHECKED)
                    .param("now", now)
                    .update(key, "id");
            long id = key.getKeyAs(Number.class).longValue();
            insertAliases(id, rep.aliases());
            return get(id);
        } catch (DuplicateKeyException e) {
            throw DuplicateKeys.toDuplicateValue(e, FIELD_BY_CONSTRAINT);
        }
    }

    @Transactional(readOnly = true)
    public Rep get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reps WHERE id = :id")
                .param("id", id)
                .query(this::mapRep)
                .optional()
                .map(rep -> withAliases(List.of(rep)).get(0))
                .orElseThrow(() -> new RecordNotFoundException("rep", id));
    }

    /** The rep who owns the address, as their own or as an alias (addresses compare case-insensitively). */
    @Transactional(readOnly = true)
    public Optional<Rep> findByAddress(String address) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reps WHERE email = :address"
                        + " OR id IN (SELECT rep_id FROM rep_aliases WHERE email = :address)")
                .param("address", EmailAddresses.normalize(address))
                .query(this::mapRep)
                .optional()
                .map(rep -> withAliases(List.of(rep)).get(0));
    }

    /** Every address that belongs to a rep, as their own or as an alias (lower case). */
    @Transactional(readOnly = true)
    public java.util.Set<String> allRepAddresses() {
        return new java.util.HashSet<>(jdbc.sql("SELECT email FROM reps UNION SELECT email FROM rep_aliases")
                .query(String.class)
                .list());
    }

    /** Which of these addresses belong to a rep, as their own or as an alias (lower case). */
    @Transactional(readOnly = true)
    public java.util.Set<String> repAddresses(java.util.Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return java.util.Set.of();
        }
        List<String> normalized = addresses.stream().map(EmailAddresses::normalize).distinct().toList();
        return new java.util.HashSet<>(jdbc.sql("SELECT email FROM reps WHERE email IN (:addresses)"
                        + " UNION SELECT email FROM rep_aliases WHERE email IN (:addresses)")
                .param("addresses", normalized)
                .query(String.class)
                .list());
    }

    @Transactional(readOnly = true)
    public Page<Rep> list(PageRequest page) {
        long total = jdbc.sql("SELECT COUNT(*) FROM reps").query(Long.class).single();
        List<Rep> reps = jdbc.sql("SELECT " + COLUMNS + " FROM reps ORDER BY id"
                        + " OFFSET :offset ROWS FETCH FIRST :size ROWS ONLY")
                .param("offset", page.offset())
                .param("size", page.size())
                .query(this::mapRep)
                .list();
        return Page.of(withAliases(reps), page, total);
    }

    /**
     * Replaces the rep's fields. Changing the Salesforce user or the address asks for a new
     * connection check; otherwise the connection stays as the last check found it.
     */
    @Transactional
    public Rep update(long id, RepFields fields) {
        lock(id);
        Rep current = get(id);
        RepFields rep = fields.normalized();
        lockAddresses();
        checkUnique(id, fields, rep);
        boolean recheck = !Objects.equals(current.salesforceUserId(), rep.salesforceUserId())
                || !current.email().equals(rep.email());
        try {
            jdbc.sql("UPDATE reps SET email = :email, name = :name, time_zone = :timeZone,"
                            + " salesforce_user_id = :salesforceUserId, updated_at = :now WHERE id = :id")
                    .param("email", rep.email())
                    .param("name", rep.name())
                    .param("timeZone", rep.timeZone())
                    .param("salesforceUserId", rep.salesforceUserId())
                    .param("now", StoreClock.now(clock))
                    .param("id", id)
                    .update();
            if (recheck) {
                jdbc.sql("UPDATE reps SET connection_state = 'not_connected', connection_reason = :reason,"
                                + " connected_user_id = NULL, connection_matched_by = NULL, connection_checked_at = NULL"
                                + " WHERE id = :id")
                        .param("reason", NOT_CHECKED)
                        .param("id", id)
                        .update();
            }
            jdbc.sql("DELETE FROM rep_aliases WHERE rep_id = :id").param("id", id).update();
            insertAliases(id, rep.aliases());
            return get(id);
        } catch (DuplicateKeyException e) {
            throw DuplicateKeys.toDuplicateValue(e, FIELD_BY_CONSTRAINT);
        }
    }

    /**
     * Deletes the rep with its aliases and settings. Refused while the rep owns tasks; logged
     * activities are kept and lose the link to the rep.
     */
    @Transactional
    public void delete(long id) {
        lock(id);
        long tasks = jdbc.sql("SELECT COUNT(*) FROM tasks WHERE owner_rep_id = :id").param("id", id)
                .query(Long.class).single();
        if (tasks > 0) {
            throw new RecordInUseException("Rep " + id + " still owns " + tasks
                    + " task(s): delete them or give them to another rep first");
        }
        jdbc.sql("DELETE FROM reps WHERE id = :id").param("id", id).update();
    }

    /**
     * Reps whose connection should be checked against Salesforce: never checked (new, or their
     * user or address changed), or last checked before {@code checkedBefore}; never checked first.
     */
    @Transactional(readOnly = true)
    public List<Rep> dueForConnectionCheck(OffsetDateTime checkedBefore, int limit) {
        List<Rep> reps = jdbc.sql("SELECT " + COLUMNS + " FROM reps WHERE connection_checked_at IS NULL"
                        + " OR connection_checked_at < :before"
                        + " ORDER BY CASE WHEN connection_checked_at IS NULL THEN 0 ELSE 1 END, connection_checked_at, id"
                        + " FETCH FIRST :limit ROWS ONLY")
                .param("before", checkedBefore)
                .param("limit", limit)
                .query(this::mapRep)
                .list();
        return withAliases(reps);
    }

    /**
     * Records what Salesforce answered for the rep's connection. A rep whose user or address
     * changed since {@code checkedRep} was read is left for the next check.
     */
    @Transactional
    public void recordConnection(Rep checkedRep, ConnectionState state, String reason, String userId, String matchedBy) {
        jdbc.sql("UPDATE reps SET connection_state = :state, connection_reason = :reason, connected_user_id = :userId,"
                        + " connection_matched_by = :matchedBy, connection_checked_at = :now WHERE id = :id"
                        + " AND email = :email AND (salesforce_user_id = :salesforceUserId"
                        + " OR (salesforce_user_id IS NULL AND CAST(:salesforceUserId AS VARCHAR(18)) IS NULL))")
                .param("state", state.value())
                .param("reason", reason)
                .param("userId", userId)
                .param("matchedBy", matchedBy)
                .param("now", StoreClock.now(clock))
                .param("id", checkedRep.id())
                .param("email", checkedRep.email())
                .param("salesforceUserId", checkedRep.salesforceUserId())
                .update();
    }

    /**
     * Locks the rep's row until the transaction ends, or answers that there is no such rep.
     * Writes that concern one rep take this lock first, so that a write racing a delete of the
     * same rep waits for it and then finds the rep gone (404), instead of tripping over a
     * foreign key, and two parallel deletes cannot both succeed.
     */
    @Transactional
    public void lock(long id) {
        jdbc.sql("SELECT id FROM reps WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new RecordNotFoundException("rep", id));
    }

    /**
     * Makes writes of rep addresses take turns until the transaction ends. An address must be
     * unique across reps' own addresses and aliases, two tables no constraint spans, so without
     * this two parallel writes could each give the same address to a different rep. The org's
     * single settings row (always there, on both databases) serves as the lock; row locks are
     * always taken rep first, then this one.
     */
    private void lockAddresses() {
        jdbc.sql("SELECT id FROM org_settings WHERE id = 1 FOR UPDATE").query(Integer.class).optional();
    }

    private void checkUnique(Long id, RepFields submitted, RepFields rep) {
        long self = id == null ? -1 : id;
        List<String> addresses = new ArrayList<>(rep.aliases());
        addresses.add(rep.email());
        Map<String, Long> takenBy = new LinkedHashMap<>();
        jdbc.sql("SELECT email, id FROM reps WHERE email IN (:addresses) AND id <> :self"
                        + " UNION ALL SELECT email, rep_id FROM rep_aliases WHERE email IN (:addresses) AND rep_id <> :self")
                .param("addresses", addresses)
                .param("self", self)
                .query(rs -> {
                    takenBy.putIfAbsent(rs.getString(1), rs.getLong(2));
                });
        if (takenBy.containsKey(rep.email())) {
            throw new DuplicateValueException("email", "is already used by rep " + takenBy.get(rep.email()));
        }
        for (int i = 0; submitted.aliases() != null && i < submitted.aliases().size(); i++) {
            Long owner = takenBy.get(EmailAddresses.normalize(submitted.aliases().get(i)));
            if (owner != null) {
                throw new DuplicateValueException("aliases[" + i + "]", "is already used by rep " + owner);
            }
        }
        if (rep.salesforceUserId() != null) {
            jdbc.sql("SELECT id FROM reps WHERE salesforce_user_id = :userId AND id <> :self")
                    .param("userId", rep.salesforceUserId())
                    .param("self", self)
                    .query(Long.class)
                    .optional()
                    .ifPresent(owner -> {
                        throw new DuplicateValueException("salesforceUserId", "is already mapped to rep " + owner);
                    });
        }
    }

    private void insertAliases(long repId, Collection<String> aliases) {
        for (String alias : aliases) {
            jdbc.sql("INSERT INTO rep_aliases (rep_id, email) VALUES (:repId, :email)")
                    .param("repId", repId)
                    .param("email", alias)
                    .update();
        }
    }

    private List<Rep> withAliases(List<Rep> reps) {
        if (reps.isEmpty()) {
            return reps;
        }
        Map<Long, List<String>> aliases = new LinkedHashMap<>();
        jdbc.sql("SELECT rep_id, email FROM rep_aliases WHERE rep_id IN (:ids) ORDER BY id")
                .param("ids", reps.stream().map(Rep::id).toList())
                .query(rs -> {
                    aliases.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return reps.stream()
                .map(r -> new Rep(r.id(), r.email(), r.name(), r.timeZone(), List.copyOf(aliases.getOrDefault(r.id(), List.of())),
                        r.salesforceUserId(), r.connection(), r.createdAt(), r.updatedAt()))
                .toList();
    }

    private Rep mapRep(ResultSet rs, int row) throws SQLException {
        return new Rep(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("time_zone"),
                List.of(),
                rs.getString("salesforce_user_id"),
                new Rep.Connection(ConnectionState.fromValue(rs.getString("connection_state")), rs.getString("connection_reason"),
                        rs.getString("connected_user_id"), rs.getString("connection_matched_by"),
                        StoreClock.utc(rs.getObject("connection_checked_at", OffsetDateTime.class))),
                StoreClock.utc(rs.getObject("created_at", OffsetDateTime.class)),
                StoreClock.utc(rs.getObject("updated_at", OffsetDateTime.class)));
    }

}
