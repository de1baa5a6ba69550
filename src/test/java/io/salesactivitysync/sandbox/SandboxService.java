package io.salesactivitysync.sandbox;

import java.util.List;

/**
 * A service the sandbox profile runs next to the application (the mail server, the Salesforce
 * emulator). At start the sandbox prints each one's lines, so a new user sees where everything is.
 */
public interface SandboxService {

    /** A few human-readable lines: what it is, its address, and the credentials to use. */
    List<String> describe();
}
