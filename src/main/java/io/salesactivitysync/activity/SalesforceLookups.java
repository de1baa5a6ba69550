package io.salesactivitysync.activity;

import static io.salesactivitysync.salesforce.CompositeAnswers.datetime;
import static io.salesactivitysync.salesforce.CompositeAnswers.text;

import io.salesactivitysync.salesforce.CompositeAnswers;
import io.salesactivitysync.salesforce.SalesforceProperties;
import io.salesactivitysync.salesforce.Soql;
import io.salesactivitysync.store.LogAgainst;
import io.salesactivitysync.store.Rep;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The lookups of a batch as one composite request (Salesforce counts it as one API call): the
 * reps' Users, the Contacts and Leads the activities name (by id or address), and the open
 * Opportunities on which those Contacts have a contact role. Every value is an escaped SOQL
 * literal ({@link Soql}).
 */
@Component
public class SalesforceLookups {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceLookups.class);
    static final String USERS = "users";
    static final String CONTACTS = "contacts";
    static final String LEADS = "leads";
    static final String ROLES = "roles";

    private final String apiVersion;
    private final ActivityLoggingProperties activity;
    private final OrgFieldAccess fieldAccess;

    public SalesforceLookups(SalesforceProperties properties, ActivityLoggingProperties activity, OrgFieldAccess fieldAccess) {
        this.apiVersion = properties.apiVersion();
        this.activity = activity;
        this.fieldAccess = fieldAccess;
    }

    /** The lookup request for the activities of the batch that still need Salesforce. */
    public SObjectComposite request(ActivityBatch batch) {
        List<ActivityWork> open = batch.undecided();
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        addUsers(composite, open.stream().map(ActivityWork::rep).filter(Objects::nonNull).distinct().toList());
        // the people of activities planned by an earlier attempt too: their records' fields are updated
        Set<String> ids = collect(open, ActivityWork::personSalesforceId);
        Set<String> emails = collect(open, ActivityWork::personEmail);
        String people = addPeople(composite, ids, emails, true);
        if (open.stream().anyMatch(work -> work.settings().logAgainst() != LogAgainst.PERSON_ONLY)) {
            composite.addQuery(Soql.urlParameter("SELECT OpportunityId, ContactId, Opportunity.AccountId,"
                    + " Opportunity.LastModifiedDate" + columns("Opportunity.", "Opportunity")
                    + columns("Opportunity.Account.", "Account") + " FROM OpportunityContactRole WHERE"
                    + " Opportunity.IsClosed = false AND ContactId IN (SELECT Id FROM Contact WHERE " + people + ")"), ROLES);
        }
        return composite;
    }

    /**
     * The occurred_at attribute fields mapped on the object that the org has (as the preflight
     * read them): their values are read with the lookup, so that an older activity logged later
     * never moves such a field back in time.
     */
    List<String> occurredAtFields(String object) {
        return activity.attributeFields().stream()
                .filter(mapped -> mapped.object().equals(object) && "occurred_at".equals(mapped.value())
                        && fieldAccess.type(object, mapped.field()) != null)
                .map(ActivityLoggingProperties.AttributeField::field)
                .distinct()
                .toList();
    }

    private String columns(String prefix, String object) {
        StringBuilder columns = new StringBuilder();
        occurredAtFields(object).forEach(field -> columns.append(", ").append(prefix).append(field));
        return columns.toString();
    }

    /** The Contacts and Leads one person's Salesforce id or address could resolve to (diagnostics). */
    public SObjectComposite peopleRequest(String salesforceId, String email) {
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        addPeople(composite, salesforceId == null ? Set.of() : Set.of(salesforceId), Set.of(email), false);
        return composite;
    }

    /** Adds the Contact and Lead queries; answers their shared condition. */
    private String addPeople(SObjectComposite composite, Set<String> ids, Set<String> emails, boolean fieldValues) {
        String people = Soql.anyIn(ordered("Id", ids, "Email", emails));
        composite.addQuery(Soql.urlParameter("SELECT Id, Email, AccountId, CreatedDate, LastModifiedDate"
                + (fieldValues ? columns("", "Contact") + columns("Account.", "Account") : "")
                + " FROM Contact WHERE " + people), CONTACTS);
        composite.addQuery(Soql.urlParameter("SELECT Id, Email, IsConverted, CreatedDate, LastModifiedDate"
                + (fieldValues ? columns("", "Lead") : "") + " FROM Lead WHERE " + people), LEADS);
        return people;
    }

    /** The Users of the reps to check: by each rep's salesforceUserId, and by each rep's address. */
    public SObjectComposite usersRequest(List<Rep> reps) {
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        addUsers(composite, reps);
        return composite;
    }

    private void addUsers(SObjectComposite composite, List<Rep> reps) {
        Set<String> ids = new TreeSet<>();
        Set<String> emails = new TreeSet<>();
        for (Rep rep : reps) {
            if (rep.salesforceUserId() != null) {
                ids.add(rep.salesforceUserId());
            }
            emails.add(rep.email());
        }
        composite.addQuery(Soql.urlParameter("SELECT Id, Email, IsActive, Name FROM User WHERE "
                + Soql.anyIn(ordered("Id", ids, "Email", emails))), USERS);
    }

    /** Reads what the lookup request found into the batch. */
    public void read(@ExchangeProperty("batch") ActivityBatch batch, SObjectCompositeResponse response) {
        batch.lookups(lookups(response));
    }

    LookupResults lookups(SObjectCompositeResponse response) {
        CompositeAnswers answers = new CompositeAnswers(response);
        return new LookupResults(
                answers.has(USERS) ? users(answers) : List.of(),
                people(answers, CONTACTS, "Contact"),
                people(answers, LEADS, "Lead"),
                answers.has(ROLES) ? rows(answers, ROLES).stream().map(row -> new LookupResults.Role(
                        text(row, "OpportunityId"), text(row, "ContactId"), text(row, "Opportunity", "AccountId"),
                        datetime(row, "Opportunity", "LastModifiedDate"))).toList() : List.of(),
                fieldValues(answers));
    }

    /** The occurred_at fields' values of the records the queries returned, by record id. */
    private Map<String, Map<String, String>> fieldValues(CompositeAnswers answers) {
        Map<String, Map<String, String>> values = new HashMap<>();
        for (String reference : List.of(CONTACTS, LEADS, ROLES)) {
            if (!answers.has(reference)) {
                continue;
            }
            for (Map<String, Object> row : rows(answers, reference)) {
                switch (reference) {
                    case CONTACTS -> {
                        keep(values, text(row, "Id"), "Contact", row);
                        keep(values, text(row, "AccountId"), "Account", row.get("Account"));
                    }
                    case LEADS -> keep(values, text(row, "Id"), "Lead", row);
                    default -> {
                        Object opportunity = row.get("Opportunity");
                        keep(values, text(row, "OpportunityId"), "Opportunity", opportunity);
                        keep(values, text(row, "Opportunity", "AccountId"), "Account",
                                opportunity instanceof Map<?, ?> map ? map.get("Account") : null);
                    }
                }
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private void keep(Map<String, Map<String, String>> values, String recordId, String object, Object record) {
        if (recordId == null || !(record instanceof Map<?, ?>)) {
            return;
        }
        for (String field : occurredAtFields(object)) {
            String value = text((Map<String, Object>) record, field);
            if (value != null) {
                values.computeIfAbsent(recordId, id -> new HashMap<>()).put(field, value);
            }
        }
    }

    /** Reads what the users request found. */
    public List<LookupResults.User> readUsers(SObjectCompositeResponse response) {
        return users(new CompositeAnswers(response));
    }

    private List<LookupResults.User> users(CompositeAnswers answers) {
        return rows(answers, USERS).stream().map(row -> new LookupResults.User(text(row, "Id"), text(row, "Email"),
                Boolean.parseBoolean(text(row, "IsActive")), text(row, "Name"))).toList();
    }

    private List<LookupResults.PersonRecord> people(CompositeAnswers answers, String referenceId, String type) {
        if (!answers.has(referenceId)) {
            return List.of();
        }
        return rows(answers, referenceId).stream().map(row -> new LookupResults.PersonRecord(text(row, "Id"), type,
                text(row, "Email"), text(row, "AccountId"), Boolean.parseBoolean(text(row, "IsConverted")),
                datetime(row, "CreatedDate"), datetime(row, "LastModifiedDate"))).toList();
    }

    private List<Map<String, Object>> rows(CompositeAnswers answers, String referenceId) {
        if (answers.truncated(referenceId)) {
            LOG.warn("The {} lookup found more rows than one query batch holds; only the first batch is used", referenceId);
        }
        return answers.records(referenceId);
    }

    private static Map<String, Set<String>> ordered(String field, Set<String> values, String otherField,
                                                    Set<String> otherValues) {
        Map<String, Set<String>> byField = new LinkedHashMap<>();
        byField.put(field, values);
        byField.put(otherField, otherValues);
        return byField;
    }

    private static Set<String> collect(Collection<ActivityWork> work, Function<ActivityWork, String> value) {
        Set<String> values = new TreeSet<>();
        for (ActivityWork item : work) {
            String v = value.apply(item);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }
}
