package io.salesactivitysync.sandbox.salesforce.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Salesforce's JSON date formats: {@code 2025-01-15T10:30:00.000+0000} and {@code 2025-01-15}. */
public final class ValueFormats {

    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private ValueFormats() {
    }

    public static String datetime(Instant instant) {
        return DATETIME.format(instant);
    }

    public static String date(LocalDate date) {
        return date.toString();
    }
}
