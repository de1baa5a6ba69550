package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.sandbox.salesforce.admin.AdminServlet;
import io.salesactivitysync.sandbox.salesforce.admin.ApiCallCounter;
import io.salesactivitysync.sandbox.salesforce.admin.ApiUsage;
import io.salesactivitysync.sandbox.salesforce.admin.EmulatorAdmin;
import io.salesactivitysync.sandbox.salesforce.admin.FaultInjector;
import io.salesactivitysync.sandbox.salesforce.auth.AccessTokenValidator;
import io.salesactivitysync.sandbox.salesforce.auth.ConnectedApp;
import io.salesactivitysync.sandbox.salesforce.auth.IdentityServlet;
import io.salesactivitysync.sandbox.salesforce.auth.JwtBearerVerifier;
import io.salesactivitysync.sandbox.salesforce.auth.OAuthServlet;
import io.salesactivitysync.sandbox.salesforce.auth.OAuthTokenService;
import io.salesactivitysync.sandbox.salesforce.auth.OrgUser;
import io.salesactivitysync.sandbox.salesforce.auth.SessionRegistry;
import io.salesactivitysync.sandbox.salesforce.auth.SoapLoginServlet;
import io.salesactivitysync.sandbox.salesforce.auth.UserDirectory;
import io.salesactivitysync.sandbox.salesforce.org.DemoOrg;
import io.salesactivitysync.sandbox.salesforce.org.FieldLevelSecurity;
import io.salesactivitysync.sandbox.salesforce.org.OrgChangeListener;
import io.salesactivitysync.sandbox.salesforce.org.OrgSchema;
import io.salesactivitysync.sandbox.salesforce.org.OrgSnapshot;
import io.salesactivitysync.sandbox.salesforce.org.OrgStateFile;
import io.salesactivitysync.sandbox.salesforce.org.OrgStore;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicCatalog;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicRecords;
import io.salesactivitysync.sandbox.salesforce.org.RecordWriter;
import io.salesactivitysync.sandbox.salesforce.org.StandardObjects;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import io.salesactivitysync.sandbox.salesforce.rest.JsonErrorReportValve;
import io.salesactivitysync.sandbox.salesforce.rest.NotFoundServlet;
import io.salesactivitysync.sandbox.salesforce.rest.RestApi;
import io.salesactivitysync.sandbox.salesforce.soql.PushTopicQueryCheck;
import io.salesactivitysync.sandbox.salesforce.soql.SchemaSoqlCompiler;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlCompiler;
import io.salesactivitysync.sandbox.salesforce.streaming.BayeuxStreamingApi;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingApi;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingStateFile;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * A local Salesforce org over real HTTP: OAuth, REST, and the Streaming
 * API, plus the sandbox admin API. Runs its own embedded Tomcat, separate from the application's.
 *
 * <pre>{@code
 * try (SalesforceEmulator emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build()) {
 *     emulator.start();
 *     // loginUrl = emulator.baseUrl()
 * }
 * }</pre>
 */
public final class SalesforceEmulator implements AutoCloseable {

    private final EmulatorSettings settings;
    private final EmulatorClock clock;
    private final OrgStore store;
    private final SessionRegistry sessions;
    private final SchemaSoqlCompiler soqlCompiler;
    private final PushTopicRecords pushTopics;
    private final EmulatorAdmin admin;
    private final OAuthServlet oauthServlet;
    private final AdminServlet adminServlet;
    private final String adminToken;
    private final IdentityServlet identityServlet;
    private final SoapLoginServlet soapLoginServlet;
    private final jakarta.servlet.http.HttpServlet restServlet;
    private final StreamingApiFactory streamingFactory;
    private final OrgStateFile stateFile;
    private final StreamingStateFile streamingStateFile;
    private StreamingApi streaming;
    private WebServer server;
    private volatile String baseUrl;

    private SalesforceEmulator(EmulatorSettings settings, EmulatorClock clock, StreamingApiFactory streamingFactory) {
        this.settings = settings;
        this.clock = clock;
        this.streamingFactory = streamingFactory;
        OrgSchema schema = StandardObjects.schema(settings.customFields(), settings.picklistValues());
        this.stateFile = settings.stateFile() == null ? null : new OrgStateFile(settings.stateFile(), schema);
        this.streamingStateFile = settings.stateFile() == null ? null
                : StreamingStateFile.besideOrgStateFile(settings.stateFile());
        this.store = new OrgStore(schema, clock, initialState(schema));
        if (stateFile != null) {
            store.addCommitObserver(stateFile::save);
        }
        UserDirectory users = new UserDirectory(settings.users());
        FieldLevelSecurity fieldLevelSecurity = new FieldLevelSecurity();
        users.byUsername(settings.integrationUsername()).ifPresent(u -> fieldLevelSecurity.restrictUser(u.id()));
        for (String field : settings.readOnlyFields()) {
            String[] parts = field.split("\\.");
            var definition = schema.type(parts[0]).flatMap(t -> t.field(parts[1])).orElseThrow(() ->
                    new IllegalArgumentException("readOnlyFields names " + field + ", which is not a field of the org"));
            fieldLevelSecurity.setEditable(schema.require(parts[0]).name(), definition.name(), false);
        }
        this.soqlCompiler = new SchemaSoqlCompiler(schema, clock);
        this.pushTopics = new PushTopicRecords(store);
        this.sessions = new SessionRegistry(clock, settings.sessionTimeout(), EmulatorSettings.ORG_ID);
        RecordWriter writer = new RecordWriter(fieldLevelSecurity, List.of(new PushTopicQueryCheck(soqlCompiler)));
        ApiUsage usage = new ApiUsage(clock, settings.dailyApiLimit());
        ApiCallCounter calls = new ApiCallCounter();
        FaultInjector faults = new FaultInjector();
        RestApi restApi = new RestApi(store, writer, fieldLevelSecurity, clock, settings.queryBatchSize(), usage, calls);
        this.restServlet = restApi.servlet(sessions, faults);
        ConnectedApp app = new ConnectedApp(settings.clientId(), settings.clientSecret(), settings.integrationUsername());
        OAuthTokenService tokens = new OAuthTokenService(app, users, sessions, jwtVerifier(), this::baseUrl,
                EmulatorSettings.ORG_ID, clock);
        this.oauthServlet = new OAuthServlet(tokens, sessions, () -> {
            calls.record("oauth");
            sleepQuietly(faults.latency().toMillis());
        });
        this.identityServlet = new IdentityServlet(sessions, users, EmulatorSettings.ORG_ID, this::baseUrl);
        this.soapLoginServlet = new SoapLoginServlet(users, sessions, EmulatorSettings.ORG_ID, this::baseUrl, () -> {
            calls.record("soapLogin");
            sleepQuietly(faults.latency().toMillis());
        });
        this.admin = new EmulatorAdmin(faults, calls, usage, sessions, users, clock, fieldLevelSecurity, schema,
                restApi.executor(), settings.clientId());
        this.adminToken = settings.adminToken() == null || settings.adminToken().isBlank() ? randomToken()
                : settings.adminToken();
        this.adminServlet = new AdminServlet(admin, this::baseUrl, adminToken);
    }

    public static Builder builder(EmulatorSettings settings) {
        return new Builder(settings);
    }

    /** Builds an emulator; nothing listens until {@link #start()}. */
    public static final class Builder {
        private final EmulatorSettings settings;
        private EmulatorClock clock = EmulatorClock.utc();
        private StreamingApiFactory streamingFactory = deps -> new BayeuxStreamingApi(deps.settings(),
                deps.tokenValidator(), deps.pushTopics(), deps.soqlCompiler(), deps.clock());

        private Builder(EmulatorSettings settings) {
            this.settings = settings;
        }

        /**
         * The Streaming API to mount at {@code /cometd} (default: {@link BayeuxStreamingApi});
         * {@code null} leaves the emulator without a streaming endpoint.
         */
        public Builder streaming(StreamingApiFactory factory) {
            this.streamingFactory = factory;
            return this;
        }

        public Builder clock(EmulatorClock value) {
            this.clock = value;
            return this;
        }

        public SalesforceEmulator build() {
            return new SalesforceEmulator(settings, clock, streamingFactory);
        }
    }

    /**
     * Starts the HTTP server (and the Streaming API, when there is one).
     *
     * @throws IllegalStateException when the state file's streaming part is damaged (see {@link StreamingStateFile})
     */
    public synchronized SalesforceEmulator start() {
        if (server != null) {
            throw new IllegalStateException("The emulator is already started");
        }
        if (streamingFactory != null) {
            streaming = streamingFactory.create(new StreamingDependencies(settings.streaming(), sessions, pushTopics,
                    soqlCompiler, clock));
            if (streamingStateFile != null) {
                try {
                    persistStreaming();
                } catch (RuntimeException e) {
                    streaming.close();
                    streaming = null;
                    throw e;
                }
            }
            store.addListener(streaming);
            admin.attachStreaming(streaming);
        }
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(settings.port()) {
            @Override
            protected TomcatWebServer getTomcatWebServer(Tomcat tomcat) {
                // errors Tomcat raises itself are answered as JSON too, never as an HTML page
                ((StandardHost) tomcat.getHost()).setErrorReportValveClass(JsonErrorReportValve.class.getName());
                return super.getTomcatWebServer(tomcat);
            }
        };
        factory.setRegisterDefaultServlet(false);
        factory.addConnectorCustomizers(connector -> {
            // Clients URL-encode external id values (a slash as %2F, a backslash as %5C): they must reach the
            // REST servlet undecoded, which splits the path on '/' and decodes each segment.
            connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
        });
        if (settings.bindAddress() != null && !settings.bindAddress().isBlank()) {
            factory.setAddress(address(settings.bindAddress()));
        }
        server = factory.getWebServer(this::registerServlets);
        server.start();
        baseUrl = "http://" + settings.host() + ":" + server.getPort();
        return this;
    }

    /**
     * Keeps the event logs beside the org. Per commit the org file is saved first (a commit
     * observer, under the org's lock, before anyone hears of the commit), then the streaming side
     * logs the commit's events, saves them, and only then hands them to clients. So on disk the
     * events never run ahead of the org, and no client holds a replay id that was not saved. A
     * crash between the two saves leaves the events of the last commit unsaved: the next start
     * sees the streaming file behind the org and, rather than replay around the hole, drops the
     * saved events, refuses every old replay id (invalid replayId) and numbers new events above them.
     * When both files agree, replay carries on exactly where it stopped.
     */
    private void persistStreaming() {
        streaming.persist(streamingStateFile.load(store.snapshot().commitNumber()), streamingStateFile::save);
    }

    private void registerServlets(ServletContext context) {
        add(context, "salesforce-oauth", oauthServlet, "/services/oauth2/*");
        add(context, "salesforce-rest", restServlet, "/services/data", "/services/data/*");
        add(context, "salesforce-identity", identityServlet, "/id/*", IdentityServlet.USERINFO_PATH);
        add(context, "salesforce-soap-login", soapLoginServlet, "/services/Soap/*");
        add(context, "sandbox-admin", adminServlet, "/sandbox/admin", "/sandbox/admin/*");
        add(context, "not-found", new NotFoundServlet(), "/");
        if (streaming != null) {
            streaming.register(context);
        }
    }

    private static void add(ServletContext context, String name, jakarta.servlet.Servlet servlet, String... mappings) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.addMapping(mappings);
        registration.setLoadOnStartup(1);
    }

    /** {@code http://localhost:<port>}: the login URL and the instance URL. */
    public String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("The emulator is not started");
        }
        return baseUrl;
    }

    public int port() {
        return server.getPort();
    }

    public EmulatorSettings settings() {
        return settings;
    }

    public void addChangeListener(OrgChangeListener listener) {
        store.addListener(listener);
    }

    public void removeChangeListener(OrgChangeListener listener) {
        store.removeListener(listener);
    }

    public AccessTokenValidator tokenValidator() {
        return sessions;
    }

    public PushTopicCatalog pushTopicCatalog() {
        return pushTopics;
    }

    public SoqlCompiler soqlCompiler() {
        return soqlCompiler;
    }

    public EmulatorClock clock() {
        return clock;
    }

    /**
     * What a state-changing call to {@code /sandbox/admin} over HTTP may carry
     * ({@code Authorization: Bearer <token>}): the configured one, or a new random one per start.
     */
    public String adminToken() {
        return adminToken;
    }

    /** Fault knobs, call counter, clock, field-level security, writes as another user (in-process: no token). */
    public EmulatorAdmin admin() {
        return admin;
    }

    /** The org's records (tests read them to check outcomes without going through the API). */
    public OrgStore store() {
        return store;
    }

    @Override
    public synchronized void close() {
        try {
            if (streaming != null) {
                store.removeListener(streaming);
                streaming.close();
            }
        } finally {
            if (server != null) {
                server.stop();
                server = null;
            }
            if (stateFile != null) {
                stateFile.save(store.snapshot());
            }
        }
    }

    private OrgSnapshot initialState(OrgSchema schema) {
        List<DemoOrg.UserRecord> users = settings.users().stream()
                .map(u -> new DemoOrg.UserRecord(u.id(), u.username(), u.firstName(), u.lastName(), u.email()))
                .toList();
        String integrationUserId = settings.users().stream()
                .filter(u -> u.username().equalsIgnoreCase(settings.integrationUsername()))
                .map(OrgUser::id).findFirst().orElseThrow();
        if (stateFile != null) {
            var saved = stateFile.load();
            if (saved.isPresent()) {
                return withMissingUsers(schema, saved.get(), users, integrationUserId);
            }
        }
        String repUserId = settings.users().stream().filter(u -> u.id().equals(EmulatorSettings.REP_USER_ID))
                .map(OrgUser::id).findFirst().orElse(integrationUserId);
        return new OrgSnapshot(DemoOrg.initialRecords(schema, clock.instant(), EmulatorSettings.ORG_ID,
                integrationUserId, users, settings.demoData(), repUserId), 0, 0);
    }

    private OrgSnapshot withMissingUsers(OrgSchema schema, OrgSnapshot saved, List<DemoOrg.UserRecord> users,
            String integrationUserId) {
        Set<String> present = saved.records().stream().map(StoredRecord::id).collect(Collectors.toSet());
        List<StoredRecord> records = new ArrayList<>(saved.records());
        if (!present.contains(EmulatorSettings.ORG_ID)) {
            records.add(DemoOrg.organizationRecord(schema, clock.instant(), EmulatorSettings.ORG_ID, integrationUserId));
        }
        for (DemoOrg.UserRecord user : users) {
            if (!present.contains(user.id())) {
                records.add(DemoOrg.userRecord(schema, clock.instant(), integrationUserId, user));
            }
        }
        return new OrgSnapshot(records, saved.lastIssuedId(), saved.commitNumber());
    }

    private JwtBearerVerifier jwtVerifier() {
        PublicKey key = settings.jwtCertificatePem() == null || settings.jwtCertificatePem().isBlank() ? null
                : JwtBearerVerifier.publicKeyOf(settings.jwtCertificatePem());
        return new JwtBearerVerifier(key, this::jwtAudiences, java.time.Clock.systemUTC());
    }

    /** The emulator's own URL (what Camel sends when no audience is configured) and Salesforce's login hosts. */
    private List<String> jwtAudiences() {
        String own = baseUrl;
        List<String> audiences = new ArrayList<>(List.of("https://login.salesforce.com", "https://test.salesforce.com"));
        if (own != null) {
            audiences.add(own);
            audiences.add(own + "/");
        }
        return audiences;
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static InetAddress address(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Cannot bind the emulator to " + bindAddress, e);
        }
    }

    private static void sleepQuietly(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
