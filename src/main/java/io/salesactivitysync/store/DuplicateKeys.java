package io.salesactivitysync.store;

import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;

/**
 * Turns a unique-constraint violation into the field it concerns. The stores check uniqueness
 * before writing to give precise messages; this is the fallback when a concurrent write wins the
 * race. Both H2 and PostgreSQL name the violated constraint in the message.
 */
final class DuplicateKeys {

    private DuplicateKeys() {
    }

    static DuplicateValueException toDuplicateValue(DuplicateKeyException e, Map<String, String> fieldByConstraint) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> entry : fieldByConstraint.entrySet()) {
            if (message.contains(entry.getKey())) {
                return new DuplicateValueException(entry.getValue(), "is already in use");
            }
        }
        throw e;
    }
}
