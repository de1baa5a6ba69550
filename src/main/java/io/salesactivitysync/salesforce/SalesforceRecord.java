package io.salesactivitysync.salesforce;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;

/**
 * A record to write through camel-salesforce's sObject Collections operations, with its fields by
 * API name. The product maps fields from configuration, so it has no generated DTO per object:
 * the fields travel in a map and are written as they are (null included).
 */
public class SalesforceRecord extends AbstractDescribedSObjectBase {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public SalesforceRecord(String sObjectType) {
        getAttributes().setType(sObjectType);
    }

    public SalesforceRecord put(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public SalesforceRecord remove(String field) {
        fields.remove(field);
        return this;
    }

    public Object get(String field) {
        return fields.get(field);
    }

    public String type() {
        return getAttributes().getType();
    }

    @JsonAnyGetter
    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public SObjectDescription description() {
        SObjectDescription description = new SObjectDescription();
        description.setName(type());
        return description;
    }
}
