package io.salesactivitysync.startup;

import java.util.List;
import java.util.stream.Collectors;

/** The application cannot start: settings it needs have no value (see {@link RequiredSettings}). */
public class MissingSettingsException extends IllegalStateException {

    private final transient List<MissingSetting> missing;

    public MissingSettingsException(List<MissingSetting> missing) {
        super("Required settings are missing: " + missing.stream()
                .map(setting -> setting.key() + " must be set: " + setting.instruction())
                .collect(Collectors.joining("; ")));
        this.missing = List.copyOf(missing);
    }

    public List<MissingSetting> missing() {
        return missing;
    }
}
