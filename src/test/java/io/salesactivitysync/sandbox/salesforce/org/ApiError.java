package io.salesactivitysync.sandbox.salesforce.org;

import java.util.List;

/**
 * One entry of a Salesforce error array: {@code {"message","errorCode","fields"}}.
 *
 * @param fields null when Salesforce leaves the key out (request-level errors such as
 *               {@code NOT_FOUND} or {@code MALFORMED_QUERY}); a list, possibly empty, for
 *               record-level (DML) errors
 */
public record ApiError(String message, String errorCode, List<String> fields) {

    public static ApiError of(String errorCode, String message) {
        return new ApiError(message, errorCode, null);
    }

    public static ApiError onFields(String errorCode, String message, List<String> fields) {
        return new ApiError(message, errorCode, List.copyOf(fields));
    }
}
