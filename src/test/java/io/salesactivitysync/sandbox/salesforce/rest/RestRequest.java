package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One REST call (or composite subrequest) as the resources see it.
 *
 * @param apiVersion e.g. {@code 56.0}
 * @param path       the segments after {@code /services/data/vNN.0/}, URL-decoded
 * @param parameters query parameters
 * @param body       the parsed JSON body, or null when there is none
 * @param bodyPositions where the body's values are in the request's text
 * @param userId     the caller
 * @param queryOptions the {@code Sforce-Query-Options} header, or null
 */
public record RestRequest(
        String method,
        String apiVersion,
        List<String> path,
        Map<String, String> parameters,
        JsonNode body,
        BodyPositions bodyPositions,
        String userId,
        String queryOptions) {

    /** A call whose body was not read from text, so has no positions. */
    public RestRequest(String method, String apiVersion, List<String> path, Map<String, String> parameters,
            JsonNode body, String userId, String queryOptions) {
        this(method, apiVersion, path, parameters, body, BodyPositions.NONE, userId, queryOptions);
    }

    public String segment(int index) {
        return index < path.size() ? path.get(index) : null;
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** The path of a resource under this request's version, e.g. {@code /services/data/v56.0/sobjects/Task/00T...}. */
    public String versionPath(String rest) {
        return "/services/data/v" + apiVersion + "/" + rest;
    }
}
