package io.salesactivitysync.mail;

import jakarta.mail.Message;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;

/**
 * The capture's first step: keeps camel-mail's email (the Jakarta Mail message) aside and gives the
 * exchange a plain message instead. camel-mail's message reads all of the email's headers from the
 * server the first time any header of the exchange is asked for, by the capture or by Camel itself
 * (a bean call, the error handler), and a server that cannot describe a broken email (Dovecot:
 * "Failed to load IMAP envelope") would then fail every step and every retry of that email. The
 * capture reads what it needs of the email itself, each part on its own and with a fallback.
 */
@Component
public class BccMailDetach implements Processor {

    static final String MAILBOX_MESSAGE = "sasBccMailboxMessage";

    @Override
    public void process(Exchange exchange) {
        if (exchange.getIn() instanceof MailMessage mail) {
            exchange.setProperty(MAILBOX_MESSAGE, mail.getOriginalMessage());
            exchange.setIn(new DefaultMessage(exchange));
        }
    }

    /** The email of the exchange; null for the exchange of a poll that found none. */
    static Message message(Exchange exchange) {
        return exchange.getProperty(MAILBOX_MESSAGE, Message.class);
    }
}
