package io.salesactivitysync.task;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.internal.streaming.SubscriptionHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.cometd.client.transport.ClientTransport;
import org.springframework.util.unit.DataSize;

/**
 * The Salesforce component of the task stream ({@code salesforce-stream:subscribe:...}): the
 * connection of camel.component.salesforce.*, with a session of its own. camel-salesforce
 * refuses a streaming consumer on a component with lazy login, and the product's main component
 * logs in lazily so that the product starts while Salesforce is unreachable. This one does not log
 * in when it starts either; it logs in when the stream subscribes, which the watchdog
 * (TaskStreamWatch) starts, and starts again after a failure.
 */
public class TaskStreamComponent extends SalesforceComponent {

    /**
     * The subscriptions, kept here rather than in camel's field: camel starts its helper (a login
     * and a handshake) whenever the component starts, at application start; this one starts with
     * the stream's consumer only.
     */
    private SubscriptionHelper subscriptions;

    /** The largest answer of the streaming endpoint the CometD client reads (sas.tasks.stream-max-response). */
    private final DataSize maxResponse;

    public TaskStreamComponent(DataSize maxResponse) {
        this.maxResponse = maxResponse;
    }

    @Override
    public synchronized SubscriptionHelper getSubscriptionHelper() {
        if (subscriptions == null) {
            subscriptions = new SubscriptionHelper(this);
        }
        return subscriptions;
    }

    /**
     * The route names its channel as Salesforce does ({@code /topic/NAME} for a PushTopic); camel
     * takes a PushTopic by its bare name (and would create one named "/topic/NAME" otherwise).
     */
    @Override
    protected org.apache.camel.Endpoint createEndpoint(String uri, String remaining, java.util.Map<String, Object> parameters)
            throws Exception {
        String topic = "subscribe:/topic/";
        String named = remaining.startsWith(topic) ? "subscribe:" + remaining.substring(topic.length()) : remaining;
        return super.createEndpoint(uri, named, parameters);
    }

    @Override
    protected void doStop() throws Exception {
        if (subscriptions != null) {
            ServiceHelper.stopService(subscriptions);
        }
        super.doStop();
    }

    @Override
    protected void doStart() throws Exception {
        SalesforceComponent main = getCamelContext().getComponent("salesforce", SalesforceComponent.class);
        if (main != null && main != this) {
            setLoginUrl(main.getLoginUrl());
            setInstanceUrl(main.getInstanceUrl());
            setClientId(main.getClientId());
            setClientSecret(main.getClientSecret());
            setUserName(main.getUserName());
            setPassword(main.getPassword());
            setRefreshToken(main.getRefreshToken());
            setKeystore(main.getKeystore());
            setJwtAudience(main.getJwtAudience());
            setAuthenticationType(main.getAuthenticationType());
            if (main.getConfig() != null && main.getConfig().getApiVersion() != null) {
                if (getConfig() == null) {
                    setConfig(new org.apache.camel.component.salesforce.SalesforceEndpointConfig());
                }
                getConfig().setApiVersion(main.getConfig().getApiVersion());
            }
        }
        setLazyLogin(true);
        super.doStart();
        getLoginConfig().setLazyLogin(false);
        // camel's transport options, which replace its own (the network delay) when set: both kept,
        // and CometD's 1 MB limit on an answer raised (a backlog of events comes in one answer)
        Map<String, Object> transport = new HashMap<>();
        transport.put(ClientTransport.MAX_NETWORK_DELAY_OPTION, getConfig().getHttpClient().getTimeout());
        transport.put(ClientTransport.MAX_MESSAGE_SIZE_OPTION, (int) Math.min(Integer.MAX_VALUE, maxResponse.toBytes()));
        setLongPollingTransportProperties(transport);
    }
}
