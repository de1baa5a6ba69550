package io.salesactivitysync.sandbox;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * An embedded SMTP and IMAP server (GreenMail) holding the BCC mailbox. Mail sent to any address
 * over SMTP lands in that address's IMAP inbox; the BCC mailbox account is created at start.
 *
 * <p>Starts when the bean is created, before Camel starts its routes, and stops when the bean is
 * destroyed, after Camel has stopped them, so a mail route never sees the server missing.
 */
public class SandboxMailServer implements SandboxService, InitializingBean, DisposableBean {

    /** Where the listening ports are published, so that ${sandbox.mail.*-port} means the real port. */
    static final String PORTS_PROPERTY_SOURCE = "sandboxMailServerPorts";
    private static final Logger LOG = LoggerFactory.getLogger(SandboxMailServer.class);

    private final SandboxMailProperties properties;
    private final ConfigurableEnvironment environment;
    private GreenMail greenMail;
    private AbstractServer imapServer;

    public SandboxMailServer(SandboxMailProperties properties, ConfigurableEnvironment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        ServerSetup smtp = setup(properties.smtpPort(), ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = setup(properties.imapPort(), ServerSetup.PROTOCOL_IMAP);
        greenMail = new GreenMail(new ServerSetup[] {smtp, imap}) {
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
                Map<String, AbstractServer> services = super.createServices(config, managers);
                // GreenMail's IMAP server waits on Nagle's algorithm at every command: see NoDelayImapServer
                AbstractServer noDelay = new NoDelayImapServer(services.get(ServerSetup.PROTOCOL_IMAP).getServerSetup(), managers);
                services.put(ServerSetup.PROTOCOL_IMAP, noDelay);
                imapServer = noDelay;
                return services;
            }
        };
        greenMail.start();
        SandboxMailProperties.Account bcc = properties.bccMailbox();
        greenMail.setUser(bcc.address(), bcc.address(), bcc.password());
        // With port 0 the servers pick free ports: publish the real ones, first in line, so that
        // every ${sandbox.mail.smtp-port} / ${sandbox.mail.imap-port} (and sas.mail.bcc.port,
        // which refers to it) resolves to where the server really listens.
        environment.getPropertySources().addFirst(new MapPropertySource(PORTS_PROPERTY_SOURCE, Map.of(
                "sandbox.mail.smtp-port", smtpPort(),
                "sandbox.mail.imap-port", imapPort())));
        LOG.info("Sandbox mail server listening: SMTP {}:{}, IMAP {}:{}, BCC mailbox {}",
                properties.host(), smtpPort(), properties.host(), imapPort(), bcc.address());
    }

    private ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, properties.host(), protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    @Override
    public void destroy() {
        if (greenMail != null) {
            greenMail.stop();
            LOG.info("Sandbox mail server stopped");
        }
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        // not GreenMail.getImap(): it casts to its own ImapServer, which this one replaces
        return imapServer.getPort();
    }

    /** The GreenMail server itself, for tests that deliver or inspect mail directly. */
    public GreenMail greenMail() {
        return greenMail;
    }

    public boolean isRunning() {
        return greenMail != null && greenMail.isRunning();
    }

    @Override
    public List<String> describe() {
        SandboxMailProperties.Account bcc = properties.bccMailbox();
        return List.of(
                "Mail server   SMTP " + properties.host() + ":" + smtpPort() + "   IMAP " + properties.host() + ":" + imapPort()
                        + "   (GreenMail: accepts mail for any address)",
                "BCC mailbox   " + bcc.address() + " / password " + bcc.password() + "   (IMAP login)");
    }
}
