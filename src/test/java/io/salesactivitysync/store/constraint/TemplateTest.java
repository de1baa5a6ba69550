package io.salesactivitysync.store.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void acceptsTextWithWellFormedDynamicFields() {
        assertThat(Template.Validator.problemWith("{{activity_subject}}")).isNull();
        assertThat(Template.Validator.problemWith("Email: {{activity_subject}} to {{ person.name }}")).isNull();
        assertThat(Template.Validator.problemWith("No fields at all }} {")).isNull();
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(Template.Validator.problemWith("  ")).startsWith("must not be blank");
        assertThat(Template.Validator.problemWith("Re: {{activity subject}}")).contains("{{activity subject}}");
        assertThat(Template.Validator.problemWith("Re: {{}}")).contains("invalid dynamic field");
        assertThat(Template.Validator.problemWith("Re: {{1st}}")).contains("invalid dynamic field");
        assertThat(Template.Validator.problemWith("Re: {{activity_subject")).contains("not closed");
        assertThat(Template.Validator.problemWith("{{a}} and {{b")).contains("not closed");
    }
}
