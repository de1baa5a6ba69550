package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.org.ApiError;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.OrgSchema;
import io.salesactivitysync.sandbox.salesforce.org.OrgTransaction;
import io.salesactivitysync.sandbox.salesforce.org.RecordWriter;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;
import java.util.List;

import java.util.function.BiFunction;

/**
 * Maps a REST path and method under {@code /services/data/vNN.0/} to the resource that answers
 * it, and names the kind of call for the admin API's counter. Unknown paths are 404
 * {@code NOT_FOUND}; a known path with another method is 405 {@code METHOD_NOT_ALLOWED}.
 */
public final class RestDispatcher {

    /** What answers a request, and the kind of call it is. */
    public record Route(String kind, BiFunction<RestRequest, OrgTransaction, RestResponse> handler) {
    }

    private final OrgSchema schema;
    private final SObjectResource sObjects;
    private final DescribeResource describe;
    private final QueryResource query;
    private final LimitsResource limits;
    private final CompositeResource composite;
    private final CollectionsResource collections;
    private final ChangedRecordsResource changedRecords = new ChangedRecordsResource();

    RestDispatcher(OrgSchema schema, RecordWriter writer, DescribeResource describe, QueryResource query,
            LimitsResource limits) {
        this.schema = schema;
        this.sObjects = new SObjectResource(writer);
        this.describe = describe;
        this.query = query;
        this.limits = limits;
        this.collections = new CollectionsResource(writer);
        this.composite = new CompositeResource(this, schema, writer);
    }

    public RestResponse dispatch(RestRequest request, OrgTransaction tx) {
        return route(request).handler().apply(request, tx);
    }

    public Route route(RestRequest request) {
        List<String> path = request.path();
        String method = request.method();
        if (path.isEmpty()) {
            return only(method, "GET", new Route("resources", (r, tx) -> resources(r)));
        }
        return switch (path.get(0)) {
            case "sobjects" -> sObjectRoute(request);
            case "query", "queryAll" -> queryRoute(request, path.get(0).equals("queryAll"));
            case "limits" -> path.size() == 1 ? only(method, "GET", new Route("limits", (r, tx) -> limits.limits()))
                    : notFound();
            case "composite" -> compositeRoute(request);
            default -> notFound();
        };
    }

    private Route sObjectRoute(RestRequest request) {
        List<String> path = request.path();
        String method = request.method();
        if (path.size() == 1) {
            return only(method, "GET", new Route("describe", (r, tx) -> describe.global(r)));
        }
        SObjectType type = schema.type(path.get(1)).orElseThrow(ApiException::notFound);
        if (path.size() == 2) {
            return switch (method) {
                case "GET", "HEAD" -> new Route("describe", (r, tx) -> describe.basicInfo(r, type));
                case "POST" -> new Route("create", (r, tx) -> sObjects.create(r, tx, type));
                default -> throw notAllowed(method, "HEAD,GET,POST");
            };
        }
        String third = path.get(2);
        if (path.size() == 3 && third.equals("describe")) {
            return only(method, "GET", new Route("describe", (r, tx) -> describe.describe(r, type)));
        }
        if (path.size() == 3 && (third.equals("deleted") || third.equals("updated"))) {
            return only(method, "GET", new Route("retrieve", (r, tx) -> third.equals("deleted")
                    ? changedRecords.deleted(r, tx, type) : changedRecords.updated(r, tx, type)));
        }
        if (path.size() == 3 && method.equals("POST") && third.equals("Id")) {
            return new Route("create", (r, tx) -> sObjects.create(r, tx, type));
        }
        if (path.size() == 3) {
            String deleteAllowed = type.deletable() ? ",DELETE" : "";
            return switch (method) {
                case "GET", "HEAD" -> new Route("retrieve", (r, tx) -> sObjects.get(r, tx, type, third));
                case "PATCH" -> new Route("update", (r, tx) -> sObjects.update(r, tx, type, third));
                case "DELETE" -> {
                    if (!type.deletable()) {
                        throw notAllowed(method, "HEAD,GET,PATCH");
                    }
                    yield new Route("delete", (r, tx) -> sObjects.delete(tx, type, third));
                }
                default -> throw notAllowed(method, "HEAD,GET,PATCH" + deleteAllowed);
            };
        }
        if (path.size() == 4) {
            String value = path.get(3);
            return switch (method) {
                case "GET", "HEAD" -> new Route("retrieve", (r, tx) -> sObjects.getByExternalId(r, tx, type, third, value));
                case "PATCH" -> new Route("upsert", (r, tx) -> sObjects.upsert(r, tx, type, third, value));
                case "DELETE" -> {
                    if (!type.deletable()) {
                        throw notAllowed(method, "HEAD,GET,PATCH");
                    }
                    yield new Route("delete", (r, tx) -> sObjects.deleteByExternalId(r, tx, type, third, value));
                }
                default -> throw notAllowed(method, "HEAD,GET,PATCH,DELETE");
            };
        }
        return notFound();
    }

    private Route queryRoute(RestRequest request, boolean all) {
        List<String> path = request.path();
        if (path.size() == 1) {
            return only(request.method(), "GET", new Route(all ? "queryAll" : "query",
                    (r, tx) -> query.query(r, tx, all)));
        }
        if (path.size() == 2) {
            return only(request.method(), "GET", new Route("queryMore", (r, tx) -> query.queryMore(r, path.get(1))));
        }
        return notFound();
    }

    private Route compositeRoute(RestRequest request) {
        List<String> path = request.path();
        String method = request.method();
        if (path.size() == 1) {
            return switch (method) {
                case "GET", "HEAD" -> new Route("composite", (r, tx) -> composite.list(r));
                case "POST" -> new Route("composite", composite::composite);
                default -> throw notAllowed(method, "HEAD,GET,POST");
            };
        }
        return switch (path.get(1)) {
            case "batch" -> path.size() == 2 ? only(method, "POST", new Route("compositeBatch", composite::batch))
                    : notFound();
            case "tree" -> {
                if (path.size() != 3) {
                    yield notFound();
                }
                SObjectType type = schema.type(path.get(2)).orElseThrow(ApiException::notFound);
                yield only(method, "POST", new Route("compositeTree", (r, tx) -> composite.tree(r, tx, type)));
            }
            case "sobjects" -> collectionsRoute(request);
            default -> notFound();
        };
    }

    private Route collectionsRoute(RestRequest request) {
        List<String> path = request.path();
        String method = request.method();
        if (path.size() == 2) {
            return switch (method) {
                case "POST" -> new Route("collections", collections::create);
                case "PATCH" -> new Route("collections", collections::update);
                case "DELETE" -> new Route("collections", collections::delete);
                default -> throw notAllowed(method, "POST,PATCH,DELETE");
            };
        }
        SObjectType type = schema.type(path.get(2)).orElseThrow(ApiException::notFound);
        if (path.size() == 3) {
            return switch (method) {
                case "GET", "HEAD", "POST" -> new Route("collections", (r, tx) -> collections.retrieve(r, tx, type));
                default -> throw notAllowed(method, "HEAD,GET,POST");
            };
        }
        if (path.size() == 4) {
            return only(method, "PATCH", new Route("collections",
                    (r, tx) -> collections.upsert(r, tx, type, path.get(3))));
        }
        return notFound();
    }

    private RestResponse resources(RestRequest request) {
        ObjectNode body = JsonValues.object();
        for (String resource : List.of("sobjects", "query", "queryAll", "limits", "composite")) {
            body.put(resource, request.versionPath(resource));
        }
        return RestResponse.ok(body);
    }

    private static Route only(String method, String allowed, Route route) {
        if (method.equals(allowed) || method.equals("HEAD") && allowed.equals("GET")) {
            return route;
        }
        throw notAllowed(method, allowed.equals("GET") ? "HEAD,GET" : allowed);
    }

    private static Route notFound() {
        throw ApiException.notFound();
    }

    static ApiException notAllowed(String method, String allowed) {
        return new ApiException(405, ApiError.of("METHOD_NOT_ALLOWED",
                "HTTP Method '" + method + "' not allowed. Allowed are " + allowed));
    }

}
