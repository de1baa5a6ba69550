package io.salesactivitysync.store;

/**
 * A value that must be unique is already taken, such as a second rep with the same address.
 *
 * @see #field()
 */
public class DuplicateValueException extends RuntimeException {

    private final String field;
    private final String problem;

    /**
     * @param field   the field of the submitted record that holds the value, e.g. {@code email}
     *                or {@code aliases[1]}
     * @param problem what is wrong with it, e.g. "is already used by rep 3"
     */
    public DuplicateValueException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
