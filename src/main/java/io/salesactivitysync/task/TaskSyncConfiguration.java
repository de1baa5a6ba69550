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

    /**
     * Spring Boot hands the DataSource to the Quartz scheduler through a customizer, which leaves
     * no bean dependency between them: on a clustered JDBC job store the scheduler's cluster
     * check-in could then run after the connection pool closed. The scheduler is made to depend on
     * the DataSource, so that it stops first.
     */
    @Bean
    static org.springframework.beans.factory.config.BeanFactoryPostProcessor quartzSchedulerStopsBeforeTheDataSource() {
        return beanFactory -> {
            if (beanFactory.containsBeanDefinition("quartzScheduler") && beanFactory.containsBeanDefinition("dataSource")) {
                var scheduler = beanFactory.getBeanDefinition("quartzScheduler");
                String[] dependsOn = scheduler.getDependsOn();
                String[] extended = dependsOn == null ? new String[1] : java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
                extended[extended.length - 1] = "dataSource";
                scheduler.setDependsOn(extended);
            }
        };
    }

    /** The component of routes/task-inbound.camel.yaml's subscription (see {@link TaskStreamComponent}). */
    @Bean("salesforce-stream")
    TaskStreamComponent salesforceStream(TaskSyncProperties properties) {
        return new TaskStreamComponent(properties.streamMaxResponse());
    }
}
