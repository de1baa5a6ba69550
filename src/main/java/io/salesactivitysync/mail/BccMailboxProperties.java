package io.salesactivitysync.mail;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code sas.mail.bcc.*}: the BCC mailbox account and how the capture treats it (see
 * {@code config/application.yml}).
 *
 * @param protocol              imap, or imaps for IMAP over TLS
 * @param auth                  password, or xoauth2 (Gmail, Microsoft 365): then {@code password}
 *                              holds the OAuth2 access token
 * @param healthCache           how long the health check's result is kept before the next login [60s]
 * @param address               the BCC address reps copy (left out of the recipients; its plus
 *                              addresses point at records) [the username]
 * @param folder                the folder read [INBOX]
 * @param moveToFolders         move each email to its outcome's folder; off, it stays, seen, and
 *                              flagged unless logged (servers without folders) [true]
 * @param folders               the folder of each outcome
 * @param maxMessageSize        larger emails are rejected without being downloaded [25MB]
 * @param requireAuthentication none, dkim, spf or dkim-or-spf: the result Authentication-Results must
 *                              show as pass for the email to be taken in [none]
 * @param trustedAuthservIds    the authserv-ids (your receiving server's name) whose
 *                              Authentication-Results count; none set: only the topmost header counts
 * @param sslTrust              hosts whose TLS certificate is trusted without a CA (a test server's
 *                              self-signed one); "*" trusts every host [none]
 */
public record BccMailboxProperties(String protocol, String host, int port, String username, String password,
                                   @DefaultValue("password") String auth,
                                   @DefaultValue("60s") Duration healthCache,
                                   String address,
                                   @DefaultValue("INBOX") String folder,
                                   @DefaultValue("true") boolean moveToFolders,
                                   @DefaultValue Folders folders,
                                   @DefaultValue("25MB") DataSize maxMessageSize,
                                   @DefaultValue("none") String requireAuthentication,
                                   @DefaultValue List<String> trustedAuthservIds,
                                   String sslTrust) {

    /** The folder each outcome's emails are moved to. */
    public record Folders(@DefaultValue("Logged") String logged, @DefaultValue("Unresolved") String unresolved,
                          @DefaultValue("Rejected") String rejected, @DefaultValue("Failed") String failed) {
    }

    /** The BCC address itself: {@code address}, else the account name. */
    public String bccAddress() {
        String value = address != null && !address.isBlank() ? address : username;
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    public boolean xoauth2() {
        return "xoauth2".equalsIgnoreCase(auth);
    }

    /** The Jakarta Mail session settings of this account: timeouts, the XOAUTH2 mechanism, trusted hosts. */
    public Properties javaMailProperties() {
        Properties properties = new Properties();
        String prefix = "mail." + (protocol == null ? "imaps" : protocol.toLowerCase(Locale.ROOT)) + ".";
        properties.setProperty(prefix + "connectiontimeout", "30000");
        properties.setProperty(prefix + "timeout", "60000");
        if (xoauth2()) {
            properties.setProperty(prefix + "auth.mechanisms", "XOAUTH2");
            properties.setProperty(prefix + "auth.xoauth2.disable", "false");
        }
        if (sslTrust != null && !sslTrust.isBlank()) {
            properties.setProperty(prefix + "ssl.trust", sslTrust.strip());
        }
        return properties;
    }

    @Override
    public String toString() {
        return "BccMailboxProperties[" + protocol + "://" + username + "@" + host + ":" + port
                + ", auth=" + auth + ", password=(hidden), folder=" + folder + "]";
    }
}
