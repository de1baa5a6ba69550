package io.salesactivitysync.activity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The matching decision of an activity, as {@code GET /api/activities/{id}} shows it: which
 * Salesforce records it is logged against, how each was found, or why none was.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Matching(Rep rep, Person person, Opportunities opportunities) {

    /**
     * @param userId    the User the Tasks are owned by
     * @param matchedBy {@code user_id} (the rep's salesforceUserId) or {@code email} (the rep's address)
     * @param reason    why the rep cannot log, when it cannot
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rep(String userId, String matchedBy, String reason) {
    }

    /**
     * @param recordIds  the Contacts or Leads the activity is logged against
     * @param recordType Contact or Lead
     * @param matchedBy  {@code salesforce_id} or {@code email}
     * @param rule       the rule that picked them (e.g. "Contact before Lead; several matches: oldest")
     * @param candidates every record the lookup found, when there was a choice
     * @param reason     why no record was matched, or a note on the match
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(List<String> recordIds, String recordType, String matchedBy, String rule,
                         List<String> candidates, String reason) {
    }

    /**
     * @param setting   the rep's "log against" setting
     * @param recordIds the Opportunities the activity is logged against (WhatId), one Task each
     * @param reason    why there is none, when there is none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Opportunities(String setting, List<String> recordIds, String reason) {
    }

    public Matching withRep(Rep value) {
        return new Matching(value, person, opportunities);
    }

    public Matching withPerson(Person value) {
        return new Matching(rep, value, opportunities);
    }

    public Matching withOpportunities(Opportunities value) {
        return new Matching(rep, person, value);
    }
}
