package io.salesactivitysync.sandbox.salesforce.org;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fields the restricted user (the integration user) may read but not edit, as a profile or
 * permission set would set them. Other users (a rep in the UI) are not affected.
 */
public final class FieldLevelSecurity {

    private final Set<String> restrictedUserIds = ConcurrentHashMap.newKeySet();
    private final Set<String> readOnlyFields = java.util.Collections.synchronizedSet(
            new TreeSet<>(String.CASE_INSENSITIVE_ORDER));

    public void restrictUser(String userId) {
        restrictedUserIds.add(userId);
    }

    /** Marks {@code sObject.field} as not editable (editable=false) or editable again. */
    public void setEditable(String sObject, String field, boolean editable) {
        String key = key(sObject, field);
        if (editable) {
            readOnlyFields.remove(key);
        } else {
            readOnlyFields.add(key);
        }
    }

    public boolean canEdit(String userId, String sObject, String field) {
        return userId == null || !restrictedUserIds.contains(userId) || !readOnlyFields.contains(key(sObject, field));
    }

    /** The not-editable fields as {@code Type.Field}, sorted. */
    public Collection<String> readOnlyFields() {
        synchronized (readOnlyFields) {
            return new TreeSet<>(readOnlyFields);
        }
    }

    public void clear() {
        readOnlyFields.clear();
    }

    private static String key(String sObject, String field) {
        return sObject + "." + field;
    }
}
