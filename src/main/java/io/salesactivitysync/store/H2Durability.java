package io.salesactivitysync.store;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Makes every commit to an H2 file database survive a killed process. H2 writes a commit to its
 * file up to WRITE_DELAY (500 ms) later, and a SIGKILL (or an OOM killer) in between loses it: the
 * fault drills lost accepted activities that way, and a table made just before the kill. With
 * {@code WRITE_DELAY=0} each commit is in the file (the operating system's cache, which outlives the
 * process) before it returns. An URL that sets WRITE_DELAY itself is left as it is; in-memory
 * databases and PostgreSQL are not touched. (The setting is not kept by the database file: it has
 * to be in the URL of every connection.)
 */
final class H2Durability implements BeanPostProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(H2Durability.class);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties && properties.getUrl() != null) {
            String durable = durable(properties.getUrl());
            if (!durable.equals(properties.getUrl())) {
                LOG.info("H2 file database: commits are written at once (WRITE_DELAY=0 added to spring.datasource.url)");
                properties.setUrl(durable);
            }
        }
        return bean;
    }

    /** The URL with WRITE_DELAY=0 when it is an H2 database on disk that does not set WRITE_DELAY. */
    static String durable(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:mem:") || lower.contains(";write_delay=")
                || lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }
}
