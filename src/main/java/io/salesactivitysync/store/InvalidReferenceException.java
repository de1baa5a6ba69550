package io.salesactivitysync.store;

/**
 * A submitted record names another record that does not exist, such as a task for an unknown
 * rep: the request is wrong (400), not the path (404).
 */
public class InvalidReferenceException extends RuntimeException {

    private final String field;
    private final String problem;

    /**
     * @param field   the field of the submitted record, e.g. {@code repId}
     * @param problem what is wrong with it, e.g. "is no rep's id (7)"
     */
    public InvalidReferenceException(String field, String problem) {
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
