package io.salesactivitysync.sandbox.salesforce.camel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;

/**
 * A Task DTO as camel-salesforce's generator writes it: backing fields and accessors carry the
 * Salesforce field names, which the component relies on (null filtering, external-id getters).
 */
//CHECKSTYLE:OFF
public class Task extends AbstractDescribedSObjectBase {

    private String Subject;
    private String Status;
    private String Priority;
    private String WhoId;
    private String WhatId;
    private LocalDate ActivityDate;
    private String Description;
    private String TaskSubtype;
    private Boolean IsClosed;
    private String AccountId;
    private String Sales_Activity_Id__c;

    public Task() {
        getAttributes().setType("Task");
    }

    @Override
    public SObjectDescription description() {
        SObjectDescription description = new SObjectDescription();
        description.setName("Task");
        description.setLabel("Task");
        description.setLabelPlural("Tasks");
        return description;
    }

    @JsonProperty("Subject")
    public String getSubject() {
        return Subject;
    }

    @JsonProperty("Subject")
    public void setSubject(String value) {
        Subject = value;
    }

    @JsonProperty("Status")
    public String getStatus() {
        return Status;
    }

    @JsonProperty("Status")
    public void setStatus(String value) {
        Status = value;
    }

    @JsonProperty("Priority")
    public String getPriority() {
        return Priority;
    }

    @JsonProperty("Priority")
    public void setPriority(String value) {
        Priority = value;
    }

    @JsonProperty("WhoId")
    public String getWhoId() {
        return WhoId;
    }

    @JsonProperty("WhoId")
    public void setWhoId(String value) {
        WhoId = value;
    }

    @JsonProperty("WhatId")
    public String getWhatId() {
        return WhatId;
    }

    @JsonProperty("WhatId")
    public void setWhatId(String value) {
        WhatId = value;
    }

    @JsonProperty("ActivityDate")
    public LocalDate getActivityDate() {
        return ActivityDate;
    }

    @JsonProperty("ActivityDate")
    public void setActivityDate(LocalDate value) {
        ActivityDate = value;
    }

    @JsonProperty("Description")
    public String getDescription() {
        return Description;
    }

    @JsonProperty("Description")
    public void setDescription(String value) {
        Description = value;
    }

    @JsonProperty("TaskSubtype")
    public String getTaskSubtype() {
        return TaskSubtype;
    }

    @JsonProperty("TaskSubtype")
    public void setTaskSubtype(String value) {
        TaskSubtype = value;
    }

    @JsonProperty("IsClosed")
    public Boolean getIsClosed() {
        return IsClosed;
    }

    @JsonProperty("IsClosed")
    public void setIsClosed(Boolean value) {
        IsClosed = value;
    }

    @JsonProperty("AccountId")
    public String getAccountId() {
        return AccountId;
    }

    @JsonProperty("AccountId")
    public void setAccountId(String value) {
        AccountId = value;
    }

    @JsonProperty("Sales_Activity_Id__c")
    public String getSales_Activity_Id__c() {
        return Sales_Activity_Id__c;
    }

    @JsonProperty("Sales_Activity_Id__c")
    public void setSales_Activity_Id__c(String value) {
        Sales_Activity_Id__c = value;
    }
}
//CHECKSTYLE:ON
