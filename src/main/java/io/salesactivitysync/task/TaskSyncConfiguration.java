package io.salesactivitysync.task;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TaskSyncProperties.class)
class TaskSyncConfiguration {

    /**
     * The stream events seen lately (channel:replayId), so that one event handed to the route twice
     * in a row is applied once without a database round trip; the checkpoint is the guard that lasts.
     */
    @Bean("taskEventsSeen")
    org.apache.camel.spi.IdempotentRepository taskEventsSeen() {
        return org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
    }

    /** The component of routes/task-inbound.camel.yaml's subscription (see {@link TaskStreamComponent}). */
    @Bean("salesforce-stream")
    TaskStreamComponent salesforceStream() {
        return new TaskStreamComponent();
    }
}
