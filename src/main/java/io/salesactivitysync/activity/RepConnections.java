package io.salesactivitysync.activity;

import io.salesactivitysync.salesforce.IntegrationUser;
import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ConnectionState;
import io.salesactivitysync.store.Rep;
import io.salesactivitysync.store.RepStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether each rep can log to Salesforce: the rep must map to an active User, found by the rep's
 * salesforceUserId, else by the rep's address, and not the integration user the product logs in
 * as. Checked with every batch that logs for the rep (the Users come with the batch's lookup call)
 * and on a schedule for every rep, so that {@code /api/reps} shows what Salesforce says.
 */
@Component
public class RepConnections {

    private static final Logger LOG = LoggerFactory.getLogger(RepConnections.class);
    static final String MATCHED_BY_USER_ID = "user_id";
    static final String MATCHED_BY_EMAIL = "email";

    private final RepStore reps;
    private final IntegrationUser integrationUser;
    private final ActivityLoggingProperties properties;
    private final Clock clock;

    public RepConnections(RepStore reps, IntegrationUser integrationUser, ActivityLoggingProperties properties,
                          Clock clock) {
        this.reps = reps;
        this.integrationUser = integrationUser;
        this.properties = properties;
        this.clock = clock;
    }

    /** The connection Salesforce's Users give a rep. */
    public record Connection(ConnectionState state, String reason, String userId, String matchedBy) {
        boolean connected() {
            return state == ConnectionState.CONNECTED;
        }
    }

    /** Reps never checked, or not checked for rep-check-interval (at most 200 at a time). */
    public List<Rep> due() {
        return reps.dueForConnectionCheck(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .minus(properties.repCheckInterval()), 200);
    }

    /** Records the connection of each checked rep. */
    public void record(@ExchangeProperty("reps") List<Rep> checked, List<LookupResults.User> users) {
        LookupResults lookups = new LookupResults(users, List.of(), List.of(), List.of());
        for (Rep rep : checked) {
            save(rep, connectionOf(rep, lookups));
        }
    }

    /**
     * Decides the connection of the batch's reps from the Users its lookup found, records it, and
     * settles the activities of reps that cannot log: not logged, saying why.
     */
    public void apply(@ExchangeProperty("batch") ActivityBatch batch) {
        Map<Long, Connection> connections = new LinkedHashMap<>();
        for (ActivityWork work : batch.undecided()) {
            Rep rep = work.rep();
            Connection connection = connections.computeIfAbsent(rep.id(), id -> {
                Connection found = connectionOf(rep, batch.lookups());
                save(rep, found);
                return found;
            });
            work.matching(work.matching().withRep(new Matching.Rep(connection.userId(), connection.matchedBy(),
                    connection.reason())));
            if (!connection.connected()) {
                work.decide(ActivityState.NOT_LOGGED, "rep is not connected to Salesforce: " + connection.reason());
            }
        }
    }

    Connection connectionOf(Rep rep, LookupResults lookups) {
        String integration = integrationUser.id();
        if (rep.salesforceUserId() != null) {
            String id = rep.salesforceUserId();
            LookupResults.User user = lookups.user(id).orElse(null);
            if (user == null) {
                return notConnected("no Salesforce user has the id " + id + " (salesforceUserId): set the id of the"
                        + " rep's own Salesforce user");
            }
            if (id.equals(integration)) {
                return notConnected(id + " is the integration user the product logs in as, not a sales rep: set the"
                        + " id of the rep's own Salesforce user");
            }
            if (!user.active()) {
                return notConnected("the Salesforce user " + id + " (" + user.name() + ") is inactive");
            }
            return new Connection(ConnectionState.CONNECTED, null, id, MATCHED_BY_USER_ID);
        }
        List<LookupResults.User> matches = lookups.usersWithEmail(rep.email()).stream()
                .filter(LookupResults.User::active)
                .filter(user -> !user.id().equals(integration))
                .toList();
        if (matches.isEmpty()) {
            return notConnected("no active Salesforce user has the address " + rep.email()
                    + ": set salesforceUserId to the rep's Salesforce user");
        }
        if (matches.size() > 1) {
            return notConnected(matches.size() + " active Salesforce users have the address " + rep.email() + " ("
                    + matches.stream().map(LookupResults.User::id).collect(Collectors.joining(", "))
                    + "): set salesforceUserId to the rep's own");
        }
        return new Connection(ConnectionState.CONNECTED, null, matches.get(0).id(), MATCHED_BY_EMAIL);
    }

    private void save(Rep rep, Connection connection) {
        Rep.Connection before = rep.connection();
        if (before.state() != connection.state() || !java.util.Objects.equals(before.userId(), connection.userId())) {
            LOG.info("Rep {} ({}) is now {}{}", rep.id(), rep.email(), connection.state().value(),
                    connection.reason() == null ? " as Salesforce user " + connection.userId() : ": " + connection.reason());
        }
        reps.recordConnection(rep, connection.state(), connection.reason(), connection.userId(), connection.matchedBy());
    }

    private static Connection notConnected(String reason) {
        return new Connection(ConnectionState.NOT_CONNECTED, reason, null, null);
    }
}
