package io.salesactivitysync.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MissingSettingsFailureAnalyzerTest {

    private final MissingSettingsFailureAnalyzer analyzer = new MissingSettingsFailureAnalyzer();

    @Test
    void describesEachMissingSettingAndHowToSetIt() {
        MissingSettingsException missing = new MissingSettingsException(List.of(
                new MissingSetting("sas.api.token", "not set", null, "export SAS_API_TOKEN=<token>"),
                new MissingSetting("sas.mail.bcc.password", "empty", "sas.mail.bcc.host is set", "export SAS_BCC_PASSWORD=<pw>")));

        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("wrapped", missing));

        assertThat(analysis.getDescription()).isEqualTo("""
                2 required settings are missing:
                    sas.api.token: not set
                    sas.mail.bcc.password: empty; needed because sas.mail.bcc.host is set""");
        assertThat(analysis.getAction()).startsWith("""
                Set each of them and start again (secrets belong in environment variables):

                    export SAS_API_TOKEN=<token>
                    export SAS_BCC_PASSWORD=<pw>
                """);
        assertThat(analysis.getCause()).isSameAs(missing);
    }

    @Test
    void leavesOtherFailuresToOtherAnalyzers() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }
}
