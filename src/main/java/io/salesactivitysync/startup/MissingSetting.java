package io.salesactivitysync.startup;

/**
 * A required setting without a usable value. Never carries the value itself: a secret must not
 * reach the console or a log.
 *
 * @param key           the setting, e.g. {@code sas.mail.bcc.password}
 * @param problem       what is wrong with it: not set, blank, or a placeholder nothing resolves
 * @param neededBecause why it is required, e.g. {@code sas.mail.bcc.host is set}; null when always required
 * @param instruction   how to set it, e.g. {@code export SAS_BCC_PASSWORD=<the mailbox's password>}
 */
public record MissingSetting(String key, String problem, String neededBecause, String instruction) {

    /** The key, what is wrong and why it is needed, for the list of missing settings. */
    public String description() {
        return key + ": " + problem + (neededBecause == null ? "" : "; needed because " + neededBecause);
    }
}
