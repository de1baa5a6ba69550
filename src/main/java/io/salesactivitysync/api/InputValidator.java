package io.salesactivitysync.api;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks a request record against its Bean Validation constraints and answers with every problem
 * at once, one {@link FieldProblem} per field, so a client can fix a form in one round trip.
 */
@Component
public class InputValidator {

    private final Validator validator;

    public InputValidator(Validator validator) {
        this.validator = validator;
    }

    /** Returns the input unchanged when it is valid. */
    public <T> T validate(T input) {
        List<FieldProblem> problems = validator.validate(input).stream()
                .map(violation -> new FieldProblem(field(violation), violation.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        if (problems.isEmpty()) {
            return input;
        }
        String summary = problems.size() == 1
                ? problems.get(0).field() + " " + problems.get(0).message()
                : problems.size() + " fields are invalid: " + String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList());
        throw new BadRequestException(summary, problems);
    }

    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }
}
