package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.salesforce.SalesforceId;
import io.salesactivitysync.sandbox.salesforce.auth.OrgUser;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an emulated org is set up: {@code sandbox.salesforce.*} in the sandbox profile (see
 * config/application-sandbox.yml), or {@link #builder()} for a test that starts the emulator
 * without Spring. The defaults below are the sandbox's, written once.
 *
 * @param port                 0 picks a free port
 * @param host                 the host name in {@code instance_url} and the base URL
 * @param bindAddress          the address to listen on; empty listens on all
 * @param sessionTimeout       how long an access token lives unused: each use starts it again, as
 *                             Salesforce's session timeout counts inactivity
 * @param dailyApiLimit        DailyApiRequests Max (a Developer Edition org: 15,000)
 * @param queryBatchSize       records per query batch before {@code nextRecordsUrl} (Salesforce: 2,000)
 * @param integrationUsername  the user field-level security restricts and client credentials run as
 * @param users                who can log in; empty means {@link #DEFAULT_USERS}
 * @param readOnlyFields       {@code Type.Field} names the integration user may not edit
 * @param jwtCertificate       the connected app's X.509 certificate for the JWT bearer flow, as PEM
 *                             text or a file path; empty disables the flow
 * @param stateFile            where the org is kept across restarts, the stream's events and replay ids beside
 *                             it ({@code x.json} gives {@code x.streaming.json}); null keeps both in memory only
 * @param demoData             start with the demo accounts, contacts, lead, opportunity and tasks
 * @param changeEventRetention how long change events stay replayable (Salesforce: 72 hours)
 * @param pushTopicRetention   how long PushTopic events stay replayable (Salesforce: 24 hours)
 * @param longPollTimeout      how long a {@code /meta/connect} is held open (Salesforce: 110 s)
 * @param clientTimeout        how long a streaming client that does not reconnect is remembered (Salesforce: 40 s)
 * @param adminToken           the token state-changing calls to {@code /sandbox/admin} may carry; empty
 *                             makes a new random one at every start
 * @param picklistValues       values added to standard picklists, by {@code Type.Field}, as deploying a
 *                             standard value set adds them (the product's metadata adds Task.Type Reply)
 */
@ConfigurationProperties("sandbox.salesforce")
public record EmulatorSettings(
        @DefaultValue("8090") int port,
        @DefaultValue("localhost") String host,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("2h") Duration sessionTimeout,
        @DefaultValue("15000") int dailyApiLimit,
        @DefaultValue("2000") int queryBatchSize,
        @DefaultValue("sandbox-client") String clientId,
        @DefaultValue("sandbox-secret") String clientSecret,
        @DefaultValue("integration@sandbox.example") String integrationUsername,
        List<OrgUser> users,
        List<CustomField> customFields,
        List<String> readOnlyFields,
        String jwtCertificate,
        Path stateFile,
        @DefaultValue("true") boolean demoData,
        @DefaultValue("72h") Duration changeEventRetention,
        @DefaultValue("24h") Duration pushTopicRetention,
        @DefaultValue("110s") Duration longPollTimeout,
        @DefaultValue("40s") Duration clientTimeout,
        String adminToken,
        Map<String, List<String>> picklistValues) {

    public static final String ORG_ID = "00D000000000001EAA";
    public static final String INTEGRATION_USER_ID = "005000000000001AAA";
    public static final String REP_USER_ID = "005000000000002AAA";
    public static final String SAM_USER_ID = "005000000000003AAA";

    /** The sandbox's users (password {@code sandbox} for all). */
    public static final List<OrgUser> DEFAULT_USERS = List.of(
            new OrgUser(INTEGRATION_USER_ID, "integration@sandbox.example", "sandbox", "Integration", "User",
                    "integration@sandbox.example"),
            new OrgUser(REP_USER_ID, "rep@sandbox.example", "sandbox", "Riley", "Rep", "rep@sandbox.example"),
            new OrgUser(SAM_USER_ID, "sam@sandbox.example", "sandbox", "Sam", "Seller", "sam@sandbox.example"));

    public EmulatorSettings {
        users = users == null || users.isEmpty() ? DEFAULT_USERS : List.copyOf(users);
        customFields = customFields == null ? List.of() : List.copyOf(customFields);
        readOnlyFields = readOnlyFields == null ? List.of() : List.copyOf(readOnlyFields);
        picklistValues = picklistValues == null ? Map.of() : Map.copyOf(picklistValues);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (queryBatchSize < 1 || queryBatchSize > 2000) {
            throw new IllegalArgumentException("queryBatchSize must be 1..2000, was " + queryBatchSize);
        }
        if (dailyApiLimit < 1) {
            throw new IllegalArgumentException("dailyApiLimit must be positive, was " + dailyApiLimit);
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("sessionTimeout must be positive, was " + sessionTimeout);
        }
        for (OrgUser user : users) {
            if (user.username() == null || user.password() == null || user.lastName() == null) {
                throw new IllegalArgumentException("users entries need id, username, password and last-name");
            }
            if (!SalesforceId.isValid(user.id(), "005") || !SalesforceId.toLongForm(user.id()).equals(user.id())) {
                throw new IllegalArgumentException("User " + user.username() + " needs an 18-character User id (005...) "
                        + "with a correct case suffix, was " + user.id());
            }
        }
        String integration = integrationUsername;
        if (users.stream().noneMatch(u -> u.username().equalsIgnoreCase(integration))) {
            throw new IllegalArgumentException("integrationUsername " + integrationUsername + " is not one of the users");
        }
        for (String field : readOnlyFields) {
            if (!field.matches("[A-Za-z]+\\.[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("readOnlyFields entries look like Task.Priority, was " + field);
            }
        }
    }

    /** The sandbox's settings, as {@code sandbox.salesforce.*} gives them when no key is set. */
    public static EmulatorSettings defaults() {
        return new Binder().bindOrCreate("sandbox.salesforce", EmulatorSettings.class);
    }

    /** The sandbox defaults on a free port, nothing persisted: what a test starts from. */
    public static Builder builder() {
        return defaults().toBuilder().port(0).stateFile(null);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public StreamingSettings streaming() {
        return new StreamingSettings(changeEventRetention, pushTopicRetention, longPollTimeout, clientTimeout);
    }

    /** The JWT certificate as PEM text: given inline, or read from the file named; null when there is none. */
    public String jwtCertificatePem() {
        if (jwtCertificate == null || jwtCertificate.isBlank()) {
            return null;
        }
        if (jwtCertificate.contains("-----BEGIN")) {
            return jwtCertificate;
        }
        try {
            return Files.readString(Path.of(jwtCertificate));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sandbox.salesforce.jwt-certificate " + jwtCertificate, e);
        }
    }

    /** Settings changed one at a time, for tests. */
    public static final class Builder {
        private int port;
        private String host;
        private String bindAddress;
        private Duration sessionTimeout;
        private int dailyApiLimit;
        private int queryBatchSize;
        private String clientId;
        private String clientSecret;
        private String integrationUsername;
        private List<OrgUser> users;
        private List<CustomField> customFields;
        private List<String> readOnlyFields;
        private Map<String, List<String>> picklistValues;
        private String jwtCertificate;
        private Path stateFile;
        private boolean demoData;
        private StreamingSettings streaming;
        private String adminToken;

        private Builder(EmulatorSettings from) {
            port = from.port;
            host = from.host;
            bindAddress = from.bindAddress;
            sessionTimeout = from.sessionTimeout;
            dailyApiLimit = from.dailyApiLimit;
            queryBatchSize = from.queryBatchSize;
            clientId = from.clientId;
            clientSecret = from.clientSecret;
            integrationUsername = from.integrationUsername;
            users = from.users;
            customFields = from.customFields;
            readOnlyFields = from.readOnlyFields;
            picklistValues = from.picklistValues;
            jwtCertificate = from.jwtCertificate;
            stateFile = from.stateFile;
            demoData = from.demoData;
            streaming = from.streaming();
            adminToken = from.adminToken;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder sessionTimeout(Duration value) {
            sessionTimeout = value;
            return this;
        }

        public Builder dailyApiLimit(int value) {
            dailyApiLimit = value;
            return this;
        }

        public Builder queryBatchSize(int value) {
            queryBatchSize = value;
            return this;
        }

        public Builder clientId(String value) {
            clientId = value;
            return this;
        }

        public Builder clientSecret(String value) {
            clientSecret = value;
            return this;
        }

        public Builder integrationUsername(String value) {
            integrationUsername = value;
            return this;
        }

        public Builder users(List<OrgUser> value) {
            users = value;
            return this;
        }

        public Builder customFields(List<CustomField> value) {
            customFields = value;
            return this;
        }

        public Builder readOnlyFields(List<String> value) {
            readOnlyFields = value;
            return this;
        }

        /** PEM text or a file path. */
        public Builder jwtCertificate(String value) {
            jwtCertificate = value;
            return this;
        }

        public Builder stateFile(Path value) {
            stateFile = value;
            return this;
        }

        public Builder demoData(boolean value) {
            demoData = value;
            return this;
        }

        public Builder streaming(StreamingSettings value) {
            streaming = value;
            return this;
        }

        /** How long a {@code /meta/connect} is held: tests shorten it so that clients poll often. */
        public Builder longPollTimeout(Duration value) {
            streaming = new StreamingSettings(streaming.changeEventRetention(), streaming.pushTopicRetention(), value,
                    streaming.clientTimeout());
            return this;
        }

        /** How long a streaming client that stops polling is remembered. */
        public Builder clientTimeout(Duration value) {
            streaming = new StreamingSettings(streaming.changeEventRetention(), streaming.pushTopicRetention(),
                    streaming.longPollTimeout(), value);
            return this;
        }

        public Builder picklistValues(Map<String, List<String>> value) {
            picklistValues = value;
            return this;
        }

        public Builder adminToken(String value) {
            adminToken = value;
            return this;
        }

        public EmulatorSettings build() {
            return new EmulatorSettings(port, host, bindAddress, sessionTimeout, dailyApiLimit, queryBatchSize,
                    clientId, clientSecret, integrationUsername, users, customFields, readOnlyFields, jwtCertificate,
                    stateFile, demoData, streaming.changeEventRetention(), streaming.pushTopicRetention(),
                    streaming.longPollTimeout(), streaming.clientTimeout(), adminToken, picklistValues);
        }
    }
}
