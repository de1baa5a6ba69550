package io.salesactivitysync.store.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void acceptsTextWithWellFormedDynamicFields() {
        assertThat(Template.Validator.problemWith("{{activity_subject}}")).isNull();
        assertThat(Template.Validator.problemWith("{{activity_type}}: {{ activity_subject }} ({{sales_campaign_name}}"
                + " day {{sales_campaign_day}}, step {{sales_campaign_step}}) {{call_outcome}} {{call_reason}}")).isNull();
        assertThat(Template.Validator.problemWith("No fields at all }} {")).isNull();
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(Template.Validator.problemWith("  ")).startsWith("must not be blank");
        assertThat(Template.Validator.problemWith("Re: {{activity subject}}")).contains("{{activity subject}}");
        assertThat(Template.Validator.problemWith("Re: {{}}")).contains("invalid dynamic field");
        assertThat(Template.Validator.problemWith("Re: {{1st}}")).contains("invalid dynamic field");
        assertThat(Template.Validator.problemWith("Re: {{activity_subject")).contains("not closed");
        assertThat(Template.Validator.problemWith("{{activity_type}} and {{b")).contains("not closed");
        assertThat(Template.Validator.problemWith("Hi {{ person.name }}")).isEqualTo("has an unknown dynamic field"
                + " {{person.name}}; known fields: activity_type, activity_subject, activity_body, sales_campaign_name,"
                + " sales_campaign_day, sales_campaign_step, call_outcome, call_reason");
    }
}
