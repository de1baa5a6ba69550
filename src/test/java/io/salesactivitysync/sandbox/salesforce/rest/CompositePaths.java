package io.salesactivitysync.sandbox.salesforce.rest;

import java.util.List;
import java.util.Map;

/** Splits a relative REST path such as {@code sobjects/Task/00T...?fields=Subject} into segments and parameters. */
public final class CompositePaths {

    /** The segments (URL-decoded) and query parameters of a path. */
    public record Parsed(List<String> segments, Map<String, String> parameters) {
    }

    private CompositePaths() {
    }

    public static Parsed parse(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int question = trimmed.indexOf('?');
        String segments = question < 0 ? trimmed : trimmed.substring(0, question);
        String query = question < 0 ? null : trimmed.substring(question + 1);
        return new Parsed(CompositeResource.segments(segments), CompositeResource.queryParameters(query));
    }
}
