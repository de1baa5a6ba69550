package io.salesactivitysync.activity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the lookup call found in Salesforce for a batch: users, Contacts, Leads, open opportunity
 * roles, and the current values of the occurred_at attribute fields of those records.
 *
 * @param fieldValues record id to field API name to the value Salesforce holds (as text)
 */
public record LookupResults(List<User> users, List<PersonRecord> contacts, List<PersonRecord> leads, List<Role> roles,
                            Map<String, Map<String, String>> fieldValues) {

    public static final LookupResults NONE = new LookupResults(List.of(), List.of(), List.of(), List.of());

    public LookupResults(List<User> users, List<PersonRecord> contacts, List<PersonRecord> leads, List<Role> roles) {
        this(users, contacts, leads, roles, Map.of());
    }

    /** The value a record's field holds in Salesforce, as the lookup read it; null when not read or empty. */
    public String fieldValue(String recordId, String field) {
        return fieldValues.getOrDefault(recordId, Map.of()).get(field);
    }

    public record User(String id, String email, boolean active, String name) {
    }

    /**
     * A Contact or Lead. {@code lastModified} stands for "most recently active" (Salesforce's
     * LastActivityDate is only kept for some orgs and objects).
     */
    public record PersonRecord(String id, String type, String email, String accountId, boolean converted,
                               OffsetDateTime created, OffsetDateTime lastModified) {
    }

    /** An open Opportunity on which a Contact has a contact role. */
    public record Role(String opportunityId, String contactId, String accountId, OffsetDateTime opportunityModified) {
    }

    public Optional<User> user(String id) {
        return users.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    public List<User> usersWithEmail(String email) {
        return users.stream().filter(u -> sameAddress(u.email(), email)).toList();
    }

    public Optional<PersonRecord> person(String id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public List<PersonRecord> contactsWithEmail(String email) {
        return contacts.stream().filter(c -> sameAddress(c.email(), email)).toList();
    }

    public List<PersonRecord> leadsWithEmail(String email) {
        return leads.stream().filter(l -> sameAddress(l.email(), email)).toList();
    }

    public List<Role> rolesOf(String contactId) {
        return roles.stream().filter(r -> r.contactId().equals(contactId)).toList();
    }

    private Collection<PersonRecord> all() {
        List<PersonRecord> all = new ArrayList<>(contacts);
        all.addAll(leads);
        return all;
    }

    private static boolean sameAddress(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
