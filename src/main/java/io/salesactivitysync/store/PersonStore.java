package io.salesactivitysync.store;

import io.salesactivitysync.store.constraint.EmailAddresses;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Prospects, each with a unique address and at most one Salesforce Lead or Contact. */
@Repository
public class PersonStore {

    private static final String COLUMNS = "id, name, email, salesforce_id, salesforce_type, account_name, account_id,"
            + " created_at, updated_at";
    private static final Map<String, String> FIELD_BY_CONSTRAINT = Map.of(
            "people_email_uk", "email",
            "people_salesforce_id_uk", "salesforceId");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ActivityStore activities;

    public PersonStore(JdbcClient jdbc, Clock clock, ActivityStore activities) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.activities = activities;
    }

    @Transactional
    public Person create(PersonFields fields) {
        PersonFields person = fields.normalized();
        checkUnique(null, person);
        OffsetDateTime now = StoreClock.now(clock);
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO people (name, email, salesforce_id, salesforce_type, account_name, account_id,"
                            + " created_at, updated_at)"
                            + " VALUES (:name, :email, :salesforceId, :type, :accountName, :accountId, :now, :now)")
                    .params(parameters(person))
                    .param("now", now)
                    .update(key, "id");
        } catch (DuplicateKeyException e) {
            throw DuplicateKeys.toDuplicateValue(e, FIELD_BY_CONSTRAINT);
        }
        // activities no record matched may match this person: they are tried again now
        activities.retryUnresolvedFor(person.email(), person.salesforceId());
        return get(key.getKeyAs(Number.class).longValue());
    }

    @Transactional(readOnly = true)
    public Person get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM people WHERE id = :id")
                .param("id", id)
                .query(this::mapPerson)
                .optional()
                .orElseThrow(() -> new RecordNotFoundException("person", id));
    }

    /** The person with this address (addresses compare case-insensitively). */
    @Transactional(readOnly = true)
    public Optional<Person> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM people WHERE email = :email")
                .param("email", EmailAddresses.normalize(email))
                .query(this::mapPerson)
                .optional();
    }

    @Transactional(readOnly = true)
    public Page<Person> list(PageRequest page) {
        long total = jdbc.sql("SELECT COUNT(*) FROM people").query(Long.class).single();
        List<Person> people = jdbc.sql("SELECT " + COLUMNS + " FROM people ORDER BY id"
                        + " OFFSET :offset ROWS FETCH FIRST :size ROWS ONLY")
                .param("offset", page.offset())
                .param("size", page.size())
                .query(this::mapPerson)
                .list();
        return Page.of(people, page, total);
    }

    @Transactional
    public Person update(long id, PersonFields fields) {
        lock(id);
        PersonFields person = fields.normalized();
        checkUnique(id, person);
        try {
            jdbc.sql("UPDATE people SET name = :name, email = :email, salesforce_id = :salesforceId,"
                            + " salesforce_type = :type, account_name = :accountName, account_id = :accountId,"
                            + " updated_at = :now WHERE id = :id")
                    .params(parameters(person))
                    .param("now", StoreClock.now(clock))
                    .param("id", id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw DuplicateKeys.toDuplicateValue(e, FIELD_BY_CONSTRAINT);
        }
        activities.retryUnresolvedFor(person.email(), person.salesforceId());
        return get(id);
    }

    /** Deletes the person; tasks about them are kept without the link. */
    @Transactional
    public void delete(long id) {
        lock(id);
        jdbc.sql("DELETE FROM people WHERE id = :id").param("id", id).update();
    }

    /** Locks the person's row until the transaction ends (see {@link RepStore#lock(long)}), or answers 404. */
    private void lock(long id) {
        jdbc.sql("SELECT id FROM people WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new RecordNotFoundException("person", id));
    }

    private void checkUnique(Long id, PersonFields person) {
        long self = id == null ? -1 : id;
        jdbc.sql("SELECT id FROM people WHERE email = :email AND id <> :self")
                .param("email", person.email())
                .param("self", self)
                .query(Long.class)
                .optional()
                .ifPresent(owner -> {
                    throw new DuplicateValueException("email", "is already used by person " + owner);
                });
        if (person.salesforceId() != null) {
            jdbc.sql("SELECT id FROM people WHERE salesforce_id = :salesforceId AND id <> :self")
                    .param("salesforceId", person.salesforceId())
                    .param("self", self)
                    .query(Long.class)
                    .optional()
                    .ifPresent(owner -> {
                        throw new DuplicateValueException("salesforceId", "is already used by person " + owner);
                    });
        }
    }

    private static Map<String, Object> parameters(PersonFields person) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", person.name());
        values.put("email", person.email());
        values.put("salesforceId", person.salesforceId());
        values.put("type", person.type() == null ? null : person.type().value());
        values.put("accountName", person.accountName());
        values.put("accountId", person.accountId());
        return values;
    }

    private Person mapPerson(ResultSet rs, int row) throws SQLException {
        return new Person(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("salesforce_id"),
                PersonType.fromValue(rs.getString("salesforce_type")),
                rs.getString("account_name"),
                rs.getString("account_id"),
                StoreClock.utc(rs.getObject("created_at", OffsetDateTime.class)),
                StoreClock.utc(rs.getObject("updated_at", OffsetDateTime.class)));
    }
}
