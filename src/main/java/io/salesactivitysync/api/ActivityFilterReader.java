package io.salesactivitysync.api;

import io.salesactivitysync.store.ActivityFilter;
import io.salesactivitysync.store.ActivitySource;
import io.salesactivitysync.store.ActivityState;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Reads {@code ?state=&rep=&since=&until=&source=&reason=} of {@code GET /api/activities} and of
 * {@code GET /api/activities/summary} (which counts every state: it leaves {@code state} out).
 */
@Component
public class ActivityFilterReader {

    /** The longest reason the store keeps (activities.reason): a longer one can match nothing. */
    static final int MAX_REASON = 2000;

    public ActivityFilter read(@Header("state") String state, @Header("rep") String rep, @Header("since") String since,
                               @Header("until") String until, @Header("source") String source,
                               @Header("reason") String reason) {
        OffsetDateTime from = time("since", since);
        OffsetDateTime to = time("until", until);
        if (from != null && to != null && !to.isAfter(from)) {
            throw BadRequestException.forField("until", "must be after since");
        }
        return new ActivityFilter(state(state), rep(rep), from, to, source(source), reason(reason));
    }

    private static String reason(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_REASON) {
            throw BadRequestException.forField("reason", "must be at most " + MAX_REASON + " characters (a reason as the summary lists it)");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw BadRequestException.forField("reason", "must not hold a NUL character");
        }
        return value;
    }

    private static ActivitySource source(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (ActivitySource source : ActivitySource.values()) {
            if (source.value().equals(value)) {
                return source;
            }
        }
        throw BadRequestException.forField("source", "must be one of: " + Arrays.stream(ActivitySource.values())
                .map(ActivitySource::value).collect(Collectors.joining(", ")));
    }

    private static ActivityState state(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (ActivityState state : ActivityState.values()) {
            if (state.value().equals(value)) {
                return state;
            }
        }
        throw BadRequestException.forField("state", "must be one of: " + Arrays.stream(ActivityState.values())
                .map(ActivityState::value).collect(Collectors.joining(", ")));
    }

    private static Long rep(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BadRequestException.forField("rep", "must be a rep's id (a positive whole number)");
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw BadRequestException.forField(name, "must be an ISO-8601 time with offset such as 2026-11-23T10:30:00Z");
        }
    }
}
