package io.salesactivitysync.mail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.camel.Exchange;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * camel-mail warns, with the whole exchange and a stack trace, for every email it leaves
 * unmarked. The BCC capture leaves an email unmarked on purpose while its activities wait for
 * Salesforce ({@link EmailPendingException}): that warning, and only that one, is dropped. Every
 * other warning of camel-mail's consumer (a failed poll, a failed mark) is logged as usual.
 * Logback is Spring Boot's logging system; with another one this filter does nothing.
 */
@Component
public class PendingEmailLogFilter extends TurboFilter implements InitializingBean, DisposableBean {

    static final String MAIL_CONSUMER = "org.apache.camel.component.mail.MailConsumer";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || !MAIL_CONSUMER.equals(logger.getName()) || params == null) {
            return FilterReply.NEUTRAL;
        }
        for (Object param : params) {
            if (param instanceof EmailPendingException
                    || param instanceof Exchange exchange && exchange.getException() instanceof EmailPendingException) {
                return FilterReply.DENY;
            }
        }
        return t instanceof EmailPendingException ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    @Override
    public void afterPropertiesSet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            setName("bcc-pending-email");
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public void destroy() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
    }
}
