package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.sandbox.SandboxService;
import io.salesactivitysync.sandbox.salesforce.auth.OrgUser;
import java.util.ArrayList;
import java.util.List;

/** What a new user needs to reach the emulator: its login URL, the connected app, the users, the admin API. */
public final class SalesforceEmulatorSandboxService implements SandboxService {

    private final SalesforceEmulator emulator;

    public SalesforceEmulatorSandboxService(SalesforceEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public List<String> describe() {
        EmulatorSettings settings = emulator.settings();
        List<String> lines = new ArrayList<>();
        lines.add("Salesforce emulator: login URL " + emulator.baseUrl() + " (REST /services/data/v50.0..v62.0"
                + (emulator.admin().streaming().isPresent() ? ", Streaming API /cometd/<version>)" : ")"));
        lines.add("  connected app: client id " + settings.clientId() + ", client secret " + settings.clientSecret());
        for (OrgUser user : settings.users()) {
            String role = user.username().equalsIgnoreCase(settings.integrationUsername()) ? " (integration user)" : "";
            lines.add("  user " + user.username() + " / " + user.password() + " - " + user.name() + role);
        }
        lines.add("  admin API (faults, clock, field security; sandbox only): " + emulator.baseUrl() + "/sandbox/admin");
        lines.add("  admin token " + emulator.adminToken() + " (Authorization: Bearer; a JSON call from a script needs none)");
        return lines;
    }
}
