package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import io.salesactivitysync.sandbox.salesforce.soql.QueryRow;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Records as JSON: {@code attributes} first ({@code type}, {@code url}), then the fields. */
final class RecordJson {

    private RecordJson() {
    }

    static ObjectNode attributes(String apiVersion, String type, String urlType, String id) {
        ObjectNode attributes = JsonValues.object();
        attributes.put("type", type);
        if (urlType != null) {
            attributes.put("url", "/services/data/v" + apiVersion + "/sobjects/" + urlType + "/" + id);
        }
        return attributes;
    }

    /** The record with the given fields (canonical names, in that order). */
    static ObjectNode record(String apiVersion, StoredRecord record, Collection<String> fields) {
        ObjectNode node = JsonValues.object();
        node.set("attributes", attributes(apiVersion, record.type(), record.type(), record.id()));
        for (String field : fields) {
            node.set(field, JsonValues.value(record.get(field)));
        }
        return node;
    }

    static ObjectNode record(String apiVersion, StoredRecord record) {
        return record(apiVersion, record, record.values().keySet());
    }

    static ObjectNode row(String apiVersion, QueryRow row) {
        ObjectNode node = JsonValues.object();
        node.set("attributes", attributes(apiVersion, row.attributesType(), row.urlType(), row.id()));
        for (Map.Entry<String, Object> entry : row.values().entrySet()) {
            Object value = entry.getValue();
            if (value instanceof QueryRow parent) {
                node.set(entry.getKey(), row(apiVersion, parent));
            } else if (value instanceof QueryRow.ChildRows children) {
                node.set(entry.getKey(), queryResult(apiVersion, children.records(), children.records().size(), true, null));
            } else {
                node.set(entry.getKey(), JsonValues.value(value));
            }
        }
        return node;
    }

    /** {@code {"totalSize","done","nextRecordsUrl"?,"records"}}. */
    static ObjectNode queryResult(String apiVersion, List<QueryRow> rows, int totalSize, boolean done,
            String nextRecordsUrl) {
        ObjectNode node = JsonValues.object();
        node.put("totalSize", totalSize);
        node.put("done", done);
        if (nextRecordsUrl != null) {
            node.put("nextRecordsUrl", nextRecordsUrl);
        }
        ArrayNode records = node.putArray("records");
        rows.forEach(r -> records.add(row(apiVersion, r)));
        return node;
    }
}
