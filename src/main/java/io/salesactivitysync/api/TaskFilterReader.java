package io.salesactivitysync.api;

import io.salesactivitysync.store.TaskFilter;
import java.time.LocalDate;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Reads {@code ?rep=&dueFrom=&dueTo=} of {@code GET /api/tasks}, and {@code ?rep=} of the command center. */
@Component
public class TaskFilterReader {

    public TaskFilter read(@Header("rep") String rep, @Header("dueFrom") String dueFrom, @Header("dueTo") String dueTo) {
        LocalDate from = date("dueFrom", dueFrom);
        LocalDate to = date("dueTo", dueTo);
        if (from != null && to != null && from.isAfter(to)) {
            throw BadRequestException.forField("dueFrom", "must not be after dueTo (" + from + " > " + to + ")");
        }
        return new TaskFilter(rep(rep), from, to);
    }

    /** The rep whose command center is asked for: required. */
    public long requiredRep(@Header("rep") String rep) {
        Long id = rep(rep);
        if (id == null) {
            throw BadRequestException.forField("rep", "is required: the rep's id, as in ?rep=7");
        }
        return id;
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

    private static LocalDate date(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        LocalDate date = CalendarDates.parse(value);
        if (date == null) {
            throw BadRequestException.forField(name, CalendarDates.EXPECTED);
        }
        return date;
    }
}
