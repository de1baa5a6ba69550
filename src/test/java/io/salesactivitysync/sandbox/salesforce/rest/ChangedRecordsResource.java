package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.org.ApiException;
import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.FieldType;
import io.salesactivitysync.sandbox.salesforce.org.OrgStore;
import io.salesactivitysync.sandbox.salesforce.org.OrgView;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * {@code sobjects/X/deleted/?start=&end=} and {@code sobjects/X/updated/?start=&end=}: the records
 * deleted (still in the recycle bin) or changed in a window, as replication clients ask for them.
 */
final class ChangedRecordsResource {

    private static final FieldDefinition WINDOW_BOUND = FieldDefinition.builder("start", FieldType.DATETIME).build();

    RestResponse deleted(RestRequest request, OrgView org, SObjectType type) {
        Instant start = bound(request, "start");
        Instant end = bound(request, "end");
        List<StoredRecord> deleted = org.records(type.name())
                .filter(r -> r.deleted() && !r.deletedAt().isBefore(start) && r.deletedAt().isBefore(end))
                .sorted(Comparator.comparing(StoredRecord::deletedAt))
                .toList();
        ObjectNode body = JsonValues.object();
        ArrayNode records = body.putArray("deletedRecords");
        for (StoredRecord record : deleted) {
            ObjectNode entry = records.addObject();
            entry.put("id", record.id());
            entry.put("deletedDate", ValueFormats.datetime(record.deletedAt()));
        }
        Instant earliest = org.now().minus(OrgStore.RECYCLE_BIN_RETENTION).truncatedTo(ChronoUnit.MINUTES);
        body.put("earliestDateAvailable", ValueFormats.datetime(earliest));
        body.put("latestDateCovered", ValueFormats.datetime(latestCovered(org, end)));
        return RestResponse.ok(body);
    }

    RestResponse updated(RestRequest request, OrgView org, SObjectType type) {
        Instant start = bound(request, "start");
        Instant end = bound(request, "end");
        ObjectNode body = JsonValues.object();
        ArrayNode ids = body.putArray("ids");
        org.records(type.name())
                .filter(r -> !r.deleted() && r.get("SystemModstamp") instanceof Instant stamp
                        && !stamp.isBefore(start) && stamp.isBefore(end))
                .forEach(r -> ids.add(r.id()));
        body.put("latestDateCovered", ValueFormats.datetime(latestCovered(org, end)));
        return RestResponse.ok(body);
    }

    private static Instant latestCovered(OrgView org, Instant end) {
        Instant now = org.now().truncatedTo(ChronoUnit.MINUTES);
        return (end.isAfter(now) ? now : end).truncatedTo(ChronoUnit.MINUTES);
    }

    private static Instant bound(RestRequest request, String name) {
        String value = request.parameter(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("MISSING_ARGUMENT", "Missing parameter: " + name);
        }
        return (Instant) RecordInputReader.convert(WINDOW_BOUND, JsonNodeFactory.instance.textNode(value),
                BodyPositions.NONE);
    }
}
