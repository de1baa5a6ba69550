package io.salesactivitysync.sandbox.salesforce.org;

import io.salesactivitysync.salesforce.SalesforceId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The records an org starts with: a User record per configured user, and (when enabled) the demo
 * sales data with fixed ids that the product's demo reps and people refer to.
 */
public final class DemoOrg {

    public static final String ACME_ACCOUNT_ID = "001000000000001AAA";
    public static final String GLOBEX_ACCOUNT_ID = "001000000000002AAA";
    public static final String ALICE_CONTACT_ID = "003000000000001AAA";
    public static final String BOB_CONTACT_ID = "003000000000002AAA";
    public static final String CAROL_LEAD_ID = SalesforceId.toLongForm("00Q000000000001");
    public static final String RENEWAL_OPPORTUNITY_ID = "006000000000001AAA";
    public static final String ALICE_RENEWAL_ROLE_ID = SalesforceId.toLongForm("00K000000000001");

    private final OrgSchema schema;
    private final Instant now;
    private final String integrationUserId;
    private final Map<String, StoredRecord> records = new LinkedHashMap<>();

    /** A user the org starts with. */
    public record UserRecord(String id, String username, String firstName, String lastName, String email) {
    }

    private DemoOrg(OrgSchema schema, Instant now, String integrationUserId) {
        this.schema = schema;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.integrationUserId = integrationUserId;
    }

    public static List<StoredRecord> initialRecords(OrgSchema schema, Instant now, String orgId,
            String integrationUserId, List<UserRecord> users, boolean demoData, String repUserId) {
        DemoOrg org = new DemoOrg(schema, now, integrationUserId);
        org.addOrganization(orgId);
        users.forEach(org::addUser);
        if (demoData) {
            org.addSalesData(repUserId);
        }
        return List.copyOf(org.records.values());
    }

    /** A User record for a configured user, as the store needs it when the state file lacks one. */
    public static StoredRecord userRecord(OrgSchema schema, Instant now, String integrationUserId, UserRecord user) {
        DemoOrg org = new DemoOrg(schema, now, integrationUserId);
        org.addUser(user);
        return org.records.get(user.id());
    }

    /** The Organization record, as the store needs it when a state file saved before it existed lacks it. */
    public static StoredRecord organizationRecord(OrgSchema schema, Instant now, String orgId, String integrationUserId) {
        DemoOrg org = new DemoOrg(schema, now, integrationUserId);
        org.addOrganization(orgId);
        return org.records.get(orgId);
    }

    private void addOrganization(String orgId) {
        add("Organization", orgId, null, Map.of("Name", "sales-activity-sync sandbox", "InstanceName", "EMU1",
                "IsSandbox", false, "OrganizationType", "Developer Edition", "DefaultLocaleSidKey", "en_US",
                "LanguageLocaleKey", "en_US", "TimeZoneSidKey", "GMT"));
    }

    private void addUser(UserRecord user) {
        String alias = (user.firstName() == null ? "" : user.firstName().substring(0, 1)) + user.lastName();
        add("User", user.id(), integrationUserId, Map.of(
                "Username", user.username(), "FirstName", nullToEmpty(user.firstName()), "LastName", user.lastName(),
                "Email", user.email(), "Alias", alias.length() > 8 ? alias.substring(0, 8) : alias,
                "IsActive", true, "TimeZoneSidKey", "GMT", "LocaleSidKey", "en_US", "EmailEncodingKey", "UTF-8",
                "LanguageLocaleKey", "en_US"));
    }

    private void addSalesData(String repUserId) {
        String owner = repUserId == null ? integrationUserId : repUserId;
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        add("Account", ACME_ACCOUNT_ID, owner, Map.of("Name", "Acme Corporation", "Industry", "Manufacturing",
                "Type", "Customer - Direct", "Website", "https://acme.example"));
        add("Account", GLOBEX_ACCOUNT_ID, owner, Map.of("Name", "Globex Inc", "Industry", "Technology",
                "Type", "Prospect", "Website", "https://globex.example"));
        add("Contact", ALICE_CONTACT_ID, owner, Map.of("FirstName", "Alice", "LastName", "Buyer",
                "Email", "alice@acme.example", "Title", "Head of Procurement", "AccountId", ACME_ACCOUNT_ID));
        add("Contact", BOB_CONTACT_ID, owner, Map.of("FirstName", "Bob", "LastName", "Chooser",
                "Email", "bob@globex.example", "Title", "CTO", "AccountId", GLOBEX_ACCOUNT_ID));
        add("Lead", CAROL_LEAD_ID, owner, Map.of("FirstName", "Carol", "LastName", "Prospect",
                "Email", "carol@initech.example", "Company", "Initech", "Status", "Working - Contacted"));
        add("Opportunity", RENEWAL_OPPORTUNITY_ID, owner, Map.of("Name", "Acme - Platform Renewal",
                "AccountId", ACME_ACCOUNT_ID, "StageName", "Prospecting", "CloseDate", today.plusDays(30),
                "Amount", 48000.0, "Type", "Existing Business"));
        add("OpportunityContactRole", ALICE_RENEWAL_ROLE_ID, null, Map.of("OpportunityId", RENEWAL_OPPORTUNITY_ID,
                "ContactId", ALICE_CONTACT_ID, "Role", "Decision Maker", "IsPrimary", true));
        addTask(1, owner, Map.of("Subject", "Call Alice about the renewal", "WhoId", ALICE_CONTACT_ID,
                "WhatId", RENEWAL_OPPORTUNITY_ID, "Priority", "High", "ActivityDate", today,
                "TaskSubtype", "Call", "Type", "Call"));
        addTask(2, owner, Map.of("Subject", "Send pricing to Bob", "WhoId", BOB_CONTACT_ID, "Status", "In Progress",
                "ActivityDate", today.plusDays(1), "TaskSubtype", "Task"));
        addTask(3, owner, Map.of("Subject", "Intro email to Carol", "WhoId", CAROL_LEAD_ID, "Status", "Completed",
                "ActivityDate", today.minusDays(1), "TaskSubtype", "Email", "Type", "Email",
                "Description", "Introduced our platform and proposed a call next week."));
        addTask(4, owner, Map.of("Subject", "Prepare renewal proposal", "WhatId", RENEWAL_OPPORTUNITY_ID,
                "ActivityDate", today.plusDays(7), "TaskSubtype", "Task"));
    }

    private void addTask(int number, String owner, Map<String, Object> values) {
        add("Task", SalesforceId.toLongForm(String.format("00T%012d", number)), owner, values);
    }

    private void add(String typeName, String id, String ownerId, Map<String, Object> explicit) {
        SObjectType type = schema.require(typeName);
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDefinition field : type.fields()) {
            values.put(field.name(), field.defaultedOnCreate() ? field.defaultValue() : null);
        }
        values.putAll(explicit);
        values.replaceAll((name, value) -> "".equals(value) ? null : value);
        values.put("Id", id);
        values.put("IsDeleted", false);
        values.put("CreatedDate", now);
        values.put("CreatedById", integrationUserId);
        values.put("LastModifiedDate", now);
        values.put("LastModifiedById", integrationUserId);
        values.put("SystemModstamp", now);
        if (type.field("OwnerId").isPresent()) {
            values.put("OwnerId", ownerId);
        }
        DerivedFields.apply(view(), typeName, values, null, now);
        records.put(id, new StoredRecord(typeName, id, values, null));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private OrgView view() {
        return new OrgView() {
            @Override
            public OrgSchema schema() {
                return schema;
            }

            @Override
            public Optional<StoredRecord> find(String id) {
                return Optional.ofNullable(records.get(id));
            }

            @Override
            public Stream<StoredRecord> records(String type) {
                return new ArrayList<>(records.values()).stream().filter(r -> r.type().equals(type));
            }

            @Override
            public Instant now() {
                return now;
            }
        };
    }
}
