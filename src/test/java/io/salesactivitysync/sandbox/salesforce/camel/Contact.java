package io.salesactivitysync.sandbox.salesforce.camel;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;

/** A Contact DTO; backing fields carry the Salesforce names, as camel-salesforce requires. */
//CHECKSTYLE:OFF
public class Contact extends AbstractDescribedSObjectBase {

    private String LastName;
    private String Email;
    private String AccountId;

    public Contact() {
        getAttributes().setType("Contact");
    }

    public static Contact named(String lastName, String email) {
        Contact contact = new Contact();
        contact.setLastName(lastName);
        contact.setEmail(email);
        return contact;
    }

    @Override
    public SObjectDescription description() {
        SObjectDescription description = new SObjectDescription();
        description.setName("Contact");
        description.setLabel("Contact");
        description.setLabelPlural("Contacts");
        return description;
    }

    @JsonProperty("LastName")
    public String getLastName() {
        return LastName;
    }

    @JsonProperty("LastName")
    public void setLastName(String value) {
        LastName = value;
    }

    @JsonProperty("Email")
    public String getEmail() {
        return Email;
    }

    @JsonProperty("Email")
    public void setEmail(String value) {
        Email = value;
    }

    @JsonProperty("AccountId")
    public String getAccountId() {
        return AccountId;
    }

    @JsonProperty("AccountId")
    public void setAccountId(String value) {
        AccountId = value;
    }
}
