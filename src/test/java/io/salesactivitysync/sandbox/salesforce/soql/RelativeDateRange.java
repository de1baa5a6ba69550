package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.soql.SoqlStatement.RelativeDate;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The days a SOQL date literal covers, as a half-open range {@code [start, end)} in the org's
 * time zone (UTC here). Weeks start on Sunday, as in the default en_US locale.
 */
record RelativeDateRange(LocalDate start, LocalDate end) {

    static RelativeDateRange of(RelativeDate literal, LocalDate today) {
        try {
            return range(literal, today);
        } catch (DateTimeException e) {
            // LAST_N_DAYS:2000000000 reaches past the calendar: the range runs to its end (and a
            // day that long ago holds nothing)
            if (literal.name().equals("N_DAYS_AGO")) {
                return new RelativeDateRange(LocalDate.MIN, LocalDate.MIN);
            }
            return literal.name().startsWith("NEXT") ? new RelativeDateRange(today.plusDays(1), LocalDate.MAX)
                    : new RelativeDateRange(LocalDate.MIN, today.plusDays(1));
        }
    }

    private static RelativeDateRange range(RelativeDate literal, LocalDate today) {
        int n = literal.amount();
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        LocalDate monthStart = today.withDayOfMonth(1);
        LocalDate yearStart = today.withDayOfYear(1);
        return switch (literal.name()) {
            case "TODAY" -> new RelativeDateRange(today, today.plusDays(1));
            case "YESTERDAY" -> new RelativeDateRange(today.minusDays(1), today);
            case "TOMORROW" -> new RelativeDateRange(today.plusDays(1), today.plusDays(2));
            case "THIS_WEEK" -> new RelativeDateRange(weekStart, weekStart.plusWeeks(1));
            case "LAST_WEEK" -> new RelativeDateRange(weekStart.minusWeeks(1), weekStart);
            case "NEXT_WEEK" -> new RelativeDateRange(weekStart.plusWeeks(1), weekStart.plusWeeks(2));
            case "THIS_MONTH" -> new RelativeDateRange(monthStart, monthStart.plusMonths(1));
            case "LAST_MONTH" -> new RelativeDateRange(monthStart.minusMonths(1), monthStart);
            case "NEXT_MONTH" -> new RelativeDateRange(monthStart.plusMonths(1), monthStart.plusMonths(2));
            case "THIS_YEAR" -> new RelativeDateRange(yearStart, yearStart.plusYears(1));
            case "LAST_YEAR" -> new RelativeDateRange(yearStart.minusYears(1), yearStart);
            case "NEXT_YEAR" -> new RelativeDateRange(yearStart.plusYears(1), yearStart.plusYears(2));
            case "LAST_90_DAYS" -> new RelativeDateRange(today.minusDays(90), today.plusDays(1));
            case "NEXT_90_DAYS" -> new RelativeDateRange(today.plusDays(1), today.plusDays(91));
            // today and the n days before it
            case "LAST_N_DAYS" -> new RelativeDateRange(today.minusDays(n), today.plusDays(1));
            // the n days after today
            case "NEXT_N_DAYS" -> new RelativeDateRange(today.plusDays(1), today.plusDays(n + 1L));
            case "N_DAYS_AGO" -> new RelativeDateRange(today.minusDays(n), today.minusDays(n - 1L));
            case "LAST_N_WEEKS" -> new RelativeDateRange(weekStart.minusWeeks(n), weekStart);
            case "NEXT_N_WEEKS" -> new RelativeDateRange(weekStart.plusWeeks(1), weekStart.plusWeeks(n + 1L));
            case "LAST_N_MONTHS" -> new RelativeDateRange(monthStart.minusMonths(n), monthStart);
            case "NEXT_N_MONTHS" -> new RelativeDateRange(monthStart.plusMonths(1), monthStart.plusMonths(n + 1L));
            default -> throw new IllegalArgumentException("Unknown date literal " + literal.name());
        };
    }
}
