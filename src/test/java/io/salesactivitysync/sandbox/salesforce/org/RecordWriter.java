package io.salesactivitysync.sandbox.salesforce.org;

import io.salesactivitysync.salesforce.SalesforceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates, updates and deletes records inside a transaction, validating each write as Salesforce
 * does and answering its error codes and messages. Input values are already typed (the REST
 * layer parsed the JSON); names are canonical.
 */
public final class RecordWriter {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_VALUE_IN_MESSAGE = 255;

    private final FieldLevelSecurity fieldLevelSecurity;
    private final List<RecordCheck> checks;

    public RecordWriter(FieldLevelSecurity fieldLevelSecurity, List<RecordCheck> checks) {
        this.fieldLevelSecurity = fieldLevelSecurity;
        this.checks = List.copyOf(checks);
    }

    public StoredRecord create(OrgTransaction tx, SObjectType type, Map<String, Object> input) {
        String userId = tx.origin().userId();
        if (!type.writable()) {
            throw ApiException.onFields("INVALID_TYPE_FOR_OPERATION", "entity type cannot be inserted", List.of());
        }
        if (input.containsKey("Id")) {
            throw ApiException.onFields("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call",
                    List.of("Id"));
        }
        refuseNotWritable(type, input, userId, true);
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDefinition field : type.fields()) {
            values.put(field.name(), null);
        }
        for (FieldDefinition field : type.fields()) {
            if (field.defaultedOnCreate() && field.defaultValue() != null) {
                values.put(field.name(), field.defaultValue());
            }
        }
        input.forEach((name, value) -> {
            if (value != null || !type.field(name).map(FieldDefinition::defaultedOnCreate).orElse(false)) {
                values.put(name, value);
            }
        });
        String id = tx.newId(type.keyPrefix());
        values.put("Id", id);
        stampAudit(type, values, userId, tx, true);
        if (type.field("OwnerId").isPresent() && values.get("OwnerId") == null) {
            values.put("OwnerId", userId);
        }
        validateValues(tx, type, input, values, null);
        DerivedFields.apply(tx, type.name(), values, null, tx.now());
        StoredRecord record = new StoredRecord(type.name(), id, values, null);
        runChecks(tx, record);
        tx.insert(record);
        return record;
    }

    public StoredRecord update(OrgTransaction tx, SObjectType type, StoredRecord existing, Map<String, Object> input) {
        if (!type.writable()) {
            throw ApiException.onFields("INVALID_TYPE_FOR_OPERATION", "entity type cannot be updated", List.of());
        }
        String userId = tx.origin().userId();
        Map<String, Object> changes = new LinkedHashMap<>(input);
        Object id = changes.remove("Id");
        if (id != null && !id.equals(existing.id())) {
            throw ApiException.onFields("INVALID_FIELD_FOR_INSERT_UPDATE",
                    "Unable to create/update fields: Id. Please check the security settings of this field and verify "
                            + "that it is read/write for your profile or permission set.", List.of("Id"));
        }
        refuseNotWritable(type, changes, userId, false);
        // a checkbox is never null in Salesforce: writing null to it unchecks it
        changes.replaceAll((name, value) -> value == null
                && type.field(name).map(f -> f.type() == FieldType.BOOLEAN).orElse(false) ? Boolean.FALSE : value);
        Map<String, Object> values = existing.copyOfValues();
        values.putAll(changes);
        stampAudit(type, values, userId, tx, false);
        validateValues(tx, type, changes, values, existing);
        DerivedFields.apply(tx, type.name(), values, existing.values(), tx.now());
        StoredRecord record = existing.with(values);
        runChecks(tx, record);
        tx.update(existing, record);
        return record;
    }

    /** Deletes the record and, as Salesforce does, the live records of its cascading child relationships. */
    public void delete(OrgTransaction tx, StoredRecord existing) {
        SObjectType type = tx.schema().require(existing.type());
        Map<String, Object> values = existing.copyOfValues();
        values.put("IsDeleted", Boolean.TRUE);
        stampAudit(type, values, tx.origin().userId(), tx, false);
        tx.delete(existing, new StoredRecord(existing.type(), existing.id(), values, tx.now()));
        for (ChildRelationship child : type.childRelationships()) {
            if (!child.cascadeDelete()) {
                continue;
            }
            List<StoredRecord> children = tx.records(child.childSObject())
                    .filter(r -> !r.deleted() && existing.id().equals(r.get(child.field())))
                    .toList();
            for (StoredRecord record : children) {
                StoredRecord current = tx.find(record.id()).orElse(record);
                if (!current.deleted()) {
                    delete(tx, current);
                }
            }
        }
    }

    private void refuseNotWritable(SObjectType type, Map<String, Object> input, String userId, boolean create) {
        List<String> refused = new ArrayList<>();
        for (String name : input.keySet()) {
            FieldDefinition field = type.field(name).orElseThrow();
            boolean writable = create ? field.createable() : field.updateable();
            if (!writable || !fieldLevelSecurity.canEdit(userId, type.name(), field.name())) {
                refused.add(field.name());
            }
        }
        if (!refused.isEmpty()) {
            throw ApiException.onFields("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                    + String.join(", ", refused) + ". Please check the security settings of this field and verify that "
                    + "it is read/write for your profile or permission set.", refused);
        }
    }

    private static void stampAudit(SObjectType type, Map<String, Object> values, String userId, OrgTransaction tx,
            boolean create) {
        if (create) {
            values.put("IsDeleted", Boolean.FALSE);
            values.put("CreatedDate", tx.now());
            values.put("CreatedById", userId);
        }
        if (type.field("LastModifiedDate").isPresent()) {
            values.put("LastModifiedDate", tx.now());
            values.put("LastModifiedById", userId);
            values.put("SystemModstamp", tx.now());
        }
    }

    private void validateValues(OrgView org, SObjectType type, Map<String, Object> input, Map<String, Object> values,
            StoredRecord existing) {
        for (Map.Entry<String, Object> entry : input.entrySet()) {
            FieldDefinition field = type.field(entry.getKey()).orElseThrow();
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            checkPicklist(field, value);
            checkLength(field, value);
            checkEmail(field, value);
            if (field.type() == FieldType.REFERENCE) {
                // kept and given back in the canonical 18-character form, as Salesforce does with a 15-character id
                values.put(field.name(), checkReference(org, field, (String) value));
            }
        }
        checkRequired(type, values);
        checkUnique(org, type, values, existing);
    }

    private static void checkPicklist(FieldDefinition field, Object value) {
        if (field.isPicklist() && field.restrictedPicklist() && !field.picklistValues().contains(value)) {
            throw ApiException.onFields("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    field.label() + ": bad value for restricted picklist field: " + value, List.of(field.name()));
        }
    }

    private static void checkLength(FieldDefinition field, Object value) {
        if (value instanceof String text && field.length() > 0 && field.type() != FieldType.REFERENCE
                && text.length() > field.length()) {
            String shown = text.length() > MAX_VALUE_IN_MESSAGE ? text.substring(0, MAX_VALUE_IN_MESSAGE) : text;
            throw ApiException.onFields("STRING_TOO_LONG", field.label() + ": data value too large: " + shown
                    + " (max length=" + field.length() + ")", List.of(field.name()));
        }
    }

    private static void checkEmail(FieldDefinition field, Object value) {
        if (field.type() == FieldType.EMAIL && !EMAIL.matcher((String) value).matches()) {
            throw ApiException.onFields("INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: " + value,
                    List.of(field.name()));
        }
    }

    private static String checkReference(OrgView org, FieldDefinition field, String value) {
        Optional<String> id = SalesforceId.normalize(value);
        if (id.isEmpty()) {
            throw ApiException.onFields("MALFORMED_ID", field.label() + ": id value of incorrect type: " + value,
                    List.of(field.name()));
        }
        Optional<SObjectType> target = org.schema().typeOfId(id.get());
        boolean knownPrefix = target.isPresent() || isUnmodelledTarget(field, id.get());
        if (!knownPrefix || target.isPresent() && !field.referenceTo().contains(target.get().name())) {
            throw ApiException.onFields("FIELD_INTEGRITY_EXCEPTION", field.label() + ": id value of incorrect type: "
                    + value, List.of(field.name()));
        }
        StoredRecord record = org.find(id.get()).orElse(null);
        if (record == null) {
            throw ApiException.onFields("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of());
        }
        if (record.deleted()) {
            throw ApiException.onFields("ENTITY_IS_DELETED", "entity is deleted", List.of());
        }
        return id.get();
    }

    /** A Group id in an owner field: a type the emulator does not model, so no such record exists. */
    private static boolean isUnmodelledTarget(FieldDefinition field, String id) {
        return field.referenceTo().contains("Group") && SalesforceId.keyPrefix(id).equals("00G");
    }

    private static void checkRequired(SObjectType type, Map<String, Object> values) {
        List<String> missing = new ArrayList<>();
        for (FieldDefinition field : type.fields()) {
            if (!field.nillable() && field.type() != FieldType.BOOLEAN && (field.createable() || field.updateable())
                    && values.get(field.name()) == null) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.onFields("REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [" + String.join(", ", missing) + "]", missing);
        }
    }

    private static void checkUnique(OrgView org, SObjectType type, Map<String, Object> values, StoredRecord existing) {
        for (FieldDefinition field : type.fields()) {
            Object value = values.get(field.name());
            if (!field.unique() || value == null) {
                continue;
            }
            Optional<StoredRecord> duplicate = org.withFieldValue(type.name(), field.name(), value).stream()
                    .filter(r -> !r.deleted() && (existing == null || !r.id().equals(existing.id())))
                    .findFirst();
            if (duplicate.isPresent()) {
                throw ApiException.onFields("DUPLICATE_VALUE", "duplicate value found: " + field.name()
                        + " duplicates value on record with id: " + duplicate.get().id(), List.of());
            }
        }
    }

    private void runChecks(OrgView org, StoredRecord record) {
        for (RecordCheck check : checks) {
            check.check(org, record);
        }
    }
}
