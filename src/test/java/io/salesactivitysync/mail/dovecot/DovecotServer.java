package io.salesactivitysync.mail.dovecot;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Dovecot IMAP server for tests, reached over IMAPS (self-signed certificate). It is not
 * started here: {@code src/test/dovecot/start-dovecot.sh} starts it and the Maven profile
 * {@code dovecot} passes its address to the tests (see {@code .ci/run}):
 *
 * <pre>
 * src/test/dovecot/start-dovecot.sh
 * mvn -Pdovecot test -Dtest='io.salesactivitysync.mail.dovecot.*Test' -Dsurefire.failIfNoSpecifiedTests=false
 * src/test/dovecot/stop-dovecot.sh
 * </pre>
 *
 * <p>System properties: {@value #HOST_PROPERTY}, {@value #PORT_PROPERTY}, {@value #USERNAME_PROPERTY}
 * and {@value #PASSWORD_PROPERTY}. Without the host a test calling {@link #assumeAvailable()} is
 * skipped (plain {@code mvn test}); with it, an unreachable server fails the test.
 *
 * <p>Each method opens a connection of its own and closes it, so the server's state is all there is.
 * The server has a second account, {@link #OTHER_USERNAME}, reached with {@link #as(String, String)}.
 */
public final class DovecotServer {

    public static final String HOST_PROPERTY = "sas.test.dovecot.host";
    public static final String PORT_PROPERTY = "sas.test.dovecot.port";
    public static final String USERNAME_PROPERTY = "sas.test.dovecot.username";
    public static final String PASSWORD_PROPERTY = "sas.test.dovecot.password";

    public static final int DEFAULT_PORT = 10993;
    public static final String DEFAULT_USERNAME = "bcc@dovecot.test";
    public static final String DEFAULT_PASSWORD = "dovecot-secret";
    /** The second account of start-dovecot.sh. */
    public static final String OTHER_USERNAME = "other@dovecot.test";
    public static final String OTHER_PASSWORD = "other-secret";

    public static final String INBOX = "INBOX";

    private static final int TIMEOUT_MILLIS = 10_000;

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private DovecotServer(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /**
     * The server of the system properties, for its first account. Skips the calling test when
     * {@value #HOST_PROPERTY} is not set; fails it when it is set but the server cannot be logged in to.
     */
    public static DovecotServer assumeAvailable() {
        String host = System.getProperty(HOST_PROPERTY, "").trim();
        Assumptions.assumeFalse(host.isEmpty(),
                HOST_PROPERTY + " is not set: no Dovecot server (mvn -Pdovecot after src/test/dovecot/start-dovecot.sh)");
        String portValue = System.getProperty(PORT_PROPERTY, "").trim();
        int port;
        try {
            port = portValue.isEmpty() ? DEFAULT_PORT : Integer.parseInt(portValue);
        } catch (NumberFormatException e) {
            return fail(PORT_PROPERTY + " is not a port number: '" + portValue + "'");
        }
        DovecotServer server = new DovecotServer(host, port,
                System.getProperty(USERNAME_PROPERTY, DEFAULT_USERNAME),
                System.getProperty(PASSWORD_PROPERTY, DEFAULT_PASSWORD));
        try (Store store = server.openStore()) {
            store.getFolder(INBOX).exists();
        } catch (MessagingException e) {
            fail(HOST_PROPERTY + " is set, but the Dovecot server " + server.url() + " (account " + server.username
                    + ") cannot be reached over IMAPS: start it with src/test/dovecot/start-dovecot.sh", e);
        }
        return server;
    }

    /** The same server, logged in to as another account. */
    public DovecotServer as(String otherUsername, String otherPassword) {
        return new DovecotServer(host, port, otherUsername, otherPassword);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** {@code imaps://host:port}, without credentials. */
    public String url() {
        return "imaps://" + host + ":" + port;
    }

    /**
     * What an {@code imaps://} client needs beyond host, port and credentials: trust in the server's
     * self-signed certificate. For a Camel mail endpoint pass it as {@code additionalJavaMailProperties}
     * (that option adds to Camel's defaults; {@code javaMailProperties} would replace them).
     */
    public Properties javaMailProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.imaps.ssl.trust", "*");
        properties.setProperty("mail.imaps.ssl.checkserveridentity", "false");
        return properties;
    }

    /** A connected IMAPS store of this account; the caller closes it. */
    public Store openStore() throws MessagingException {
        Properties properties = javaMailProperties();
        properties.setProperty("mail.store.protocol", "imaps");
        properties.setProperty("mail.imaps.host", host);
        properties.setProperty("mail.imaps.port", Integer.toString(port));
        properties.setProperty("mail.imaps.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        properties.setProperty("mail.imaps.timeout", Integer.toString(TIMEOUT_MILLIS));
        properties.setProperty("mail.imaps.writetimeout", Integer.toString(TIMEOUT_MILLIS));
        Store store = Session.getInstance(properties).getStore("imaps");
        store.connect(host, port, username, password);
        return store;
    }

    /** Adds a message (RFC 822 bytes, as sent) to INBOX with IMAP APPEND, unseen; returns its UID. */
    public long append(byte[] rawMessage) throws MessagingException {
        return append(INBOX, rawMessage);
    }

    /** Adds a message (RFC 822 bytes, as sent) to a folder, created if missing, unseen; returns its UID. */
    public long append(String folderName, byte[] rawMessage) throws MessagingException {
        try (Store store = openStore()) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            MimeMessage message = new MimeMessage((Session) null, new ByteArrayInputStream(rawMessage));
            AppendUID[] uids = folder.appendUIDMessages(new Message[] {message});
            return uids != null && uids.length == 1 && uids[0] != null ? uids[0].uid : -1;
        }
    }

    /** Empties INBOX and deletes every other folder of the account. */
    public void clear() throws MessagingException {
        try (Store store = openStore()) {
            List<Folder> others = new ArrayList<>(Arrays.asList(store.getDefaultFolder().list("*")));
            others.removeIf(folder -> folder.getFullName().equalsIgnoreCase(INBOX));
            // children before their parents
            others.sort(Comparator.comparingInt((Folder folder) -> folder.getFullName().length()).reversed());
            for (Folder folder : others) {
                if (folder.exists() && !folder.delete(true)) {
                    throw new MessagingException("could not delete folder " + folder.getFullName());
                }
            }
            Folder inbox = store.getFolder(INBOX);
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] messages = inbox.getMessages();
                if (messages.length > 0) {
                    inbox.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
                }
            } finally {
                inbox.close(true);
            }
        }
    }

    /** Creates a folder (nothing happens if it exists). */
    public void createFolder(String folderName) throws MessagingException {
        try (Store store = openStore()) {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("could not create folder " + folderName);
            }
        }
    }

    public boolean folderExists(String folderName) throws MessagingException {
        try (Store store = openStore()) {
            return store.getFolder(folderName).exists();
        }
    }

    /** Messages in the folder; 0 when it does not exist (see {@link #folderExists}). */
    public int folderMessageCount(String folderName) throws MessagingException {
        try (Store store = openStore()) {
            Folder folder = store.getFolder(folderName);
            return folder.exists() ? folder.getMessageCount() : 0;
        }
    }

    /** Messages without \Seen in the folder (IMAP STATUS UNSEEN); 0 when it does not exist. */
    public int unseenCount(String folderName) throws MessagingException {
        try (Store store = openStore()) {
            Folder folder = store.getFolder(folderName);
            return folder.exists() ? folder.getUnreadMessageCount() : 0;
        }
    }

    /** The Message-ID headers of the folder's messages in mailbox order (null for one without); empty when it does not exist. */
    public List<String> messageIds(String folderName) throws MessagingException {
        try (Store store = openStore()) {
            Folder folder = store.getFolder(folderName);
            List<String> ids = new ArrayList<>();
            if (!folder.exists()) {
                return ids;
            }
            folder.open(Folder.READ_ONLY);
            try {
                for (Message message : folder.getMessages()) {
                    String[] header = message.getHeader("Message-ID");
                    ids.add(header == null || header.length == 0 ? null : header[0].trim());
                }
            } finally {
                folder.close(false);
            }
            return ids;
        }
    }

    /** Whether the message with this Message-ID in the folder has \Seen; fails when it is not there. */
    public boolean isSeen(String folderName, String messageId) throws MessagingException {
        try (Store store = openStore()) {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                throw new AssertionError("folder " + folderName + " does not exist on " + url());
            }
            folder.open(Folder.READ_ONLY);
            try {
                for (Message message : folder.getMessages()) {
                    String[] header = message.getHeader("Message-ID");
                    if (header != null && header.length > 0 && header[0].trim().equals(messageId.trim())) {
                        return message.isSet(Flags.Flag.SEEN);
                    }
                }
            } finally {
                folder.close(false);
            }
            throw new AssertionError("no message " + messageId + " in folder " + folderName + " of " + username);
        }
    }

    @Override
    public String toString() {
        return url() + " as " + username;
    }
}
