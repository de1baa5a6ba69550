package io.salesactivitysync.startup;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link MissingSettingsException} into Spring Boot's "APPLICATION FAILED TO START" report:
 * every missing setting and how to set it, without a stack trace. Registered in
 * {@code META-INF/spring.factories}.
 */
public class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        int count = cause.missing().size();
        String description = (count == 1 ? "A required setting is missing:" : count + " required settings are missing:")
                + cause.missing().stream().map(setting -> "\n    " + setting.description()).collect(Collectors.joining());
        String action = "Set " + (count == 1 ? "it" : "each of them") + " and start again (secrets belong in environment variables):\n"
                + cause.missing().stream().map(setting -> "\n    " + setting.instruction()).distinct().collect(Collectors.joining())
                + "\n\nREADME.md, \"Pointing it at a real org and mailbox\", describes every setting.";
        return new FailureAnalysis(description, action, cause);
    }
}
