package io.salesactivitysync.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    private static final Map<String, String> FIELDS = Map.of("activity_type", "Call", "activity_subject", "Intro\r\nsecond line",
            "call_outcome", "Connected", "activity_body", "Notes");

    @Test
    void fillsDynamicFieldsAndLeavesUnsetOnesEmpty() {
        assertThat(TemplateRenderer.render("{{activity_type}}: {{ call_outcome }} {{sales_campaign_name}}|", FIELDS))
                .isEqualTo("Call: Connected |");
    }

    @Test
    void aSubjectIsOneLineOfAtMost255Characters() {
        assertThat(TemplateRenderer.subject("{{activity_subject}}", FIELDS)).isEqualTo("Intro second line");
        assertThat(TemplateRenderer.subject("{{activity_subject}}", Map.of("activity_subject",
                "a\u0085b \u000B c\u000Cd\u2028e\u2029f\n\n\tg"))).isEqualTo("a b c d e f g");
        String subject = TemplateRenderer.subject("{{activity_subject}}", Map.of("activity_subject", "x".repeat(300)));
        assertThat(subject).hasSize(255);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "a".repeat(254) + "😀" + "b";
        assertThat(TemplateRenderer.cut(text, 255)).isEqualTo("a".repeat(254));
        assertThat(TemplateRenderer.description("{{activity_body}}", Map.of("activity_body", "y".repeat(40_000))))
                .hasSize(32_000);
    }

    @Test
    void valuesAreTakenLiterallyNotAsRegexReplacements() {
        assertThat(TemplateRenderer.render("{{activity_subject}}", Map.of("activity_subject", "cost $1 \\o/")))
                .isEqualTo("cost $1 \\o/");
    }
}
