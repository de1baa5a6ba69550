/**
 * Bean Validation constraints for values the store keeps: e-mail addresses, IANA time zones,
 * Salesforce ids and activity templates. Each rule lives in a plain class ({@link
 * io.salesactivitysync.store.constraint.EmailAddresses}, ...) that other capabilities (mail
 * capture, Salesforce mapping) can call directly.
 */
package io.salesactivitysync.store.constraint;
