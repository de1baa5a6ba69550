package io.salesactivitysync.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional DKIM/SPF requirement, read from Authentication-Results (RFC 8601). */
class MailAuthenticationTest {

    private static final String OURS_PASS = "mx.example.com; dkim=pass header.d=sandbox.example; spf=pass smtp.mailfrom=sandbox.example";
    private static final String OURS_SPF_ONLY = "mx.example.com; dkim=fail header.d=sandbox.example; spf=pass smtp.mailfrom=x";
    private static final String FORGED = "mx.example.com; dkim=pass header.d=sandbox.example";

    @Test
    void nothingIsRequiredByDefault() {
        assertThat(MailAuthentication.problem(List.of(), "none", List.of())).isNull();
        assertThat(MailAuthentication.problem(List.of(), null, List.of())).isNull();
    }

    @Test
    void dkimMustPassInTheTopmostHeaderWhenNoServerIsNamed() {
        assertThat(MailAuthentication.problem(List.of(OURS_PASS), "dkim", List.of())).isNull();
        assertThat(MailAuthentication.problem(List.of(OURS_SPF_ONLY), "dkim", List.of()))
                .startsWith("the email did not pass DKIM (Authentication-Results: mx.example.com; dkim=fail");
        assertThat(MailAuthentication.problem(List.of(OURS_SPF_ONLY), "dkim-or-spf", List.of())).isNull();
        assertThat(MailAuthentication.problem(List.of(OURS_SPF_ONLY), "spf", List.of())).isNull();
        // a pass written further down (by the sender, or a server on the way) does not count
        assertThat(MailAuthentication.problem(List.of(OURS_SPF_ONLY, FORGED), "dkim", List.of())).isNotNull();
    }

    @Test
    void onlyTheTrustedServersHeadersCount() {
        String theirs = "evil.example; dkim=pass header.d=sandbox.example";
        assertThat(MailAuthentication.problem(List.of(theirs), "dkim", List.of("mx.example.com")))
                .isEqualTo("the email carries no Authentication-Results header from mx.example.com, and the capture"
                        + " requires DKIM to pass (sas.mail.bcc.require-authentication)");
        assertThat(MailAuthentication.problem(List.of(theirs, OURS_PASS), "dkim", List.of("MX.example.com"))).isNull();
    }

    @Test
    void noHeaderAtAllAndAnUnknownSettingAreReasonsToo() {
        assertThat(MailAuthentication.problem(List.of(), "spf", List.of())).contains("carries no Authentication-Results header");
        assertThat(MailAuthentication.problem(List.of(OURS_PASS), "dmarc", List.of()))
                .isEqualTo("sas.mail.bcc.require-authentication is \"dmarc\": it must be none, dkim, spf or dkim-or-spf");
    }
}
