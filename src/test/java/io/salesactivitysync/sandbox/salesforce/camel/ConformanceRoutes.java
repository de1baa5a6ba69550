package io.salesactivitysync.sandbox.salesforce.camel;

import org.apache.camel.builder.RouteBuilder;

/** One route per camel-salesforce operation the emulator must serve, each calling the unmodified component. */
class ConformanceRoutes extends RouteBuilder {

    private static final String PACKAGE = "io.salesactivitysync.sandbox.salesforce.camel.";

    @Override
    public void configure() {
        route("create", "salesforce:createSObject?sObjectName=Task");
        route("get", "salesforce:getSObject?sObjectName=Task&sObjectClass=" + PACKAGE + "Task");
        route("update", "salesforce:updateSObject?sObjectName=Task");
        route("delete", "salesforce:deleteSObject?sObjectName=Task");
        route("upsert", "salesforce:upsertSObject?sObjectName=Task&sObjectIdName=Sales_Activity_Id__c");
        route("getByExternalId", "salesforce:getSObjectWithId?sObjectName=Task&sObjectIdName=Sales_Activity_Id__c"
                + "&sObjectClass=" + PACKAGE + "Task");
        route("query", "salesforce:query?sObjectClass=" + PACKAGE + "QueryRecordsTask");
        route("queryMore", "salesforce:queryMore?sObjectClass=" + PACKAGE + "QueryRecordsTask");
        route("queryAll", "salesforce:queryAll?sObjectClass=" + PACKAGE + "QueryRecordsTask");
        route("queryRaw", "salesforce:query?rawPayload=true");
        route("composite", "salesforce:composite");
        route("compositeBatch", "salesforce:composite-batch");
        route("compositeTree", "salesforce:composite-tree");
        route("collectionsCreate", "salesforce:compositeCreateSObjectCollections");
        route("collectionsUpdate", "salesforce:compositeUpdateSObjectCollections");
        route("collectionsUpsert", "salesforce:compositeUpsertSObjectCollections?sObjectName=Task"
                + "&sObjectIdName=Sales_Activity_Id__c");
        route("collectionsRetrieve", "salesforce:compositeRetrieveSObjectCollections?sObjectName=Task"
                + "&sObjectClass=" + PACKAGE + "Task");
        route("collectionsDelete", "salesforce:compositeDeleteSObjectCollections");
        route("limits", "salesforce:limits");
    }

    private void route(String name, String uri) {
        from("direct:" + name).routeId("salesforce-" + name).to(uri);
    }
}
