/**
 * The sandbox: everything a new user needs to run the integration with nothing at hand, started by
 * {@code mvn spring-boot:test-run} ({@link io.salesactivitysync.sandbox.SandboxApplication}, the
 * {@code sandbox} profile). Development-time code: it lives in the test tree and never ships. An embedded mail server with the BCC mailbox, demo reps
 * and people, and a start-up banner that says where everything is; the Salesforce emulator lives
 * in {@code io.salesactivitysync.sandbox.salesforce}.
 *
 * <p>Nothing outside this package depends on it: the sandbox points the product's ordinary
 * configuration ({@code sas.mail.bcc.*}, the Salesforce component) at its embedded servers.
 */
package io.salesactivitysync.sandbox;
