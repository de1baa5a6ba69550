package io.salesactivitysync.store;

import io.salesactivitysync.store.constraint.Template;
import jakarta.validation.constraints.Size;

/**
 * A rep's own settings ("My Account"). Every value is optional: null means "inherit the org
 * default". The meaning of each value is described on {@link OrgSettings}.
 */
public record SettingsOverrides(
        Boolean logEmailsViaApi,
        Boolean logCalls,
        Boolean logEmailsViaBcc,
        Boolean includeBody,
        TaskSyncMode taskSyncMode,
        @Size(max = 255, message = "must be at most {max} characters") @Template
        String subjectTemplate,
        @Size(max = 32000, message = "must be at most {max} characters") @Template
        String descriptionTemplate,
        LogAgainst logAgainst,
        MultipleMatches multipleMatches) {

    /** No overrides: the rep inherits every org default. */
    public static SettingsOverrides none() {
        return new SettingsOverrides(null, null, null, null, null, null, null, null, null);
    }

    /** The settings in force for the rep: each override where set, else the org default. */
    public OrgSettings applyTo(OrgSettings org) {
        return new OrgSettings(
                pick(logEmailsViaApi, org.logEmailsViaApi()),
                pick(logCalls, org.logCalls()),
                pick(logEmailsViaBcc, org.logEmailsViaBcc()),
                pick(includeBody, org.includeBody()),
                pick(taskSyncMode, org.taskSyncMode()),
                pick(subjectTemplate, org.subjectTemplate()),
                pick(descriptionTemplate, org.descriptionTemplate()),
                pick(logAgainst, org.logAgainst()),
                pick(multipleMatches, org.multipleMatches()));
    }

    private static <T> T pick(T override, T orgDefault) {
        return override != null ? override : orgDefault;
    }
}
