package io.salesactivitysync.activity;

import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityType;
import io.salesactivitysync.store.LogAgainst;
import io.salesactivitysync.store.MultipleMatches;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Decides which Salesforce records each activity is logged against, from what the lookup call
 * found, and writes the decision down (the activity's {@code matching}):
 * <ul>
 *   <li>an email or reply: the person's Salesforce id first, then the address: Contacts before
 *       Leads, several matches decided by the rep's multipleMatches setting;</li>
 *   <li>a call: the Salesforce id only;</li>
 *   <li>the Opportunities (WhatId) by the rep's logAgainst setting: none, each open Opportunity on
 *       which the Contact has a contact role, or the most recently modified of them.</li>
 * </ul>
 * An activity with no record to log against is unresolved, saying why.
 */
@Component
public class RecordMatcher {

    /** The records one activity is logged against: one Task per pair. */
    record Target(String whoId, String whatId) {
    }

    public void match(@ExchangeProperty("batch") ActivityBatch batch) {
        for (ActivityWork work : batch.undecided()) {
            if (!work.planned()) {
                match(work, batch.lookups());
            }
        }
    }

    void match(ActivityWork work, LookupResults lookups) {
        Matching.Person person = person(work, lookups);
        work.matching(work.matching().withPerson(person));
        if (person.recordIds() == null || person.recordIds().isEmpty()) {
            work.decide(ActivityState.UNRESOLVED, person.reason());
            return;
        }
        LogAgainst setting = work.settings().logAgainst();
        if (!"Contact".equals(person.recordType()) || setting == LogAgainst.PERSON_ONLY) {
            work.matching(work.matching().withOpportunities(new Matching.Opportunities(setting.value(), List.of(),
                    setting == LogAgainst.PERSON_ONLY ? null : "Opportunities are linked to Contacts only (contact roles)")));
            return;
        }
        Set<String> opportunities = new LinkedHashSet<>();
        for (String contactId : person.recordIds()) {
            List<LookupResults.Role> roles = lookups.rolesOf(contactId);
            if (setting == LogAgainst.LATEST_OPEN_OPPORTUNITY) {
                roles.stream()
                        .max(Comparator.comparing(LookupResults.Role::opportunityModified,
                                        Comparator.nullsFirst(Comparator.naturalOrder()))
                                .thenComparing(LookupResults.Role::opportunityId))
                        .ifPresent(role -> opportunities.add(role.opportunityId()));
            } else {
                roles.forEach(role -> opportunities.add(role.opportunityId()));
            }
        }
        work.matching(work.matching().withOpportunities(new Matching.Opportunities(setting.value(),
                List.copyOf(opportunities), opportunities.isEmpty()
                ? "No open Opportunity has the Contact in a contact role: logged against the Contact only" : null)));
    }

    /** The targets of a matched activity: each person record with each of its opportunities (or none). */
    List<Target> targets(ActivityWork work, LookupResults lookups) {
        Matching matching = work.matching();
        List<String> opportunities = matching.opportunities() == null || matching.opportunities().recordIds() == null
                ? List.of() : matching.opportunities().recordIds();
        Set<Target> targets = new LinkedHashSet<>();
        for (String whoId : matching.person().recordIds()) {
            List<String> own = opportunities.stream()
                    .filter(opportunity -> lookups.rolesOf(whoId).stream().anyMatch(r -> r.opportunityId().equals(opportunity)))
                    .toList();
            if (own.isEmpty()) {
                targets.add(new Target(whoId, null));
            } else {
                own.forEach(opportunity -> targets.add(new Target(whoId, opportunity)));
            }
        }
        return List.copyOf(targets);
    }

    private Matching.Person person(ActivityWork work, LookupResults lookups) {
        String salesforceId = work.personSalesforceId();
        boolean call = work.activity().type() == ActivityType.CALL;
        String idNote = null;
        if (salesforceId != null) {
            Optional<LookupResults.PersonRecord> record = lookups.person(salesforceId);
            if (record.isPresent() && !record.get().converted()) {
                return new Matching.Person(List.of(salesforceId), record.get().type(), "salesforce_id",
                        "the person's Salesforce id", null, null);
            }
            idNote = record.isPresent()
                    ? "the Lead " + salesforceId + " was converted: activity cannot be logged against it"
                    : "no Contact or Lead the integration user can see has the Salesforce id " + salesforceId;
            if (call) {
                return noMatch(idNote + " (a call is matched by Salesforce id only)");
            }
        }
        String email = work.personEmail();
        if (email == null) {
            return noMatch(idNote != null ? idNote : "the person has neither a Salesforce id nor an address");
        }
        List<LookupResults.PersonRecord> contacts = lookups.contactsWithEmail(email);
        List<LookupResults.PersonRecord> candidates = contacts.isEmpty()
                ? lookups.leadsWithEmail(email).stream().filter(lead -> !lead.converted()).toList()
                : contacts;
        if (candidates.isEmpty()) {
            return noMatch((idNote == null ? "" : idNote + "; ") + "no Contact or Lead in Salesforce has the address " + email);
        }
        MultipleMatches rule = work.settings().multipleMatches();
        List<LookupResults.PersonRecord> chosen = candidates.size() == 1 ? candidates : choose(candidates, rule);
        String type = candidates.get(0).type();
        return new Matching.Person(chosen.stream().map(LookupResults.PersonRecord::id).toList(), type, "email",
                "the address " + email + ", Contact before Lead" + (candidates.size() > 1
                        ? "; " + candidates.size() + " " + type + "s match, multipleMatches: " + rule.value() : ""),
                candidates.size() > 1 ? candidates.stream().map(LookupResults.PersonRecord::id).toList() : null,
                idNote);
    }

    private static List<LookupResults.PersonRecord> choose(List<LookupResults.PersonRecord> candidates, MultipleMatches rule) {
        Comparator<OffsetDateTime> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        return switch (rule) {
            case ALL -> candidates;
            case OLDEST -> List.of(candidates.stream()
                    .min(Comparator.comparing(LookupResults.PersonRecord::created, nullsFirst)
                            .thenComparing(LookupResults.PersonRecord::id))
                    .orElseThrow());
            case MOST_RECENTLY_ACTIVE -> List.of(candidates.stream()
                    .max(Comparator.comparing(LookupResults.PersonRecord::lastModified, nullsFirst)
                            .thenComparing(LookupResults.PersonRecord::id))
                    .orElseThrow());
        };
    }

    private static Matching.Person noMatch(String reason) {
        return new Matching.Person(List.of(), null, null, null, null, reason);
    }
}
