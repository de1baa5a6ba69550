package io.salesactivitysync.sandbox.salesforce.soql;

import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.FieldType;
import io.salesactivitysync.sandbox.salesforce.org.OrgView;
import io.salesactivitysync.sandbox.salesforce.org.StoredRecord;
import java.util.List;
import java.util.Map;

/**
 * A resolved field path: the reference fields to follow (e.g. {@code WhoId} for {@code Who.Email})
 * and the field read at the end.
 *
 * @param onNameType the last hop is polymorphic, so the field is read from whatever record it
 *                   points at ({@code Type} being that record's sObject type)
 */
record FieldAccess(List<FieldDefinition> hops, FieldDefinition field, boolean onNameType) {

    FieldType valueType() {
        return onNameType && field.name().equals("Type") ? FieldType.STRING : field.type();
    }

    /** The value for a record; parent records come from the view (none without one). */
    Object read(Map<String, Object> values, String recordType, OrgView view) {
        Map<String, Object> current = values;
        String currentType = recordType;
        for (FieldDefinition hop : hops) {
            StoredRecord parent = parent(current, hop, view);
            if (parent == null) {
                return null;
            }
            current = parent.values();
            currentType = parent.type();
        }
        if (onNameType && field.name().equals("Type")) {
            return currentType;
        }
        return current.get(field.name());
    }

    /** The field's value on the record the path ends at. */
    Object readEnd(StoredRecord end) {
        if (onNameType && field.name().equals("Type")) {
            return end.type();
        }
        return end.get(field.name());
    }

    static StoredRecord parent(Map<String, Object> values, FieldDefinition reference, OrgView view) {
        Object id = values.get(reference.name());
        if (id == null || view == null) {
            return null;
        }
        return view.find((String) id).filter(r -> !r.deleted()).orElse(null);
    }

    /** The path with canonical names, e.g. {@code Account.Name}. */
    String canonicalPath() {
        StringBuilder path = new StringBuilder();
        for (FieldDefinition hop : hops) {
            path.append(hop.relationshipName()).append('.');
        }
        return path.append(field.name()).toString();
    }
}
