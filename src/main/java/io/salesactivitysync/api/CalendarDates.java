package io.salesactivitysync.api;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads a calendar date as the API takes it: exactly {@code yyyy-MM-dd}, a date that exists. A
 * date-time ("2026-11-23T10:00:00Z") is refused rather than cut to its date: which date it meant
 * depends on a time zone, and a task's due date is the same date everywhere.
 */
final class CalendarDates {

    /** What a client is told when a date cannot be read. */
    static final String EXPECTED = "must be a calendar date yyyy-MM-dd such as 2026-11-23";

    /** Salesforce keeps dates from 1700 to 4000; a due date outside them could never be synced. */
    static final LocalDate EARLIEST = LocalDate.of(1700, 1, 1);
    static final LocalDate LATEST = LocalDate.of(4000, 12, 31);

    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private CalendarDates() {
    }

    /** The date, or null when the text is not a date of that shape that exists (2026-02-30 does not). */
    static LocalDate parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Null when the date is within what Salesforce keeps, else what is wrong with it. */
    static String outOfRange(LocalDate date) {
        return date.isBefore(EARLIEST) || date.isAfter(LATEST)
                ? "must be a date from " + EARLIEST + " to " + LATEST
                : null;
    }
}
