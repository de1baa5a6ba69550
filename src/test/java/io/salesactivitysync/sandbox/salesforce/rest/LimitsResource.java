package io.salesactivitysync.sandbox.salesforce.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salesactivitysync.sandbox.salesforce.admin.ApiUsage;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code limits/}: the org's limits as a Developer Edition org reports them, DailyApiRequests from real usage. */
final class LimitsResource {

    private static final Map<String, Integer> STATIC_LIMITS = new LinkedHashMap<>();

    static {
        STATIC_LIMITS.put("ConcurrentAsyncGetReportInstances", 200);
        STATIC_LIMITS.put("ConcurrentSyncReportRuns", 20);
        STATIC_LIMITS.put("DailyAsyncApexExecutions", 250000);
        STATIC_LIMITS.put("DailyBulkApiRequests", 5000);
        STATIC_LIMITS.put("DailyDurableGenericStreamingApiEvents", 10000);
        STATIC_LIMITS.put("DailyDurableStreamingApiEvents", 10000);
        STATIC_LIMITS.put("DailyGenericStreamingApiEvents", 10000);
        STATIC_LIMITS.put("DailyStreamingApiEvents", 10000);
        STATIC_LIMITS.put("DailyWorkflowEmails", 390);
        STATIC_LIMITS.put("DataStorageMB", 5);
        STATIC_LIMITS.put("DurableStreamingApiConcurrentClients", 20);
        STATIC_LIMITS.put("FileStorageMB", 20);
        STATIC_LIMITS.put("HourlyAsyncReportRuns", 1200);
        STATIC_LIMITS.put("HourlyDashboardRefreshes", 200);
        STATIC_LIMITS.put("HourlyDashboardResults", 5000);
        STATIC_LIMITS.put("HourlyDashboardStatuses", 999999999);
        STATIC_LIMITS.put("HourlyODataCallout", 10000);
        STATIC_LIMITS.put("HourlySyncReportRuns", 500);
        STATIC_LIMITS.put("HourlyTimeBasedWorkflow", 50);
        STATIC_LIMITS.put("MassEmail", 10);
        STATIC_LIMITS.put("SingleEmail", 15);
        STATIC_LIMITS.put("StreamingApiConcurrentClients", 20);
    }

    private final ApiUsage usage;

    LimitsResource(ApiUsage usage) {
        this.usage = usage;
    }

    RestResponse limits() {
        ObjectNode body = JsonValues.object();
        STATIC_LIMITS.forEach((name, max) -> {
            if (name.equals("DailyAsyncApexExecutions")) {
                limit(body, "DailyApiRequests", usage.dailyLimit(), usage.dailyLimit() - usage.used());
            }
            limit(body, name, max, max);
        });
        return RestResponse.ok(body);
    }

    private static void limit(ObjectNode body, String name, int max, int remaining) {
        ObjectNode limit = body.putObject(name);
        limit.put("Max", max);
        limit.put("Remaining", Math.max(0, remaining));
    }
}
