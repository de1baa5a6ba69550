package io.salesactivitysync.api;

import io.salesactivitysync.store.PageRequest;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Reads the {@code ?page=&size=} query parameters of a list call. */
@Component
public class PageRequestReader {

    private final ApiProperties properties;

    public PageRequestReader(ApiProperties properties) {
        this.properties = properties;
    }

    /**
     * @param page the page number counting from 0; absent means 0
     * @param size the page size; absent means {@code sas.api.default-page-size}
     */
    public PageRequest read(@Header("page") String page, @Header("size") String size) {
        int number = parse("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = parse("size", size, properties.defaultPageSize(), 1, properties.maxPageSize());
        return new PageRequest(number, pageSize);
    }

    private static int parse(String name, String value, int absent, int min, int max) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw BadRequestException.forField(name, "must be a whole number, got '" + printable(value) + "'");
        }
        if (parsed < min || parsed > max) {
            throw BadRequestException.forField(name, "must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    private static String printable(String value) {
        String shown = value.length() > 20 ? value.substring(0, 20) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
