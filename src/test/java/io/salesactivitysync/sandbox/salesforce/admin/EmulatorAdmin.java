package io.salesactivitysync.sandbox.salesforce.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.sandbox.salesforce.EmulatorClock;
import io.salesactivitysync.sandbox.salesforce.auth.OrgUser;
import io.salesactivitysync.sandbox.salesforce.auth.SessionRegistry;
import io.salesactivitysync.sandbox.salesforce.auth.UserDirectory;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.FieldLevelSecurity;
import io.salesactivitysync.sandbox.salesforce.org.OrgSchema;
import io.salesactivitysync.sandbox.salesforce.org.TransactionOrigin;
import io.salesactivitysync.sandbox.salesforce.rest.CompositePaths;
import io.salesactivitysync.sandbox.salesforce.rest.JsonValues;
import io.salesactivitysync.sandbox.salesforce.rest.RestCallExecutor;
import io.salesactivitysync.sandbox.salesforce.rest.RestRequest;
import io.salesactivitysync.sandbox.salesforce.rest.RestResponse;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingApi;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The emulator's knobs for tests and drills, as a Java API (the admin HTTP API calls the same
 * methods): inject faults and latency, expire sessions, disturb streaming, count calls, move the
 * clock, change field-level security, and write as another user.
 */
public final class EmulatorAdmin {

    /** The API version writes as another user are made with, that of the org's current release. */
    public static final String WRITE_AS_API_VERSION = "62.0";

    private final FaultInjector faults;
    private final ApiCallCounter calls;
    private final ApiUsage usage;
    private final SessionRegistry sessions;
    private final UserDirectory users;
    private final EmulatorClock clock;
    private final FieldLevelSecurity fieldLevelSecurity;
    private final OrgSchema schema;
    private final RestCallExecutor executor;
    private final String clientId;
    private volatile StreamingApi streaming;

    public EmulatorAdmin(FaultInjector faults, ApiCallCounter calls, ApiUsage usage, SessionRegistry sessions,
            UserDirectory users, EmulatorClock clock, FieldLevelSecurity fieldLevelSecurity, OrgSchema schema,
            RestCallExecutor executor, String clientId) {
        this.faults = faults;
        this.calls = calls;
        this.usage = usage;
        this.sessions = sessions;
        this.users = users;
        this.clock = clock;
        this.fieldLevelSecurity = fieldLevelSecurity;
        this.schema = schema;
        this.executor = executor;
        this.clientId = clientId;
    }

    public void attachStreaming(StreamingApi streamingApi) {
        this.streaming = streamingApi;
    }

    public FaultInjector faults() {
        return faults;
    }

    public void failNext(int count, InjectedFault fault) {
        faults.failNext(count, fault);
    }

    public void failShare(double share, InjectedFault fault, long seed) {
        faults.failShare(share, fault, seed);
    }

    public void setLatency(Duration latency) {
        faults.setLatency(latency);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Every access token stops working; clients must log in again (refresh tokens stay valid). */
    public void expireAllSessions() {
        sessions.expireAll();
    }

    /** Access tokens issued and not yet expired or revoked. */
    public int liveSessions() {
        return sessions.liveSessions();
    }

    /** A refresh token for the user, as if they had approved the connected app in a browser. */
    public String issueRefreshToken(String username) {
        return sessions.issueRefreshToken(user(username), clientId);
    }

    public Optional<StreamingApi> streaming() {
        return Optional.ofNullable(streaming);
    }

    /** @throws IllegalStateException when the emulator runs without a Streaming API */
    public void dropStreamingClients() {
        requireStreaming().dropAllClients();
    }

    /**
     * Change Data Capture sends gap events (no fields) while on, as Salesforce does when it cannot
     * produce a full event.
     *
     * @throws IllegalStateException when the emulator runs without a Streaming API
     */
    public void gapEvents(boolean on) {
        requireStreaming().gapEvents(on);
    }

    /** @throws IllegalStateException when the emulator runs without a Streaming API */
    public void restartStreaming() {
        requireStreaming().restart();
    }

    private StreamingApi requireStreaming() {
        StreamingApi current = streaming;
        if (current == null) {
            throw new IllegalStateException("This emulator runs without a Streaming API (no streaming factory was given)");
        }
        return current;
    }

    public ApiCallCounter calls() {
        return calls;
    }

    public ApiUsage usage() {
        return usage;
    }

    public void advanceClock(Duration duration) {
        clock.advance(duration);
    }

    public EmulatorClock clock() {
        return clock;
    }

    /** Marks a field (not) editable for the integration user, as its profile's field-level security would. */
    public void setFieldEditable(String sObject, String field, boolean editable) {
        var type = schema.type(sObject).orElseThrow(() -> new NoSuchElementException("No sObject " + sObject));
        var definition = type.field(field).orElseThrow(() -> new NoSuchElementException("No field " + sObject + "." + field));
        fieldLevelSecurity.setEditable(type.name(), definition.name(), editable);
    }

    public FieldLevelSecurity fieldLevelSecurity() {
        return fieldLevelSecurity;
    }

    /**
     * A REST call made as the user in the Salesforce UI (Lightning Experience): the change is
     * theirs (commit user, LastModifiedById) and its change origin is Lightning's,
     * {@code com/salesforce/api/soap/62.0;client=SfdcInternalAPI/}, never the product's client id.
     *
     * @param path relative to {@code /services/data/vNN.0/}, e.g. {@code sobjects/Task/00T...}
     */
    public RestResponse writeAs(String username, String method, String path, JsonNode body) {
        OrgUser user = user(username);
        CompositePaths.Parsed parsed;
        try {
            parsed = CompositePaths.parse(path);
        } catch (ApiException e) {
            return new RestResponse(e.status(), JsonValues.errors(e.errors()), Map.of());
        }
        RestRequest request = new RestRequest(method, WRITE_AS_API_VERSION, parsed.segments(), parsed.parameters(),
                body, user.id(), null);
        return executor.execute(request, TransactionOrigin.lightningExperience(WRITE_AS_API_VERSION, user.id()));
    }

    public Map<String, Object> faultState() {
        return faults.describe();
    }

    private OrgUser user(String username) {
        return users.byUsername(username).orElseThrow(() -> new NoSuchElementException("No user " + username));
    }
}
