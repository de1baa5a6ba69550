package io.salesactivitysync.task;

import io.salesactivitysync.salesforce.SalesforceId;
import io.salesactivitysync.salesforce.Soql;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SOQL the task sync reads Salesforce with. Ids come from Salesforce or the store and are
 * checked to be ids before they go into a query; datetimes are written as SOQL literals.
 */
final class TaskQueries {

    private static final DateTimeFormatter SOQL_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private TaskQueries() {
    }

    /** The fields every task query reads. */
    static String fields(TaskMapping mapping) {
        Set<String> fields = new LinkedHashSet<>(List.of("Id", "OwnerId", "TaskSubtype", "IsDeleted", "LastModifiedDate",
                "SystemModstamp", "CreatedDate", mapping.externalIdField()));
        fields.addAll(mapping.salesforceFields());
        return String.join(", ", fields);
    }

    /** The Tasks with these ids, deleted ones included (queryAll). */
    static String byIds(TaskMapping mapping, Collection<String> ids) {
        return "SELECT " + fields(mapping) + " FROM Task WHERE Id IN " + Soql.inList(checked(ids));
    }

    /** The users' Tasks changed since the time, deleted ones included (queryAll), oldest change first. */
    static String changedSince(TaskMapping mapping, Collection<String> ownerIds, OffsetDateTime since) {
        return "SELECT " + fields(mapping) + " FROM Task WHERE SystemModstamp > " + literal(since)
                + " AND OwnerId IN " + Soql.inList(checked(ownerIds)) + " ORDER BY SystemModstamp";
    }

    /** The user's reminder Tasks created or changed since the time (the first sync). */
    static String firstSync(TaskMapping mapping, String ownerId, OffsetDateTime since) {
        return "SELECT " + fields(mapping) + " FROM Task WHERE OwnerId = " + Soql.literal(checked(List.of(ownerId)).get(0))
                + " AND LastModifiedDate >= " + literal(since) + " AND IsDeleted = false ORDER BY LastModifiedDate";
    }

    /** The users' Tasks deleted since the time (queryAll: the Recycle Bin keeps them 15 days). */
    static String deletedSince(Collection<String> ownerIds, OffsetDateTime since) {
        return "SELECT Id, OwnerId, IsDeleted, SystemModstamp FROM Task WHERE IsDeleted = true AND OwnerId IN "
                + Soql.inList(checked(ownerIds)) + " AND SystemModstamp >= " + literal(since);
    }

    static String literal(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).format(SOQL_DATETIME);
    }

    private static List<String> checked(Collection<String> ids) {
        for (String id : ids) {
            if (!SalesforceId.isValid(id)) {
                throw new IllegalArgumentException("Not a Salesforce id: " + id);
            }
        }
        return List.copyOf(ids);
    }
}
