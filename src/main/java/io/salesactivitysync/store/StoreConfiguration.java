package io.salesactivitysync.store;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    /** The clock the stores stamp records with; tests may replace it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** WRITE_DELAY=0 on H2 file databases, so that a killed process loses no commit (see the class). */
    @Bean
    static H2Durability h2Durability() {
        return new H2Durability();
    }
}
