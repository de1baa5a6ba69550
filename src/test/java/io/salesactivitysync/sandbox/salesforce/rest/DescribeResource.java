package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.org.ChildRelationship;
import io.salesactivitysync.sandbox.salesforce.org.FieldDefinition;
import io.salesactivitysync.sandbox.salesforce.org.FieldLevelSecurity;
import io.salesactivitysync.sandbox.salesforce.org.FieldType;
import io.salesactivitysync.sandbox.salesforce.org.OrgSchema;
import io.salesactivitysync.sandbox.salesforce.org.SObjectType;

/**
 * {@code sobjects} (describe global), {@code sobjects/X} (basic information) and
 * {@code sobjects/X/describe}, with field-level security applied for the caller.
 */
final class DescribeResource {

    private final OrgSchema schema;
    private final FieldLevelSecurity fieldLevelSecurity;

    DescribeResource(OrgSchema schema, FieldLevelSecurity fieldLevelSecurity) {
        this.schema = schema;
        this.fieldLevelSecurity = fieldLevelSecurity;
    }

    RestResponse global(RestRequest request) {
        ObjectNode body = JsonValues.object();
        body.put("encoding", "UTF-8");
        body.put("maxBatchSize", 200);
        ArrayNode sobjects = body.putArray("sobjects");
        schema.types().forEach(type -> sobjects.add(summary(request, type)));
        return RestResponse.ok(body);
    }

    RestResponse basicInfo(RestRequest request, SObjectType type) {
        ObjectNode body = JsonValues.object();
        body.set("objectDescribe", summary(request, type));
        body.putArray("recentItems");
        return RestResponse.ok(body);
    }

    RestResponse describe(RestRequest request, SObjectType type) {
        ObjectNode body = summary(request, type);
        ArrayNode children = body.putArray("childRelationships");
        for (ChildRelationship child : type.childRelationships()) {
            ObjectNode node = children.addObject();
            node.put("cascadeDelete", child.cascadeDelete());
            node.put("childSObject", child.childSObject());
            node.put("deprecatedAndHidden", false);
            node.put("field", child.field());
            node.putArray("junctionIdListNames");
            node.putArray("junctionReferenceTo");
            node.put("relationshipName", child.relationshipName());
            node.put("restrictedDelete", false);
        }
        ArrayNode fields = body.putArray("fields");
        type.fields().forEach(field -> fields.add(field(request, type, field)));
        body.putArray("recordTypeInfos");
        return RestResponse.ok(body);
    }

    private ObjectNode summary(RestRequest request, SObjectType type) {
        ObjectNode node = JsonValues.object();
        node.put("activateable", false);
        node.put("createable", type.writable());
        node.put("custom", false);
        node.put("customSetting", false);
        node.put("deletable", type.deletable());
        node.put("deprecatedAndHidden", false);
        node.put("feedEnabled", false);
        node.put("keyPrefix", type.keyPrefix());
        node.put("label", type.label());
        node.put("labelPlural", type.labelPlural());
        node.put("layoutable", true);
        node.put("mergeable", type.name().equals("Account") || type.name().equals("Contact") || type.name().equals("Lead"));
        node.put("name", type.name());
        node.put("queryable", true);
        node.put("replicateable", true);
        node.put("retrieveable", true);
        node.put("searchable", true);
        node.put("triggerable", true);
        node.put("undeletable", type.deletable());
        node.put("updateable", type.writable());
        ObjectNode urls = node.putObject("urls");
        String base = "/services/data/v" + request.apiVersion() + "/sobjects/" + type.name();
        urls.put("sobject", base);
        urls.put("describe", base + "/describe");
        urls.put("rowTemplate", base + "/{ID}");
        return node;
    }

    private ObjectNode field(RestRequest request, SObjectType type, FieldDefinition field) {
        boolean editable = fieldLevelSecurity.canEdit(request.userId(), type.name(), field.name());
        FieldType fieldType = field.type();
        ObjectNode node = JsonValues.object();
        node.put("aggregatable", fieldType != FieldType.TEXTAREA && fieldType != FieldType.BOOLEAN);
        node.put("autoNumber", false);
        node.put("byteLength", fieldType.isText() ? field.length() * 3 : 0);
        node.put("calculated", false);
        node.putNull("calculatedFormula");
        node.put("cascadeDelete", false);
        node.put("caseSensitive", false);
        node.putNull("controllerName");
        node.put("createable", field.createable() && editable);
        node.put("custom", field.custom());
        node.set("defaultValue", field.defaultValue() == null ? null : JsonValues.value(field.defaultValue()));
        node.putNull("defaultValueFormula");
        node.put("defaultedOnCreate", field.defaultedOnCreate());
        node.put("dependentPicklist", false);
        node.put("deprecatedAndHidden", false);
        node.put("digits", fieldType == FieldType.INT ? 9 : 0);
        node.put("externalId", field.externalId());
        node.put("filterable", !(fieldType == FieldType.TEXTAREA && field.length() > 255));
        node.put("groupable", fieldType != FieldType.TEXTAREA && fieldType != FieldType.DOUBLE
                && fieldType != FieldType.CURRENCY && fieldType != FieldType.PERCENT && fieldType != FieldType.DATETIME);
        node.put("htmlFormatted", false);
        node.put("idLookup", field.name().equals("Id") || field.externalId() || field.name().equals("Email")
                || field.name().equals("Username"));
        node.putNull("inlineHelpText");
        node.put("label", field.label());
        node.put("length", fieldType.isText() ? field.length() : 0);
        node.put("name", field.name());
        node.put("nameField", field.name().equals("Name") || type.name().equals("Task") && field.name().equals("Subject"));
        node.put("namePointing", field.polymorphic());
        node.put("nillable", field.nillable());
        node.put("permissionable", field.nillable() && field.createable());
        ArrayNode picklist = node.putArray("picklistValues");
        for (String value : field.picklistValues()) {
            ObjectNode entry = picklist.addObject();
            entry.put("active", true);
            entry.put("defaultValue", value.equals(field.defaultValue()));
            entry.put("label", value);
            entry.putNull("validFor");
            entry.put("value", value);
        }
        node.put("polymorphicForeignKey", field.polymorphic());
        node.put("precision", fieldType == FieldType.CURRENCY || fieldType == FieldType.DOUBLE ? 18 : 0);
        ArrayNode referenceTo = node.putArray("referenceTo");
        field.referenceTo().forEach(referenceTo::add);
        node.put("relationshipName", field.relationshipName());
        node.putNull("relationshipOrder");
        node.put("restrictedDelete", false);
        node.put("restrictedPicklist", field.restrictedPicklist());
        node.put("scale", fieldType == FieldType.CURRENCY || fieldType == FieldType.DOUBLE ? 2 : 0);
        node.put("soapType", fieldType.soapType());
        node.put("sortable", !(fieldType == FieldType.TEXTAREA && field.length() > 255));
        node.put("type", fieldType.describeName());
        node.put("unique", field.unique());
        node.put("updateable", field.updateable() && editable);
        node.put("writeRequiresMasterRead", false);
        return node;
    }
}
