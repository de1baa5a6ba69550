package io.salesactivitysync.sandbox.salesforce.org;

import java.util.List;

/**
 * A custom field declared in configuration.
 *
 * @param sObject        e.g. {@code Task}
 * @param name           must end with {@code __c}
 * @param type           a describe type name: string (when left out), textarea, boolean, date, datetime,
 *                       double, currency, percent, int, email, phone, url, picklist
 * @param length         for text types (default 255)
 * @param externalId     usable for upsert ({@code PATCH sobjects/X/Field/value})
 * @param unique         a second record with the same value is refused ({@code DUPLICATE_VALUE})
 * @param picklistValues for picklists
 * @param restricted     for picklists: other values are refused
 */
public record CustomField(
        String sObject,
        String name,
        String type,
        String label,
        int length,
        boolean externalId,
        boolean unique,
        List<String> picklistValues,
        boolean restricted) {

    public CustomField {
        if (name == null || !name.endsWith("__c") || !name.matches("[A-Za-z][A-Za-z0-9_]*__c")) {
            throw new IllegalArgumentException("A custom field name must be letters, digits and _ ending with __c: " + name);
        }
        type = type == null ? "string" : type;
        picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
    }

    public static CustomField text(String sObject, String name, int length) {
        return new CustomField(sObject, name, "string", null, length, false, false, List.of(), false);
    }

    FieldDefinition toDefinition() {
        FieldType fieldType = FieldType.fromConfigName(type);
        if (fieldType == FieldType.ID || fieldType == FieldType.REFERENCE || fieldType == FieldType.COMBOBOX) {
            throw new IllegalArgumentException("Custom field " + sObject + "." + name + " cannot be of type " + type);
        }
        String fieldLabel = label != null ? label : name.substring(0, name.length() - 3).replace('_', ' ');
        FieldDefinition.Builder builder = FieldDefinition.builder(name, fieldType).label(fieldLabel)
                .externalId(externalId).unique(unique);
        if (fieldType == FieldType.PICKLIST) {
            builder.picklist(restricted, picklistValues);
        } else if (fieldType.isText()) {
            builder.length(length > 0 ? length : fieldType == FieldType.TEXTAREA ? 32768 : 255);
        }
        return builder.build();
    }
}
