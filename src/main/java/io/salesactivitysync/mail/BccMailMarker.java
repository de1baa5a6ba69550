package io.salesactivitysync.mail;

import jakarta.mail.Folder;
import org.apache.camel.component.mail.MailBoxPostProcessAction;
import org.springframework.stereotype.Component;

/**
 * The capture consumer's {@code postProcessAction}: camel-mail calls it after each poll's batch
 * went through the route, with the folder still open, and there the capture marks the batch's
 * settled emails in a few commands ({@link BccMailbox#markBatch}).
 */
@Component
public class BccMailMarker implements MailBoxPostProcessAction {

    private final BccMailbox mailbox;

    public BccMailMarker(BccMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public void process(Folder folder) {
        mailbox.markBatch(folder);
    }
}
