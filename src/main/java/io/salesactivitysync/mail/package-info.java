/**
 * The BCC mailbox: where reps copy their sales emails, read over IMAP(S) and logged as activity.
 */
package io.salesactivitysync.mail;
