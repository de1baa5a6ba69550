package io.salesactivitysync.bench;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A private Dovecot (src/test/dovecot/start-dovecot.sh, IMAPS on a free port) as the BCC mailbox:
 * a real IMAP server whose commands cost the same with 10,000 emails in the INBOX as with ten,
 * unlike the sandbox's GreenMail. Emails are put in with IMAP APPEND (a backlog: appended to a
 * folder of their own, then copied into the INBOX at once).
 */
final class DovecotMailbox implements AutoCloseable {

    static final String USER = "bcc@dovecot.test";
    static final String PASSWORD = "dovecot-secret";
    private static final Path STATE = Path.of("target", "bench", "dovecot");
    private static final String STAGING = "Benchmark-Staging";

    private final int port;
    private final Session session;
    private final Store store;

    DovecotMailbox() {
        port = freePort();
        script("start-dovecot.sh");
        Properties properties = new Properties();
        properties.setProperty("mail.imaps.ssl.trust", "*");
        properties.setProperty("mail.imaps.ssl.checkserveridentity", "false");
        session = Session.getInstance(properties);
        try {
            store = session.getStore("imaps");
            store.connect("127.0.0.1", port, USER, PASSWORD);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot log in to the benchmark's Dovecot: " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    /** Appends the raw emails to the INBOX (an APPEND command each). */
    synchronized void append(List<String> raws) {
        append("INBOX", raws);
    }

    /**
     * Appends the raw emails to a folder the product does not read, to be moved into the INBOX
     * together by {@link #releaseStaged}: appending takes an IMAP round trip per email, and a
     * backlog appended while the product reads would be read as fast as it comes in.
     */
    synchronized void stage(List<String> raws) {
        append(STAGING, raws);
    }

    /** Moves every staged email into the INBOX in one COPY command: the backlog is there at once. */
    synchronized void releaseStaged() {
        try {
            Folder staging = store.getFolder(STAGING);
            staging.open(Folder.READ_WRITE);
            try {
                Message[] messages = staging.getMessages();
                staging.copyMessages(messages, store.getFolder("INBOX"));
                staging.setFlags(messages, new jakarta.mail.Flags(jakarta.mail.Flags.Flag.DELETED), true);
            } finally {
                staging.close(true);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot move the staged emails into the benchmark's Dovecot INBOX: "
                    + e.getMessage(), e);
        }
    }

    private void append(String folderName, List<String> raws) {
        try {
            Message[] messages = new Message[raws.size()];
            for (int i = 0; i < messages.length; i++) {
                messages[i] = new MimeMessage(session, new ByteArrayInputStream(raws.get(i).getBytes(StandardCharsets.UTF_8)));
            }
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            folder.appendMessages(messages);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot append to the benchmark's Dovecot: " + e.getMessage(), e);
        }
    }

    /** Emails in the INBOX (IMAP STATUS). */
    synchronized int inboxSize() {
        try {
            return store.getFolder("INBOX").getMessageCount();
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot read the benchmark's Dovecot: " + e.getMessage(), e);
        }
    }

    /**
     * CPU seconds of Dovecot's processes (the master with its ended children, the imap and login
     * processes still running), from /proc.
     */
    static double cpuSeconds() {
        double ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (command.equals("dovecot")) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                                + Long.parseLong(fields[14]);
                    } else if (command.equals("imap") || command.equals("imap-login")) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / 100.0;
    }

    private void script(String name) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "src/test/dovecot/" + name, STATE.toString())
                    .redirectErrorStream(true).inheritIO();
            builder.environment().put("DOVECOT_IMAPS_PORT", Integer.toString(port));
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("src/test/dovecot/" + name + " failed (exit " + exit + "); Dovecot is installed"
                        + " with apt-get install -y dovecot-imapd, or run with --mail=greenmail");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run src/test/dovecot/" + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (MessagingException e) {
            // stopping anyway
        }
        script("stop-dovecot.sh");
    }
}
