package io.salesactivitysync.salesforce;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.internal.SalesforceSession;
import org.springframework.stereotype.Component;

/**
 * The Salesforce user the product logs in as. A rep must never map to it: Tasks owned by the
 * integration user are nobody's activity.
 */
@Component
public class IntegrationUser {

    private final CamelContext camel;

    public IntegrationUser(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * The user id from the identity URL of the current login ({@code .../id/<org>/<user>}), or null
     * before the first login.
     */
    public String id() {
        String[] parts = identity();
        return parts == null ? null : parts[parts.length - 1];
    }

    /** The org's id from the identity URL of the current login, or null before the first login. */
    public String orgId() {
        String[] parts = identity();
        return parts == null || parts.length < 2 ? null : parts[parts.length - 2];
    }

    /** The instance URL of the current login (where the REST API is called), or null before the first login. */
    public String instanceUrl() {
        SalesforceSession session = session();
        return session == null ? null : session.getInstanceUrl();
    }

    private String[] identity() {
        SalesforceSession session = session();
        String identity = session == null ? null : session.getId();
        if (identity == null || identity.isEmpty()) {
            return null;
        }
        String trimmed = identity.endsWith("/") ? identity.substring(0, identity.length() - 1) : identity;
        return trimmed.split("/");
    }

    private SalesforceSession session() {
        SalesforceComponent component = camel.getComponent("salesforce", SalesforceComponent.class);
        return component == null ? null : component.getSession();
    }
}
