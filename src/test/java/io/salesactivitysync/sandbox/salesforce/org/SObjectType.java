package io.salesactivitysync.sandbox.salesforce.org;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One sObject type: its name, key prefix, fields (in describe order) and child relationships. */
public final class SObjectType {

    private final String name;
    private final String label;
    private final String labelPlural;
    private final String keyPrefix;
    private final boolean deletable;
    private final Map<String, FieldDefinition> fieldsInOrder = new LinkedHashMap<>();
    private final Map<String, FieldDefinition> fieldsByName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<ChildRelationship> childRelationships = new ArrayList<>();

    public SObjectType(String name, String label, String labelPlural, String keyPrefix, boolean deletable,
            Collection<FieldDefinition> fields) {
        this.name = name;
        this.label = label;
        this.labelPlural = labelPlural;
        this.keyPrefix = keyPrefix;
        this.deletable = deletable;
        fields.forEach(this::addField);
    }

    void addField(FieldDefinition field) {
        if (fieldsByName.containsKey(field.name())) {
            throw new IllegalArgumentException("Field " + name + "." + field.name() + " is declared twice");
        }
        fieldsInOrder.put(field.name(), field);
        fieldsByName.put(field.name(), field);
    }

    /** Replaces a field's definition, keeping its place (e.g. a picklist with values added). */
    void replaceField(FieldDefinition field) {
        if (!fieldsByName.containsKey(field.name())) {
            throw new IllegalArgumentException("Field " + name + "." + field.name() + " does not exist");
        }
        fieldsInOrder.put(field.name(), field);
        fieldsByName.put(field.name(), field);
    }

    void addChildRelationship(ChildRelationship relationship) {
        childRelationships.add(relationship);
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String labelPlural() {
        return labelPlural;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public boolean deletable() {
        return deletable;
    }

    /** Whether records can be created or updated at all ({@code Organization}, for one, cannot). */
    public boolean writable() {
        return fieldsInOrder.values().stream().anyMatch(f -> f.createable() || f.updateable());
    }

    public Collection<FieldDefinition> fields() {
        return Collections.unmodifiableCollection(fieldsInOrder.values());
    }

    /** Case-insensitive, as Salesforce resolves field names. */
    public Optional<FieldDefinition> field(String fieldName) {
        return Optional.ofNullable(fieldsByName.get(fieldName));
    }

    /** The reference field whose relationship name this is, e.g. {@code Who} gives {@code WhoId}. */
    public Optional<FieldDefinition> relationship(String relationshipName) {
        return fieldsInOrder.values().stream()
                .filter(f -> f.relationshipName() != null && f.relationshipName().equalsIgnoreCase(relationshipName))
                .findFirst();
    }

    public List<ChildRelationship> childRelationships() {
        return Collections.unmodifiableList(childRelationships);
    }

    public Optional<ChildRelationship> childRelationship(String relationshipName) {
        return childRelationships.stream()
                .filter(r -> r.relationshipName().equalsIgnoreCase(relationshipName))
                .findFirst();
    }
}
