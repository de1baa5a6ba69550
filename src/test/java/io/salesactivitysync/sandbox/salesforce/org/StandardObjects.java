package io.salesactivitysync.sandbox.salesforce.org;

import static io.salesactivitysync.sandbox.salesforce.org.FieldType.BOOLEAN;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.COMBOBOX;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.CURRENCY;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.DATE;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.DATETIME;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.DOUBLE;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.EMAIL;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.ID;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.INT;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.PERCENT;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.PHONE;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.PICKLIST;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.REFERENCE;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.STRING;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.TEXTAREA;
import static io.salesactivitysync.sandbox.salesforce.org.FieldType.URL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standard objects the emulator serves, with the subset of their fields that matters to a
 * sales-activity integration, labelled, typed and constrained as in a default Salesforce org.
 */
public final class StandardObjects {

    public static final List<String> TASK_STATUSES =
            List.of("Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred");
    public static final List<String> CLOSED_TASK_STATUSES = List.of("Completed");
    public static final List<String> TASK_PRIORITIES = List.of("High", "Normal", "Low");
    public static final List<String> TASK_SUBTYPES = List.of("Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn");
    public static final List<String> TASK_TYPES = List.of("Call", "Email", "Meeting", "Other");
    public static final List<String> OPPORTUNITY_STAGES = List.of("Prospecting", "Qualification", "Needs Analysis",
            "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
            "Negotiation/Review", "Closed Won", "Closed Lost");
    public static final List<String> ORGANIZATION_TYPES = List.of("Team Edition", "Professional Edition",
            "Enterprise Edition", "Developer Edition", "Personal Edition", "Unlimited Edition", "Contact Manager Edition",
            "Base Edition");
    public static final List<String> LEAD_STATUSES = List.of("Open - Not Contacted", "Working - Contacted",
            "Closed - Converted", "Closed - Not Converted");

    private StandardObjects() {
    }

    /** The standard schema plus the configured custom fields. */
    public static OrgSchema schema(List<CustomField> customFields) {
        return schema(customFields, Map.of());
    }

    /**
     * The standard schema plus the configured custom fields, and values added to standard
     * picklists ({@code Type.Field} to the added values).
     */
    public static OrgSchema schema(List<CustomField> customFields, Map<String, List<String>> picklistValues) {
        List<SObjectType> types = List.of(account(), contact(), lead(), opportunity(), opportunityContactRole(),
                task(), user(), pushTopic(), organization());
        picklistValues.forEach((qualified, added) -> {
            String[] parts = qualified.split("\\.", 2);
            SObjectType type = types.stream().filter(t -> parts.length == 2 && t.name().equalsIgnoreCase(parts[0]))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "picklist-values: " + qualified + " is not Type.Field of a known sObject"));
            FieldDefinition field = type.field(parts[1]).filter(FieldDefinition::isPicklist)
                    .orElseThrow(() -> new IllegalArgumentException("picklist-values: " + qualified + " is no picklist"));
            List<String> values = new ArrayList<>(field.picklistValues());
            added.stream().filter(v -> !values.contains(v)).forEach(values::add);
            type.replaceField(field.toBuilder().picklist(field.restrictedPicklist(), values).build());
        });
        for (CustomField custom : customFields) {
            SObjectType type = types.stream().filter(t -> t.name().equalsIgnoreCase(custom.sObject())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Custom field " + custom.name() + " declared on unknown sObject " + custom.sObject()));
            type.addField(custom.toDefinition());
        }
        return new OrgSchema(types, nameType());
    }

    private static SObjectType task() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("Activity ID"));
        fields.add(ref("WhoId", "Name ID", "Who", "Contact", "Lead"));
        fields.add(ref("WhatId", "Related To ID", "What", "Account", "Opportunity"));
        fields.add(FieldDefinition.builder("Subject", COMBOBOX).label("Subject").length(255)
                .picklist(false, List.of("Call", "Send Letter", "Send Quote", "Other")).length(255).build());
        fields.add(FieldDefinition.builder("ActivityDate", DATE).label("Due Date Only").build());
        fields.add(FieldDefinition.builder("Status", PICKLIST).label("Status").required()
                .picklist(true, TASK_STATUSES).defaulted("Not Started").build());
        fields.add(FieldDefinition.builder("Priority", PICKLIST).label("Priority").required()
                .picklist(true, TASK_PRIORITIES).defaulted("Normal").build());
        fields.add(FieldDefinition.builder("IsHighPriority", BOOLEAN).label("High Priority").readOnly().build());
        fields.add(owner("Assigned To ID", "Group", "User"));
        fields.add(FieldDefinition.builder("Description", TEXTAREA).label("Description").length(32000).build());
        fields.add(FieldDefinition.builder("Type", PICKLIST).label("Type").picklist(true, TASK_TYPES).build());
        fields.add(isDeleted());
        fields.add(FieldDefinition.builder("AccountId", REFERENCE).label("Account ID").reference("Account", "Account")
                .readOnly().build());
        fields.add(FieldDefinition.builder("IsClosed", BOOLEAN).label("Closed").readOnly().build());
        fields.addAll(audit());
        fields.add(FieldDefinition.builder("IsArchived", BOOLEAN).label("Archived").readOnly().build());
        fields.add(FieldDefinition.builder("CallDurationInSeconds", INT).label("Call Duration").build());
        fields.add(FieldDefinition.builder("CallType", PICKLIST).label("Call Type")
                .picklist(true, List.of("Internal", "Inbound", "Outbound")).build());
        fields.add(FieldDefinition.builder("CallDisposition", STRING).label("Call Result").length(255).build());
        fields.add(FieldDefinition.builder("CallObject", STRING).label("Call Object Identifier").length(255).build());
        fields.add(FieldDefinition.builder("ReminderDateTime", DATETIME).label("Reminder Date/Time").build());
        fields.add(FieldDefinition.builder("IsReminderSet", BOOLEAN).label("Reminder Set").build());
        fields.add(FieldDefinition.builder("CompletedDateTime", DATETIME).label("Completed Date/Time").readOnly().build());
        fields.add(FieldDefinition.builder("TaskSubtype", PICKLIST).label("Task Subtype")
                .picklist(true, TASK_SUBTYPES).createOnly().build());
        return new SObjectType("Task", "Task", "Tasks", "00T", true, fields);
    }

    private static SObjectType lead() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("Lead ID"));
        fields.add(isDeleted());
        fields.add(text("LastName", "Last Name", 80).required().build());
        fields.add(text("FirstName", "First Name", 40).build());
        fields.add(text("Name", "Full Name", 121).readOnly().build());
        fields.add(text("Title", "Title", 128).build());
        fields.add(text("Company", "Company", 255).required().build());
        fields.add(FieldDefinition.builder("Email", EMAIL).label("Email").length(80).build());
        fields.add(FieldDefinition.builder("Phone", PHONE).label("Phone").length(40).build());
        fields.add(FieldDefinition.builder("Status", PICKLIST).label("Status").required()
                .picklist(false, LEAD_STATUSES).defaulted("Open - Not Contacted").build());
        fields.add(FieldDefinition.builder("LeadSource", PICKLIST).label("Lead Source")
                .picklist(false, List.of("Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other")).build());
        fields.add(owner("Owner ID", "Group", "User"));
        fields.add(FieldDefinition.builder("IsConverted", BOOLEAN).label("Converted").readOnly().build());
        fields.addAll(audit());
        return new SObjectType("Lead", "Lead", "Leads", "00Q", true, fields);
    }

    private static SObjectType contact() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("Contact ID"));
        fields.add(isDeleted());
        fields.add(ref("AccountId", "Account ID", "Account", "Account"));
        fields.add(text("LastName", "Last Name", 80).required().build());
        fields.add(text("FirstName", "First Name", 40).build());
        fields.add(text("Name", "Full Name", 121).readOnly().build());
        fields.add(text("Title", "Title", 128).build());
        fields.add(FieldDefinition.builder("Email", EMAIL).label("Email").length(80).build());
        fields.add(FieldDefinition.builder("Phone", PHONE).label("Business Phone").length(40).build());
        fields.add(FieldDefinition.builder("MobilePhone", PHONE).label("Mobile Phone").length(40).build());
        fields.add(owner("Owner ID", "User"));
        fields.addAll(audit());
        return new SObjectType("Contact", "Contact", "Contacts", "003", true, fields);
    }

    private static SObjectType account() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("Account ID"));
        fields.add(isDeleted());
        fields.add(text("Name", "Account Name", 255).required().build());
        fields.add(FieldDefinition.builder("Type", PICKLIST).label("Account Type").picklist(false,
                List.of("Prospect", "Customer - Direct", "Customer - Channel", "Partner", "Other")).build());
        fields.add(FieldDefinition.builder("Industry", PICKLIST).label("Industry").picklist(false,
                List.of("Technology", "Manufacturing", "Finance", "Retail", "Other")).build());
        fields.add(FieldDefinition.builder("Website", URL).label("Website").length(255).build());
        fields.add(FieldDefinition.builder("Phone", PHONE).label("Account Phone").length(40).build());
        fields.add(FieldDefinition.builder("Description", TEXTAREA).label("Account Description").length(32000).build());
        fields.add(owner("Owner ID", "User"));
        fields.addAll(audit());
        return new SObjectType("Account", "Account", "Accounts", "001", true, fields);
    }

    private static SObjectType opportunity() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("Opportunity ID"));
        fields.add(isDeleted());
        fields.add(ref("AccountId", "Account ID", "Account", "Account"));
        fields.add(text("Name", "Name", 120).required().build());
        fields.add(FieldDefinition.builder("Description", TEXTAREA).label("Description").length(32000).build());
        fields.add(FieldDefinition.builder("StageName", PICKLIST).label("Stage").required()
                .picklist(false, OPPORTUNITY_STAGES).build());
        fields.add(FieldDefinition.builder("Amount", CURRENCY).label("Amount").build());
        fields.add(FieldDefinition.builder("Probability", PERCENT).label("Probability (%)").build());
        fields.add(FieldDefinition.builder("CloseDate", DATE).label("Close Date").required().build());
        fields.add(FieldDefinition.builder("Type", PICKLIST).label("Opportunity Type")
                .picklist(false, List.of("Existing Business", "New Business")).build());
        fields.add(FieldDefinition.builder("IsClosed", BOOLEAN).label("Closed").readOnly().build());
        fields.add(FieldDefinition.builder("IsWon", BOOLEAN).label("Won").readOnly().build());
        fields.add(owner("Owner ID", "User"));
        fields.addAll(audit());
        return new SObjectType("Opportunity", "Opportunity", "Opportunities", "006", true, fields);
    }

    private static SObjectType opportunityContactRole() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("Opportunity Contact Role ID"));
        fields.add(FieldDefinition.builder("OpportunityId", REFERENCE).label("Opportunity ID")
                .reference("Opportunity", "Opportunity").required().createOnly().build());
        fields.add(FieldDefinition.builder("ContactId", REFERENCE).label("Contact ID")
                .reference("Contact", "Contact").required().build());
        fields.add(FieldDefinition.builder("Role", PICKLIST).label("Role").picklist(false, List.of("Business User",
                "Decision Maker", "Economic Buyer", "Economic Decision Maker", "Evaluator", "Executive Sponsor",
                "Influencer", "Technical Buyer", "Other")).build());
        fields.add(FieldDefinition.builder("IsPrimary", BOOLEAN).label("Primary").build());
        fields.add(isDeleted());
        fields.addAll(audit());
        return new SObjectType("OpportunityContactRole", "Opportunity Contact Role", "Opportunity Contact Roles",
                "00K", true, fields);
    }

    private static SObjectType user() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("User ID"));
        fields.add(text("Username", "Username", 80).required().build().toBuilder().unique(true).build());
        fields.add(text("LastName", "Last Name", 80).required().build());
        fields.add(text("FirstName", "First Name", 40).build());
        fields.add(text("Name", "Full Name", 121).readOnly().build());
        fields.add(FieldDefinition.builder("Email", EMAIL).label("Email").length(128).required().build());
        fields.add(text("Alias", "Alias", 8).required().build());
        fields.add(FieldDefinition.builder("IsActive", BOOLEAN).label("Active").defaulted(Boolean.TRUE).build());
        fields.add(FieldDefinition.builder("TimeZoneSidKey", PICKLIST).label("Time Zone").required()
                .picklist(false, List.of("GMT", "Europe/London", "Europe/Paris", "America/New_York",
                        "America/Los_Angeles", "Asia/Seoul", "Asia/Tokyo")).build());
        fields.add(text("LocaleSidKey", "Locale", 40).required().build());
        fields.add(text("EmailEncodingKey", "Email Encoding", 40).required().build());
        fields.add(text("LanguageLocaleKey", "Language", 40).required().build());
        fields.addAll(audit());
        return new SObjectType("User", "User", "Users", "005", false, fields);
    }

    private static SObjectType pushTopic() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("Push Topic ID"));
        fields.add(text("Name", "Topic Name", 25).required().build().toBuilder().unique(true).build());
        fields.add(text("Query", "SOQL Query", 1300).required().build());
        fields.add(FieldDefinition.builder("ApiVersion", DOUBLE).label("API Version").required().build());
        fields.add(FieldDefinition.builder("IsActive", BOOLEAN).label("Is Active").defaulted(Boolean.TRUE).build());
        fields.add(FieldDefinition.builder("NotifyForFields", PICKLIST).label("Notify For Fields").required()
                .picklist(true, List.of("Select", "Where", "Referenced", "All")).defaulted("Referenced").build());
        // Read-only since API 29.0, derived from NotifyForOperationCreate and NotifyForOperationUpdate.
        fields.add(FieldDefinition.builder("NotifyForOperations", PICKLIST).label("Notify For Operations")
                .required().picklist(true, List.of("Create", "Update", "All", "Extended")).readOnly().build());
        fields.add(bool("NotifyForOperationCreate", "Create", true));
        fields.add(bool("NotifyForOperationUpdate", "Update", true));
        fields.add(bool("NotifyForOperationDelete", "Delete", true));
        fields.add(bool("NotifyForOperationUndelete", "Undelete", true));
        fields.add(text("Description", "Description", 400).build());
        fields.add(isDeleted());
        fields.addAll(audit());
        return new SObjectType("PushTopic", "Push Topic", "Push Topics", "0IF", true, fields);
    }

    /** The org itself, one record, read-only: what the Salesforce CLI reads after a login. */
    private static SObjectType organization() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("Organization ID"));
        fields.add(text("Name", "Name", 80).readOnly().build());
        fields.add(text("InstanceName", "Instance Name", 5).readOnly().build());
        fields.add(FieldDefinition.builder("IsSandbox", BOOLEAN).label("Is Sandbox").readOnly().build());
        fields.add(FieldDefinition.builder("OrganizationType", PICKLIST).label("Edition")
                .picklist(true, ORGANIZATION_TYPES).readOnly().build());
        fields.add(text("NamespacePrefix", "Namespace Prefix", 15).readOnly().build());
        fields.add(FieldDefinition.builder("TrialExpirationDate", DATETIME).label("Trial Expiration Date").readOnly().build());
        fields.add(text("DefaultLocaleSidKey", "Locale", 40).readOnly().build());
        fields.add(text("LanguageLocaleKey", "Language", 40).readOnly().build());
        fields.add(text("TimeZoneSidKey", "Default Time Zone", 40).readOnly().build());
        fields.addAll(audit());
        return new SObjectType("Organization", "Organization", "Organizations", "00D", false, fields);
    }

    /** The pseudo-type behind polymorphic relationships: the fields every target shares. */
    private static SObjectType nameType() {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(id("Name ID"));
        fields.add(text("Name", "Name", 255).readOnly().build());
        fields.add(text("FirstName", "First Name", 40).readOnly().build());
        fields.add(text("LastName", "Last Name", 80).readOnly().build());
        fields.add(FieldDefinition.builder("Email", EMAIL).label("Email").length(80).readOnly().build());
        fields.add(FieldDefinition.builder("Phone", PHONE).label("Phone").length(40).readOnly().build());
        fields.add(text("Title", "Title", 128).readOnly().build());
        fields.add(text("Alias", "Alias", 8).readOnly().build());
        fields.add(text("Username", "Username", 80).readOnly().build());
        fields.add(FieldDefinition.builder("IsActive", BOOLEAN).label("Active").readOnly().build());
        fields.add(FieldDefinition.builder("Type", PICKLIST).label("Type").picklist(false, List.of()).readOnly().build());
        return new SObjectType(OrgSchema.NAME_TYPE, "Name", "Names", "000", false, fields);
    }

    private static FieldDefinition id(String label) {
        return FieldDefinition.builder("Id", ID).label(label).length(18).readOnly().systemDefaulted().build();
    }

    private static FieldDefinition isDeleted() {
        return FieldDefinition.builder("IsDeleted", BOOLEAN).label("Deleted").readOnly().build();
    }

    private static FieldDefinition owner(String label, String... targets) {
        return FieldDefinition.builder("OwnerId", REFERENCE).label(label).reference("Owner", targets)
                .systemDefaulted().build();
    }

    private static FieldDefinition ref(String name, String label, String relationship, String... targets) {
        return FieldDefinition.builder(name, REFERENCE).label(label).reference(relationship, targets).build();
    }

    private static FieldDefinition.Builder text(String name, String label, int length) {
        return FieldDefinition.builder(name, STRING).label(label).length(length);
    }

    private static FieldDefinition bool(String name, String label, boolean defaultValue) {
        return FieldDefinition.builder(name, BOOLEAN).label(label).defaulted(defaultValue).build();
    }

    private static List<FieldDefinition> audit() {
        return List.of(
                FieldDefinition.builder("CreatedDate", DATETIME).label("Created Date").readOnly().systemDefaulted().build(),
                FieldDefinition.builder("CreatedById", REFERENCE).label("Created By ID").reference("CreatedBy", "User")
                        .readOnly().systemDefaulted().build(),
                FieldDefinition.builder("LastModifiedDate", DATETIME).label("Last Modified Date").readOnly()
                        .systemDefaulted().build(),
                FieldDefinition.builder("LastModifiedById", REFERENCE).label("Last Modified By ID")
                        .reference("LastModifiedBy", "User").readOnly().systemDefaulted().build(),
                FieldDefinition.builder("SystemModstamp", DATETIME).label("System Modstamp").readOnly()
                        .systemDefaulted().build());
    }
}
