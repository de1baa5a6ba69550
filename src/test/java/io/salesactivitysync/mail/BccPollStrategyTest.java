package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A mailbox that keeps refusing the login is one line in the log, not a stack trace per poll. */
@ExtendWith(OutputCaptureExtension.class)
class BccPollStrategyTest {

    @Test
    void aFailingPollIsLoggedOnceWhenItStartsAndOnceWhenItWorksAgain(CapturedOutput output) {
        BccPollStrategy strategy = new BccPollStrategy();
        for (int poll = 0; poll < 20; poll++) {
            assertThat(strategy.rollback(null, null, 0, new AuthenticationFailedException("[AUTHENTICATIONFAILED] Invalid credentials")))
                    .as("no immediate retry: the next poll tries again").isFalse();
        }
        assertThat(strategy.failing()).isEqualTo("login refused by the server: [AUTHENTICATIONFAILED] Invalid credentials");
        strategy.rollback(null, null, 0, new MessagingException("Connection refused"));
        strategy.commit(null, null, 0);

        assertThat(output.getOut().lines().filter(line -> line.contains("The BCC mailbox cannot be read"))).hasSize(2);
        assertThat(output.getOut()).contains("The BCC mailbox can be read again").doesNotContain("\tat ");
        assertThat(strategy.failing()).isNull();
    }
}
