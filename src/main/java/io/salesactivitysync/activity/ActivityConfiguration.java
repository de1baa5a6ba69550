package io.salesactivitysync.activity;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivityLoggingProperties.class)
class ActivityConfiguration {
}
