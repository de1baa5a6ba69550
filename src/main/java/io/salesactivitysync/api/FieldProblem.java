package io.salesactivitysync.api;

/**
 * What is wrong with one field of a request.
 *
 * @param field   the field's path in the request, e.g. {@code email}, {@code aliases[1]} or the
 *                query parameter {@code size}
 * @param message what is wrong, e.g. "must be a valid email address"
 */
public record FieldProblem(String field, String message) {
}
