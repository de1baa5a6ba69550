package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A REST answer: status, JSON body (null for none) and extra headers such as {@code Location}. */
public record RestResponse(int status, JsonNode body, Map<String, String> headers) {

    public static RestResponse ok(JsonNode body) {
        return new RestResponse(200, body, Map.of());
    }

    public static RestResponse created(JsonNode body, String location) {
        return new RestResponse(201, body, Map.of("Location", location));
    }

    public static RestResponse noContent() {
        return new RestResponse(204, null, Map.of());
    }
}
