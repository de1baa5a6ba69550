package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesactivitysync.salesforce.SalesforceId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The records an injected {@code UNABLE_TO_LOCK_ROW} names, as Salesforce names the rows it could
 * not lock: {@code unable to obtain exclusive access to this record or 2 records:
 * 003000000000001AAA,001000000000001AAA}. They are the ids the request names: in its path, its
 * {@code ids} parameter, and its body's fields (a Task's WhoId and WhatId are the parents a
 * create locks), collections records included.
 */
final class LockedRecords {

    private static final String PREFIX = "unable to obtain exclusive access to this record";

    private LockedRecords() {
    }

    /** The message for a request; with no record named in it, the bare first clause. */
    static String message(String path, Map<String, String> parameters, JsonNode body) {
        Set<String> ids = new LinkedHashSet<>();
        for (String segment : path.split("/")) {
            addIfId(ids, segment);
        }
        String idList = parameters.get("ids");
        if (idList != null) {
            for (String id : idList.split(",")) {
                addIfId(ids, id.trim());
            }
        }
        collect(ids, body);
        return ids.isEmpty() ? PREFIX : PREFIX + " or " + ids.size() + " records: " + String.join(",", ids);
    }

    private static void collect(Set<String> ids, JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            addIfId(ids, node.textValue());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(ids, child));
        }
    }

    private static void addIfId(Set<String> ids, String text) {
        SalesforceId.normalize(text).ifPresent(ids::add);
    }
}
