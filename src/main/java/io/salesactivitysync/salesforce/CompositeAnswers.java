package io.salesactivitysync.salesforce;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;

/**
 * Reads the answer of a composite request ({@code salesforce:composite}) by reference id: query
 * rows and describe bodies as plain maps. A subrequest Salesforce refused fails the whole read
 * with its error.
 */
public final class CompositeAnswers {

    /** Salesforce's datetime format in JSON: {@code 2026-11-23T10:30:00.000+0000}. */
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");

    private final Map<String, SObjectCompositeResult> results = new LinkedHashMap<>();

    public CompositeAnswers(SObjectCompositeResponse response) {
        if (response != null && response.getCompositeResponse() != null) {
            for (SObjectCompositeResult result : response.getCompositeResponse()) {
                results.put(result.getReferenceId(), result);
            }
        }
    }

    public boolean has(String referenceId) {
        return results.containsKey(referenceId);
    }

    /** The body of a successful subrequest. */
    public Map<String, Object> body(String referenceId) {
        SObjectCompositeResult result = results.get(referenceId);
        if (result == null) {
            throw new IllegalStateException("The composite answer has no subrequest " + referenceId);
        }
        if (result.getHttpStatusCode() >= 300) {
            throw new SalesforceCallException("Salesforce refused the " + referenceId + " subrequest", problem(result));
        }
        return asMap(result.getBody());
    }

    /** The rows of a query subrequest (its first batch: a lookup never needs more). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> records(String referenceId) {
        Object records = body(referenceId).get("records");
        if (!(records instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> rows = new ArrayList<>(list.size());
        for (Object row : list) {
            rows.add(asMap(row));
        }
        return rows;
    }

    /** Whether a query subrequest held more rows than its first batch. */
    public boolean truncated(String referenceId) {
        return Boolean.FALSE.equals(body(referenceId).get("done"));
    }

    @SuppressWarnings("unchecked")
    private static SalesforceProblem problem(SObjectCompositeResult result) {
        Object body = result.getBody();
        if (body instanceof List<?> errors && !errors.isEmpty() && errors.get(0) instanceof Map<?, ?> first) {
            Map<String, Object> error = (Map<String, Object>) first;
            Object fields = error.get("fields");
            return SalesforceErrors.of(String.valueOf(error.get("errorCode")), String.valueOf(error.get("message")),
                    fields instanceof List<?> list ? list.stream().map(String::valueOf).toList() : null);
        }
        return SalesforceErrors.of("HTTP_" + result.getHttpStatusCode(), String.valueOf(body), null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** A field of a row, following a relationship: {@code field(row, "Opportunity", "AccountId")}. */
    public static String text(Map<String, Object> row, String... path) {
        Object value = row;
        for (String step : path) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        return value == null ? null : String.valueOf(value);
    }

    public static OffsetDateTime datetime(Map<String, Object> row, String... path) {
        String text = text(row, path);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, SALESFORCE_DATETIME);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text);
        }
    }
}
