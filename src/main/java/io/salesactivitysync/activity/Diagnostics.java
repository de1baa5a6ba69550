package io.salesactivitysync.activity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.salesactivitysync.salesforce.ApiUsageMonitor;
import io.salesactivitysync.salesforce.SalesforceErrors;
import io.salesactivitysync.salesforce.SalesforceProblem;
import io.salesactivitysync.salesforce.SalesforceProperties;
import io.salesactivitysync.store.Activity;
import io.salesactivitysync.store.ActivityStore;
import io.salesactivitysync.store.OrgSettings;
import io.salesactivitysync.store.Person;
import io.salesactivitysync.store.PersonStore;
import io.salesactivitysync.store.Rep;
import io.salesactivitysync.store.RepStore;
import io.salesactivitysync.store.SettingsStore;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.springframework.stereotype.Component;

/**
 * "Why isn't my activity syncing?" answered for a rep or a person: the checks a support engineer
 * would make by hand (seed 004), made against Salesforce now. The Salesforce part is one lookup
 * call; when Salesforce cannot be asked, the answer says so and still holds what the store knows.
 */
@Component
public class Diagnostics {

    private static final int LAST_ERRORS = 10;

    private final RepStore reps;
    private final PersonStore people;
    private final SettingsStore settings;
    private final ActivityStore activities;
    private final SalesforceLookups lookups;
    private final RepConnections connections;
    private final OrgFieldAccess fieldAccess;
    private final ApiUsageMonitor apiUsage;
    private final SalesforceProperties salesforce;

    public Diagnostics(RepStore reps, PersonStore people, SettingsStore settings, ActivityStore activities,
                       SalesforceLookups lookups, RepConnections connections, OrgFieldAccess fieldAccess,
                       ApiUsageMonitor apiUsage, SalesforceProperties salesforce) {
        this.reps = reps;
        this.people = people;
        this.settings = settings;
        this.activities = activities;
        this.lookups = lookups;
        this.connections = connections;
        this.fieldAccess = fieldAccess;
        this.apiUsage = apiUsage;
        this.salesforce = salesforce;
    }

    /** A check: whether it passes, and what it found or what to do. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(boolean ok, String finding, Object details) {
    }

    /** A recent activity that did not make it. */
    public record RecentProblem(long activityId, String state, String reason, Activity.Error error, OffsetDateTime at) {
    }

    /** Whether the lookup call can be made: Salesforce on and not paused. */
    public boolean canAskSalesforce() {
        return salesforce.enabled() && !apiUsage.paused();
    }

    public SObjectComposite repRequest(@Header("id") long repId) {
        SObjectComposite composite = lookups.usersRequest(List.of(reps.get(repId)));
        fieldAccess.addDescribes(composite);
        return composite;
    }

    /** The rep's answer; {@code response} is null when Salesforce could not be asked. */
    public Map<String, Object> rep(@Header("id") long repId, @ExchangeProperty("salesforceAnswer") SObjectCompositeResponse response,
                                   Exchange exchange) {
        Rep rep = reps.get(repId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rep", Map.of("id", rep.id(), "email", rep.email(), "name", rep.name()));
        SalesforceProblem unreachable = problem(exchange);
        if (response != null) {
            RepConnections.Connection now = connections.connectionOf(rep,
                    new LookupResults(lookups.readUsers(response), List.of(), List.of(), List.of()));
            answer.put("connected", new Check(now.connected(), now.connected()
                    ? "connected as Salesforce user " + now.userId() + " (found by " + now.matchedBy().replace('_', ' ') + ")"
                    : now.reason(), null));
        } else {
            answer.put("connected", new Check(rep.connection().state().value().equals("connected"),
                    "Salesforce could not be asked now (" + unreachableReason(unreachable) + "); the last check found: "
                            + rep.connection().state().value()
                            + (rep.connection().reason() == null ? "" : ", " + rep.connection().reason()),
                    rep.connection()));
        }
        OrgSettings effective = settings.repSettings(repId).effective();
        List<String> off = new ArrayList<>();
        if (!effective.logEmailsViaApi()) {
            off.add("logEmailsViaApi");
        }
        if (!effective.logCalls()) {
            off.add("logCalls");
        }
        if (!effective.logEmailsViaBcc()) {
            off.add("logEmailsViaBcc");
        }
        answer.put("loggingSettings", new Check(off.isEmpty(), off.isEmpty() ? "every kind of activity is logged"
                : "switched off for this rep: " + String.join(", ", off), effective));
        answer.put("activityFields", fieldsCheck(response));
        answer.put("salesforce", salesforceCheck());
        answer.put("lastProblems", recent(activities.latestProblems(repId, null, LAST_ERRORS)));
        return answer;
    }

    public SObjectComposite personRequest(@Header("id") long personId) {
        Person person = people.get(personId);
        SObjectComposite composite = lookups.peopleRequest(person.salesforceId(), person.email());
        fieldAccess.addDescribes(composite);
        return composite;
    }

    public Map<String, Object> person(@Header("id") long personId,
                                      @ExchangeProperty("salesforceAnswer") SObjectCompositeResponse response,
                                      Exchange exchange) {
        Person person = people.get(personId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("person", person);
        if (response == null) {
            String reason = "Salesforce could not be asked now (" + unreachableReason(problem(exchange)) + ")";
            answer.put("salesforceId", new Check(person.salesforceId() != null, reason, null));
            answer.put("email", new Check(false, reason, null));
        } else {
            LookupResults found = lookups.lookups(response);
            if (person.salesforceId() == null) {
                answer.put("salesforceId", new Check(false, "the person has no Salesforce id: calls to them are not"
                        + " logged, emails are matched by address only", null));
            } else {
                answer.put("salesforceId", found.person(person.salesforceId())
                        .map(record -> new Check(!record.converted(), record.converted()
                                ? "resolves to a converted Lead: activity cannot be logged against it"
                                : "resolves to the " + record.type() + " " + record.id(), record))
                        .orElseGet(() -> new Check(false, person.salesforceId() + " is no Contact or Lead the"
                                + " integration user can see (deleted, merged, or not shared)", null)));
            }
            List<LookupResults.PersonRecord> contacts = found.contactsWithEmail(person.email());
            List<LookupResults.PersonRecord> leads = found.leadsWithEmail(person.email()).stream()
                    .filter(lead -> !lead.converted()).toList();
            String finding = !contacts.isEmpty() ? contacts.size() + " Contact(s) have the address " + person.email()
                    : !leads.isEmpty() ? "no Contact but " + leads.size() + " Lead(s) have the address " + person.email()
                    : "no Contact or Lead has the address " + person.email() + ": emails to them stay unresolved"
                    + (person.salesforceId() == null ? "" : " unless the Salesforce id resolves");
            answer.put("email", new Check(!contacts.isEmpty() || !leads.isEmpty(), finding,
                    Map.of("contacts", contacts, "leads", leads)));
        }
        answer.put("activityFields", fieldsCheck(response));
        answer.put("salesforce", salesforceCheck());
        answer.put("lastProblems", recent(activities.latestProblems(null, personId, LAST_ERRORS)));
        return answer;
    }

    /**
     * What the integration user may edit, from the describes that came with the answer (so an
     * admin's change shows at once, and the flow learns it too); else from the last preflight.
     */
    private Check fieldsCheck(SObjectCompositeResponse response) {
        String stale = null;
        if (response != null) {
            try {
                fieldAccess.read(response);
            } catch (RuntimeException e) {
                stale = "Salesforce did not describe the objects now (" + SalesforceErrors.of(e).describe()
                        + "); the last preflight found: ";
            }
        }
        OrgFieldAccess.Snapshot snapshot = fieldAccess.snapshot();
        if (snapshot == null) {
            return new Check(false, "the preflight has not read the org's fields yet", null);
        }
        Check check = fieldsCheck(snapshot);
        return stale == null ? check : new Check(check.ok(), stale + check.finding(), check.details());
    }

    private static Check fieldsCheck(OrgFieldAccess.Snapshot snapshot) {
        if (snapshot.keyFieldProblem() != null) {
            return new Check(false, snapshot.keyFieldProblem(), snapshot.fieldProblems());
        }
        return new Check(snapshot.fieldProblems().isEmpty(), snapshot.fieldProblems().isEmpty()
                ? "the integration user can edit every mapped activity field"
                : "left out of every write until fixed: " + String.join(", ", snapshot.fieldProblems().keySet()),
                snapshot.fieldProblems());
    }

    private Check salesforceCheck() {
        if (!salesforce.enabled()) {
            return new Check(false, "sas.salesforce.enabled is false: nothing is sent to Salesforce", null);
        }
        return apiUsage.paused() ? new Check(false, apiUsage.pauseReason(), apiUsage.snapshot())
                : new Check(true, "calls to Salesforce are running", apiUsage.snapshot());
    }

    private static List<RecentProblem> recent(List<Activity> problems) {
        return problems.stream().map(a -> new RecentProblem(a.id(), a.state().value(), a.reason(), a.error(),
                a.updatedAt())).toList();
    }

    private SalesforceProblem problem(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure == null ? null : SalesforceErrors.of(failure);
    }

    private String unreachableReason(SalesforceProblem problem) {
        if (problem != null) {
            return problem.describe();
        }
        return !salesforce.enabled() ? "sas.salesforce.enabled is false" : apiUsage.pauseReason();
    }
}
