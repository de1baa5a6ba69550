package io.salesactivitysync.store;

/**
 * One Salesforce Task of an activity: the record it is logged against (a Lead or Contact, with an
 * Opportunity or without) and the external id the Task is upserted by.
 *
 * @param salesforceTaskId the Task's id once Salesforce accepted it, else null
 */
public record ActivityTask(String externalId, String whoId, String whatId, String salesforceTaskId) {

    public ActivityTask withSalesforceTaskId(String id) {
        return new ActivityTask(externalId, whoId, whatId, id);
    }
}
