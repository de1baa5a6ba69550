package io.salesactivitysync.sandbox.salesforce.org;

import io.salesactivitysync.salesforce.SalesforceId;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The org's sObject types. Also holds {@code Name}, the pseudo-type Salesforce uses for
 * polymorphic relationships ({@code Task.Who}, {@code Task.What}, {@code Task.Owner}).
 */
public final class OrgSchema {

    /** The pseudo-type of polymorphic relationships. */
    public static final String NAME_TYPE = "Name";

    private final Map<String, SObjectType> typesInOrder = new LinkedHashMap<>();
    private final Map<String, SObjectType> typesByName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, SObjectType> typesByPrefix = new TreeMap<>();
    private final SObjectType nameType;

    OrgSchema(List<SObjectType> types, SObjectType nameType) {
        for (SObjectType type : types) {
            typesInOrder.put(type.name(), type);
            typesByName.put(type.name(), type);
            typesByPrefix.put(type.keyPrefix(), type);
        }
        this.nameType = nameType;
        linkChildRelationships();
    }

    private void linkChildRelationships() {
        for (SObjectType child : typesInOrder.values()) {
            for (FieldDefinition field : child.fields()) {
                String plural = childRelationshipName(child, field);
                if (plural == null) {
                    continue;
                }
                for (String parentName : field.referenceTo()) {
                    SObjectType parent = typesByName.get(parentName);
                    if (parent != null) {
                        // every modelled child relationship cascades, as Salesforce's do: an Account takes its
                        // contacts, opportunities and activities with it, a Contact its tasks and roles
                        parent.addChildRelationship(new ChildRelationship(child.name(), field.name(), plural, true));
                    }
                }
            }
        }
    }

    /** Salesforce's child relationship names for the lookups we model (Account.Contacts, Contact.Tasks...). */
    private static String childRelationshipName(SObjectType child, FieldDefinition field) {
        if (field.type() != FieldType.REFERENCE || field.name().equals("CreatedById")
                || field.name().equals("LastModifiedById") || field.name().equals("OwnerId")) {
            return null;
        }
        if (child.name().equals("Task")) {
            return field.name().equals("AccountId") ? null : "Tasks";
        }
        return child.labelPlural().replace(" ", "");
    }

    public Collection<SObjectType> types() {
        return Collections.unmodifiableCollection(typesInOrder.values());
    }

    public Optional<SObjectType> type(String name) {
        return Optional.ofNullable(typesByName.get(name));
    }

    public SObjectType require(String name) {
        return type(name).orElseThrow(() -> new IllegalArgumentException("Unknown sObject " + name));
    }

    public Optional<SObjectType> typeOfId(String id) {
        return Optional.ofNullable(typesByPrefix.get(SalesforceId.keyPrefix(id)));
    }

    /** The type a relationship leads to: the target type, or {@code Name} when polymorphic. */
    public SObjectType relationshipTarget(FieldDefinition reference) {
        return reference.polymorphic() ? nameType : require(reference.referenceTo().get(0));
    }

    public SObjectType nameType() {
        return nameType;
    }
}
