package io.salesactivitysync;

import io.salesactivitysync.sandbox.SandboxMailServer;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.util.function.ThrowingConsumer;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The base of a flow test: the whole application as the sandbox runs it (the real YAML routes of
 * ./routes, the Salesforce emulator and the GreenMail mail server, each on a free port, a
 * database of its own), and what a test needs to drive a flow and to break it:
 * <ul>
 *   <li>{@link #api} talks to the REST API over real HTTP with the test token;</li>
 *   <li>{@link #salesforce} is the emulator ({@code salesforce.admin()} injects faults, moves its
 *       clock, counts API calls), {@link #mail} the mail server (SMTP in, IMAP out);</li>
 *   <li>{@link #database} breaks the database on purpose ({@link DatabaseFaults}), {@link #jdbc}
 *       reads what was really written;</li>
 *   <li>{@link #advise} replaces or watches one step of a route by its id (Camel's AdviceWith:
 *       {@code weaveById}, {@code weaveAddLast}, {@code replaceFromWith}, ...), {@link #whenRoute}
 *       waits for a route to have handled messages (NotifyBuilder).</li>
 * </ul>
 *
 * <p>How to write one: extend this class. A test that only drives and watches needs nothing
 * more, and shares one Spring context with every other such test. A test that advises a route
 * adds {@code @UseAdviceWith} (Camel then waits to be started) and {@code @DirtiesContext} (its
 * changed routes must not reach other tests), advises in a {@code @BeforeEach} while
 * {@link #camelNotStarted()}, then calls {@link #startCamel()}; see {@code api.RestApiFailuresFlowTest}.
 * Steps a test must replace need an {@code id:} in the route file. Wait on outcomes with
 * {@link #whenRoute} or Awaitility, never with sleeps.
 */
@CamelSpringBootTest
@SpringBootTest(
        classes = SalesActivitySyncApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sas.api.token=" + ApiClient.TEST_TOKEN)
@ActiveProfiles("sandbox")
@Import(FlowTest.Harness.class)
public abstract class FlowTest {

    @LocalServerPort
    protected int port;
    @Autowired
    protected CamelContext camelContext;
    @Autowired
    protected SalesforceEmulator salesforce;
    @Autowired
    protected SandboxMailServer mail;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;

    protected ApiClient api;
    protected DatabaseFaults database;

    @TestConfiguration(proxyBeanMethods = false)
    static class Harness {
        @Bean
        static DatabaseFaults.Installer databaseFaultsInstaller() {
            return new DatabaseFaults.Installer();
        }
    }

    @BeforeEach
    void harness() throws SQLException {
        api = new ApiClient(port);
        database = dataSource.unwrap(DatabaseFaults.class);
    }

    @AfterEach
    void healDatabase() {
        database.reset();
    }

    /** Changes the route with this id before Camel starts (needs {@code @UseAdviceWith}). */
    protected void advise(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        AdviceWith.adviceWith(camelContext, routeId, advice);
    }

    /** True until {@link #startCamel()}: advise only then. */
    protected boolean camelNotStarted() {
        return !camelContext.isStarted();
    }

    protected void startCamel() {
        camelContext.start();
    }

    /** A NotifyBuilder on the route with this id, however the message got there (a REST call arrives through its REST route): {@code whenRoute("x").whenDone(1).create()}, then {@code matches(...)}. */
    protected NotifyBuilder whenRoute(String routeId) {
        return new NotifyBuilder(camelContext).fromCurrentRoute(routeId);
    }
}
