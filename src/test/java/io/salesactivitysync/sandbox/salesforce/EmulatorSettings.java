package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.sandbox.salesforce.auth.OrgUser;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How an emulated org is set up.
 *
 * @param port                 0 picks a free port
 * @param host                 the host name in {@code instance_url} and the base URL
 * @param bindAddress          the address to listen on; null listens on all
 * @param sessionTimeout       how long an access token lives unused: each use starts it again, as
 *                             Salesforce's session timeout counts inactivity (default: 2 hours)
 * @param dailyApiLimit        DailyApiRequests Max (a Developer Edition org: 15,000)
 * @param queryBatchSize       records per query batch before {@code nextRecordsUrl} (Salesforce: 2,000)
 * @param integrationUsername  the user field-level security restricts and client credentials run as
 * @param readOnlyFields       {@code Type.Field} names the integration user may not edit
 * @param jwtCertificatePem    the connected app's X.509 certificate (PEM) for the JWT bearer flow; null disables it
 * @param stateFile            where the org is kept across restarts, the stream's events and replay ids beside
 *                             it ({@code x.json} gives {@code x.streaming.json}); null keeps both in memory only
 * @param demoData             start with the demo accounts, contacts, lead, opportunity and tasks
 */
public record EmulatorSettings(
        int port,
        String host,
        String bindAddress,
        Duration sessionTimeout,
        int dailyApiLimit,
        int queryBatchSize,
        String clientId,
        String clientSecret,
        String integrationUsername,
        List<OrgUser> users,
        List<CustomField> customFields,
        List<String> readOnlyFields,
        String jwtCertificatePem,
        Path stateFile,
        boolean demoData,
        StreamingSettings streaming) {

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
        users = List.copyOf(users);
        customFields = List.copyOf(customFields);
        readOnlyFields = List.copyOf(readOnlyFields);
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
            boolean validId = user.id() != null && user.id().startsWith("005")
                    && io.salesactivitysync.salesforce.SalesforceId.normalize(user.id())
                            .filter(user.id()::equals).isPresent();
            if (!validId) {
                throw new IllegalArgumentException("User " + user.username() + " needs an 18-character User id (005...) "
                        + "with a correct case suffix, was " + user.id());
            }
        }
        if (users.stream().noneMatch(u -> u.username().equalsIgnoreCase(integrationUsername))) {
            throw new IllegalArgumentException("integrationUsername " + integrationUsername + " is not one of the users");
        }
        for (String field : readOnlyFields) {
            if (!field.matches("[A-Za-z]+\\.[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("readOnlyFields entries look like Task.Priority, was " + field);
            }
        }
    }

    /** The sandbox defaults on a free port: demo data, users and connected app, nothing persisted. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().port(port).host(host).bindAddress(bindAddress).sessionTimeout(sessionTimeout)
                .dailyApiLimit(dailyApiLimit).queryBatchSize(queryBatchSize).clientId(clientId)
                .clientSecret(clientSecret).integrationUsername(integrationUsername).users(users)
                .customFields(customFields).readOnlyFields(readOnlyFields).jwtCertificatePem(jwtCertificatePem)
                .stateFile(stateFile).demoData(demoData).streaming(streaming);
    }

    /** Fluent settings, starting from the sandbox defaults. */
    public static final class Builder {
        private int port;
        private String host = "localhost";
        private String bindAddress;
        private Duration sessionTimeout = Duration.ofHours(2);
        private int dailyApiLimit = 15_000;
        private int queryBatchSize = 2000;
        private String clientId = "sandbox-client";
        private String clientSecret = "sandbox-secret";
        private String integrationUsername = "integration@sandbox.example";
        private List<OrgUser> users = DEFAULT_USERS;
        private List<CustomField> customFields = List.of();
        private List<String> readOnlyFields = List.of();
        private String jwtCertificatePem;
        private Path stateFile;
        private boolean demoData = true;
        private StreamingSettings streaming = StreamingSettings.defaults();

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

        public Builder jwtCertificatePem(String value) {
            jwtCertificatePem = value;
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

        public EmulatorSettings build() {
            return new EmulatorSettings(port, host, bindAddress, sessionTimeout, dailyApiLimit, queryBatchSize,
                    clientId, clientSecret, integrationUsername, users, customFields, readOnlyFields,
                    jwtCertificatePem, stateFile, demoData, streaming);
        }
    }
}
