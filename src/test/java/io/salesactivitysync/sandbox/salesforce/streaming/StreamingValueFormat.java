package io.salesactivitysync.sandbox.salesforce.streaming;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How record values look on the stream. Change Data Capture and PushTopics do not agree:
 * change events carry datetimes to the second with a {@code Z} ({@code 2019-05-02T11:27:36Z}, as
 * in real captures), PushTopic notifications serialise the record like the REST API
 * ({@code 2017-05-16T23:05:50.000+0000}) and stamp the event itself with
 * {@code 2017-05-16T23:05:50.173Z}. Dates are {@code yyyy-MM-dd} everywhere.
 */
final class StreamingValueFormat {

    private static final DateTimeFormatter CHANGE_EVENT_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter REST_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EVENT_CREATED_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StreamingValueFormat() {
    }

    /** A field value inside a change event payload. */
    static Object changeEventValue(Object value) {
        if (value instanceof Instant instant) {
            return CHANGE_EVENT_DATETIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value;
    }

    /** A field value inside a PushTopic notification's {@code sobject}. */
    static Object pushTopicValue(Object value) {
        if (value instanceof Instant instant) {
            return REST_DATETIME.format(instant);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value;
    }

    /** The {@code event.createdDate} of a PushTopic notification. */
    static String eventCreatedDate(Instant instant) {
        return EVENT_CREATED_DATE.format(instant);
    }
}
