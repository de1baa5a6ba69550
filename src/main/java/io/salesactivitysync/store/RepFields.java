package io.salesactivitysync.store;

import io.salesactivitysync.store.constraint.EmailAddress;
import io.salesactivitysync.store.constraint.EmailAddresses;
import io.salesactivitysync.store.constraint.IanaTimeZone;
import io.salesactivitysync.store.constraint.SalesforceId;
import io.salesactivitysync.store.constraint.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a client sets on a rep: everything but the id, the connection state and the timestamps. */
public record RepFields(
        @NotBlank @EmailAddress
        String email,
        @NotBlank @Size(max = 200, message = "must be at most {max} characters") @SingleLine
        String name,
        @NotBlank @IanaTimeZone
        String timeZone,
        @Size(max = 50, message = "must list at most {max} addresses")
        List<@NotBlank @EmailAddress String> aliases,
        @SalesforceId(keyPrefix = "005")
        String salesforceUserId) {

    /**
     * The stored form of valid fields: addresses in lower case, aliases without repeats or the
     * rep's own address, the name without surrounding blanks, the Salesforce id in 18 characters.
     */
    public RepFields normalized() {
        String normalizedEmail = EmailAddresses.normalize(email);
        Set<String> distinctAliases = new LinkedHashSet<>();
        if (aliases != null) {
            aliases.stream().map(EmailAddresses::normalize).forEach(distinctAliases::add);
        }
        distinctAliases.remove(normalizedEmail);
        return new RepFields(normalizedEmail, name.strip(), timeZone, List.copyOf(distinctAliases),
                salesforceUserId == null ? null : io.salesactivitysync.salesforce.SalesforceId.toLongForm(salesforceUserId));
    }
}
