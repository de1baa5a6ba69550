package io.salesactivitysync.sandbox.salesforce.org;

import java.util.List;

/**
 * One field of an sObject as describe reports it and as validation enforces it.
 *
 * @param length            maximum characters for text types, 0 otherwise
 * @param defaultedOnCreate the org fills it in when a create leaves it out
 * @param defaultValue      the picklist value (or boolean) used when a create leaves it out
 * @param referenceTo       sObject types a reference may point at; more than one makes it polymorphic
 * @param relationshipName  e.g. {@code Who} for {@code WhoId}; null for non-references
 */
public record FieldDefinition(
        String name,
        String label,
        FieldType type,
        int length,
        boolean nillable,
        boolean createable,
        boolean updateable,
        boolean defaultedOnCreate,
        Object defaultValue,
        List<String> picklistValues,
        boolean restrictedPicklist,
        List<String> referenceTo,
        String relationshipName,
        boolean externalId,
        boolean unique,
        boolean custom) {

    public FieldDefinition {
        picklistValues = List.copyOf(picklistValues);
        referenceTo = List.copyOf(referenceTo);
    }

    public boolean polymorphic() {
        return referenceTo.size() > 1;
    }

    public boolean isPicklist() {
        return type == FieldType.PICKLIST;
    }

    public static Builder builder(String name, FieldType type) {
        return new Builder(name, type);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(name, type);
        builder.label = label;
        builder.length = length;
        builder.nillable = nillable;
        builder.createable = createable;
        builder.updateable = updateable;
        builder.defaultedOnCreate = defaultedOnCreate;
        builder.defaultValue = defaultValue;
        builder.picklistValues = picklistValues;
        builder.restrictedPicklist = restrictedPicklist;
        builder.referenceTo = referenceTo;
        builder.relationshipName = relationshipName;
        builder.externalId = externalId;
        builder.unique = unique;
        builder.custom = custom;
        return builder;
    }

    /** Fluent construction with Salesforce's usual defaults: nillable, createable, updateable. */
    public static final class Builder {
        private final String name;
        private final FieldType type;
        private String label;
        private int length;
        private boolean nillable = true;
        private boolean createable = true;
        private boolean updateable = true;
        private boolean defaultedOnCreate;
        private Object defaultValue;
        private List<String> picklistValues = List.of();
        private boolean restrictedPicklist;
        private List<String> referenceTo = List.of();
        private String relationshipName;
        private boolean externalId;
        private boolean unique;
        private boolean custom;

        private Builder(String name, FieldType type) {
            this.name = name;
            this.type = type;
            this.label = name;
            this.custom = name.endsWith("__c");
            if (type == FieldType.BOOLEAN) {
                this.nillable = false;
                this.defaultedOnCreate = true;
                this.defaultValue = Boolean.FALSE;
            }
        }

        public Builder label(String value) {
            this.label = value;
            return this;
        }

        public Builder length(int value) {
            this.length = value;
            return this;
        }

        public Builder required() {
            this.nillable = false;
            return this;
        }

        /** Written by the org only (derived or system fields). */
        public Builder readOnly() {
            this.createable = false;
            this.updateable = false;
            return this;
        }

        /** Set on create, never changed afterwards. */
        public Builder createOnly() {
            this.updateable = false;
            return this;
        }

        public Builder defaulted(Object value) {
            this.defaultedOnCreate = true;
            this.defaultValue = value;
            return this;
        }

        /** Not nillable, filled in by the org when a create leaves it out (system and owner fields). */
        public Builder systemDefaulted() {
            this.nillable = false;
            this.defaultedOnCreate = true;
            return this;
        }

        public Builder picklist(boolean restricted, List<String> values) {
            this.picklistValues = values;
            this.restrictedPicklist = restricted;
            this.length = Math.max(length, 255);
            return this;
        }

        public Builder reference(String relationship, String... targets) {
            this.relationshipName = relationship;
            this.referenceTo = List.of(targets);
            this.length = 18;
            return this;
        }

        public Builder externalId(boolean value) {
            this.externalId = value;
            return this;
        }

        public Builder unique(boolean value) {
            this.unique = value;
            return this;
        }

        public Builder nillable(boolean value) {
            this.nillable = value;
            return this;
        }

        public Builder createable(boolean value) {
            this.createable = value;
            return this;
        }

        public Builder updateable(boolean value) {
            this.updateable = value;
            return this;
        }

        public FieldDefinition build() {
            return new FieldDefinition(name, label, type, length, nillable, createable, updateable,
                    defaultedOnCreate, defaultValue, picklistValues, restrictedPicklist, referenceTo,
                    relationshipName, externalId, unique, custom);
        }
    }
}
