package io.salesactivitysync.api;

import java.util.List;

/** The request cannot be processed as sent: malformed JSON, invalid fields, bad paging parameters. */
public class BadRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public BadRequestException(String message) {
        this(message, List.of());
    }

    public BadRequestException(String message, List<FieldProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public static BadRequestException forField(String field, String problem) {
        return new BadRequestException(field + " " + problem, List.of(new FieldProblem(field, problem)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
