package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.store.PersonFields;
import io.salesactivitysync.store.PersonType;
import io.salesactivitysync.store.RepFields;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

    static ValidatorFactory factory;
    static InputValidator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = new InputValidator(factory.getValidator());
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void passesValidInputThrough() {
        RepFields rep = new RepFields("a@b.example", "A", "Europe/Berlin", List.of("c@d.example"), "005000000000002AAA");
        assertThat(validator.validate(rep)).isSameAs(rep);
    }

    @Test
    void reportsEveryInvalidFieldSortedByField() {
        RepFields rep = new RepFields("bad", " ", "Mars/Olympus", List.of("ok@d.example", "worse"), "005000000000002AAB");
        assertThatThrownBy(() -> validator.validate(rep)).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.problems()).extracting(FieldProblem::field)
                    .containsExactly("aliases[1]", "email", "name", "salesforceUserId", "timeZone");
            assertThat(e.getMessage()).isEqualTo("5 fields are invalid: aliases[1], email, name, salesforceUserId, timeZone");
        });
    }

    @Test
    void aSingleProblemIsTheMessage() {
        assertThatThrownBy(() -> validator.validate(new RepFields(null, "A", "UTC", null, null)))
                .hasMessage("email must not be blank");
    }

    @Test
    void crossFieldRulesNameTheFieldToFix() {
        PersonFields person = new PersonFields("P", "p@q.example", "003000000000001AAA", PersonType.LEAD, null, null);
        assertThatThrownBy(() -> validator.validate(person)).isInstanceOfSatisfying(BadRequestException.class, e ->
                assertThat(e.problems()).containsExactly(new FieldProblem("salesforceId", "must start with 00Q for a lead")));
    }
}
