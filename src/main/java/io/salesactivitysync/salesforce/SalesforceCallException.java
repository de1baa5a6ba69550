package io.salesactivitysync.salesforce;

/** Salesforce answered a request (or a subrequest of a composite one) with an error. */
public class SalesforceCallException extends RuntimeException {

    private final transient SalesforceProblem problem;

    public SalesforceCallException(String what, SalesforceProblem problem) {
        super(what + ": " + problem.describe());
        this.problem = problem;
    }

    public SalesforceProblem problem() {
        return problem;
    }
}
