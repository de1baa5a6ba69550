package io.salesactivitysync.store;

import io.salesactivitysync.store.constraint.Template;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The org's default logging and sync settings (admin settings). Each rep inherits them unless the
 * rep overrides a value ({@link SettingsOverrides}); the result is the rep's effective settings.
 *
 * @param logEmailsViaApi     log emails sent through the product as Salesforce Tasks
 * @param logCalls            log calls as Salesforce Tasks
 * @param logEmailsViaBcc     log emails captured by the BCC mailbox
 * @param includeBody         put the email body into the Task description
 * @param taskSyncMode        sync reminder tasks with Salesforce Tasks (default: do not sync)
 * @param subjectTemplate     the Task subject, with dynamic fields such as {{activity_subject}}
 * @param descriptionTemplate the Task description, with dynamic fields such as {{activity_body}}
 * @param logAgainst          which records besides the person an activity is logged against
 *                            ("which object to log against")
 * @param multipleMatches     what to do when an address matches several Contacts or Leads
 */
public record OrgSettings(
        @NotNull(message = "is required") Boolean logEmailsViaApi,
        @NotNull(message = "is required") Boolean logCalls,
        @NotNull(message = "is required") Boolean logEmailsViaBcc,
        @NotNull(message = "is required") Boolean includeBody,
        @NotNull(message = "is required") TaskSyncMode taskSyncMode,
        @NotNull(message = "is required") @Size(max = 255, message = "must be at most {max} characters") @Template
        String subjectTemplate,
        @NotNull(message = "is required") @Size(max = 32000, message = "must be at most {max} characters") @Template
        String descriptionTemplate,
        @NotNull(message = "is required: person_only, each_open_opportunity or latest_open_opportunity")
        LogAgainst logAgainst,
        @NotNull(message = "is required: all, oldest or most_recently_active")
        MultipleMatches multipleMatches) {
}
