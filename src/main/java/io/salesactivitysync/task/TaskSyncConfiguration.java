package io.salesactivitysync.task;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TaskSyncProperties.class)
class TaskSyncConfiguration {
}
